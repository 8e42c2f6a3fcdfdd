import Foundation
import Testing
@testable import SciCollab

/// The collaboration engine (definitions §3–§6) on a toy corpus whose every figure is worked out by hand below.
///
/// Authors: a1–a4 in Russia (Univ Moscow, St Petersburg Univ), b1 and b3 in China (Tsinghua, Peking), c1 in
/// Germany (Univ Berlin), x1 unresolved.
///
/// | work | year | authors (affiliations)                           | K_p          | type          | cites |
/// |------|------|--------------------------------------------------|--------------|---------------|-------|
/// | W1   | 2018 | a1 (Moscow), a2 (Moscow), a3 (Moscow + Tsinghua)  | RU 5/6, CN 1/6 | international | 10 |
/// | W2   | 2018 | b1 (Tsinghua), c1 (Berlin)                       | CN ½, DE ½   | international | 4     |
/// | W3   | 2018 | a1 (Moscow)                                      | RU 1         | single        | 2     |
/// | W4   | 2019 | a2 (Moscow), a4 (St Petersburg)                  | RU 1         | national      | 6     |
/// | W5   | 2020 | b1 (Tsinghua), b3 (Tsinghua)                     | CN 1         | institutional | 0     |
/// | W6   | 2020 | a4 (St Petersburg), b3 (Peking, corresponding), c1 (Berlin) | RU, CN, DE ⅓ each | international | 9 |
/// | W7   | 2020 | x1 (Nowhere Institute)                           | —            | unclassified  | 1     |
/// | W8   | 2020 | a1 (Moscow), b1 (Tsinghua)                       | RU ½, CN ½   | international | 5     |
struct CollaborationTests {
    static let moscow = "Univ Moscow, Moscow, Russian Federation"
    static let petersburg = "St Petersburg Univ, St Petersburg, Russian Federation"
    static let tsinghua = "Tsinghua Univ, Beijing, China"
    static let peking = "Peking Univ, Beijing, China"
    static let berlin = "Univ Berlin, Berlin, Germany"

    static func record(_ eid: Int, year: Int, cites: Int, authors: [(name: String, id: String, affiliations: [String])],
                       correspondence: String = "") -> [String: String] {
        var affiliations: [String] = []
        for author in authors { for affiliation in author.affiliations where !affiliations.contains(affiliation) { affiliations.append(affiliation) } }
        return [
            "Authors": authors.map(\.name).joined(separator: "; "),
            "Author(s) ID": authors.map(\.id).joined(separator: "; "),
            "Year": String(year), "Cited by": String(cites),
            "Affiliations": affiliations.joined(separator: "; "),
            "Authors with affiliations": authors.map { ([$0.name] + $0.affiliations).joined(separator: ", ") }.joined(separator: "; "),
            "Correspondence Address": correspondence,
            "EID": "2-s2.0-\(eid)",
        ]
    }

    static func toyCorpus() -> String {
        let a1 = ("Alpha A.", "1"), a2 = ("Beta B.", "2"), a3 = ("Gamma C.", "3"), a4 = ("Delta D.", "4")
        let b1 = ("Wang B.", "11"), b3 = ("Li C.", "13"), c1 = ("Müller C.", "21"), x1 = ("Nobody X.", "31")
        return TestSupport.scopusCSV([
            record(1, year: 2018, cites: 10, authors: [(a1.0, a1.1, [moscow]), (a2.0, a2.1, [moscow]), (a3.0, a3.1, [moscow, tsinghua])]),
            record(2, year: 2018, cites: 4, authors: [(b1.0, b1.1, [tsinghua]), (c1.0, c1.1, [berlin])]),
            record(3, year: 2018, cites: 2, authors: [(a1.0, a1.1, [moscow])]),
            record(4, year: 2019, cites: 6, authors: [(a2.0, a2.1, [moscow]), (a4.0, a4.1, [petersburg])]),
            record(5, year: 2020, cites: 0, authors: [(b1.0, b1.1, [tsinghua]), (b3.0, b3.1, [tsinghua])]),
            record(6, year: 2020, cites: 9, authors: [(a4.0, a4.1, [petersburg]), (b3.0, b3.1, [peking]), (c1.0, c1.1, [berlin])],
                   correspondence: "Li C.; Peking Univ, Beijing, China; email: li@pku.edu.cn"),
            record(7, year: 2020, cites: 1, authors: [(x1.0, x1.1, ["Nowhere Institute"])]),
            record(8, year: 2020, cites: 5, authors: [(a1.0, a1.1, [moscow]), (b1.0, b1.1, [tsinghua])]),
        ])
    }

    static func toyStore() throws -> Store {
        let store = try TestSupport.makeStore()
        let report = try store.importFile(try TestSupport.write(toyCorpus(), name: "toy.csv"))
        #expect(report.recordsImported == 8)
        return store
    }

    func close(_ value: Double?, _ expected: Double, _ comment: Comment? = nil) {
        guard let value else { Issue.record("nil, expected \(expected) \(comment.map { "\($0)" } ?? "")"); return }
        #expect(abs(value - expected) < 1e-9, comment)
    }

    @Test("derived tables: K_p, fractional weights (definitions §4 example), lead flags, types")
    func derivedTables() throws {
        let store = try Self.toyStore()
        let rows = try store.database.rows("""
            SELECT w.source_id, wc.country, wc.weight, wc.is_lead FROM work_countries wc JOIN works w ON w.id = wc.work_id
            ORDER BY w.source_id, wc.country
            """)
        let weights = Dictionary(uniqueKeysWithValues: rows.map { ("\($0[0].string!) \($0[1].string!)", ($0[2].double!, $0[3].int!)) })
        close(weights["2-s2.0-1 RU"]?.0, 5.0 / 6)      // (1 + 1 + ½) / 3
        close(weights["2-s2.0-1 CN"]?.0, 1.0 / 6)      // ½ / 3
        close(weights["2-s2.0-6 DE"]?.0, 1.0 / 3)
        #expect(weights["2-s2.0-1 RU"]?.1 == 1 && weights["2-s2.0-1 CN"]?.1 == 0)   // first author a1 leads
        #expect(weights["2-s2.0-6 CN"]?.1 == 1 && weights["2-s2.0-6 RU"]?.1 == 0)   // corresponding b3 leads
        #expect(weights.keys.filter { $0.hasPrefix("2-s2.0-7 ") }.isEmpty)
        let facts = try store.database.rows("""
            SELECT w.source_id, f.authors, f.countries, f.institutions, f.collaboration FROM work_facts f JOIN works w ON w.id = f.work_id
            ORDER BY w.source_id
            """)
        #expect(facts.map { $0[4].string } == ["international", "international", "single", "national", "institutional",
                                               "international", nil, "international"])
        #expect(facts.map { $0[1].int } == [3, 2, 1, 2, 2, 3, 1, 2])
        #expect(facts.map { $0[3].int } == [2, 2, 1, 2, 1, 3, 0, 2])
    }

    @Test("collaboration types: whole database and one country (definitions §3)")
    func collaborationTypes() throws {
        let store = try Self.toyStore()
        let all = try store.collaboration()
        #expect(all.rows.map(\.works) == [4, 1, 1, 1])           // W1 W2 W6 W8 | W4 | W5 | W3
        #expect(all.unclassified == 1)                            // W7
        close(all.share(all.rows[0]), 4.0 / 7 * 100)
        close(all.rows.map { all.share($0)! }.reduce(0, +), 100)
        close(all.rows[0].citationsPerPublication, (10.0 + 4 + 9 + 5) / 4)
        let russia = try store.collaboration(country: "RU")
        #expect(russia.rows.map(\.works) == [3, 1, 0, 1])         // W1 W6 W8 | W4 | — | W3
        #expect(russia.unclassified == 0)
    }

    @Test("pair RU–CN: every figure of definitions §6 under full counting")
    func pairFull() throws {
        let m = try Self.toyStore().pair("RU", "CN")
        #expect(m.coauthored == 3 && m.jointWorks == 3)         // W1 W6 W8
        #expect(m.outputA == 5 && m.outputB == 5)               // RU: W1 W3 W4 W6 W8; CN: W1 W2 W5 W6 W8
        close(m.shareOfOutputA, 3.0 / 5)
        close(m.shareOfOutputB, 3.0 / 5)
        #expect(m.internationalA == 3 && m.internationalB == 4) // CN also has W2
        close(m.shareOfInternationalA, 1)
        close(m.shareOfInternationalB, 3.0 / 4)
        #expect(m.authorsA == 4 && m.authorsB == 3)             // a1–a4; a3, b1, b3
        #expect(m.coauthorsA == 4 && m.coauthorsB == 3)         // a1 a2 a3 (W1), a4 (W6); a3, b3, b1
        close(m.shareOfAuthorsA, 1)
        close(m.shareOfAuthorsB, 1)
        close(m.salton, 3.0 / 5)                                 // 3 / sqrt(5 · 5)
        close(m.jaccard, 3.0 / 7)                                // 3 / (5 + 5 − 3)
        // Links: W1 2, W2 2, W6 6, W8 2 → L = 12; L_RU = 1 + 2 + 1 = 4; L_CN = 1 + 1 + 2 + 1 = 5.
        #expect(m.links == 12 && m.linksA == 4 && m.linksB == 5)
        close(m.affinityAB, (3.0 / 4) / (5.0 / (12 - 4)))        // 1.2
        close(m.affinityBA, (3.0 / 5) / (4.0 / (12 - 5)))        // 1.05
        close(m.balance, (5.0 / 3) / (5.0 / 3 + 1))              // Σf_RU = 5/6 + 1/3 + 1/2; Σf_CN = 1/6 + 1/3 + 1/2
        close(m.leadershipA, 2.0 / 3)                            // W1, W8
        close(m.leadershipB, 1.0 / 3)                            // W6
        close(m.citationsPerPublication, (10.0 + 9 + 5) / 3)
        #expect(m.unplacedWorks == 1)
        #expect(m.byYear.map(\.year) == [2018, 2019, 2020])
        #expect(m.byYear.map(\.coauthored) == [1, 0, 2])
        #expect(m.growth(\.coauthored) == nil, "growth needs a period the user gives (definitions §5)")
        let withPeriod = try Self.toyStore().pair("RU", "CN", scope: AnalysisScope(from: 2018, to: 2020))
        let growth = try #require(withPeriod.growth(\.coauthored))
        close(growth.percent, 100)
        close(growth.cagr, (2.0.squareRoot() - 1) * 100)
        close(withPeriod.growth { Double($0.coauthorsA) }?.percent, (2.0 - 3) / 3 * 100)   // a1 a2 a3 in 2018; a4 a1 in 2020
        close(withPeriod.growth(\.outputB)?.percent, (3.0 - 2) / 2 * 100)                  // CN: W1 W2; W5 W6 W8
        #expect(m.authorIdentity == "ids")
    }

    @Test("pair under fractional counting; a period; country names; the same country twice")
    func pairOptions() throws {
        let store = try Self.toyStore()
        let m = try store.pair("RU", "CN", counting: .fractional)
        close(m.outputA, 5.0 / 6 + 1 + 1 + 1.0 / 3 + 1.0 / 2)   // 11/3
        close(m.outputB, 1.0 / 6 + 1.0 / 2 + 1 + 1.0 / 3 + 1.0 / 2)   // 5/2
        close(m.coauthored, 1 + 0.5 + 1)                          // VOSviewer: W1 1, W6 ½, W8 1
        close(m.shareOfOutputB, (1.0 / 6 + 1.0 / 3 + 1.0 / 2) / 2.5)   // Σ_{S_AB} f_CN / Σ f_CN = 1 / (5/2), never link / output
        let only2020 = try store.pair("RU", "CN", scope: AnalysisScope(from: 2020, to: 2020))
        #expect(only2020.coauthored == 2 && only2020.outputA == 2 && only2020.outputB == 3)
        #expect(try Store.countryCode("Russia") == "RU")
        #expect(try Store.countryCode("Peoples R China") == "CN")
        #expect(try Store.countryCode("cn") == "CN")
        #expect(throws: PairError.self) { try store.pair("CN", "HK", scope: AnalysisScope(mergeChinaRegions: true)) }
        #expect(throws: PairError.self) { try Store.countryCode("Atlantis") }
    }

    @Test("pairs: ranking, shares, fractional link weights, partners of one country")
    func pairsTable() throws {
        let store = try Self.toyStore()
        let rows = try store.pairs()
        #expect(rows.map { "\($0.a)-\($0.b) \($0.coauthored)" } == ["CN-RU 3", "CN-DE 2", "DE-RU 1"])
        close(rows[0].fractionalWeight, 2.5)
        close(rows[1].fractionalWeight, 1.5)                       // W2 1, W6 ½
        close(rows[2].fractionalWeight, 0.5)
        close(rows[1].shares(.full).b, 2.0 / 2)                   // DE has 2 works, both with CN
        let partners = try store.pairs(country: "DE", counting: .fractional)
        #expect(partners.map { "\($0.a)-\($0.b)" } == ["DE-CN", "DE-RU"])
        #expect(try store.pairs(top: 1).count == 1)
    }

    @Test("countries: international share, growth and CAGR over the period")
    func countryGrowth() throws {
        let store = try Self.toyStore()
        #expect(try store.countryTable().allSatisfy { $0.growth == nil }, "growth needs a period the user gives (definitions §5)")
        let rows = try store.countryTable(scope: AnalysisScope(from: 2018, to: 2020))
        let ru = try #require(rows.first { $0.country == "RU" })
        let cn = try #require(rows.first { $0.country == "CN" })
        #expect(ru.internationalWorks == 3)
        close(ru.internationalShare, 60)
        #expect(ru.growth == Growth(from: 2018, to: 2020, first: 2, last: 2))
        close(cn.growth?.percent, 50)                                 // 2 → 3
        close(cn.growth?.cagr, ((3.0 / 2).squareRoot() - 1) * 100)
    }

    @Test("properties: types partition the classified works; pairs symmetric; weights sum to 1; years sum to the total")
    func properties() throws {
        let store = try Self.toyStore()
        for corpus in [store] + [try fixtureStore()].compactMap({ $0 }) {
            let facts = try corpus.database.rows("SELECT count(*), sum(CASE WHEN collaboration IS NOT NULL THEN 1 ELSE 0 END) FROM work_facts").first!
            let breakdown = try corpus.collaboration()
            #expect(breakdown.classified == facts[1].int && breakdown.classified + breakdown.unclassified == facts[0].int)
            let sums = try corpus.database.rows("SELECT work_id, sum(weight) FROM work_countries GROUP BY work_id")
            #expect(sums.allSatisfy { abs($0[1].double! - 1) < 1e-9 })
            let pairs = try corpus.pairs(top: 5)
            for row in pairs {
                let ab = try corpus.pair(row.a, row.b), ba = try corpus.pair(row.b, row.a)
                #expect(ab.coauthored == ba.coauthored && ab.outputA == ba.outputB && ab.coauthorsA == ba.coauthorsB)
                #expect(ab.coauthored == Double(row.coauthored))
                let dated = try corpus.pair(row.a, row.b, scope: AnalysisScope(from: ab.period!.from, to: ab.period!.to))
                #expect(dated.byYear.map(\.coauthored).reduce(0, +) == dated.coauthored)
                #expect(dated.byYear.map(\.outputA).reduce(0, +) == dated.outputA)
            }
        }
    }

    /// The mixed fixtures (Scopus, WoS, OpenAlex, PubMed) in one store, for the property tests.
    func fixtureStore() throws -> Store? {
        let store = try TestSupport.makeStore()
        for name in ["scopus_2023_litstudy_88rec.csv", "wos_txt_2024_genai_excerpt_25rec.txt", "openalex_api_works_page_50rec_2025.json",
                     "pubmed_efetch_2022_ncbiutils_5rec.xml"] {
            _ = try store.importFile(TestSupport.fixture(name))
        }
        return store
    }

    @Test("derived tables follow replaced and deleted works, and are rebuilt for an older database")
    func keptInStep() throws {
        let store = try Self.toyStore()
        // The same EID in a newer export: W8 now has only Russian authors.
        let newer = TestSupport.scopusCSV([Self.record(8, year: 2020, cites: 5, authors: [("Alpha A.", "1", [Self.moscow])])])
        _ = try store.importFile(try TestSupport.write(newer, name: "newer.csv"))
        #expect(try store.pair("RU", "CN").coauthored == 2)
        #expect(try store.database.scalar("SELECT count(*) FROM work_facts").int == 8)
        try Self.expectAuthorCountsMatch(store)
        // An author whose only German work moves to Russia leaves the German authors.
        let germanAuthors = try store.countryTable().first { $0.country == "DE" }?.authors ?? 0
        let zeta = [Self.record(9, year: 2020, cites: 0, authors: [("Zeta Z.", "99", [Self.berlin])])]
        _ = try store.importFile(try TestSupport.write(TestSupport.scopusCSV(zeta), name: "zeta.csv"))
        #expect(try store.countryTable().first { $0.country == "DE" }?.authors == germanAuthors + 1)
        let moved = [Self.record(9, year: 2020, cites: 0, authors: [("Zeta Z.", "99", [Self.moscow])])]
        _ = try store.importFile(try TestSupport.write(TestSupport.scopusCSV(moved), name: "zeta-moved.csv"))
        #expect(try store.countryTable().first { $0.country == "DE" }?.authors == germanAuthors)
        try Self.expectAuthorCountsMatch(store)
        // The same record twice in one file, first German then Russian: the later one is kept.
        let twice = [Self.record(10, year: 2021, cites: 0, authors: [("Omega O.", "98", [Self.berlin])]),
                     Self.record(10, year: 2021, cites: 0, authors: [("Omega O.", "98", [Self.moscow])])]
        _ = try store.importFile(try TestSupport.write(TestSupport.scopusCSV(twice), name: "twice.csv"))
        #expect(try store.countryTable().first { $0.country == "DE" }?.authors == germanAuthors)
        try Self.expectAuthorCountsMatch(store)
        try store.rebuildDerivedTables()
        try Self.expectAuthorCountsMatch(store)
        #expect(try store.pair("RU", "CN").coauthored == 2)
        #expect(try store.collaboration().rows.map(\.works) == [3, 1, 1, 4]) // W9 and W10 are single-author works
    }

    @Test("a pair computed inside an open transaction sees its uncommitted works (no second connection then)")
    func pairInsideTransaction() throws {
        let store = try Self.toyStore()
        let before = try store.pair("RU", "CN")
        try store.database.execute("BEGIN IMMEDIATE")
        try store.database.execute("DELETE FROM works WHERE source_id = '2-s2.0-8'")
        let inside = try store.pair("RU", "CN")
        try store.database.execute("ROLLBACK")
        #expect(inside.coauthored == before.coauthored - 1)
        #expect(inside.links < before.links)
    }

    /// `country_author_counts`, kept by triggers, against a distinct count over `work_author_countries`.
    static func expectAuthorCountsMatch(_ store: Store, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let kept = try store.database.rows("SELECT country, authors, name_keyed FROM country_author_counts WHERE authors > 0 ORDER BY country")
            .map { $0.map { $0.string ?? "" } }
        let counted = try store.database.rows("""
            SELECT country, count(DISTINCT author_id), count(DISTINCT CASE WHEN name_key = 1 THEN author_id END)
            FROM work_author_countries GROUP BY country ORDER BY country
            """).map { $0.map { $0.string ?? "" } }
        #expect(!counted.isEmpty, sourceLocation: sourceLocation)
        #expect(kept == counted, sourceLocation: sourceLocation)
    }

    /// The rows an import computes per work (`DerivedRows`) against the set-based SQL of the rebuild,
    /// over every bundled export: the toy corpus's awkward works, several countries per author, missing
    /// affiliations, duplicate links, corresponding authors who are not first.
    @Test("rows written during an import equal the SQL rebuild, row by row")
    func importRowsEqualRebuild() throws {
        let store = try TestSupport.bundledStore()
        let toy = try Self.toyStore()
        for store in [store, toy] {
            let queries = [
                "SELECT work_id, year, citations, authors, resolved_authorships, countries, countries_merged, institutions, collaboration, collaboration_merged FROM work_facts ORDER BY 1",
                "SELECT work_id, country, printf('%.12f', weight), is_lead, year, countries, citations FROM work_countries ORDER BY 1, 2",
                "SELECT work_id, a, b, year, printf('%.12f', link), printf('%.12f', weight_a), printf('%.12f', weight_b), lead_a, lead_b, citations FROM work_country_pairs ORDER BY 1, 2, 3",
                "SELECT work_id, country, author_id, year, name_key FROM work_author_countries ORDER BY 1, 2, 3",
                "SELECT work_id, institution, printf('%.12f', weight), is_lead, year, countries, citations, institutions FROM work_institutions ORDER BY 1, 2",
                "SELECT work_id, institution, author_id, year, name_key FROM work_institution_authors ORDER BY 1, 2, 3",
            ]
            let written = try queries.map { try store.database.rows($0).map { $0.map { $0.string ?? "NULL" } } }
            #expect(try store.database.scalar("SELECT count(*) FROM work_countries").int ?? 0 > 0)
            try store.rebuildDerivedTables()
            let rebuilt = try queries.map { try store.database.rows($0).map { $0.map { $0.string ?? "NULL" } } }
            try Self.expectAuthorCountsMatch(store)
            // The summary's authorships with a country, from work_facts, against the authorship links themselves.
            let coverage = try store.summary().coverage
            #expect(coverage.authorshipsWithCountry == (try store.database.scalar("""
                SELECT count(*) FROM authorships au WHERE EXISTS (
                    SELECT 1 FROM authorship_affiliations x JOIN affiliations af ON af.id = x.affiliation_id
                    WHERE x.authorship_id = au.id AND af.country IS NOT NULL)
                """).int))
            #expect(coverage.authorships == (try store.database.scalar("SELECT count(*) FROM authorships").int))
            for (query, (before, after)) in zip(queries, zip(written, rebuilt)) {
                #expect(before.count == after.count, "\(query)")
                if let first = zip(before, after).first(where: { $0.0 != $0.1 }) {
                    Issue.record("\(query): written \(first.0), rebuilt \(first.1)")
                }
            }
        }
    }
}

/// Pair figures on real exports against `Tests/scripts/pair_figures.py`, which reads the files on its own.
struct FixturePairTests {
    @Test("every pair of a Scopus and two WoS fixtures matches the independent script", arguments: [
        "scopus_2023_litstudy_88rec", "wos_txt_2014_wosfile_50rec", "wos_txt_2024_genai_excerpt_25rec",
    ])
    func pairsMatchScript(fixture: String) throws {
        let expectedURL = TestSupport.packageRoot.appendingPathComponent("Tests/SciCollabTests/Expected/\(fixture).pairs.json")
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: expectedURL)) as? [String: [String: Int]])
        let file = try FileManager.default.contentsOfDirectory(atPath: TestSupport.packageRoot.appendingPathComponent("Fixtures").path)
            .first { $0.hasPrefix(fixture + ".") }
        let store = try TestSupport.makeStore()
        _ = try store.importFile(TestSupport.fixture(try #require(file)))
        let rows = try store.pairs()
        #expect(Set(rows.map { "\($0.a)-\($0.b)" }) == Set(expected.keys))
        for row in rows {
            let key = "\(row.a)-\(row.b)"
            guard let figures = expected[key] else { continue }
            #expect(row.coauthored == figures["coauthored"], "\(key)")
            #expect(row.outputA == figures["output_a"] && row.outputB == figures["output_b"], "\(key)")
            let pair = try store.pair(row.a, row.b)
            #expect(pair.coauthored == Double(figures["coauthored"] ?? -1), "\(key)")
            if let authorsA = figures["authors_a"] {
                #expect(pair.authorsA == authorsA && pair.authorsB == figures["authors_b"], "\(key)")
                #expect(pair.coauthorsA == figures["coauthors_a"] && pair.coauthorsB == figures["coauthors_b"], "\(key)")
            }
        }
    }
}
