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
                [.text("small set (fewer than 30 defined)"), .bool(summary.isSmall)],
                [.text("mean interval (bootstrap 2.5–97.5%)"), .text(summary.meanInterval.map { String(format: "%.3f – %.3f", $0.low, $0.high) } ?? "—")],
                [.text("PP(top 10%) interval, %"), .text(summary.top10Interval.map { String(format: "%.1f – %.1f", $0.low * 100, $0.high * 100) } ?? "—")],
                [.text("source-provided fwci (OpenAlex), mean"), real(summary.sourceMean, 3)],
                [.text("works with a source-provided fwci"), .int(summary.sourceCount)],
            ],
            notes: [
                "FWCI_p = (1/k_p) Σ_f c_p / e(f, y_p, d_p): cohort = field × publication year × document-type group; a work in k fields joins each cohort with weight 1/k (definitions §7).",
                "Window \(model.window.rawValue) (\(model.windowReason)): \(model.window == .fourYears ? "citations in the publication year and the three after" : "citations to date as exported"); expected values \(model.baseline.label); fields: \(model.schemeDescription).",
                "Mean over the works with a defined value (\(counting == .full ? "full counting" : "weighted by fractional counting")); undefined: no citation count in the window, or a cohort with e = 0 or no baseline entry.",
                "PP(top 10%): share of works in the top 10% of their cohort by c, ties at the threshold split fractionally (Waltman & Schreiber 2013), against the corpus cohorts, over every work with a known count in the window and a cohort (uncited works and cohorts with e = 0 included).",
                "OpenAlex's own fwci is shown apart and never mixed with the computed value.",
            ])
        var report = Report(
            command: "impact",
            parameters: [
                ("set", .text(set.description)), ("period", scope.periodValue), ("counting", .text(counting.rawValue)),
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
            ("pp_top10", .value(percent(summary.top10, 2))), ("pp_top10_fraction", .value(real(summary.top10, 4))),
            ("small", .value(.text(summary.isSmall ? "yes" : "no"))), ("small_set", .value(.bool(summary.isSmall))),
            ("mean_interval", interval(summary.meanInterval)),
            ("pp_top10_interval", interval(summary.top10Interval.map { ($0.low * 100, $0.high * 100) })),
            ("window", .value(.text(model.window.rawValue))), ("window_reason", .value(.text(model.windowReason))),
            ("baseline", .value(.text(model.baseline.label))),
            ("scheme", .value(.text(model.schemeDescription))), ("counting", .value(.text(counting.rawValue))),
            ("source_fwci_mean", .value(real(summary.sourceMean, 4))), ("n_source_fwci", .value(.int(summary.sourceCount))),
        ]
        return report
    }
}

extension StandardReports {
    /// `scicollab fields`.
    public static func fields(_ breakdown: FieldBreakdown, model: ImpactModel?, set: ImpactSet, scope: AnalysisScope,
                              counting: CountingMethod = .full) -> Report {
        var columns = [ReportColumn("field", "Field"), ReportColumn("name", "Name"), ReportColumn("works", "Works"),
                       ReportColumn("share", "Share %", fractionKey: "fraction"), ReportColumn("citations_per_publication", "Citations/pub"),
                       ReportColumn("impact", "Impact")]
        var pair: (String, String)?
        if case .pair(let a, let b) = set {
            pair = (a, b)
            columns += [ReportColumn("coauthored", "C_AB(f)"), ReportColumn("output_a", "N_\(a)(f)"), ReportColumn("output_b", "N_\(b)(f)"),
                        ReportColumn("share_a", "C/N_\(a) %", fractionKey: "fraction_a"), ReportColumn("share_b", "C/N_\(b) %", fractionKey: "fraction_b")]
        }
        let rows = breakdown.rows.map { row -> [ReportValue] in
            var cells: [ReportValue] = [
                .text(row.field), row.name.map { .text($0) } ?? .null, .int(row.works),
                .percent(Double(row.works), of: Double(breakdown.classified), decimals: 2), real(row.citationsPerPublication),
                real(breakdown.impactMeans.map { $0[row.field] } ?? model?.summary(row.ids.map { ($0, 1) }).mean, 3),
            ]
            if pair != nil {
                let shares = row.shares(counting)
                cells += [.int(row.works), .count(row.outputA), .count(row.outputB), percent(shares.a), percent(shares.b)]
            }
            return cells
        }
        let table = ReportTable(
            key: "fields", title: "Works by field (\(breakdown.scheme)) — \(set.description)",
            columns: columns, rows: rows,
            notes: [
                "A work counts in every one of its fields (full counting), so the shares can sum to more than 100% (definitions §8).",
                "Share %: of the \(breakdown.classified) works of the set with a field in \(breakdown.scheme); \(breakdown.unclassified) have none.",
                model.map { "Impact: mean FWCI-style value of the field's works, window \($0.window.rawValue), \($0.baseline.label), cohorts in \($0.schemeDescription)." }
                    ?? "Impact: not computed.",
            ] + (pair.map {
                [counting == .full
                    ? "C_AB(f): joint works of \($0.0) and \($0.1) in the field; N(f): each country's works in the field; C/N %: C_AB(f) / N(f)."
                    : "C_AB(f): joint works of \($0.0) and \($0.1) in the field; N(f): each country's works in the field; C/N % (fractional): Σ f over the side's joint works in the field / Σ f over its works in the field (definitions §6)."]
            } ?? []))
        return Report(
            command: "fields",
            parameters: [("scheme", .text(breakdown.scheme)), ("set", .text(set.description)), ("period", scope.periodValue),
                         ("counting", .text(pair == nil ? "full" : counting.rawValue)), ("classified", .int(breakdown.classified)), ("unclassified", .int(breakdown.unclassified))],
            tables: [table])
    }
}

extension StandardReports {
    /// `impact --works`: the works behind an impact figure.
    public static func impactWorks(_ ids: [Int64], model: ImpactModel, store: Store) throws -> ReportTable {
        var sourceIDs: [Int64: (String, Int?, String?)] = [:]
        for row in try store.database.rows("SELECT id, source_id, year, doc_type FROM works") {
            if case .integer(let id) = row[0] { sourceIDs[id] = (row[1].string ?? "", row[2].int, row[3].string) }
        }
        return ReportTable(
            key: "works", title: "The works behind the figure",
            columns: [ReportColumn("source_id", "Source id"), ReportColumn("year", "Year"), ReportColumn("doc_group", "Type group"),
                      ReportColumn("fields", "Fields"), ReportColumn("citations", "c"), ReportColumn("value", "FWCI"),
                      ReportColumn("top10", "Top 10%"), ReportColumn("source_fwci", "Source fwci")],
            rows: ids.compactMap { id in
                guard let work = model.works[id], let info = sourceIDs[id] else { return nil }
                return [.text(info.0), .count(info.1), .text(DocumentTypeGroup.of(info.2).rawValue),
                        .text(work.fields.map { "\($0.scheme):\($0.field)" }.joined(separator: " ")),
                        real(work.citations, 0), real(work.value, 3), real(work.top10, 3), real(work.sourceFWCI, 3)]
            })
    }
}
