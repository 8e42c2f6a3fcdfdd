/// The reports of `audit` and `explain`.
extension StandardReports {
    /// `scicollab audit`.
    public static func audit(_ results: [AuditResult], file: String, title: String?, usedData: Bool) -> Report {
        func number(_ value: Double?) -> ReportValue {
            guard let value else { return .null }
            return value == value.rounded() && abs(value) < 1e12 ? .int(Int(value)) : .real(value, decimals: abs(value) < 10 ? 4 : 2)
        }
        let table = ReportTable(
            key: "claims", title: "Claims",
            columns: [ReportColumn("id", "Claim"), ReportColumn("verdict", "Verdict"), ReportColumn("stated", "Stated"),
                      ReportColumn("computed", "Computed"), ReportColumn("difference", "Difference"), ReportColumn("reason", "How / why not"),
                      ReportColumn("records", "Records"), ReportColumn("population", "Population"), ReportColumn("figure", "Figure"),
                      ReportColumn("interval_low", "Interval low"), ReportColumn("interval_high", "Interval high")],
            rows: results.map {
                [.text($0.id), .text($0.verdict.rawValue), .text($0.stated.text), number($0.computed), number($0.difference),
                 .text($0.reason), .text($0.records), .text($0.population.rawValue), .text($0.figure.rawValue),
                 number($0.intervalLow), number($0.intervalHigh)]
            },
            notes: [
                "A stated value accepts its rounding: 3% accepts [2.5%, 3.5%), 4.27% accepts [4.265%, 4.275%), 22,112 accepts [22,111.5, 22,112.5), unless the claim gives a tolerance; \"less than\" and \"more than\" are bounds (definitions §10).",
                "Computed values are in the stated unit: a share stated as a percentage is compared as a percentage.",
                "Expressions use the other claims' stated values, so they check the text's own arithmetic without data.",
                "Population (definitions §10): on a sample (the default) a count (extensive figure) is not comparable and an intensive figure (share, ratio, growth, citations per paper, impact) is compared with the sample's bootstrap 95% interval (1000 resamples, fixed seed); on a complete population every figure is compared as computed.",
            ])
        let count = { (verdict: AuditResult.Verdict) in results.filter { $0.verdict == verdict }.count }
        let tally = ReportTable(
            key: "tally_table", title: "Tally",
            columns: [ReportColumn("verdict", "Verdict"), ReportColumn("claims", "Claims")],
            rows: [[.text("consistent"), .int(count(.consistent))], [.text("inconsistent"), .int(count(.inconsistent))],
                   [.text("not comparable"), .int(count(.notComparable))],
                   [.text("not computable"), .int(count(.notComputable))]])
        var report = Report(
            command: "audit",
            parameters: [("claims_file", .text(file)), ("title", title.map { .text($0) } ?? .null),
                         ("data", .text(usedData ? "database" : "none (arithmetic only)"))],
            tables: [table, tally])
        report.jsonMembers = [("tally", .object([
            ("consistent", .value(.int(count(.consistent)))), ("inconsistent", .value(.int(count(.inconsistent)))),
            ("not_comparable", .value(.int(count(.notComparable)))),
            ("not_computable", .value(.int(count(.notComputable)))), ("claims", .value(.int(results.count))),
        ]))]
        return report
    }
}
