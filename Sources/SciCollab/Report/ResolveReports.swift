extension StandardReports {
    /// `scicollab resolve`: per address, the country (or none), the rule that decided, the text it matched and
    /// the institution.
    public static func resolvedAddresses(_ addresses: [ResolvedAddress], source: SourceDatabase) -> Report {
        let rows: [[ReportValue]] = addresses.map { item in
            let resolution = item.resolution
            return [
                .text(item.address), resolution.country.map(ReportValue.text) ?? .null, .text(resolution.rule.rawValue),
                resolution.matched.map(ReportValue.text) ?? .null, resolution.chinaRegion.map(ReportValue.text) ?? .null,
                resolution.dissolvedState.map(ReportValue.text) ?? .null, item.institution.map { .text($0.name) } ?? .null,
            ]
        }
        let resolved = addresses.filter { $0.resolution.country != nil }.count
        var notes = ["Countries by definitions §2: the last comma-separated component, matched exactly (folded) against the alias tables under Schemas/; never a country name found elsewhere in the string."]
        if addresses.contains(where: { $0.resolution.dissolvedState != nil }) {
            notes.append("Dissolved states are counted under their successor: USSR → RU, Yugoslavia → RS, Czechoslovakia → CZ, East Germany (GDR) → DE.")
        }
        return Report(
            command: "resolve",
            parameters: [("source", .text(source.rawValue)), ("addresses", .int(addresses.count)), ("resolved", .int(resolved))],
            notes: notes,
            tables: [ReportTable(
                key: "addresses", title: "Addresses",
                columns: [ReportColumn("address"), ReportColumn("country"), ReportColumn("rule"), ReportColumn("matched"),
                          ReportColumn("china_region"), ReportColumn("dissolved_state"), ReportColumn("institution")],
                rows: rows)])
    }
}
