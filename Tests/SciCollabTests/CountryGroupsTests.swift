import Foundation
import Testing
@testable import SciCollab

/// A toy corpus shared by the group, comparison and institution tests, with its figures worked out by hand.
///
/// - W1 2020, 10 citations: author 1 at Inst A (Moscow, RU), author 2 at Univ B (Beijing, CN), author 3 at Univ C
///   (Boston, US), author 3 corresponding. f: RU 1/3, CN 1/3, US 1/3.
/// - W2 2021, 4 citations: author 1 at Inst A (RU), author 4 at Univ D (Sao Paulo, BR). f: RU 1/2, BR 1/2.
/// - W3 2021, 2 citations: author 2 alone at Univ B (CN).
/// - W4 2022, 6 citations: author 3 at Univ C (US), author 5 at Univ E (Berlin, DE).
/// - W5 2022, 0 citations: author 6 at Inst A (RU) and Univ C (US). f: RU 1/2, US 1/2.
enum ToyCorpus {
    static let inst = "Inst A, Moscow, Russian Federation"
    static let univB = "Univ B, Beijing, China"
    static let univC = "Univ C, Boston, United States"
    static let univD = "Univ D, Sao Paulo, Brazil"
    static let univE = "Univ E, Berlin, Germany"

    static func store() throws -> Store {
        let text = TestSupport.scopusCSV([
            ["Authors": "One A.; Two B.; Three C.", "Author(s) ID": "1; 2; 3", "Year": "2020", "Cited by": "10",
             "Affiliations": "\(inst); \(univB); \(univC)",
             "Authors with affiliations": "One A., \(inst); Two B., \(univB); Three C., \(univC)",
             "Correspondence Address": "Three C.; \(univC); email: c@example.org", "EID": "2-s2.0-1"],
            ["Authors": "One A.; Four D.", "Author(s) ID": "1; 4", "Year": "2021", "Cited by": "4",
             "Affiliations": "\(inst); \(univD)", "Authors with affiliations": "One A., \(inst); Four D., \(univD)", "EID": "2-s2.0-2"],
            ["Authors": "Two B.", "Author(s) ID": "2", "Year": "2021", "Cited by": "2",
             "Affiliations": univB, "Authors with affiliations": "Two B., \(univB)", "EID": "2-s2.0-3"],
            ["Authors": "Three C.; Five E.", "Author(s) ID": "3; 5", "Year": "2022", "Cited by": "6",
             "Affiliations": "\(univC); \(univE)", "Authors with affiliations": "Three C., \(univC); Five E., \(univE)", "EID": "2-s2.0-4"],
            ["Authors": "Six F.", "Author(s) ID": "6", "Year": "2022", "Cited by": "0",
             "Affiliations": "\(inst); \(univC)", "Authors with affiliations": "Six F., \(inst), \(univC)", "EID": "2-s2.0-5"],
        ])
        let store = try TestSupport.makeStore()
        _ = try store.importFile(try TestSupport.write(text))
        return store
    }

    static var brics: CountryGroup { CountryGroupCatalog.standard.group(named: "BRICS")! }
}

struct CountryGroupsTests {
    @Test("the shipped groups have the members their sources list")
    func shippedGroups() throws {
        let catalog = CountryGroupCatalog.standard
        let sizes = Dictionary(uniqueKeysWithValues: catalog.groups.map { ($0.name, $0.members.count) })
        #expect(sizes == ["BRICS": 5, "BRICS+": 10, "EU27": 27, "G7": 7, "G20": 19, "OECD": 38, "ASEAN": 10, "AfricanUnion": 55])
        #expect(catalog.group(named: "brics")?.countries == ["BR", "RU", "IN", "CN", "ZA"])
        #expect(catalog.group(named: "BRICS+")?.countries.isSuperset(of: ["EG", "ET", "IR", "AE", "SA"]) == true)
        #expect(catalog.group(named: "BRICS")?.members.first { $0.country == "ZA" }?.since == 2011)
        #expect(catalog.groups.allSatisfy { !$0.source.isEmpty })
        #expect(try catalog.entity("Russia") == .country("RU"))
        #expect(try catalog.entity("eu27").code == "EU27")
        #expect(throws: CountryGroupError.notACountryOrGroup("Atlantis")) { try catalog.entity("Atlantis") }
    }

    @Test("a user file adds groups; a bad line is an error with its line")
    func userFile() throws {
        let path = try TestSupport.write("# mine\ngroup\tNordic5\tNordic countries\tNordic Council\nmember\tNordic5\tDK\nmember\tNordic5\tFI\nmember\tNordic5\tIS\nmember\tNordic5\tNO\nmember\tNordic5\tSE\n", name: "groups.tsv")
        let catalog = try CountryGroupCatalog.standard.adding(file: path)
        #expect(catalog.group(named: "nordic5")?.countries == ["DK", "FI", "IS", "NO", "SE"])
        #expect(catalog.group(named: "G7") != nil)
        #expect(throws: CountryGroupError.malformed(file: "g.tsv", line: 2, reason: "XX is not an ISO 3166-1 alpha-2 code of the alias table")) {
            try CountryGroupCatalog(table: "group\tG\tt\ts\nmember\tG\tXX\n", file: "g.tsv")
        }
        #expect(throws: CountryGroupError.unknownGroup(file: "g.tsv", line: 1, group: "H")) {
            try CountryGroupCatalog(table: "member\tH\tFR\n", file: "g.tsv")
        }
    }

    @Test("a group file with Windows line ends (\\r\\n) and a byte order mark reads as the same file with line feeds; its errors name the same lines")
    func windowsLineEnds() throws {
        let lines = ["# mine", "group\tNordic5\tNordic countries\tNordic Council\tfive", "member\tNordic5\tDK\t\t\tnote",
                     "member\tNordic5\tFI", "", "member\tNordic5\tIS\t1918", "member\tNordic5\tNO", "member\tNordic5\tSE", ""]
        let unix = try CountryGroupCatalog(table: lines.joined(separator: "\n"), file: "g.tsv")
        let windows = try CountryGroupCatalog(table: "\u{FEFF}" + lines.joined(separator: "\r\n"), file: "g.tsv")
        #expect(windows.groups == unix.groups)
        #expect(windows.groups.count == 1)
        #expect(windows.group(named: "Nordic5")?.countries == ["DK", "FI", "IS", "NO", "SE"])
        #expect(windows.group(named: "Nordic5")?.note == "five")
        #expect(windows.group(named: "Nordic5")?.members.first { $0.country == "IS" }?.since == 1918)
        #expect(throws: CountryGroupError.malformed(file: "g.tsv", line: 3, reason: "XX is not an ISO 3166-1 alpha-2 code of the alias table")) {
            try CountryGroupCatalog(table: "group\tG\tt\ts\r\n\r\nmember\tG\tXX\r\n", file: "g.tsv")
        }
    }

    @Test("a group's figures are those of the union of its members, worked out by hand")
    func groupRow() throws {
        let store = try ToyCorpus.store()
        let scope = try AnalysisScope().with([.group(ToyCorpus.brics)])
        let row = try store.countryRow("BRICS", scope: scope)
        #expect(row.works == 4)                                       // W1, W2, W3, W5
        let expectedFractional: Double = 2.0 / 3 + 1 + 1 + 1.0 / 2
        #expect(abs(row.worksFractional - expectedFractional) < 1e-12)
        #expect(row.authors == 4)                                     // authors 1, 2, 4, 6
        #expect(row.internationalWorks == 3)                          // W1, W2 (RU–BR is international), W5
        #expect(row.citationsPerPublication == 16.0 / 4)                // (10 + 4 + 2 + 0) / 4
        // The union equals the members' rows added up where they do not overlap (fractional always).
        let members = try store.countryTable().filter { ToyCorpus.brics.countries.contains($0.country) }
        #expect(abs(members.map(\.worksFractional).reduce(0, +) - row.worksFractional) < 1e-12)
        // Collaboration types stay those of the works' countries.
        let types = try store.collaboration(country: "BRICS", scope: scope)
        #expect(types.rows.map(\.works) == [3, 0, 0, 1])              // international W1 W2 W5; single W3
    }

    @Test("a group's rows are kept per definition and data generation: later figures and connections read them, an import is counted")
    func groupRowsKeptPerDataGeneration() throws {
        let store = try ToyCorpus.store()
        let scope = try AnalysisScope().with([.group(ToyCorpus.brics)])
        #expect(try store.countryRow("BRICS", scope: scope).works == 4)
        // The members' country rows are kept (one per work and group: W1, W2, W3, W5), and the group's authors once
        // read; the author and pair rows are views. Nothing is copied for the connection but the author counts.
        let definitions = "SELECT count(*) FROM group_definitions"
        #expect(try store.database.scalar(definitions).int == 1)
        let id = try #require(try store.database.scalar("SELECT id FROM group_definitions").int)
        // W1 (RU, CN), W2 (RU, BR), W3 (CN), W5 (RU): the members counted, the weights added.
        let rows = try store.database.rows("""
            SELECT w.source_id, g.country, g.members, g.weight FROM group_countries g JOIN works w ON w.id = g.work_id
            WHERE g.group_id = ? ORDER BY w.source_id
            """, [.integer(Int64(id))]).map { "\($0[0].string ?? "") \($0[1].string ?? "") \($0[2].int ?? 0) \(String(format: "%.4f", $0[3].double ?? 0))" }
        #expect(rows == ["2-s2.0-1 BRICS 2 0.6667", "2-s2.0-2 BRICS 2 1.0000", "2-s2.0-3 BRICS 1 1.0000", "2-s2.0-5 BRICS 1 0.5000"])
        #expect(try store.database.scalar("SELECT authors FROM group_author_counts WHERE group_id = ? AND country = 'BRICS'",
                                          [.integer(Int64(id))]).int == 4)
        let copies = "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_temp_master WHERE type = 'table' AND name LIKE 'grouped%' ORDER BY name)"
        #expect(try store.database.scalar(copies).string == "grouped_author_counts")
        // A marker row among the kept rows: a figure that computed them again would take it away.
        let marker = "SELECT count(*) FROM group_countries WHERE work_id = 999999"
        try store.database.execute("INSERT INTO group_countries VALUES (\(id), 999999, 'ZZ', 1, 0, 1990, 1, 0, 1)")
        #expect(try store.countryRow("BRICS", scope: scope).works == 4)
        #expect(try store.pair("BRICS", "US", scope: try scope.with([.country("US")])).jointWorks == 2)
        #expect(try store.database.scalar(marker).int == 1)
        // Other connections read them too, one that cannot write among them.
        let path = store.database.path
        #expect(try Store(path: path).countryRow("BRICS", scope: scope) == store.countryRow("BRICS", scope: scope))
        let readOnly = try Store(path: path, access: .readOnly)
        #expect(try readOnly.countryRow("BRICS", scope: scope) == store.countryRow("BRICS", scope: scope))
        #expect(try readOnly.database.scalar(copies).string == "grouped_author_counts")
        #expect(try store.database.scalar(marker).int == 1)
        // Dated membership is another definition (ZA joined in 2011: the same rows on these works). Where it is not kept
        // yet, a connection that cannot write copies the rows for itself, with the same figures.
        var dated = scope
        dated.membership = .dated
        let copied = try readOnly.countryRow("BRICS", scope: dated)
        #expect(try readOnly.database.scalar(copies).string == "grouped_author_counts grouped_member_countries")
        #expect(try store.database.scalar(definitions).int == 1)
        #expect(try store.countryRow("BRICS", scope: dated) == copied)
        #expect(copied.works == 4)
        #expect(try store.database.scalar(definitions).int == 2)
        // W6 2023: author 7 at Univ D (BR). The import moves the data generation on: the rows are computed again,
        // and the definitions of the older data go.
        _ = try store.importFile(try TestSupport.write(TestSupport.scopusCSV([
            ["Authors": "Seven G.", "Author(s) ID": "7", "Year": "2023", "Cited by": "1", "Affiliations": ToyCorpus.univD,
             "Authors with affiliations": "Seven G., \(ToyCorpus.univD)", "EID": "2-s2.0-6"],
        ]), name: "w6.csv"))
        let row = try store.countryRow("BRICS", scope: scope)
        #expect(row.works == 5 && row.authors == 5)
        #expect(try store.database.scalar(marker).int == 0)
        #expect(try store.database.scalar(definitions).int == 1)
        #expect(try store.database.scalar("SELECT count(*) FROM group_countries").int == 5)
        // Derived tables rebuilt in place mark the kept rows stale.
        try store.invalidateKeptTotals()
        #expect(try store.database.scalar("SELECT data_generation FROM group_definitions").int == -1)
        #expect(try store.countryRow("BRICS", scope: scope).works == 5)
        #expect(try store.database.scalar("SELECT count(*) FROM group_definitions WHERE data_generation = -1").int == 0)
    }

    @Test("a group pair's co-authors are kept per definition, worked out by hand; a period and another definition count them")
    func groupPairCoauthorsKept() throws {
        let store = try ToyCorpus.store()
        let scope = try AnalysisScope().with([.group(ToyCorpus.brics), .country("US")])
        // Joint works W1 (2020: authors 1 RU, 2 CN | 3 US) and W5 (2022: author 6 at RU and US).
        let pair = try store.pair("BRICS", "US", scope: scope)
        #expect((pair.coauthorsA, pair.coauthorsB) == (3, 2))
        #expect(pair.byYear.map { "\($0.year) \($0.coauthorsA) \($0.coauthorsB)" } == ["2020 2 1", "2021 0 0", "2022 1 1"])
        let kept = "SELECT group_concat(a || ' ' || b || ' ' || country || ' ' || coauthors, ', ') FROM (SELECT * FROM group_pair_coauthors ORDER BY a, b, country)"
        #expect(try store.database.scalar(kept).string == "BRICS US BRICS 3, BRICS US US 2")
        #expect(try store.database.scalar("SELECT count(*) FROM group_pair_coauthor_years").int == 4)
        // The group's output per year is kept beside the other side's kept totals: W1 2020; W2, W3 2021; W5 2022.
        #expect(pair.worksA == 4 && pair.internationalA == 3)
        let years = "SELECT group_concat(country || ' ' || year || ' ' || works, ', ') FROM (SELECT * FROM group_year_totals ORDER BY year)"
        #expect(try store.database.scalar(years).string == "BRICS 2020 1, BRICS 2021 2, BRICS 2022 1")
        try store.database.execute("UPDATE group_year_totals SET works = works + 10 WHERE year = 2022")
        #expect(try store.pair("BRICS", "US", scope: scope).worksA == 14)
        try store.database.execute("UPDATE group_year_totals SET works = works - 10 WHERE year = 2022")
        // A later figure reads the kept counts (a marker shows it), the other order of the sides too.
        try store.database.execute("UPDATE group_pair_coauthors SET coauthors = 30 WHERE country = 'BRICS'")
        #expect(try store.pair("US", "BRICS", scope: scope).coauthorsB == 30)
        // A pair without joint works keeps its zeros, and a period counts from the rows.
        let none = try store.pair("BRICS", "DE", scope: try scope.with([.country("DE")]))
        #expect((none.jointWorks, none.coauthorsA, none.coauthorsB) == (0, 0, 0))
        #expect(try store.database.scalar("SELECT count(*) FROM group_pair_coauthors WHERE b = 'DE' OR a = 'DE'").int == 2)
        var period = scope
        period.from = 2021
        #expect(try store.pair("BRICS", "US", scope: period).coauthorsA == 1)
        // Dated membership is another definition, counted apart; an import counts again.
        var dated = scope
        dated.membership = .dated
        #expect(try store.pair("BRICS", "US", scope: dated).coauthorsA == 3)
        _ = try store.importFile(try TestSupport.write(TestSupport.scopusCSV([
            ["Authors": "Seven G.; Eight H.", "Author(s) ID": "7; 8", "Year": "2023", "Cited by": "1",
             "Affiliations": "\(ToyCorpus.univD); \(ToyCorpus.univC)",
             "Authors with affiliations": "Seven G., \(ToyCorpus.univD); Eight H., \(ToyCorpus.univC)", "EID": "2-s2.0-6"],
        ]), name: "w6.csv"))
        let after = try store.pair("BRICS", "US", scope: scope)
        #expect((after.coauthorsA, after.coauthorsB) == (4, 3))
        #expect(try store.database.scalar(kept).string == "BRICS US BRICS 4, BRICS US US 3")
    }

    @Test("the pair rows of two groups are kept with their definition, worked out by hand; the figures read them")
    func groupNamePairsKept() throws {
        let store = try ToyCorpus.store()
        let west = try #require(try CountryGroupCatalog(table: "group\tWEST\tt\ts\nmember\tWEST\tUS\nmember\tWEST\tDE\n", file: "g.tsv")
            .group(named: "WEST"))
        let scope = try AnalysisScope().with([.group(ToyCorpus.brics), .group(west)])
        // W1 2020 (RU, CN | US among 3 countries): link 2 · 1 / 2 = 1, f 2/3 and 1/3, 10 citations.
        // W5 2022 (RU | US among 2): link 1, f 1/2 each, 0 citations.
        let joint = try store.works(of: .pair("WEST", "BRICS"), counting: .fractional, scope: scope)
        #expect(joint.map(\.weight) == [1, 1])
        let rows = "SELECT group_concat(a || ' ' || b || ' ' || year || ' ' || link || ' ' || printf('%.4f %.4f', weight_a, weight_b) || ' ' || citations, ', ') FROM (SELECT * FROM group_name_pairs ORDER BY year)"
        #expect(try store.database.scalar(rows).string == "BRICS WEST 2020 1.0 0.6667 0.3333 10, BRICS WEST 2022 1.0 0.5000 0.5000 0")
        #expect(try store.pair("BRICS", "WEST", scope: scope).jointWorks == 2)
        // A marker: the figures read the kept rows.
        try store.database.execute("UPDATE group_name_pairs SET link = 5 WHERE year = 2020")
        #expect(try store.works(of: .pair("BRICS", "WEST"), counting: .fractional, scope: scope).map(\.weight) == [5, 1])
        // A definition of one group has no two names on a work; an import computes the rows again (W6 2023: BR, US).
        #expect(try store.countryRow("BRICS", scope: try AnalysisScope().with([.group(ToyCorpus.brics)])).works == 4)
        #expect(try store.database.scalar("SELECT count(*) FROM group_name_pairs").int == 2)
        _ = try store.importFile(try TestSupport.write(TestSupport.scopusCSV([
            ["Authors": "Seven G.; Eight H.", "Author(s) ID": "7; 8", "Year": "2023", "Cited by": "1",
             "Affiliations": "\(ToyCorpus.univD); \(ToyCorpus.univC)",
             "Authors with affiliations": "Seven G., \(ToyCorpus.univD); Eight H., \(ToyCorpus.univC)", "EID": "2-s2.0-6"],
        ]), name: "w6.csv"))
        #expect(try store.works(of: .pair("BRICS", "WEST"), counting: .fractional, scope: scope).map(\.weight) == [1, 1, 1])
        #expect(try store.database.scalar(rows).string
                == "BRICS WEST 2020 1.0 0.6667 0.3333 10, BRICS WEST 2022 1.0 0.5000 0.5000 0, BRICS WEST 2023 1.0 0.5000 0.5000 1")
        // Inside a transaction the rows are joined from a copy, with the same works.
        #expect(try store.database.transaction { try store.works(of: .pair("BRICS", "WEST"), counting: .fractional, scope: scope) }.map(\.weight)
                == [1, 1, 1])
    }

    @Test("the pair rows of a group and a country outside every group are kept with the definition, worked out by hand; the figures read them")
    func groupCountryPairsKept() throws {
        let store = try ToyCorpus.store()
        let scope = try AnalysisScope().with([.group(ToyCorpus.brics)])
        // W1 2020 (RU, CN | US among 3 countries): link 2 / 2 = 1, f 2/3 and 1/3, 10 citations.
        // W5 2022 (RU | US among 2): link 1, f 1/2 each, 0 citations. W2 (RU, BR) has no country outside the group.
        #expect(try store.works(of: .pair("BRICS", "US"), counting: .fractional, scope: scope).map(\.weight) == [1, 1])
        let rows = "SELECT group_concat(a || ' ' || b || ' ' || year || ' ' || link || ' ' || printf('%.4f %.4f', weight_a, weight_b) || ' ' || citations, ', ') FROM (SELECT * FROM group_country_pairs ORDER BY year)"
        #expect(try store.database.scalar(rows).string == "BRICS US 2020 1.0 0.6667 0.3333 10, BRICS US 2022 1.0 0.5000 0.5000 0")
        #expect(try store.pair("BRICS", "US", scope: scope).jointWorks == 2)
        // A marker: the figures read the kept rows; inside a transaction they are joined from a copy and the stored rows.
        try store.database.execute("UPDATE group_country_pairs SET link = 5 WHERE year = 2020")
        #expect(try store.works(of: .pair("BRICS", "US"), counting: .fractional, scope: scope).map(\.weight) == [5, 1])
        #expect(try store.database.transaction { try store.works(of: .pair("BRICS", "US"), counting: .fractional, scope: scope) }.map(\.weight)
                == [1, 1])
        // An import computes the rows again (W6 2023: BR with US among 2).
        _ = try store.importFile(try TestSupport.write(TestSupport.scopusCSV([
            ["Authors": "Seven G.; Eight H.", "Author(s) ID": "7; 8", "Year": "2023", "Cited by": "1",
             "Affiliations": "\(ToyCorpus.univD); \(ToyCorpus.univC)",
             "Authors with affiliations": "Seven G., \(ToyCorpus.univD); Eight H., \(ToyCorpus.univC)", "EID": "2-s2.0-6"],
        ]), name: "w6.csv"))
        #expect(try store.works(of: .pair("BRICS", "US"), counting: .fractional, scope: scope).map(\.weight) == [1, 1, 1])
        #expect(try store.database.scalar(rows).string
                == "BRICS US 2020 1.0 0.6667 0.3333 10, BRICS US 2022 1.0 0.5000 0.5000 0, BRICS US 2023 1.0 0.5000 0.5000 1")
    }

    @Test("pairs with a group from totals kept per definition, worked out by hand")
    func groupPairTotalsKept() throws {
        let store = try ToyCorpus.store()
        let scope = try AnalysisScope().with([.group(ToyCorpus.brics)])
        // BRICS–US: W1 (BRICS twice among 3 countries: link 2 · 1 / 2 = 1) and W5 (1); f: W1 2/3 and 1/3, W5 1/2 each.
        let rows = try store.pairs(country: "BRICS", scope: scope)
        #expect(rows.map { "\($0.a) \($0.b) \($0.coauthored) \($0.fractionalWeight)" } == ["BRICS US 2 2.0"])
        #expect(rows.map { "\($0.outputA) \($0.outputB)" } == ["4 3"])
        let kept = "SELECT group_concat(a || ' ' || b || ' ' || works, ', ') FROM (SELECT * FROM group_pair_totals ORDER BY a, b)"
        #expect(try store.database.scalar(kept).string == "BRICS US 2")
        #expect(try store.database.scalar("SELECT group_concat(country || ' ' || works, ', ') FROM group_country_totals").string == "BRICS 4")
        // A marker: the next table reads the kept totals; over a period the rows are read.
        try store.database.execute("UPDATE group_pair_totals SET works = 20")
        #expect(try store.pairs(country: "BRICS", scope: scope).first?.coauthored == 20)
        var period = scope
        period.from = 2021
        #expect(try store.pairs(country: "BRICS", scope: period).map { "\($0.b) \($0.coauthored)" } == ["US 1"])
    }

    @Test("a group's authors over a period from its kept author periods, worked out by hand")
    func groupAuthorPeriodsKept() throws {
        let store = try ToyCorpus.store()
        let scope = try AnalysisScope().with([.group(ToyCorpus.brics), .country("US")])
        func authors(_ from: Int?, _ to: Int?) throws -> Int {
            var period = scope
            (period.from, period.to) = (from, to)
            return try store.countryRow("BRICS", scope: period).authors
        }
        // BRICS authors: 1 (RU 2020, 2021), 2 (CN 2020, 2021), 4 (BR 2021), 6 (RU 2022).
        #expect(try authors(2021, 2022) == 4)
        let kept = """
            SELECT group_concat(year || '/' || coalesce(previous_year, '-') || '=' || authors, ' ')
            FROM (SELECT * FROM group_author_periods ORDER BY year, previous_year)
            """
        #expect(try store.database.scalar(kept).string == "2020/-=2 2021/-=1 2021/2020=2 2022/-=1")
        #expect(try authors(2021, 2021) == 3)
        #expect(try authors(2020, 2020) == 2)
        #expect(try authors(2022, nil) == 1)
        #expect(try authors(nil, 2021) == 3)
        var period = scope
        period.from = 2021
        #expect(try store.pair("BRICS", "US", scope: period).authorsA == 4)
        // A marker: the next figure over a period reads the kept counts.
        try store.database.execute("UPDATE group_author_periods SET authors = 10 WHERE year = 2022")
        #expect(try authors(2022, 2022) == 10)
    }

    @Test("figures over groups from the kept rows equal those of a connection's copy, on the bundled exports")
    func keptGroupRowsEqualCopies() throws {
        let store = try TestSupport.bundledStore()
        let catalog = CountryGroupCatalog.standard
        let readOnly = try Store(path: store.database.path, access: .readOnly)
        for membership in [GroupMembership.listed, .dated] {
            var scope = try AnalysisScope().with([.group(catalog.group(named: "BRICS")!), .group(catalog.group(named: "G7")!)])
            scope.membership = membership
            func figures(_ store: Store) throws -> String {
                var lines = try store.countryTable(scope: scope).map { "\($0)" }
                lines += try store.pairs(country: "G7", counting: .fractional, scope: scope).map { "\($0)" }
                lines += try store.pairs(country: "BRICS", scope: scope).map { "\($0)" }
                lines.append("\(try store.pair("BRICS", "G7", scope: scope))")
                lines += try store.works(of: .pair("G7", "BRICS"), counting: .fractional, scope: scope).map { "\($0.id) \($0.weight)" }
                lines.append("\(try store.collaboration(country: "BRICS", scope: scope))")
                lines += try store.yearSeries(entities: ["BRICS", "G7"], scope: scope).map { "\($0)" }
                return lines.joined(separator: "\n")
            }
            let kept = try figures(store)
            #expect(try store.database.scalar("SELECT count(*) FROM group_countries").int ?? 0 > 0)
            #expect(try store.database.scalar("SELECT count(*) FROM group_pair_totals").int ?? 0 > 0)
            #expect(kept.contains("BRICS") && kept.contains("G7"))
            #expect(try figures(readOnly) == kept)
            // Inside a transaction nothing kept is read: every figure is computed from the rows of a copy, and is the same
            // to 12 significant digits (SQLite may read a copy's rows in another order, which moves a sum's last bits).
            func digits(_ text: String) -> String {
                text.replacing(/-?[0-9]+\.[0-9]+(e[-+]?[0-9]+)?/) { String(format: "%.12g", Double($0.output.0) ?? .nan) }
            }
            let computed = try store.database.transaction { try figures(store) }
            #expect(digits(computed) == digits(kept))
            #expect(try store.database.transaction { try store.pairs(scope: scope) }.map { digits("\($0)") }
                    == store.pairs(scope: scope).map { digits("\($0)") })
        }
    }

    @Test("an author affiliated to two members on one work is one author of the group, on one work")
    func authorOfTwoMembers() throws {
        let store = try ToyCorpus.store()
        // W7 2023: author 8 at Inst A (RU) and Univ B (CN), author 9 at Univ C (US).
        _ = try store.importFile(try TestSupport.write(TestSupport.scopusCSV([
            ["Authors": "Eight H.; Nine I.", "Author(s) ID": "8; 9", "Year": "2023", "Cited by": "3",
             "Affiliations": "\(ToyCorpus.inst); \(ToyCorpus.univB); \(ToyCorpus.univC)",
             "Authors with affiliations": "Eight H., \(ToyCorpus.inst), \(ToyCorpus.univB); Nine I., \(ToyCorpus.univC)", "EID": "2-s2.0-7"],
        ]), name: "w7.csv"))
        let scope = try AnalysisScope().with([.group(ToyCorpus.brics), .country("US")])
        let row = try store.countryRow("BRICS", scope: scope)
        #expect(row.works == 5 && row.authors == 5)                  // W1 W2 W3 W5 W7; authors 1, 2, 4, 6, 8
        let m = try store.pair("BRICS", "US", scope: scope)
        #expect(m.jointWorks == 3)                                    // W1, W5, W7
        #expect(m.coauthorsA == 4 && m.coauthorsB == 3)               // {1, 2, 6, 8} and {3, 6, 9}
        #expect(m.authorsA == 5)
        let years = try store.yearSeries(entities: ["BRICS"], scope: scope)
        #expect(years.first { $0.year == 2023 }?.authors == 1)
        // Author 8's works: one, though two member rows place it on W7.
        let ids = try store.database.rows("SELECT id FROM works").compactMap { $0[0].int.map(Int64.init) }
        let authors = try store.explainAuthors(ids, country: "BRICS", scope: scope)
        #expect(authors.count == 5)
        #expect(authors.first { $0.identity.hasSuffix("8") }?.works == 1)
        #expect(authors.first { $0.identity.hasSuffix("1") }?.works == 2)   // W1, W2
        #expect(try store.selectedAuthorCount(country: "BRICS", scope: scope) == 5)
    }

    @Test("a pair of a group and a country outside it; overlapping sides are an error")
    func groupPair() throws {
        let store = try ToyCorpus.store()
        let scope = try AnalysisScope().with([.group(ToyCorpus.brics), .country("US")])
        let m = try store.pair("BRICS", "US", scope: scope)
        #expect(m.jointWorks == 2)                                    // W1, W5
        #expect(m.outputA == 4 && m.outputB == 3)
        #expect(m.shareOfOutputA == 2.0 / 4 && m.shareOfOutputB == 2.0 / 3)
        #expect(m.coauthorsA == 3 && m.coauthorsB == 2)               // {1, 2, 6} and {3, 6}
        #expect(m.authorsA == 4 && m.authorsB == 2)
        let balance: Double = (2.0 / 3 + 1.0 / 2) / 2
        #expect(abs((m.balance ?? 0) - balance) < 1e-12)
        #expect(m.affinityAB == nil)
        let fractional = try store.pair("BRICS", "US", counting: .fractional, scope: scope)
        let link: Double = 2.0 * 1 / 2 + 1                            // W1: RU, CN × US over |K|−1 = 2; W5: 1
        #expect(abs(fractional.coauthored - link) < 1e-12)
        #expect(throws: CountryGroupError.overlap("BRICS", "RU", common: ["RU"])) {
            _ = try AnalysisScope().with([.group(ToyCorpus.brics), .country("RU")])
        }
        #expect(throws: CountryGroupError.overlap("BRICS", "RU", common: ["RU"])) {
            _ = try store.pair("BRICS", "RU", scope: AnalysisScope(groups: [ToyCorpus.brics]))
        }
        let g7 = try #require(CountryGroupCatalog.standard.group(named: "G7"))
        let eu = try #require(CountryGroupCatalog.standard.group(named: "EU27"))
        #expect(throws: CountryGroupError.overlap("G7", "EU27", common: ["DE", "FR", "IT"])) {
            _ = try AnalysisScope().with([.group(g7), .group(eu)])
        }
    }

    @Test("impact and field sets accept a group")
    func groupSets() throws {
        let store = try ToyCorpus.store()
        let scope = try AnalysisScope().with([.group(ToyCorpus.brics)])
        let works = try store.works(of: .country("BRICS"), counting: .fractional, scope: scope)
        #expect(works.count == 4)
        let total: Double = works.map(\.weight).reduce(0, +)
        #expect(abs(total - 19.0 / 6) < 1e-12)
    }
}

extension CountryGroupsTests {
    /// A group `Duo` of BR (no years) and RU (member from 2021) on the toy corpus.
    static func duo() throws -> CountryGroup {
        try #require(try CountryGroupCatalog(table: "group\tDuo\tBR and RU\thand-made\nmember\tDuo\tBR\nmember\tDuo\tRU\t2021\n", file: "duo.tsv").group(named: "Duo"))
    }

    @Test("dated membership counts a member only within its years; listed counts it in every year")
    func datedMembership() throws {
        let store = try ToyCorpus.store()
        let duo = try Self.duo()
        let listed = try AnalysisScope().with([.group(duo), .country("CN")])
        var dated = AnalysisScope(membership: .dated)
        dated = try dated.with([.group(duo), .country("CN")])
        // Listed: W1 (RU 2020), W2 (RU, BR), W5 (RU). Dated: RU only from 2021, so W2 and W5.
        let listedRow = try store.countryRow("Duo", scope: listed)
        let datedRow = try store.countryRow("Duo", scope: dated)
        #expect(listedRow.works == 3 && datedRow.works == 2)
        #expect(abs(listedRow.worksFractional - (1.0 / 3 + 1 + 1.0 / 2)) < 1e-12)
        #expect(abs(datedRow.worksFractional - (1 + 1.0 / 2)) < 1e-12)
        #expect(listedRow.authors == 3 && datedRow.authors == 3)        // {1, 4, 6}: author 1 is on W2 as well
        // RU's 2020 work stays RU's own under dated membership.
        #expect(try store.countryRow("RU", scope: dated).works == 1)
        #expect(try store.countryRow("RU", scope: listed).works == 0)
        // The RU–CN work of 2020 is a Duo–CN work only when membership is listed.
        #expect(try store.pair("Duo", "CN", scope: listed).jointWorks == 1)
        #expect(try store.pair("Duo", "CN", scope: dated).jointWorks == 0)
        // Within the membership years both readings agree.
        #expect(try store.countryRow("Duo", scope: listed.year(2022)).works == store.countryRow("Duo", scope: dated.year(2022)).works)
        #expect(dated.membershipNote.contains("Duo: RU 2021–"))
    }

    @Test("the shipped membership years: Canada in the G7 from 1976, Italy in the OECD from 1962, South Sudan in the AU from 2011")
    func shippedYears() throws {
        let catalog = CountryGroupCatalog.standard
        func since(_ group: String, _ country: String) -> Int? {
            catalog.group(named: group)?.members.first { $0.country == country }?.since
        }
        #expect(since("G7", "CA") == 1976 && since("G7", "US") == 1975)
        #expect(since("OECD", "IT") == 1962 && since("OECD", "FR") == 1961)
        #expect(since("AfricanUnion", "SS") == 2011 && since("AfricanUnion", "MA") == 2017)
        #expect(since("EU27", "HR") == 2013 && since("BRICS+", "EG") == 2024)
    }
}
