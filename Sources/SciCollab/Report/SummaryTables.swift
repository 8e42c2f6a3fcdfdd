import Foundation

/// The tables of `scicollab summary` that group and pivot what the database holds, each list cut at `--limit`.
extension StandardReports {
    /// Works by publication year (rows) and source (columns), one pivot: the `limit` latest years one by one,
    /// the earlier years summed in one row, works without a year in a row of their own.
    static func worksByYearPivot(_ cells: [(source: String, year: Int?, works: Int)], limit: Int) -> ReportTable {
        let sources = Array(Set(cells.map(\.source))).sorted()
        let years = Array(Set(cells.compactMap(\.year))).sorted()
        let kept = Array(years.suffix(limit))
        let earlier = years.dropLast(kept.count)
        func row(_ label: ReportValue, year: Int?, _ include: (Int?) -> Bool) -> [ReportValue] {
            let counts = sources.map { source in cells.filter { $0.source == source && include($0.year) }.map(\.works).reduce(0, +) }
            return [label, .count(year)] + counts.map(ReportValue.int) + [.int(counts.reduce(0, +))]
        }
        var rows: [[ReportValue]] = []
        if let first = earlier.first, let last = earlier.last {
            rows.append(row(.range(from: first, to: last), year: nil) { $0.map { $0 <= last } ?? false })
        }
        for year in kept { rows.append(row(.range(from: year, to: year), year: year) { $0 == year }) }
        if cells.contains(where: { $0.year == nil }) { rows.append(row(.null, year: nil) { $0 == nil }) }
        var notes = ["Works by publication year and source; Total: the works of the year; a work merged from several sources counts once, under the source of the record that gives its authorships (definitions §9)."]
        if !earlier.isEmpty {
            notes.append("The \(kept.count) latest of \(years.count) years one by one; \(earlier.first!)–\(earlier.last!) summed in the first row (--limit N shows N years).")
        }
        if cells.contains(where: { $0.year == nil }) { notes.append("Years —: works without a publication year.") }
        return ReportTable(
            key: "works_by_year", title: "Works by publication year and source",
            columns: [ReportColumn("years", "Years"), ReportColumn("year", "Year", machineOnly: true)]
                + sources.map { ReportColumn($0, $0) } + [ReportColumn("total", "Total")],
            rows: rows, notes: notes)
    }

    /// Document types by the groups of the impact cohorts (definitions §7: article, review, conference paper,
    /// book/chapter, other), largest first, with the types as the sources write them beneath each group (at
    /// most `limit` per group, the rest summed in one row).
    static func documentTypeTables(_ types: [DatabaseSummary.Count], limit: Int) -> (groups: ReportTable, types: ReportTable) {
        let total = types.map(\.count).reduce(0, +)
        struct Group { var group: DocumentTypeGroup; var works: Int; var types: [DatabaseSummary.Count] }
        let byGroup: [DocumentTypeGroup: [DatabaseSummary.Count]] = Dictionary(grouping: types) { (count: DatabaseSummary.Count) in
            DocumentTypeGroup.of(count.label == "(none)" ? nil : count.label)
        }
        let order: [Group] = byGroup.map { (key: DocumentTypeGroup, value: [DatabaseSummary.Count]) in
            Group(group: key, works: value.map(\.count).reduce(0, +), types: value)
        }.sorted { (a: Group, b: Group) in a.works != b.works ? a.works > b.works : a.group.rawValue < b.group.rawValue }
        let groupRows: [[ReportValue]] = order.map { (entry: Group) -> [ReportValue] in
            [.text(entry.group.rawValue), .int(entry.works), .ratio(Double(entry.works), Double(total), decimals: 4), .int(entry.types.count)]
        }
        let groups = ReportTable(
            key: "document_type_groups", title: "Document types by group",
            columns: [ReportColumn("group", "Group"), ReportColumn("works", "Works"), ReportColumn("fraction", "%", kind: .share),
                      ReportColumn("types", "Types")],
            rows: groupRows,
            notes: ["Groups: the document-type groups of the impact cohorts, from the first listed type (definitions §7); Types: the distinct types as exported."])
        var rows: [[ReportValue]] = []
        var cut = false
        for entry in order {
            let sorted = entry.types.sorted { (a: DatabaseSummary.Count, b: DatabaseSummary.Count) in a.count != b.count ? a.count > b.count : a.label < b.label }
            for type in sorted.prefix(limit) { rows.append([.text(entry.group.rawValue), .text(type.label), .int(type.count), .int(1)]) }
            let rest = sorted.dropFirst(limit)
            if !rest.isEmpty {
                cut = true
                rows.append([.text(entry.group.rawValue), .text("(\(rest.count) other type\(rest.count == 1 ? "" : "s"))"),
                             .int(rest.map(\.count).reduce(0, +)), .int(rest.count)])
            }
        }
        let typeTable = ReportTable(
            key: "document_types", title: "Document types as exported, by group",
            columns: [ReportColumn("group", "Group"), ReportColumn("document_type", "Document type"), ReportColumn("works", "Works"),
                      ReportColumn("types", "Types", machineOnly: true)],
            rows: rows,
            notes: ["Document type: as the source writes it ((none): no type)."]
                + (cut ? ["At most \(limit) types per group; the others summed in one row, `(k other types)` (types: k; --limit N shows N)."] : []))
        return (groups, typeTable)
    }

    /// `table` cut to its first `limit` rows, with a note saying how many there are.
    static func limited(_ table: ReportTable, to limit: Int, total: Int? = nil) -> ReportTable {
        var table = table
        let count = total ?? table.rows.count
        guard count > limit else { return table }
        table.rows = Array(table.rows.prefix(limit))
        table.notes.append("The first \(table.rows.count) of \(NumberFormatting.grouped(count)) (--limit N lists N).")
        return table
    }
}
