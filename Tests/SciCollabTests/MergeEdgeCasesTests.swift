import Foundation
import Testing
@testable import SciCollab

/// Records that bridge two stored works, and databases written before merging existed (definitions §9).
@Suite struct MergeEdgeCasesTests {
    /// S1: Scopus, DOI 10.5555/bridge.001, Novak (SI) and Kim (KR), 2020, cited 6.
    static let scopus = TestSupport.scopusCSV([
        ["Authors": "Novak J.; Kim M.", "Author full names": "Novak, Jana (601); Kim, Minho (602)", "Author(s) ID": "601; 602",
         "Title": "Bridging records of one paper", "Year": "2020", "Source title": "J Bridge", "Cited by": "6",
         "DOI": "10.5555/bridge.001", "Affiliations": "University of Ljubljana, Ljubljana, Slovenia; Seoul National University, Seoul, South Korea",
         "Authors with affiliations": "Novak J., University of Ljubljana, Ljubljana, Slovenia; Kim M., Seoul National University, Seoul, South Korea",
         "Document Type": "Article", "Source": "Scopus", "EID": "2-s2.0-6001"],
    ])

    /// P1: PMID 31000001, no DOI, another wording of S1's title (no title match). P2: PMID 31000002 with DOI
    /// 10.5555/bridge.999, Gruber (AT).
    static let pubmed = """
        <?xml version="1.0"?>
        <PubmedArticleSet>
        <PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">31000001</PMID>
        <Article PubModel="Print"><Journal><JournalIssue><PubDate><Year>2020</Year></PubDate></JournalIssue><Title>J Bridge</Title></Journal>
        <ArticleTitle>Bridging the records of a paper.</ArticleTitle>
        <AuthorList>
        <Author><LastName>Novak</LastName><ForeName>Jana</ForeName><AffiliationInfo><Affiliation>University of Ljubljana, Ljubljana, Slovenia.</Affiliation></AffiliationInfo></Author>
        <Author><LastName>Kim</LastName><ForeName>Minho</ForeName><AffiliationInfo><Affiliation>Seoul National University, Seoul, Korea.</Affiliation></AffiliationInfo></Author>
        </AuthorList>
        <PublicationTypeList><PublicationType>Journal Article</PublicationType></PublicationTypeList>
        </Article></MedlineCitation></PubmedArticle>
        <PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">31000002</PMID>
        <Article PubModel="Print"><Journal><JournalIssue><PubDate><Year>2020</Year></PubDate></JournalIssue><Title>J Bridge</Title></Journal>
        <ArticleTitle>An erratum with its own DOI.</ArticleTitle>
        <ELocationID EIdType="doi" ValidYN="Y">10.5555/bridge.999</ELocationID>
        <AuthorList>
        <Author><LastName>Gruber</LastName><ForeName>Anna</ForeName><AffiliationInfo><Affiliation>University of Vienna, Vienna, Austria.</Affiliation></AffiliationInfo></Author>
        </AuthorList>
        <PublicationTypeList><PublicationType>Journal Article</PublicationType></PublicationTypeList>
        </Article></MedlineCitation></PubmedArticle>
        </PubmedArticleSet>
        """

    /// X: S1's DOI and P1's PMID (bridges them). Y: DOI 10.5555/bridge.002 and P2's PMID (P2 holds another DOI).
    static let openalex = [
        #"{"id": "https://openalex.org/W9100000001", "doi": "https://doi.org/10.5555/bridge.001", "ids": {"pmid": "https://pubmed.ncbi.nlm.nih.gov/31000001"}, "display_name": "Bridging records of one paper", "publication_year": 2020, "type": "article", "cited_by_count": 5, "authorships": [{"author_position": "first", "author": {"id": "https://openalex.org/A61", "display_name": "Jana Novak"}, "institutions": [{"id": "https://openalex.org/I61", "display_name": "University of Ljubljana", "country_code": "SI"}], "countries": ["SI"], "raw_affiliation_strings": ["University of Ljubljana, Ljubljana, Slovenia"]}, {"author_position": "last", "author": {"id": "https://openalex.org/A62", "display_name": "Minho Kim"}, "institutions": [{"id": "https://openalex.org/I62", "display_name": "Seoul National University", "country_code": "KR"}], "countries": ["KR"], "raw_affiliation_strings": ["Seoul National University, Seoul, South Korea"]}]}"#,
        #"{"id": "https://openalex.org/W9100000002", "doi": "https://doi.org/10.5555/bridge.002", "ids": {"pmid": "https://pubmed.ncbi.nlm.nih.gov/31000002"}, "display_name": "A paper whose PMID points elsewhere", "publication_year": 2020, "type": "article", "cited_by_count": 1, "authorships": [{"author_position": "first", "author": {"id": "https://openalex.org/A63", "display_name": "Anna Gruber"}, "institutions": [{"id": "https://openalex.org/I63", "display_name": "University of Vienna", "country_code": "AT"}], "countries": ["AT"], "raw_affiliation_strings": ["University of Vienna, Vienna, Austria"]}]}"#,
    ].joined(separator: "\n")

    static func files() throws -> [String: String] {
        ["scopus": try TestSupport.write(scopus, name: "bridge.csv"), "pubmed": try TestSupport.write(pubmed, name: "bridge.xml"),
         "openalex": try TestSupport.write(openalex, name: "bridge.jsonl")]
    }

    @Test("a record with the DOI of one work and the PMID of another fuses them; a PMID whose work holds another DOI is a conflict, kept apart",
          arguments: [["scopus", "pubmed", "openalex"], ["openalex", "scopus", "pubmed"], ["pubmed", "openalex", "scopus"]])
    func bridge(order: [String]) throws {
        let files = try Self.files()
        let store = try TestSupport.makeStore()
        var reports: [String: ImportReport] = [:]
        for name in order { reports[name] = try store.importFile(files[name]!) }
        // Three papers: S1 = P1 = X (one work of three records), P2, Y.
        #expect(try store.database.scalar("SELECT count(*) FROM works").int == 3)
        #expect(reports.values.map(\.keyConflicts).reduce(0, +) == 1)
        let conflict = reports.values.flatMap(\.diagnostics).filter { $0.message.contains("is also that of work") }
        #expect(conflict.count == 1)
        #expect(conflict.first?.message.contains("PMID 31000002") == true)
        let id = try #require(try store.workID(matching: "10.5555/bridge.001"))
        #expect(try store.sourceRecords(ofWork: id).map(\.source).sorted() == ["openalex", "pubmed", "scopus"])
        #expect(try store.workID(matching: "31000001") == id)
        // The fused work is OpenAlex's authorships and count; every country counts each paper once.
        let work = try #require(try store.storedWork(id: id))
        #expect(work.source == .openalex && work.citations == 5 && work.pmid == "31000001")
        #expect(try MergeTests.countryWorks(store) == ["SI": 1, "KR": 1, "AT": 2])
        #expect(try store.workID(matching: "10.5555/bridge.999") != store.workID(matching: "10.5555/bridge.002"))
        // The rows written as works were fused equal a rebuild from the base tables, author counts included.
        let derived = try MergeTests.derivedRows(store)
        let counts = try store.database.rows("SELECT country, authors, name_keyed FROM country_author_counts WHERE authors > 0 ORDER BY 1")
        try store.rebuildDerivedTables()
        #expect(try MergeTests.derivedRows(store) == derived)
        #expect(try store.database.rows("SELECT country, authors, name_keyed FROM country_author_counts WHERE authors > 0 ORDER BY 1") == counts)
    }

    @Test("two works written earlier in the same file, fused by a record that bridges them, keep every row")
    func fuseWithinOneFile() throws {
        // A has the DOI, B the PMID, C both: C fuses B into A. The fusion reads both works back, written earlier in the
        // same file: one file and three files give the same work.
        func record(_ id: Int, doi: String?, pmid: String?, title: String, author: (String, String, String, String)) -> String {
            let doiField = doi.map { #""doi": "https://doi.org/\#($0)", "# } ?? ""
            let ids = pmid.map { #""ids": {"pmid": "https://pubmed.ncbi.nlm.nih.gov/\#($0)"}, "# } ?? ""
            return #"{"id": "https://openalex.org/W920000000\#(id)", \#(doiField)\#(ids)"display_name": "\#(title)", "publication_year": 2021, "type": "article", "cited_by_count": 2, "authorships": [{"author_position": "first", "author": {"id": "https://openalex.org/A9\#(id)", "display_name": "\#(author.0)"}, "institutions": [{"id": "https://openalex.org/I9\#(id)", "display_name": "\#(author.1)", "country_code": "\#(author.2)"}], "countries": ["\#(author.2)"], "raw_affiliation_strings": ["\#(author.3)"]}]}"#
        }
        let records = [
            record(1, doi: "10.5555/fuse.001", pmid: nil, title: "Fusing the records of one paper",
                   author: ("Jana Novak", "University of Ljubljana", "SI", "University of Ljubljana, Ljubljana, Slovenia")),
            record(2, doi: nil, pmid: "32000001", title: "A wording of its own",
                   author: ("Minho Kim", "Seoul National University", "KR", "Seoul National University, Seoul, South Korea")),
            record(3, doi: "10.5555/fuse.001", pmid: "32000001", title: "Fusing the records of one paper",
                   author: ("Jana Novak", "University of Ljubljana", "SI", "University of Ljubljana, Ljubljana, Slovenia")),
        ]
        let together = try TestSupport.makeStore()
        _ = try together.importFile(try TestSupport.write(records.joined(separator: "\n") + "\n", name: "fuse.jsonl"))
        let apart = try TestSupport.makeStore()
        for (n, line) in records.enumerated() { _ = try apart.importFile(try TestSupport.write(line + "\n", name: "fuse\(n).jsonl")) }
        for store in [together, apart] {
            #expect(try store.database.scalar("SELECT count(*) FROM works").int == 1)
            #expect(try store.database.scalar("SELECT count(*) FROM source_records").int == 3)
        }
        let links = "SELECT au.position, af.raw FROM authorship_affiliations x JOIN authorships au ON au.id = x.authorship_id "
            + "JOIN affiliations af ON af.id = x.affiliation_id ORDER BY 1, 2"
        #expect(!(try together.database.rows(links)).isEmpty)
        #expect(try together.database.rows(links) == apart.database.rows(links))
        #expect(try MergeTests.derivedRows(together) == MergeTests.derivedRows(apart))
        #expect(try MergeTests.countryWorks(together) == MergeTests.countryWorks(apart))
    }

    @Test("a database whose works were stored before merging existed: migrated, the same figures and keys; re-importing changes nothing; new sources merge into its works")
    func storedBeforeMerging() throws {
        // The reference: the Scopus file imported by this version.
        let modern = try TestSupport.makeStore()
        let scopus = try TestSupport.write(MergeCorpus.scopus, name: "scopus.csv")
        _ = try modern.importFile(scopus)
        // The same rows in a database of schema version 9 (before 010_merge.sql): every table the old schema has,
        // with the columns it has.
        let path = TestSupport.scratchDirectory().appendingPathComponent("old.sqlite").path
        do {
            let old = try SQLiteDatabase(path: path, mode: .create)
            try Migrator(migrations: Migrator.embeddedMigrations.filter { $0.version <= 9 }).migrate(old)
            #expect(try old.rows("PRAGMA table_info(source_records)").count == 5)
            try old.execute("ATTACH DATABASE '\(modern.database.path)' AS modern")
            let tables = ["imports", "authors", "works", "source_records", "authorships", "affiliations", "authorship_affiliations",
                          "fields", "work_fields", "citations_by_year", "work_organizations", "work_facts", "work_countries",
                          "work_country_pairs", "work_author_countries", "country_authors", "country_author_counts"]
            try old.execute("PRAGMA foreign_keys = OFF")
            for table in tables {
                let columns = try old.rows("PRAGMA main.table_info(\(table))").compactMap { $0[1].string }.joined(separator: ", ")
                try old.execute("INSERT INTO main.\(table) (\(columns)) SELECT \(columns) FROM modern.\(table)")
            }
            try old.execute("DETACH DATABASE modern")
        }
        let store = try Store(path: path)
        // Migrated: merge keys filled from the works, counts copied from them, the figures unchanged.
        let keys = "SELECT source, source_id, doi_key, pmid_key, title_key, merged_by, citations FROM source_records ORDER BY source_id"
        #expect(try store.database.rows(keys) == modern.database.rows(keys))
        #expect(try MergeTests.signature(store) == MergeTests.signature(modern))
        #expect(try MergeTests.countryWorks(store) == MergeTests.countryWorks(modern))
        // The same file again is already imported; a copy of it (other bytes) replaces each of its records, as it
        // does in the database of this version: still 5 works, the same rows.
        #expect(try store.importFile(scopus).alreadyImported)
        let copyPath = try TestSupport.write(MergeCorpus.scopus + "\n", name: "copy.csv")
        let copy = try store.importFile(copyPath)
        let modernCopy = try modern.importFile(copyPath)
        #expect(copy.worksReplaced == 5 && copy.recordsImported == 5)
        #expect(copy.worksAdded == modernCopy.worksAdded && copy.worksReplaced == modernCopy.worksReplaced)
        #expect(try store.database.scalar("SELECT count(*) FROM works").int == 5)
        #expect(try MergeTests.signature(store) == MergeTests.signature(modern))
        // WoS records merge into the old works as into new ones.
        let wos = try TestSupport.write(MergeCorpus.wos, name: "wos.txt")
        let merged = try store.importFile(wos)
        let reference = try modern.importFile(wos)
        #expect(merged.mergedByDOI == 1 && merged.mergedByTitle == 1 && merged.worksAdded == reference.worksAdded)
        #expect(try MergeTests.signature(store) == MergeTests.signature(modern))
        #expect(try MergeTests.countryWorks(store) == ["PT": 1, "JP": 1, "NG": 1, "GB": 1, "DE": 1, "FR": 1, "IT": 2])
    }
}
