import Foundation
import Testing
@testable import SciCollab

/// Hand-made exports of a few papers, each in several databases' formats (definitions §9).
enum MergeCorpus {
    /// Paper 1 (DOI 10.5555/merge.2021.001 written four ways): Silva (Lisbon, PT) and Sato (Tokyo, JP), 2021.
    /// Paper 2 (no DOI): Okafor (Lagos, NG) and Brown (Leeds, GB), 2020, in Scopus and WoS.
    /// Papers 3a/3b: the same title and year, other first authors (Müller, DE, in Scopus; Dupont, FR, in WoS).
    /// Papers 4a/4b: two Scopus records with the same title, year and first author (Rossi, IT), no DOI.
    static let scopus = TestSupport.scopusCSV([
        ["Authors": "Silva A.; Sato K.", "Author full names": "Silva, Ana (101); Sato, Kenji (102)", "Author(s) ID": "101; 102",
         "Title": "Merging records across bibliographic databases", "Year": "2021", "Source title": "J Merge", "Cited by": "9",
         "DOI": "10.5555/MERGE.2021.001", "Affiliations": "University of Lisbon, Lisbon, Portugal; University of Tokyo, Tokyo, Japan",
         "Authors with affiliations": "Silva A., University of Lisbon, Lisbon, Portugal; Sato K., University of Tokyo, Tokyo, Japan",
         "Document Type": "Article", "Source": "Scopus", "EID": "2-s2.0-1001"],
        ["Authors": "Okafor C.; Brown J.", "Author full names": "Okafor, Chidi (201); Brown, James (202)", "Author(s) ID": "201; 202",
         "Title": "A study without identifiers", "Year": "2020", "Source title": "J Merge", "Cited by": "3",
         "Affiliations": "University of Lagos, Lagos, Nigeria; University of Leeds, Leeds, United Kingdom",
         "Authors with affiliations": "Okafor C., University of Lagos, Lagos, Nigeria; Brown J., University of Leeds, Leeds, United Kingdom",
         "Document Type": "Article", "Source": "Scopus", "EID": "2-s2.0-2001"],
        ["Authors": "Müller K.", "Author full names": "Müller, Klaus (301)", "Author(s) ID": "301",
         "Title": "Annual review of collaboration", "Year": "2022", "Source title": "J Merge", "Cited by": "0",
         "Affiliations": "University of Bonn, Bonn, Germany", "Authors with affiliations": "Müller K., University of Bonn, Bonn, Germany",
         "Document Type": "Review", "Source": "Scopus", "EID": "2-s2.0-3001"],
        ["Authors": "Rossi M.", "Author full names": "Rossi, Marco (401)", "Author(s) ID": "401",
         "Title": "Notes on merging", "Year": "2019", "Source title": "J Merge", "Cited by": "1",
         "Affiliations": "University of Milan, Milan, Italy", "Authors with affiliations": "Rossi M., University of Milan, Milan, Italy",
         "Document Type": "Article", "Source": "Scopus", "EID": "2-s2.0-4001"],
        ["Authors": "Rossi M.", "Author full names": "Rossi, Marco (401)", "Author(s) ID": "401",
         "Title": "Notes on Merging.", "Year": "2019", "Source title": "J Merge 2", "Cited by": "2",
         "Affiliations": "University of Milan, Milan, Italy", "Authors with affiliations": "Rossi M., University of Milan, Milan, Italy",
         "Document Type": "Article", "Source": "Scopus", "EID": "2-s2.0-4002"],
    ])

    static let wos = """
        FN Clarivate Analytics Web of Science
        VR 1.0
        PT J
        AU Silva, A
           Sato, K
        AF Silva, Ana
           Sato, Kenji
        TI Merging records across bibliographic databases
        SO J MERGE
        DT Article
        C1 [Silva, Ana] Univ Lisbon, Lisbon, Portugal.
           [Sato, Kenji] Univ Tokyo, Tokyo, Japan.
        TC 5
        Z9 6
        PY 2021
        DI https://doi.org/10.5555/Merge.2021.001
        UT WOS:000000000000001
        ER

        PT J
        AU Okafor, C
           Brown, J
        AF Okafor, Chidi
           Brown, James
        TI A Study Without Identifiers
        SO J MERGE
        DT Article
        C1 [Okafor, Chidi] Univ Lagos, Lagos, Nigeria.
           [Brown, James] Univ Leeds, Leeds, England.
        TC 2
        PY 2020
        UT WOS:000000000000002
        ER

        PT J
        AU Dupont, M
        AF Dupont, Marie
        TI Annual review of collaboration
        SO J MERGE
        DT Review
        C1 [Dupont, Marie] Univ Lyon, Lyon, France.
        TC 4
        PY 2022
        UT WOS:000000000000003
        ER

        EF
        """

    static let pubmed = """
        <?xml version="1.0"?>
        <PubmedArticleSet>
        <PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">30000001</PMID>
        <Article PubModel="Print"><Journal><JournalIssue><PubDate><Year>2021</Year></PubDate></JournalIssue><Title>J Merge</Title></Journal>
        <ArticleTitle>Merging records across bibliographic databases.</ArticleTitle>
        <ELocationID EIdType="doi" ValidYN="Y">doi:10.5555/merge.2021.001</ELocationID>
        <AuthorList>
        <Author><LastName>Silva</LastName><ForeName>Ana</ForeName><AffiliationInfo><Affiliation>University of Lisbon, Lisbon, Portugal.</Affiliation></AffiliationInfo></Author>
        <Author><LastName>Sato</LastName><ForeName>Kenji</ForeName><AffiliationInfo><Affiliation>University of Tokyo, Tokyo, Japan.</Affiliation></AffiliationInfo></Author>
        </AuthorList>
        <PublicationTypeList><PublicationType>Journal Article</PublicationType></PublicationTypeList>
        </Article></MedlineCitation></PubmedArticle>
        </PubmedArticleSet>
        """

    static let openalex = """
        {"id": "https://openalex.org/W9000000001", "doi": "https://doi.org/10.5555/MERGE.2021.001",
         "ids": {"pmid": "https://pubmed.ncbi.nlm.nih.gov/30000001"},
         "display_name": "Merging records across bibliographic databases", "publication_year": 2021, "type": "article",
         "cited_by_count": 7, "counts_by_year": [{"year": 2022, "cited_by_count": 4}, {"year": 2021, "cited_by_count": 3}],
         "authorships": [
           {"author_position": "first", "author": {"id": "https://openalex.org/A1", "display_name": "Ana Silva"},
            "institutions": [{"id": "https://openalex.org/I1", "display_name": "University of Lisbon", "country_code": "PT"}],
            "countries": ["PT"], "is_corresponding": true, "raw_affiliation_strings": ["University of Lisbon, Lisbon, Portugal"]},
           {"author_position": "last", "author": {"id": "https://openalex.org/A2", "display_name": "Kenji Sato"},
            "institutions": [{"id": "https://openalex.org/I2", "display_name": "University of Tokyo", "country_code": "JP"}],
            "countries": ["JP"], "is_corresponding": false, "raw_affiliation_strings": ["University of Tokyo, Tokyo, Japan"]}
         ]}
        """

    /// The four files in a scratch directory, named so that a directory walk reads them in `order`.
    static func files(order: [String] = ["scopus", "wos", "pubmed", "openalex"]) throws -> [String] {
        let directory = TestSupport.scratchDirectory()
        let contents = ["scopus": (scopus, "scopus.csv"), "wos": (wos, "wos.txt"), "pubmed": (pubmed, "pubmed.xml"),
                        "openalex": (openalex, "openalex.json")]
        return try order.map { key in
            let (text, name) = contents[key]!
            let url = directory.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url.path
        }
    }
}

@Suite struct MergeTests {
    /// Works per country from the derived table every figure reads.
    static func countryWorks(_ store: Store) throws -> [String: Int] {
        Dictionary(uniqueKeysWithValues: try store.countryTable(scope: AnalysisScope()).map { ($0.country, $0.works) })
    }

    @Test("the same paper from Scopus, WoS, PubMed and OpenAlex is one work; per-country works count distinct papers")
    func fourSourcesOneWork() throws {
        let store = try TestSupport.makeStore()
        var reports: [ImportReport] = []
        for file in try MergeCorpus.files() { reports.append(try store.importFile(file)) }
        // Scopus: 5 records, 5 works. WoS: paper 1 by DOI, paper 2 by title, 3b apart. PubMed and OpenAlex: by DOI.
        #expect(reports.map(\.worksAdded) == [5, 1, 0, 0])
        #expect(reports.map(\.mergedByDOI) == [0, 1, 1, 1])
        #expect(reports.map(\.mergedByTitle) == [0, 1, 0, 0])
        // The second Rossi record has the first one's title key in the same source: listed, kept apart.
        #expect(reports[0].sameSourceLookAlikes == 1)
        #expect(reports[0].lookAlikes.first?.sourceID == "2-s2.0-4002" && reports[0].lookAlikes.first?.otherSourceID == "2-s2.0-4001")
        // Papers: 1 (PT, JP), 2 (NG, GB), 3a (DE), 3b (FR), 4a and 4b (IT): 6 works.
        #expect(try store.database.scalar("SELECT count(*) FROM works").int == 6)
        #expect(try Self.countryWorks(store) == ["PT": 1, "JP": 1, "NG": 1, "GB": 1, "DE": 1, "FR": 1, "IT": 2])
        // Paper 1 takes OpenAlex's authorships (structured countries) and citations (7, with per-year counts).
        let id = try #require(try store.workID(matching: "https://doi.org/10.5555/merge.2021.001"))
        let work = try #require(try store.storedWork(id: id))
        #expect(work.source == .openalex && work.citations == 7 && work.citationsByYear == [2021: 3, 2022: 4])
        #expect(work.pmid == "30000001")
        #expect(work.affiliations.allSatisfy { $0.countryIsStructured })
        let records = try store.sourceRecords(ofWork: id)
        #expect(records.map(\.source) == ["scopus", "wos", "pubmed", "openalex"])
        #expect(records.map(\.mergedBy) == [nil, "doi", "doi", "doi"])
        #expect(records.filter(\.givesAuthorships).map(\.source) == ["openalex"])
        #expect(records.filter(\.givesCitations).map(\.source) == ["openalex"])
        #expect(records.map(\.citations) == [9, 5, nil, 7])
        // One author per side: Authors(PT) = 1, not one per source.
        let authors = Dictionary(uniqueKeysWithValues: try store.countryTable(scope: AnalysisScope()).map { ($0.country, $0.authors) })
        #expect(authors["PT"] == 1 && authors["JP"] == 1)
        let summary = try store.mergeSummary(details: true)
        #expect(summary.merging == "on" && summary.works == 6 && summary.records == 10)
        #expect(summary.worksBySourceCount == [.init(sources: 1, works: 4), .init(sources: 2, works: 1), .init(sources: 4, works: 1)])
        let overlap = Dictionary(uniqueKeysWithValues: summary.overlap.map { ("\($0.a)-\($0.b)", $0.works) })
        #expect(overlap["scopus-wos"] == 2 && overlap["openalex-scopus"] == 1 && overlap["pubmed-wos"] == 1 && overlap["scopus-scopus"] == 5)
    }

    @Test("the merge counts every figure prints are kept per data generation: after each import they are those counted afresh")
    func keptMergeCounts() throws {
        let store = try TestSupport.makeStore()
        func afresh() throws -> [Int] {
            try [store.database.scalar("SELECT count(*) FROM works").int ?? -1, store.database.scalar("SELECT count(*) FROM source_records").int ?? -1,
                 store.database.scalar("SELECT count(*) FROM (SELECT work_id FROM source_records GROUP BY work_id HAVING count(DISTINCT source) = 2)").int ?? -1,
                 store.database.scalar("SELECT count(DISTINCT work_id) FROM source_records WHERE source = 'wos'").int ?? -1]
        }
        func kept() throws -> [Int] {
            let summary = try store.mergeSummary(details: true)
            return [summary.works, summary.records, summary.worksBySourceCount.first { $0.sources == 2 }?.works ?? 0,
                    summary.overlap.first { $0.a == "wos" && $0.b == "wos" }?.works ?? 0]
        }
        var seen: [[Int]] = []
        for file in try MergeCorpus.files() {
            _ = try store.importFile(file)
            let expected = try afresh()
            #expect(try kept() == expected)
            #expect(try kept() == expected)
            seen.append(expected)
        }
        #expect(Set(seen).count == seen.count, "every import changes the counts: \(seen)")
        #expect(try store.database.scalar("SELECT count(*) FROM store_state WHERE name LIKE 'kept_count merge%generation'").int == 2)
        // A marker: the next summary reads the kept counts; in a transaction, or once the derived tables are rebuilt, they are counted.
        try store.database.execute("UPDATE store_state SET value = 999 WHERE name = 'kept_count merge works'")
        #expect(try store.mergeSummary().works == 999)
        #expect(try store.database.transaction { try store.mergeSummary().works } == seen.last?[0])
        try store.invalidateKeptTotals()
        #expect(try store.mergeSummary().works == seen.last?[0])
        #expect(try store.mergeSummary().works == seen.last?[0])
    }

    @Test("any import order gives the same works, countries, pairs and types", arguments: [
        ["openalex", "pubmed", "wos", "scopus"], ["wos", "openalex", "scopus", "pubmed"], ["pubmed", "scopus", "openalex", "wos"],
    ])
    func orderIndependent(order: [String]) throws {
        let reference = try TestSupport.makeStore()
        for file in try MergeCorpus.files() { _ = try reference.importFile(file) }
        let store = try TestSupport.makeStore()
        for file in try MergeCorpus.files(order: order) { _ = try store.importFile(file) }
        #expect(try Self.countryWorks(store) == Self.countryWorks(reference))
        #expect(try Self.signature(store) == Self.signature(reference))
    }

    /// Pairs and collaboration types as sorted text, and each work's source and citations.
    static func signature(_ store: Store) throws -> [String] {
        try store.database.rows("SELECT a || '-' || b || ':' || count(*) FROM work_country_pairs GROUP BY a, b ORDER BY 1").compactMap { $0[0].string }
            + store.database.rows("SELECT coalesce(collaboration, '-') || ':' || count(*) FROM work_facts GROUP BY collaboration ORDER BY 1").compactMap { $0[0].string }
            + store.database.rows("SELECT source || ':' || source_id || ':' || coalesce(citations, -1) FROM works ORDER BY 1").compactMap { $0[0].string }
    }

    @Test("--no-merge keeps every record a work of its own, and the store says merging was off")
    func noMerge() throws {
        let store = try TestSupport.makeStore()
        for file in try MergeCorpus.files() { _ = try store.importFile(file, merging: false) }
        #expect(try Self.countryWorks(store) == ["PT": 4, "JP": 4, "NG": 2, "GB": 2, "DE": 1, "FR": 1, "IT": 2])
        #expect(try store.mergeSummary().merging == "off")
    }

    @Test("re-importing changes nothing; removing a record recomputes its work from the others, derived rows and author counts included")
    func reimportAndRemoval() throws {
        let store = try TestSupport.makeStore()
        let files = try MergeCorpus.files()
        for file in files { _ = try store.importFile(file) }
        let before = try Self.signature(store)
        // A newer WoS export of the same records (one count moved on): every record replaces itself, no work is added.
        let again = try store.importFile(try TestSupport.write(MergeCorpus.wos.replacingOccurrences(of: "TC 5", with: "TC 6"), name: "newer.txt"))
        #expect(again.worksReplaced == 3 && again.mergedByDOI == 1 && again.mergedByTitle == 1)
        #expect(try store.database.scalar("SELECT count(*) FROM works").int == 6)
        #expect(try Self.signature(store) == before)
        #expect(try store.importFile(files[0]).alreadyImported)
        // OpenAlex withdraws its record (a newer export without it cannot do that, so remove it as a deletion would).
        let writer = try WorkWriter(database: store.database, importID: 1, file: "test")
        try store.database.transaction {
            try writer.delete(source: .openalex, sourceID: "W9000000001", line: 1)
            try writer.flushAuthorCounts()
        }
        let id = try #require(try store.workID(matching: "10.5555/merge.2021.001"))
        let work = try #require(try store.storedWork(id: id))
        // Scopus now gives authorships and citations (9); the countries stay PT and JP, one work each.
        #expect(work.source == .scopus && work.citations == 9 && work.citationsByYear.isEmpty)
        #expect(try Self.countryWorks(store)["PT"] == 1)
        #expect(try store.sourceRecords(ofWork: id).map(\.source) == ["scopus", "pubmed", "wos"])
        // The rows the writer wrote equal a rebuild from the base tables, and the kept author counts their recount.
        let derived = try Self.derivedRows(store)
        let counts = try store.database.rows("SELECT country, authors, name_keyed FROM country_author_counts WHERE authors > 0 ORDER BY 1")
        try store.rebuildDerivedTables()
        #expect(try Self.derivedRows(store) == derived)
        #expect(try store.database.rows("SELECT country, authors, name_keyed FROM country_author_counts WHERE authors > 0 ORDER BY 1") == counts)
    }

    @Test("a record that joins a work written earlier in the same file finds all of that work's rows")
    func mergeWithinOneFile() throws {
        // The merge reads the first record's rows back to keep a copy of it: every row written for it earlier in the
        // same file must be there (links included), as when it came in a file of its own.
        let lines = try String(contentsOfFile: TestSupport.fixture("scopus_2022_litstudy_2rec.csv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let (header, first) = (lines[0], lines[1])
        let twin = first.replacingOccurrences(of: "2-s2.0-27344436659", with: "2-s2.0-99999999999")
        let together = try TestSupport.makeStore()
        let report = try together.importFile(try TestSupport.write([header, first, twin].joined(separator: "\n") + "\n", name: "both.csv"))
        #expect(report.mergedByDOI == 1)
        let apart = try TestSupport.makeStore()
        _ = try apart.importFile(try TestSupport.write(header + "\n" + first + "\n", name: "first.csv"))
        _ = try apart.importFile(try TestSupport.write(header + "\n" + twin + "\n", name: "twin.csv"))
        for store in [together, apart] {
            #expect(try store.database.scalar("SELECT count(*) FROM works").int == 1)
            #expect(try store.database.scalar("SELECT count(*) FROM source_records").int == 2)
        }
        let links = "SELECT au.position, af.raw FROM authorship_affiliations x JOIN authorships au ON au.id = x.authorship_id "
            + "JOIN affiliations af ON af.id = x.affiliation_id ORDER BY 1, 2"
        let linked = try together.database.rows(links)
        #expect(!linked.isEmpty)
        #expect(linked == (try apart.database.rows(links)))
        #expect(try Self.derivedRows(together) == Self.derivedRows(apart))
        #expect(try together.database.rows("SELECT country FROM work_countries ORDER BY 1").map { $0[0].string } == ["FR", "US"])
    }

    static func derivedRows(_ store: Store) throws -> [[SQLValue]] {
        try store.database.rows("SELECT work_id, country, round(weight, 9), is_lead, year, countries, citations FROM work_countries ORDER BY 1, 2")
            + store.database.rows("""
                SELECT work_id, authors, resolved_authorships, countries, institutions, collaboration, citations FROM work_facts ORDER BY 1
                """)
            + store.database.rows("SELECT work_id, country, author_id FROM work_author_countries ORDER BY 1, 2, 3")
    }

    @Test("Fixtures/ in three file orders: the same per-country works, pairs and types; the OpenAlex CSV and WoS overlaps merge by DOI")
    func fixturesInAnyOrder() throws {
        let files = try Store.expand(paths: [TestSupport.packageRoot.appendingPathComponent("Fixtures").path])
            .filter { !$0.contains("/claims/") && !$0.contains("asjc") && !$0.contains("API_") && !$0.contains("Metadata_") && !$0.hasSuffix("README.md") }
        var signatures: [[String]] = []
        var countries: [[String: Int]] = []
        // Name order, reversed, and interleaved (every other file, then the rest): the RIS and BibTeX exports of one
        // Scopus set, the tagged and tab-delimited WoS files of one set, meet in each order.
        let interleaved = files.enumerated().filter { $0.offset % 2 == 0 }.map(\.element) + files.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        for order in [files, files.reversed(), interleaved] {
            let store = try TestSupport.makeStore()
            var merged = 0
            for file in order { merged += (try? store.importFile(file))?.mergedByDOI ?? 0 }
            #expect(merged == 2)
            countries.append(try Self.countryWorks(store))
            signatures.append(try Self.signature(store))
            // 10.21031/epod.1069307: one work (TR) from OpenAlex and WoS.
            let id = try #require(try store.workID(matching: "10.21031/epod.1069307"))
            #expect(try store.sourceRecords(ofWork: id).map(\.source).sorted() == ["openalex", "wos"])
        }
        #expect(countries[0] == countries[1] && countries[0] == countries[2])
        #expect(signatures[0] == signatures[1] && signatures[0] == signatures[2])
    }
}

@Suite struct MergeKeyTests {
    @Test("DOIs: case, resolver prefix and trailing punctuation do not matter; malformed ones give no key")
    func dois() {
        #expect(MergeKeys.doi("https://doi.org/10.5555/MERGE.2021.001.") == "10.5555/merge.2021.001")
        #expect(MergeKeys.doi(" doi:10.5555/merge.2021.001 ") == "10.5555/merge.2021.001")
        #expect(MergeKeys.doi("http://dx.doi.org/10.1000/ABC;") == "10.1000/abc")
        for bad in ["", "  ", "10.5555", "10./x", "11.5555/x", "10.55a5/x", "n/a", "10.5555/ "] {
            #expect(MergeKeys.doi(bad) == nil, "\(bad)")
        }
        #expect(MergeKeys.doi(nil) == nil)
    }

    @Test("PMIDs: digits only, leading zeros ignored, zero and text give no key")
    func pmids() {
        #expect(MergeKeys.pmid(" 0030000001 ") == "30000001")
        #expect(MergeKeys.pmid("0") == nil && MergeKeys.pmid("") == nil && MergeKeys.pmid("PMC123") == nil)
    }

    @Test("the first author's family name is found whatever order the export writes the name in")
    func families() {
        for name in ["Owen-Smith, Jason", "Owen-Smith J.", "Owen-Smith, J", "Jason Owen-Smith", "OWEN-SMITH, J.-H."] {
            #expect(MergeKeys.familyKey(name) == "smith", "\(name)")
        }
        #expect(MergeKeys.familyKey("García López, José") == MergeKeys.familyKey("José García López"))
        #expect(MergeKeys.familyKey("Wei Li") == "li")
        #expect(MergeKeys.titleKey(title: "Notes on Merging.", year: 2019, firstAuthor: "Rossi M.") == "notes on merging|2019|rossi")
        #expect(MergeKeys.titleKey(title: "Notes", year: nil, firstAuthor: "Rossi M.") == nil)
    }
}
