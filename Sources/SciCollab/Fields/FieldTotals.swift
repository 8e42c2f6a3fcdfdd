/// Each country's outputs per field of a scheme over every year (`Schemas/022_field_totals.sql`): `N_X(f)`, `Σ f_X(p)`
/// over the country's works in the field, and the country's works with a field in the scheme, so that the breakdown
/// of a pair (`fields --pair A B`) reads its sides' outputs instead of joining every work of both sides with its
/// fields; only the joint works are read per call.
///
/// Kept per scheme and data generation, as the totals of `KeptTotals.swift` are, and refused in the same cases
/// (merged regions, groups, institutions, a citation source other than the precedence, an open transaction, a store
/// that cannot be written) and over a period: the sums are over every year, taken in work order as the breakdown
/// takes them, so that they are its sums to the last bit.
extension Store {
    /// The prefix of the `store_state` counter of each scheme's totals (`field_totals_generation auto`).
    static let fieldTotalsCounter = "field_totals_generation "

    /// Whether the breakdown of a pair over `scope` in `scheme` can read the kept totals, computed now when they are
    /// older than the data. `areas`: the `auto` areas table (`automaticAreasTable()`), for that scheme.
    /// - Complexity: one pass over the country rows of every work with a field in the scheme the first time after a
    ///   change; then one lookup.
    func keptFieldTotals(scheme: String, areas: String?, for scope: AnalysisScope) throws -> Bool {
        try keptTotals(named: Self.fieldTotalsCounter + scheme, for: scope, ranked: true) {
            try fillFieldTotals(scheme: scheme, areas: areas)
        }
    }

    /// Per (country, field) over every year: the works and `Σ f_X(p)`, summed in work order (the rows are written in
    /// work order and grouped by a stable sort, as the breakdown's rows are); and per country the works with a field.
    private func fillFieldTotals(scheme: String, areas: String?) throws {
        try database.prepare("DELETE FROM country_field_totals WHERE scheme = ?").run([.text(scheme)])
        try database.prepare("DELETE FROM country_field_classified WHERE scheme = ?").run([.text(scheme)])
        try fillFieldTotalRows(scheme: scheme, areas: areas, countries: "work_countries wc")
        defer { try? database.execute("DROP TABLE IF EXISTS temp.field_total_rows") }
        try database.prepare("""
            INSERT INTO country_field_totals (scheme, country, code, works, weight)
            SELECT ?, country, code, count(*), coalesce(sum(weight), 0) FROM temp.field_total_rows GROUP BY country, code
            """).run([.text(scheme)])
        try database.prepare("""
            INSERT INTO country_field_classified (scheme, country, works)
            SELECT ?, country, count(DISTINCT work_id) FROM temp.field_total_rows GROUP BY country
            """).run([.text(scheme)])
    }

    /// Whether the outputs per field of the names of the kept group definition `groupID` in `scheme` are kept
    /// (`Schemas/028_group_field_totals.sql`), computed now when they are missing. False where the store cannot be
    /// written or a transaction is open.
    func keptGroupFieldTotals(groupID: Int, scheme: String, areas: String?) throws -> Bool {
        guard database.isAutocommit else { return false }
        let arguments: [SQLValue] = [.integer(Int64(groupID)), .text(scheme)]
        return try keptSet(current: { _ in
            try database.scalar("SELECT count(*) FROM group_field_classified WHERE group_id = ? AND scheme = ?", arguments).int ?? 0 > 0
        }, fill: { _ in
            try fillFieldTotalRows(scheme: scheme, areas: areas, countries: "group_countries wc", condition: "wc.group_id = \(groupID)")
            defer { try? database.execute("DROP TABLE IF EXISTS temp.field_total_rows") }
            try database.prepare("""
                INSERT INTO group_field_totals (group_id, scheme, country, code, works, weight)
                SELECT ?, ?, country, code, count(*), coalesce(sum(weight), 0) FROM temp.field_total_rows GROUP BY country, code
                """).run(arguments)
            // Every name gets a row, so that the totals are known to be kept.
            try database.prepare("""
                INSERT INTO group_field_classified (group_id, scheme, country, works)
                SELECT ?, ?, g.country, (SELECT count(DISTINCT r.work_id) FROM temp.field_total_rows r WHERE r.country = g.country)
                FROM (SELECT DISTINCT country FROM group_countries WHERE group_id = \(groupID)) g
                """).run(arguments)
        })
    }

    /// `temp.field_total_rows` (work_id, country, code, weight): the rows of `countries` (a table under the alias `wc`,
    /// with `condition`) of the works with facts, one per field of the work in `scheme`, in work order.
    private func fillFieldTotalRows(scheme: String, areas: String?, countries: String, condition: String = "1 = 1") throws {
        let fields: String
        var arguments: [SQLValue] = []
        if let areas {
            fields = "SELECT work_id, code FROM \(areas)"
        } else {
            fields = "SELECT wf.work_id, fl.code FROM work_fields wf JOIN fields fl ON fl.id = wf.field_id AND fl.scheme = ?"
            arguments = [.text(scheme)]
        }
        // Works without facts are left out, as the breakdown leaves them out.
        try database.execute("DROP TABLE IF EXISTS temp.field_total_rows")
        try database.prepare("""
            CREATE TEMP TABLE field_total_rows AS
            SELECT wc.work_id, wc.country, x.code, wc.weight FROM \(countries)
            JOIN work_facts f ON f.work_id = wc.work_id
            JOIN (\(fields)) x ON x.work_id = wc.work_id
            WHERE \(condition)
            ORDER BY wc.work_id
            """).run(arguments)
    }
}
