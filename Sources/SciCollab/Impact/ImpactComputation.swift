/// The impact model of every work (definitions §7): each classified work's fields, year, document type and count are
/// read once (`ImpactCohortPass`, which keeps them in about 45 bytes per classified work), and the cohorts' expected citations
/// (`temp.impact_expected`) and each work's values (`temp.impact_work_values`) are written to temporary tables.
/// `keptRows` selects the values the store keeps in the columns of `work_impact`, which the caller copies into it;
/// `rows` selects every work's, in work order, for a model read without being kept.
///
/// The temporary tables (all `temp.impact_*`) are dropped by `drop()`.
struct ImpactComputation {
    let database: SQLiteDatabase
    let window: CitationWindow
    /// The scheme of the cohorts' keys: the chosen scheme, or `asjc-area` for `auto`.
    let cohortScheme: String
    let citationSource: CitationSource
    let currentYear: Int

    /// Runs the computation; `baseline`: expected citations from a file instead of the corpus.
    init(_ store: Store, scheme: String?, window: CitationWindow, baseline: Baseline?, citationSource: CitationSource,
         currentYear: Int) throws {
        self.database = store.database
        self.window = window
        self.cohortScheme = scheme ?? FieldSchemes.automaticCohortScheme
        self.citationSource = citationSource
        self.currentYear = currentYear
        drop()
        // `auto` (definitions §8): the areas `fields` counts the works in, one table for both.
        let fields = try scheme.map { try fillFields(scheme: $0) } ?? store.automaticAreasTable()
        let pass = try ImpactCohortPass(database, fields: fields, citations: try citationsSQL())
        try database.execute("""
            CREATE TEMP TABLE impact_expected (scheme TEXT NOT NULL, field TEXT NOT NULL, year INTEGER NOT NULL, grp TEXT NOT NULL,
                                               expected REAL NOT NULL, PRIMARY KEY (scheme, field, year, grp)) WITHOUT ROWID
            """)
        if let baseline {
            let insert = try database.prepare("INSERT INTO temp.impact_expected (scheme, field, year, grp, expected) VALUES (?, ?, ?, ?, ?)")
            for (key, value) in baseline.expected {
                try insert.run([.text(key.scheme), .text(key.field), .integer(Int64(key.year)), .text(key.group.rawValue), .real(value)])
            }
        }
        try database.execute("""
            CREATE TEMP TABLE impact_work_values (work_id INTEGER PRIMARY KEY, value REAL, top10 REAL, fields TEXT NOT NULL)
            """)
        try pass.write(to: database, scheme: cohortScheme, baseline: baseline)
    }

    /// The SQL of a work's citation count `c_p` in the window (a REAL, NULL when unknown) for the `works` row `w`.
    private func citationsSQL() throws -> String {
        try Self.citationsSQL(database, window: window, citationSource: citationSource)
    }

    /// The SQL of a work's citation count `c_p` in `window` under `citationSource` (a REAL, NULL when unknown) for the
    /// `works` row `w`.
    static func citationsSQL(_ database: SQLiteDatabase, window: CitationWindow, citationSource: CitationSource) throws -> String {
        let total = citationSource.worksSQL("w")
        switch window {
        case .total:
            return "CAST(\(total) AS REAL)"
        case .fourYears:
            // Per-year counts cover only recent years: a window that starts before the first year any work has is
            // unknown, not zero; a work cited 0 times has 0 in every window.
            let perYear = "WHERE \(citationSource.perYearSQL(workID: "cy.work_id"))"
            guard let start = try database.scalar("SELECT min(cy.year) FROM citations_by_year cy \(perYear)").int else {
                return "CASE WHEN \(total) = 0 THEN 0.0 END"
            }
            return """
                CASE WHEN \(total) = 0 THEN 0.0
                     WHEN w.year IS NULL OR w.year < \(start) THEN NULL
                     WHEN NOT EXISTS (SELECT 1 FROM citations_by_year cy WHERE cy.work_id = w.id AND \(citationSource.perYearSQL(workID: "w.id"))) THEN NULL
                     ELSE CAST((SELECT coalesce(sum(cy.citations), 0) FROM citations_by_year cy
                                WHERE cy.work_id = w.id AND cy.year BETWEEN w.year AND w.year + 3) AS REAL) END
                """
        }
    }

    /// `temp.impact_fields` (work_id, code, pos): each classified work's fields in `scheme`, listed by code.
    private func fillFields(scheme: String) throws -> String {
        try database.execute("""
            CREATE TEMP TABLE impact_fields (work_id INTEGER NOT NULL, code TEXT NOT NULL, pos TEXT NOT NULL,
                                             PRIMARY KEY (work_id, code)) WITHOUT ROWID
            """)
        try database.prepare("""
            INSERT INTO temp.impact_fields (work_id, code, pos)
            SELECT wf.work_id, f.code, f.code FROM work_fields wf JOIN fields f ON f.id = wf.field_id WHERE f.scheme = ?
            """).run([.text(scheme)])
        return "temp.impact_fields"
    }

    /// Every work's values in the columns of `work_impact` after `model_id`: work_id, citations, value, top10,
    /// provisional, source_fwci, fields; in work order.
    func rows() throws -> String {
        """
        SELECT w.id, \(try citationsSQL()), v.value, v.top10, \(provisional), w.source_fwci, coalesce(v.fields, '')
        FROM works w LEFT JOIN temp.impact_work_values v ON v.work_id = w.id ORDER BY w.id
        """
    }

    /// The rows `work_impact` keeps, in the columns of `rows()`, as two queries: the classified works, each read
    /// through the primary key of `works`, then the other works that are provisional or have a source fwci (one pass
    /// over `works`, with a lookup among the classified ones for those only). A work without a row is unclassified,
    /// not provisional, without a source fwci, and its count is read from `works` (`ImpactCache`), which spares the
    /// store a row for most works of a large corpus. Without provisional works (a window of every year) the second reads
    /// the works with a source fwci through their index (`Schemas/038_works_source_fwci.sql`).
    func keptRows() throws -> [String] {
        let citations = try citationsSQL()
        return [
            """
            SELECT w.id, \(citations), v.value, v.top10, \(provisional), w.source_fwci, v.fields
            FROM temp.impact_work_values v JOIN works w ON w.id = v.work_id
            """,
            """
            SELECT w.id, \(citations), NULL, NULL, \(provisional), w.source_fwci, ''
            FROM works w WHERE \(window == .fourYears ? "(w.source_fwci IS NOT NULL OR \(provisional) = 1)" : "w.source_fwci IS NOT NULL")
              AND NOT EXISTS (SELECT 1 FROM temp.impact_work_values v WHERE v.work_id = w.id)
            """,
        ]
    }

    /// The SQL of a work's flag `provisional` (its 4-year window not over by `currentYear`) for the `works` row `w`.
    private var provisional: String {
        window == .fourYears ? "CASE WHEN w.year + 3 >= \(currentYear) THEN 1 ELSE 0 END" : "0"
    }

    /// Every cohort's expected citations: scheme, field, year, doc_group, expected.
    static let expectedRows = "SELECT scheme, field, year, grp, expected FROM temp.impact_expected"

    /// Drops the temporary tables.
    func drop() {
        for table in ["impact_fields", "impact_expected", "impact_work_values"] {
            try? database.execute("DROP TABLE IF EXISTS temp.\(table)")
        }
    }
}
