/// The reports of `impact`, `fields` and `baseline export`.
extension StandardReports {
    /// `scicollab impact`.
    public static func impact(_ summary: ImpactSummary, model: ImpactModel, set: ImpactSet, counting: CountingMethod, scope: AnalysisScope) -> Report {
        let table = ReportTable(
            key: "impact", title: "Citation impact of \(set.description)",
            columns: [ReportColumn("measure", "Measure"), ReportColumn("value", "Value")],
            rows: [
                [.text("mean FWCI-style value"), real(summary.mean, 3)],
                [.text("median"), real(summary.median, 3)],
                [.text("PP(top 10%), %"), percent(summary.top10, 1)],
                [.text("works with a defined value"), .int(summary.defined)],
                [.text("works with an undefined value"), .int(summary.undefined)],
                [.text("works without a field in the scheme"), .int(summary.unclassified)],
                [.text("works with an incomplete window (provisional)"), .int(summary.provisional)],
                [.text("small set (fewer than 30 defined)"), .text(summary.isSmall ? "yes" : "no")],
                [.text("mean interval (bootstrap 2.5–97.5%)"), .text(summary.meanInterval.map { String(format: "%.3f – %.3f", $0.low, $0.high) } ?? "—")],
                [.text("PP(top 10%) interval, %"), .text(summary.top10Interval.map { String(format: "%.1f – %.1f", $0.low * 100, $0.high * 100) } ?? "—")],
                [.text("source-provided fwci (OpenAlex), mean"), real(summary.sourceMean, 3)],
                [.text("works with a source-provided fwci"), .int(summary.sourceCount)],
            ],
            notes: [
                "FWCI_p = (1/k_p) Σ_f c_p / e(f, y_p, d_p): cohort = field × publication year × document-type group; a work in k fields joins each cohort with weight 1/k (SPEC §7).",
                "Window \(model.window.rawValue): \(model.window == .fourYears ? "citations in the publication year and the three after" : "citations to date as exported"); expected values \(model.baseline.label); fields: \(model.schemeDescription).",
                "Mean over the works with a defined value (\(counting == .full ? "full counting" : "weighted by fractional counting")); undefined: no citation count in the window, or a cohort with e = 0 or no baseline entry.",
                "PP(top 10%): share of works in the top 10% of their cohort by c, ties at the threshold split fractionally (Waltman & Schreiber 2013), against the corpus cohorts.",
                "OpenAlex's own fwci is shown apart and never mixed with the computed value.",
            ])
        var report = Report(
            command: "impact",
            parameters: [
                ("set", .text(set.description)), ("period", .text(scope.periodDescription)), ("counting", .text(counting.rawValue)),
                ("window", .text(model.window.rawValue)), ("baseline", .text(model.baseline.label)), ("scheme", .text(model.schemeDescription)),
            ],
            tables: [table])
        func interval(_ value: (low: Double, high: Double)?) -> JSONOutput {
            value.map { .object([("low", .value(.real($0.low, decimals: 4))), ("high", .value(.real($0.high, decimals: 4)))]) } ?? .value(.null)
        }
        report.jsonMembers = [
            ("mean", .value(real(summary.mean, 4))), ("median", .value(real(summary.median, 4))),
            ("n_defined", .value(.int(summary.defined))), ("n_undefined", .value(.int(summary.undefined))),
            ("n_unclassified", .value(.int(summary.unclassified))), ("n_provisional", .value(.int(summary.provisional))),
            ("pp_top10", .value(percent(summary.top10, 2))), ("small", .value(.text(summary.isSmall ? "yes" : "no"))),
            ("mean_interval", interval(summary.meanInterval)),
            ("pp_top10_interval", interval(summary.top10Interval.map { ($0.low * 100, $0.high * 100) })),
            ("window", .value(.text(model.window.rawValue))), ("baseline", .value(.text(model.baseline.label))),
            ("scheme", .value(.text(model.schemeDescription))), ("counting", .value(.text(counting.rawValue))),
            ("source_fwci_mean", .value(real(summary.sourceMean, 4))), ("n_source_fwci", .value(.int(summary.sourceCount))),
        ]
        return report
    }
}
