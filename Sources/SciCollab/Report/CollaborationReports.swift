import Foundation

/// The reports of `collaboration`, `pair` and `pairs`.
extension StandardReports {
    static func real(_ value: Double?, _ decimals: Int = 2) -> ReportValue {
        value.map { .real($0, decimals: decimals) } ?? .null
    }

    static func percent(_ value: Double?, _ decimals: Int = 2) -> ReportValue {
        value.map { .real($0 * 100, decimals: decimals) } ?? .null
    }

    static func chinaRegions(_ scope: AnalysisScope) -> ReportValue {
        .text(scope.mergeChinaRegions ? "merged into CN" : "separate (TW, HK, MO)")
    }

    /// `scicollab collaboration [COUNTRY]`.
    public static func collaboration(_ breakdown: CollaborationBreakdown, country: String?, scope: AnalysisScope) -> Report {
        let over = country.map { "the works of \($0)" } ?? "all works"
        let table = ReportTable(
            key: "types", title: "Works by collaboration type (\(over))",
            columns: [ReportColumn("type", "Type"), ReportColumn("works", "Works"), ReportColumn("share", "Share %", fractionKey: "fraction"),
                      ReportColumn("citations_per_publication", "Citations/pub"), ReportColumn("works_without_citation_count", "No count")],
            rows: breakdown.rows.map { row in
                [.text(row.type.rawValue), .int(row.works), real(breakdown.share(row)), real(row.citationsPerPublication),
                 .int(row.worksWithoutCitationCount)]
            },
            notes: [
                "Types by the SciVal cascade (definitions §3): international = at least two countries; national = one country, at least two institutions; institutional = one institution, at least two authors; single = one author, one institution.",
                "Share %: of the classified works (the four types sum to 100%). Unclassified works (no resolved affiliation) are counted apart.",
                "Institutions are counted among the resolved affiliations; an affiliation's institution is its source id where given, else the name read from the address (definitions §1).",
            ])
        var report = Report(
            command: "collaboration",
            parameters: [
                ("country", country.map { .text($0) } ?? .null), ("period", scope.periodValue),
                ("counting", .text("full")), ("china_regions", chinaRegions(scope)), ("merge_china_regions", .bool(scope.mergeChinaRegions)),
                ("classified", .int(breakdown.classified)), ("unclassified", .int(breakdown.unclassified)),
            ],
            notes: ["Over \(over) in the period: \(breakdown.classified) classified, \(breakdown.unclassified) unclassified (no resolved country)."],
            tables: [table])
        report.jsonMembers = [("unclassified", .value(.int(breakdown.unclassified)))]
        return report
    }

    static func nameKeyedText(_ share: Double?) -> String {
        share.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
    }

    /// The warning about the entities more than 20% of whose authors are identified by a name key only (definitions
    /// §1), the largest share first and at most 10 named; empty when there is none.
    static func nameKeyedWarning(_ entities: [(entity: String, share: Double?)], leftOut: Bool) -> [String] {
        let flagged = entities.compactMap { entity, share in share.flatMap { $0 > AuthorIdentityOption.warningShare ? (entity, $0) : nil } }
            .sorted { ($1.1, $0.0) < ($0.1, $1.0) }
        guard !flagged.isEmpty else { return [] }
        let listed = flagged.prefix(10).map { "\($0.0) \(nameKeyedText($0.1))" }.joined(separator: ", ") + (flagged.count > 10 ? ", and \(flagged.count - 10) more" : "")
        return ["Warning: more than \(Int(AuthorIdentityOption.warningShare * 100))% of the authors of \(flagged.count == 1 ? "1 country" : "\(flagged.count) countries") listed are identified by a name key only, which merges distinct people (\(listed)): their author counts are undercounted\(leftOut ? " (left out here)" : "; --author-identity ids counts only identified authors")."]
    }

    /// `scicollab pair A B`.
    public static func pair(_ m: PairMetrics, scope: AnalysisScope) -> Report {
        let a = m.a, b = m.b
        func sides(_ x: ReportValue, _ y: ReportValue) -> JSONOutput { .object([(a, .value(x)), (b, .value(y))]) }
        let coauthoredGrowth = m.growth(\.coauthored)
        let outputAGrowth = m.growth(\.outputA), outputBGrowth = m.growth(\.outputB)
        let coauthorsAGrowth = m.growth { Double($0.coauthorsA) }, coauthorsBGrowth = m.growth { Double($0.coauthorsB) }
        let countValue: (Double) -> ReportValue = { m.counting == .full ? .int(Int($0.rounded())) : .real($0, decimals: 2) }
        let periodText = m.period == nil ? "no dated works" : scope.periodDescription
        let measures: [(String, String, ReportValue, ReportValue)] = [
            ("output", "Output N (works\(m.counting == .fractional ? ", fractional" : ""))", countValue(m.outputA), countValue(m.outputB)),
            ("coauthored_output", m.counting == .full ? "Co-authored output C_AB" : "Co-authored output Σ_{p∈S_AB} f(p)",
             countValue(m.coauthoredOutputA), countValue(m.coauthoredOutputB)),
            ("share_of_output", m.counting == .full ? "Share of output C_AB / N, %" : "Share of output Σ_{S_AB} f / Σ f, %",
             percent(m.shareOfOutputA), percent(m.shareOfOutputB)),
            ("international_output", "International works I", .int(m.internationalA), .int(m.internationalB)),
            ("share_of_international_output", "Share of international works C_AB / I, %", percent(m.shareOfInternationalA), percent(m.shareOfInternationalB)),
            ("authors", "Authors", .int(m.authorsA), .int(m.authorsB)),
            ("coauthors", "Co-authors (on joint works)", .int(m.coauthorsA), .int(m.coauthorsB)),
            ("share_of_authors", "Share of authors co-authoring, %", percent(m.shareOfAuthorsA), percent(m.shareOfAuthorsB)),
            ("name_keyed_authors", "Authors identified by a name key only\(m.authorIdentityOption == .ids ? " (left out)" : "")",
             .int(m.nameKeyedAuthorsA), .int(m.nameKeyedAuthorsB)),
            ("name_keyed_share", "Name-keyed share of the side's authors, %", percent(m.nameKeyedShareA), percent(m.nameKeyedShareB)),
            ("affinity", "Affinity PAI (towards the other side)", real(m.affinityAB, 3), real(m.affinityBA, 3)),
            ("leadership", "Leadership: joint works led, %", percent(m.leadershipA), percent(m.leadershipB)),
            ("output_growth", "Output growth first→last year, %", real(outputAGrowth?.percent, 1), real(outputBGrowth?.percent, 1)),
            ("coauthors_growth", "Co-authors growth first→last year, %", real(coauthorsAGrowth?.percent, 1), real(coauthorsBGrowth?.percent, 1)),
        ]
        let sidesTable = ReportTable(
            key: "sides", title: "\(a) and \(b), \(periodText)",
            columns: [ReportColumn("measure", "Measure"), ReportColumn("key", "Key"), ReportColumn("a", CountryNames.labelled(a)),
                      ReportColumn("b", CountryNames.labelled(b)), ReportColumn(a, a, machineOnly: true), ReportColumn(b, b, machineOnly: true)],
            rows: measures.map { [.text($0.1), .text($0.0), $0.2, $0.3, $0.2, $0.3] },
            notes: [
                m.counting == .full
                    ? "Share of output s(A→B) = C_AB / N_A: under full counting s(A→B)/s(B→A) = N_B/N_A, so the two shares are shown side by side (definitions §6)."
                    : "Share of output s(A→B) = Σ_{p∈S_AB} f_A(p) / Σ_p f_A(p): the side's fractional output that is co-authored with the other side, within 0–100% (definitions §6).",
                "Co-authors: distinct authors affiliated to the side on at least one joint work; share of authors = co-authors / Authors (definitions §6); author identity: \(m.authorIdentity).",
                m.authorIdentityOption == .ids
                    ? "--author-identity ids: only authors identified by an id are counted; left out as name-keyed: \(m.nameKeyedAuthorsA) of \(a)'s authors (\(nameKeyedText(m.nameKeyedShareA))), \(m.nameKeyedAuthorsB) of \(b)'s (\(nameKeyedText(m.nameKeyedShareB)))."
                    : "Name-keyed authors (a family name and an initial, such as `wang y`) may merge distinct people, so a side with many of them has its authors and author shares undercounted; --author-identity ids counts only identified authors.",
                "Affinity PAI(A→B) = (C_AB / L_A) / (L_B / (L − L_A)) on the full-count international link matrix (Zitt et al. 2000).",
                "Leadership: joint works whose corresponding author (else first author) is affiliated to the side.",
            ])
        let pairRows: [[ReportValue]] = [
            [.text(m.counting == .full ? "co-authored works C_AB" : "link strength Σ 1/(|K_p| − 1) (VOSviewer)"), countValue(m.coauthored)],
            [.text("joint works (count)"), .int(m.jointWorks)],
            [.text("Salton C_AB / sqrt(N_A N_B), works"), real(m.salton, 4)],
            [.text("Jaccard C_AB / (N_A + N_B − C_AB), works"), real(m.jaccard, 4)],
            [.text("balance Σ f_\(a) / Σ (f_\(a) + f_\(b))"), real(m.balance, 3)],
            [.text("citations per joint work"), real(m.citationsPerPublication)],
            [.text("joint works without a citation count"), .int(m.jointWithoutCitationCount)],
            [.text("growth of C_AB first→last year, %"), real(coauthoredGrowth?.percent, 1)],
            [.text("CAGR of C_AB, %"), real(coauthoredGrowth?.cagr, 1)],
            [.text("works with no resolved country (not placed)"), .int(m.unplacedWorks)],
        ]
        let pairTable = ReportTable(
            key: "pair", title: "The link \(a)–\(b)",
            columns: [ReportColumn("measure", "Measure"), ReportColumn("value", "Value")],
            rows: pairRows,
            notes: [m.counting == .full
                    ? "Full counting: C_AB counts each joint work once; N counts every work of the side."
                    : "Fractional counting: the link strength is the VOSviewer link weight Σ 1/(|K_p| − 1), never divided by an output; N is Σ f_X(p), author-level (definitions §4); Salton and Jaccard count works.",
                    m.hasPeriod
                        ? "Growth = (last − first) / first; CAGR = (last / first)^(1/(to − from)) − 1; undefined when the first year has none (definitions §5)."
                        : AnalysisScope.growthNote])
        let yearTable = ReportTable(
            key: "by_year", title: "By year",
            columns: [ReportColumn("year", "Year"), ReportColumn("coauthored", "C_AB"), ReportColumn("output_a", "N_\(a)"),
                      ReportColumn("output_b", "N_\(b)"), ReportColumn("coauthors_a", "Co-authors \(a)"),
                      ReportColumn("coauthors_b", "Co-authors \(b)"),
                      ReportColumn("fraction_a", "s(\(a)→\(b))", kind: .share), ReportColumn("fraction_b", "s(\(b)→\(a))", kind: .share),
                      // The keys built from the country codes, kept for programs for one more release.
                      ReportColumn("output_\(a)", machineOnly: true), ReportColumn("output_\(b)", machineOnly: true),
                      ReportColumn("coauthors_\(a)", machineOnly: true), ReportColumn("coauthors_\(b)", machineOnly: true),
                      ReportColumn("year_note", "Note")],
            rows: m.byYear.map { [.int($0.year), countValue($0.coauthored), countValue($0.outputA), countValue($0.outputB),
                                  .int($0.coauthorsA), .int($0.coauthorsB),
                                  $0.shareOfOutputA.map { .real($0, decimals: 4) } ?? .null, $0.shareOfOutputB.map { .real($0, decimals: 4) } ?? .null,
                                  countValue($0.outputA), countValue($0.outputB), .int($0.coauthorsA), .int($0.coauthorsB),
                                  scope.isIncomplete($0.year) ? .text("incomplete year") : .null] },
            notes: ["From the first year with works of either side; the current calendar year (\(scope.currentYear)) is incomplete.",
                    "s(\(a)→\(b)) in a year: the part of \(a)'s output of that year written with \(b), \(m.counting == .full ? "C_AB / N_\(a)" : "Σ f_\(a) over the joint works / Σ f_\(a)") (definitions §6); never above 100%."])
        var report = Report(
            command: "pair",
            parameters: [
                ("a", .text(a)), ("b", .text(b)), ("period", scope.periodValue),
                ("counting", .text(m.counting.rawValue)), ("china_regions", chinaRegions(scope)), ("merge_china_regions", .bool(scope.mergeChinaRegions)),
                ("author_identity", .text(m.authorIdentity)), ("unplaced_works", .int(m.unplacedWorks)),
            ],
            notes: ["Over the works of \(periodText) with a resolved country; \(m.unplacedWorks) works of the period have none and are not placed."]
                + [(a, m.nameKeyedShareA, m.nameKeyedAuthorsA), (b, m.nameKeyedShareB, m.nameKeyedAuthorsB)].compactMap { side, share, count in
                    guard let share, share > PairMetrics.nameKeyedWarningShare else { return nil }
                    return "Warning: \(count) of \(side)'s authors (\(nameKeyedText(share))) are identified by a name key only, which merges distinct people: \(side)'s author count and author shares are undercounted\(m.authorIdentityOption == .ids ? " (left out here)" : "; --author-identity ids counts only identified authors")."
                },
            tables: [pairTable, sidesTable])
        report.tables.append(yearTable)
        func side(_ country: String, output: Double, coauthoredOutput: Double, shareOfOutput: Double?, international: Int,
                  shareOfInternational: Double?, authors: Int, coauthors: Int, shareOfAuthors: Double?, affinity: Double?,
                  leadership: Double?, outputGrowth: Double?, coauthorsGrowth: Double?) -> JSONOutput {
            .object([
                ("country", .value(.text(country))), ("output", .value(countValue(output))),
                ("coauthored_output", .value(countValue(coauthoredOutput))), ("share_of_output", .value(real(shareOfOutput, 4))),
                ("international_output", .value(.int(international))), ("share_of_international_output", .value(real(shareOfInternational, 4))),
                ("authors", .value(.int(authors))), ("coauthors", .value(.int(coauthors))), ("share_of_authors", .value(real(shareOfAuthors, 4))),
                ("affinity", .value(real(affinity, 3))), ("leadership", .value(real(leadership, 4))),
                ("output_growth", .value(real(outputGrowth, 2))), ("coauthors_growth", .value(real(coauthorsGrowth, 2))),
            ])
        }
        report.jsonMembers = [
            // The two sides under fixed keys, shares as fractions (schema version 2).
            ("a", side(a, output: m.outputA, coauthoredOutput: m.coauthoredOutputA, shareOfOutput: m.shareOfOutputA,
                       international: m.internationalA, shareOfInternational: m.shareOfInternationalA, authors: m.authorsA,
                       coauthors: m.coauthorsA, shareOfAuthors: m.shareOfAuthorsA, affinity: m.affinityAB, leadership: m.leadershipA,
                       outputGrowth: outputAGrowth?.percent, coauthorsGrowth: coauthorsAGrowth?.percent)),
            ("b", side(b, output: m.outputB, coauthoredOutput: m.coauthoredOutputB, shareOfOutput: m.shareOfOutputB,
                       international: m.internationalB, shareOfInternational: m.shareOfInternationalB, authors: m.authorsB,
                       coauthors: m.coauthorsB, shareOfAuthors: m.shareOfAuthorsB, affinity: m.affinityBA, leadership: m.leadershipB,
                       outputGrowth: outputBGrowth?.percent, coauthorsGrowth: coauthorsBGrowth?.percent)),
            ("coauthored", .value(countValue(m.coauthored))),
            ("joint_works", .value(.int(m.jointWorks))),
            ("link_strength", .value(.real(m.linkStrength, decimals: 2))),
            ("output", sides(countValue(m.outputA), countValue(m.outputB))),
            ("coauthored_output", sides(countValue(m.coauthoredOutputA), countValue(m.coauthoredOutputB))),
            ("share_of_output", sides(percent(m.shareOfOutputA), percent(m.shareOfOutputB))),
            ("international_output", sides(.int(m.internationalA), .int(m.internationalB))),
            ("share_of_international_output", sides(percent(m.shareOfInternationalA), percent(m.shareOfInternationalB))),
            ("coauthors", sides(.int(m.coauthorsA), .int(m.coauthorsB))),
            ("authors", sides(.int(m.authorsA), .int(m.authorsB))),
            ("share_of_authors", sides(percent(m.shareOfAuthorsA), percent(m.shareOfAuthorsB))),
            ("salton", .value(real(m.salton, 4))),
            ("jaccard", .value(real(m.jaccard, 4))),
            ("affinity", sides(real(m.affinityAB, 3), real(m.affinityBA, 3))),
            ("balance", .value(real(m.balance, 3))),
            ("leadership", sides(percent(m.leadershipA), percent(m.leadershipB))),
            ("citations_per_publication", .value(real(m.citationsPerPublication))),
            ("growth", .value(real(coauthoredGrowth?.percent, 1))),
            ("cagr", .value(real(coauthoredGrowth?.cagr, 1))),
            ("output_growth", sides(real(outputAGrowth?.percent, 1), real(outputBGrowth?.percent, 1))),
            ("coauthors_growth", sides(real(coauthorsAGrowth?.percent, 1), real(coauthorsBGrowth?.percent, 1))),
            ("period", .object([("from", .value(.count(m.period?.from))), ("to", .value(.count(m.period?.to)))])),
            ("counting", .value(.text(m.counting.rawValue))),
            ("author_identity", .value(.text(m.authorIdentity))),
            ("unplaced_works", .value(.int(m.unplacedWorks))),
            ("name_keyed_authors", sides(.int(m.nameKeyedAuthorsA), .int(m.nameKeyedAuthorsB))),
            ("name_keyed_share", sides(percent(m.nameKeyedShareA), percent(m.nameKeyedShareB))),
            ("author_identity_option", .value(.text(m.authorIdentityOption.rawValue))),
        ]
        // `by_year` is the table of the same key: `[{year, coauthored, …}]`.
        return report
    }

    /// `scicollab pairs`.
    public static func pairs(_ rows: [PairRow], country: String?, counting: CountingMethod, scope: AnalysisScope,
                             works: (works: Int, withCountry: Int)) -> Report {
        let table = ReportTable(
            key: "pairs", title: country.map { "Partners of \($0)" } ?? "Country pairs",
            columns: [ReportColumn("a", "A", kind: .country), ReportColumn("b", "B", kind: .country), ReportColumn("coauthored", "C_AB"),
                      ReportColumn("fractional_weight", "Fractional weight"), ReportColumn("output_a", "N_A"),
                      ReportColumn("output_b", "N_B"), ReportColumn("share_a", "% of A", fractionKey: "fraction_a"), ReportColumn("share_b", "% of B", fractionKey: "fraction_b"),
                      ReportColumn("link_strength", "Link strength"), ReportColumn("output_a_fractional", "Σ f_A"),
                      ReportColumn("output_b_fractional", "Σ f_B"), ReportColumn("coauthored_a_fractional", "Σ_AB f_A"),
                      ReportColumn("coauthored_b_fractional", "Σ_AB f_B")],
            rows: rows.map { row in
                let shares = row.shares(counting)
                return [.text(row.a), .text(row.b), .int(row.coauthored), .real(row.fractionalWeight, decimals: 2),
                        .int(row.outputA), .int(row.outputB), percent(shares.a), percent(shares.b),
                        .real(row.fractionalWeight, decimals: 2), .real(row.outputFractionalA, decimals: 2),
                        .real(row.outputFractionalB, decimals: 2), .real(row.jointWeightA, decimals: 2), .real(row.jointWeightB, decimals: 2)]
            },
            notes: [
                "C_AB: works with both countries (full counting); link strength (= fractional weight): Σ 1/(|K_p| − 1) over them (VOSviewer, definitions §4), never divided by an output.",
                counting == .full
                    ? "N: works of each country in the period (full); % of A = C_AB / N_A."
                    : "Σ f_A: A's fractional output (author-level, definitions §4); Σ_AB f_A: the part of it in joint works; % of A = Σ_AB f_A / Σ f_A (definitions §6), within 0–100%.",
                "Ranked by the \(counting == .full ? "C_AB" : "link strength").",
            ])
        return Report(
            command: "pairs",
            parameters: [
                ("country", country.map { .text($0) } ?? .null), ("period", scope.periodValue),
                ("counting", .text(counting.rawValue)), ("china_regions", chinaRegions(scope)), ("merge_china_regions", .bool(scope.mergeChinaRegions)),
                ("works", .int(works.works)), ("unplaced_works", .int(works.works - works.withCountry)),
            ],
            notes: ["Over the \(works.withCountry) of \(works.works) works in the period with a resolved country; \(works.works - works.withCountry) are not placed."],
            tables: [table])
    }
}
