extension StandardReports {
    /// `scicollab authors`: the author-level collaboration indicators of a set of works.
    public static func authorIndicators(_ indicators: AuthorIndicators, set: ImpactSet, scope: AnalysisScope) -> Report {
        func value(_ number: Double?, _ decimals: Int = 3) -> ReportValue { number.map { .real($0, decimals: decimals) } ?? .null }
        let table = ReportTable(
            key: "indicators", title: "Author-level collaboration — \(set.description)",
            columns: [ReportColumn("indicator", "Indicator"), ReportColumn("value", "Value"), ReportColumn("definition", "Definition")],
            rows: [
                [.text("authors_per_paper"), value(indicators.authorsPerPaper), .text("Σ n_p / |S|")],
                [.text("coauthors_per_paper"), value(indicators.coauthorsPerPaper), .text("Σ (n_p − 1) / |S|")],
                [.text("collaboration_index"), value(indicators.collaborationIndex), .text("Σ_{n_p ≥ 2} n_p / |{p : n_p ≥ 2}| (Elango & Rajendran)")],
                [.text("degree_of_collaboration"), value(indicators.degreeOfCollaboration), .text("|{p : n_p ≥ 2}| / |S| (Subramanyam)")],
                [.text("collaboration_coefficient"), value(indicators.collaborationCoefficient), .text("1 − Σ (1/n_p) / |S| (Ajiferuke et al.)")],
            ],
            notes: [
                "Over the \(indicators.works) works of the set with at least one author (n_p persons; group authors are not counted); \(indicators.worksWithoutAuthors) works without an author are left out (definitions §13).",
                "Full counting: each work of the set once.",
            ])
        return Report(
            command: "authors",
            parameters: [("set", .text(set.description)), ("period", scope.periodValue), ("works", .int(indicators.works)),
                         ("works_without_authors", .int(indicators.worksWithoutAuthors)), ("authorships", .int(indicators.authorships)),
                         ("multi_authored_works", .int(indicators.multiAuthored))],
            tables: [table])
    }

    /// The corresponding-author table of `countries --corresponding` (bibliometrix's country table).
    public static func correspondingTable(_ rows: [CorrespondingAuthorRow]) -> ReportTable {
        ReportTable(
            key: "corresponding", title: "Country of the corresponding author",
            columns: [ReportColumn("country", "Country"), ReportColumn("works", "Works (corr.)"), ReportColumn("scp", "SCP"),
                      ReportColumn("mcp", "MCP"), ReportColumn("mcp_ratio", "MCP ratio"), ReportColumn("all_author_works", "Works (all authors)"),
                      ReportColumn("all_author_international", "International (all authors)"),
                      ReportColumn("all_author_international_share", "Intl share (all authors)")],
            rows: rows.map { row in
                [.text(row.country), .int(row.works), .int(row.singleCountry), .int(row.multipleCountry),
                 row.mcpRatio.map { .real($0, decimals: 3) } ?? .null, .int(row.allAuthorWorks), .int(row.allAuthorInternational),
                 row.allAuthorInternationalShare.map { .real($0, decimals: 3) } ?? .null]
            },
            notes: [
                "Works (corr.): works whose corresponding author (else the first author, as leadership in definitions §6) is affiliated to the country; an author affiliated to two countries counts for both.",
                "SCP: of those, single-country publications (one country among all authors); MCP: multiple-country publications; MCP ratio = MCP / (SCP + MCP), a fraction as bibliometrix gives it.",
                "Works (all authors): N_X, every work with an author affiliated to the country; International: those with at least two countries, and their share (a fraction).",
            ])
    }
}
