extension StandardReports {
    /// The table of `pair A B --compare` (also `impact --pair A B --compare`): joint works against each side alone.
    /// - Parameter model: the impact model, nil for no impact columns (`--no-impact`).
    public static func comparisonTable(_ comparison: JointComparison, model: ImpactModel?) -> ReportTable {
        let columns = comparisonColumns(model: model)
        let rows = comparison.rows.map { comparisonCells($0, model: model) }
        let notes = comparisonNotes(
            "\(comparison.a) ∩ \(comparison.b): joint works; \(comparison.a) ∖ \(comparison.b): works of \(comparison.a) without \(comparison.b); \(comparison.a): all works of \(comparison.a) (= ∩ + ∖ in works). Full counting.",
            model: model)
        return ReportTable(key: "comparison", title: "Joint works and each side alone", columns: columns, rows: rows, notes: notes)
    }
}

extension StandardReports {
    /// The columns of one set of a comparison: works, citations per publication, international works and, with
    /// a model, impact and PP(top 10%).
    static func comparisonColumns(model: ImpactModel?) -> [ReportColumn] {
        var columns = [
            ReportColumn("set", "Set"), ReportColumn("part", "Part"), ReportColumn("works", "Works"),
            ReportColumn("citations_per_publication", "Citations/pub"), ReportColumn("works_without_citation_count", "No count"),
            ReportColumn("international_works", "International"), ReportColumn("international_share", "Intl %"),
        ]
        if model != nil {
            columns += [ReportColumn("impact", "Impact"), ReportColumn("pp_top10", "PP(top 10%)"), ReportColumn("impact_defined", "Impact n")]
        }
        return columns
    }

    /// The notes of a comparison table: what the sets are (`sets`), then the columns' definitions.
    static func comparisonNotes(_ sets: String, model: ImpactModel?) -> [String] {
        var notes = [sets, "Citations/pub over the works with a known count; International: works with at least two countries (definitions §3)."]
        if let model {
            notes.append("Impact: mean FWCI-style value (full counting) and PP(top 10%) in percent (definitions §7); Impact n: works with a defined value.")
            notes.append(impactNote(model))
        }
        return notes
    }

    /// The cells of `comparisonColumns(model:)` for one set.
    static func comparisonCells(_ row: JointComparison.Row, model: ImpactModel?) -> [ReportValue] {
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

    /// The long table of `fields --pair A B --compare`: one row per field and set, with the figures of
    /// `pair --compare` (works, citations per publication, international share, impact, PP(top 10%)).
    public static func fieldComparisonSetsTable(_ rows: [FieldComparisonRow], a: String, b: String, scheme: String, model: ImpactModel?) -> ReportTable {
        let notes = comparisonNotes(
            "One row per field and set: \(a) ∩ \(b) (joint), \(a) ∖ \(b), \(b) ∖ \(a), \(a) and \(b); a work counts in every one of its fields (definitions §8); in each field \(a) = ∩ + ∖ in works. Full counting.",
            model: model)
        return ReportTable(
            key: "field_comparison_sets", title: "Joint works and each side alone, every figure by field (\(scheme))",
            columns: [ReportColumn("field", "Field"), ReportColumn("name", "Name")] + comparisonColumns(model: model),
            rows: rows.flatMap { field in
                field.rows.map { [.text(field.field), field.name.map { .text($0) } ?? .null] + comparisonCells($0, model: model) }
            },
            notes: notes)
    }

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
