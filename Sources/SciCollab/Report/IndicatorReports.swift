/// The report of `scicollab indicators`.
extension StandardReports {
    public static func indicators(_ rows: [IndicatorRow], forecast: (forecasts: [IndicatorForecast], refused: [RefusedForecast])?,
                                  includeNonresident: Bool, period: String) -> Report {
        let table = ReportTable(
            key: "rows", title: "R&D spending, patent applications and patent–investment effectiveness",
            columns: [ReportColumn("country", "Area", kind: .country), ReportColumn("year", "Year"), ReportColumn("rd_gdp_pct", "R&D % GDP"),
                      ReportColumn("rd_usd", "R&D USD"), ReportColumn("patents", "Patents"),
                      ReportColumn("ip_per_i", "I_P/I per M USD"), ReportColumn("ip_per_gdp", "I_P/GDP"),
                      ReportColumn("aggregate", "Aggregate", machineOnly: true), ReportColumn("missing", "Missing inputs", machineOnly: true),
                      ReportColumn("is_aggregate", "Aggregate"), ReportColumn("missing_inputs", "Missing inputs")],
            rows: rows.map { row in
                [.text(row.area), .int(row.year), real(row.rdPercentOfGDP, 3), real(row.rdUSD, 0),
                 row.patents.map { .int(Int($0)) } ?? .null, real(row.patentsPerMillionUSD, 4), real(row.patentsPerPercentOfGDP, 1),
                 .text(row.isAggregate ? "yes" : "no"), .text(row.missing.joined(separator: " ")),
                 .bool(row.isAggregate), .list(row.missing)]
            },
            notes: [
                "R&D USD = GB.XPD.RSDV.GD.ZS × NY.GDP.MKTP.CD / 100, current USD (definitions §11).",
                "Patents = IP.PAT.RESD\(includeNonresident ? " + IP.PAT.NRES" : " (residents)"); I_P/I = patents per million USD of R&D spending; I_P/GDP = patents / (R&D % of GDP).",
                "A figure is empty when one of its inputs is missing for the year; Missing inputs names them. Aggregates (World, OECD members, income groups) are comparison rows, never countries.",
            ])
        var report = Report(
            command: "indicators",
            parameters: [("period", .text(period)), ("patents", .text(includeNonresident ? "residents + non-residents" : "residents")),
                         ("source", .text("World Bank World Development Indicators"))],
            tables: [table])
        if let forecast {
            report.tables.append(ReportTable(
                key: "forecast", title: "Forecast (least squares on the year, 95% prediction interval)",
                columns: [ReportColumn("country", "Area"), ReportColumn("series", "Series"), ReportColumn("year", "Year"),
                          ReportColumn("value", "Value"), ReportColumn("low", "Low"), ReportColumn("high", "High"),
                          ReportColumn("points", "Points used")],
                rows: forecast.forecasts.map {
                    [.text($0.area), .text($0.series), .int($0.year), real($0.value, $0.series == "rd_usd" ? 0 : 4),
                     real($0.low, $0.series == "rd_usd" ? 0 : 4), real($0.high, $0.series == "rd_usd" ? 0 : 4), .int($0.points)]
                },
                notes: ["Each series is fitted on its own observed years of the period: ŷ ± t(0.975, n−2)·s·sqrt(1 + 1/n + (x − x̄)²/Sxx)."]
                    + forecast.refused.map { "\($0.area) \($0.series): not forecast, \($0.points) point(s) (at least 3 needed)." }))
        }
        return report
    }
}

extension StandardReports {
    /// `scicollab import-sources`.
    public static func sourceList(_ report: SourceListReport, path: String) -> Report {
        let table = ReportTable(
            key: "sources", title: "Source list",
            columns: [ReportColumn("measure", "Measure"), ReportColumn("count", "Count"), ReportColumn("of", "Of"), ReportColumn("percent", "%", fractionKey: "fraction")],
            rows: [
                [.text("sources with ASJC codes"), .int(report.sourcesWithCodes), .int(report.sourcesRead),
                 .percent(Double(report.sourcesWithCodes), of: Double(report.sourcesRead), decimals: 1)],
                [.text("Scopus works with ASJC codes"), .int(report.scopusWorksWithCodes), .int(report.scopusWorks),
                 .percent(Double(report.scopusWorksWithCodes), of: Double(report.scopusWorks), decimals: 1)],
            ],
            notes: ["Works are matched to sources by ISSN, then eISSN, then folded title; each gets its ASJC codes (scheme asjc) and their subject areas (scheme asjc-area)."])
        var diagnostics = ReportTable(
            key: "diagnostics", title: "Rows not read",
            columns: [ReportColumn("line", "Line"), ReportColumn("message", "Message")])
        diagnostics.rows = report.diagnostics.map { [.count($0.line), .text($0.message)] }
        return Report(command: "import-sources", parameters: [("file", .text(path))], tables: [table, diagnostics])
    }
}
