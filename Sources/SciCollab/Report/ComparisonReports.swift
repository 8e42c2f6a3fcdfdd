extension StandardReports {
    /// The table of `pair A B --compare` (also `impact --pair A B --compare`): joint works against each side alone.
    /// - Parameter model: the impact model, nil for no impact columns (`--no-impact`).
    public static func comparisonTable(_ comparison: JointComparison, model: ImpactModel?) -> ReportTable {
        var columns = [
            ReportColumn("set", "Set"), ReportColumn("part", "Part"), ReportColumn("works", "Works"),
            ReportColumn("citations_per_publication", "Citations/pub"), ReportColumn("works_without_citation_count", "No count"),
            ReportColumn("international_works", "International"), ReportColumn("international_share", "Intl %"),
        ]
        if model != nil {
            columns += [ReportColumn("impact", "Impact"), ReportColumn("pp_top10", "PP(top 10%)"), ReportColumn("impact_defined", "Impact n")]
        }
        let rows = comparison.rows.map { row -> [ReportValue] in
            var values: [ReportValue] = [
                .text(row.label), .text(row.part.rawValue), .int(row.works), row.citationsPerPublication.map { .real($0, decimals: 2) } ?? .null,
                .int(row.worksWithoutCitationCount), .int(row.internationalWorks), row.internationalShare.map { .real($0, decimals: 1) } ?? .null,
            ]
            if let model {
                let summary = model.summary(row.ids.map { ($0, 1.0) })
                values += [summary.mean.map { .real($0, decimals: 3) } ?? .null, summary.top10.map { .real($0 * 100, decimals: 1) } ?? .null,
                           .int(summary.defined)]
            }
            return values
        }
        var notes = [
            "\(comparison.a) ∩ \(comparison.b): joint works; \(comparison.a) ∖ \(comparison.b): works of \(comparison.a) without \(comparison.b); \(comparison.a): all works of \(comparison.a) (= ∩ + ∖ in works). Full counting.",
            "Citations/pub over the works with a known count; International: works with at least two countries (definitions §3).",
        ]
        if let model {
            notes.append("Impact: mean FWCI-style value (full counting) and PP(top 10%) in percent (definitions §7); Impact n: works with a defined value.")
            notes.append(impactNote(model))
        }
        return ReportTable(key: "comparison", title: "Joint works and each side alone", columns: columns, rows: rows, notes: notes)
    }
}

extension StandardReports {
    /// The table of `fields --pair A B --compare`: per field, works and impact of A∩B, A∖B, B∖A, A and B.
    public static func fieldComparisonTable(_ rows: [FieldComparisonRow], a: String, b: String, scheme: String, model: ImpactModel?) -> ReportTable {
        let parts = JointComparison.Part.allCases
        let labels: [JointComparison.Part: String] = [.joint: "\(a)∩\(b)", .aOnly: "\(a)∖\(b)", .bOnly: "\(b)∖\(a)", .a: a, .b: b]
        var columns = [ReportColumn("field", "Field"), ReportColumn("name", "Name")]
        for part in parts {
            columns.append(ReportColumn("works_\(part.rawValue)", "\(labels[part]!) works"))
            if model != nil { columns.append(ReportColumn("impact_\(part.rawValue)", "\(labels[part]!) impact")) }
        }
        return ReportTable(
            key: "field_comparison", title: "Joint works and each side alone by field (\(scheme))", columns: columns,
            rows: rows.map { row in
                var cells: [ReportValue] = [.text(row.field), row.name.map { .text($0) } ?? .null]
                for part in parts {
                    cells.append(.int(row.works(part)))
                    if let model { cells.append(real(model.summary((row.ids[part] ?? []).map { ($0, 1.0) }).mean, 3)) }
                }
                return cells
            },
            notes: ["Per field, the works of \(a) ∩ \(b) (joint), \(a) ∖ \(b), \(b) ∖ \(a), \(a) and \(b); a work counts in every one of its fields (definitions §8); \(a) = ∩ + ∖ in works. Impact: mean FWCI-style value (full counting, definitions §7)."])
    }
}
