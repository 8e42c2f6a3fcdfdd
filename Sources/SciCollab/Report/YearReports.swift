extension StandardReports {
    /// `countries --by-year` and `institutions --by-year`: one row per year and entity, fixed columns.
    public static func entityYears(_ rows: [EntityYearRow], command: String, entityKey: String, scope: AnalysisScope) -> Report {
        let table = ReportTable(
            key: "by_year", title: "By publication year, \(scope.periodDescription)",
            columns: [ReportColumn("year", "Year"), ReportColumn(entityKey, entityKey.capitalized), ReportColumn("works", "Works (full)"),
                      ReportColumn("works_fractional", "Works (fractional)"), ReportColumn("authors", "Authors"),
                      ReportColumn("citations_per_publication", "Citations/pub"), ReportColumn("works_without_citation_count", "No count"),
                      ReportColumn("international_works", "International"), ReportColumn("international_share", "Intl %", fractionKey: "international_fraction"),
                      ReportColumn("complete_year", "Complete")],
            rows: rows.map { row in
                [.int(row.year), .text(row.entity), .int(row.works), .real(row.worksFractional, decimals: 2), .int(row.authors),
                 row.citationsPerPublication.map { .real($0, decimals: 2) } ?? .null, .int(row.worksWithoutCitationCount),
                 .int(row.internationalWorks), row.internationalShare.map { .real($0, decimals: 1) } ?? .null,
                 .bool(row.year < scope.currentYear)]
            },
            notes: yearNotes(scope) + [
                "One row per year and \(entityKey) with works in that year: works (full and fractional, definitions §4), distinct authors of the year, citations per publication over the works with a known count, international works (at least two countries).",
            ])
        return Report(command: command, parameters: [("period", scope.periodValue), ("by_year", .bool(true))], tables: [table])
    }

    /// `pairs --by-year`.
    public static func pairYears(_ rows: [PairYearRow], scope: AnalysisScope) -> Report {
        let table = ReportTable(
            key: "by_year", title: "Pairs by publication year, \(scope.periodDescription)",
            columns: [ReportColumn("year", "Year"), ReportColumn("a", "A"), ReportColumn("b", "B"), ReportColumn("coauthored", "C_AB"),
                      ReportColumn("link_strength", "Link strength"), ReportColumn("output_a", "N_A"), ReportColumn("output_b", "N_B"),
                      ReportColumn("share_a", "% of A", fractionKey: "fraction_a"), ReportColumn("share_b", "% of B", fractionKey: "fraction_b"), ReportColumn("complete_year", "Complete")],
            rows: rows.map { row in
                [.int(row.year), .text(row.a), .text(row.b), .int(row.coauthored), .real(row.linkStrength, decimals: 2),
                 .int(row.outputA), .int(row.outputB), .percent(Double(row.coauthored), of: Double(row.outputA)),
                 .percent(Double(row.coauthored), of: Double(row.outputB)), .bool(row.year < scope.currentYear)]
            },
            notes: yearNotes(scope) + [
                "One row per year and pair with a joint work: C_AB, the VOSviewer link strength Σ 1/(|K_p| − 1), N of both sides in the year (full counting) and C_AB / N in percent.",
            ])
        return Report(command: "pairs", parameters: [("period", scope.periodValue), ("by_year", .bool(true))], tables: [table])
    }

    /// `collaboration --by-year`.
    public static func collaborationYears(_ rows: [TypeYearRow], country: String?, scope: AnalysisScope) -> Report {
        let table = ReportTable(
            key: "by_year", title: "Collaboration types by publication year, \(scope.periodDescription)" + (country.map { " — \($0)" } ?? ""),
            columns: [ReportColumn("year", "Year"), ReportColumn("type", "Type"), ReportColumn("works", "Works"), ReportColumn("share", "Share %", fractionKey: "fraction"),
                      ReportColumn("citations_per_publication", "Citations/pub"), ReportColumn("works_without_citation_count", "No count"),
                      ReportColumn("complete_year", "Complete")],
            rows: rows.map { row in
                [.int(row.year), .text(row.type.rawValue), .int(row.works), row.share.map { .real($0, decimals: 1) } ?? .null,
                 row.citationsPerPublication.map { .real($0, decimals: 2) } ?? .null, .int(row.worksWithoutCitationCount),
                 .bool(row.year < scope.currentYear)]
            },
            notes: yearNotes(scope) + [
                "Every type in every year with classified works; Share %: of the year's classified works (definitions §3); the unclassified works are left out.",
            ])
        return Report(command: "collaboration", parameters: [("period", scope.periodValue), ("country", country.map { .text($0) } ?? .null),
                                                             ("by_year", .bool(true))], tables: [table])
    }

    private static func yearNotes(_ scope: AnalysisScope) -> [String] {
        ["Years from the first with data; works without a publication year are left out. Complete: no for the current calendar year \(scope.currentYear), whose works are still arriving (definitions §5)."]
    }
}
