import Foundation
import Testing
@testable import SciCollab

/// One database record exported in two formats is two source records of one work (definitions §9).
@Suite struct SameRecordFormatsTests {
    static let ris = TestSupport.fixture("scopus_ris_2023_biodiversity_excerpt_23rec.ris")
    static let bib = TestSupport.fixture("scopus_bib_2023_biodiversity_excerpt_23rec.bib")

    /// Works with their source, id and countries, and the derived rows every figure reads.
    static func signature(_ store: Store) throws -> [String] {
        try MergeTests.signature(store) + store.countryTable(scope: AnalysisScope()).map { "\($0.country) \($0.works) \($0.authors)" }
    }

    @Test("the RIS and BibTeX exports of the same Scopus records: 23 works of two records each, with file and line, counted once")
    func risAndBibTeX() throws {
        let alone = try TestSupport.makeStore()
        _ = try alone.importFile(Self.ris)
        let store = try TestSupport.makeStore()
        let first = try store.importFile(Self.ris)
        let second = try store.importFile(Self.bib)
        #expect(first.worksAdded == 23)
        // Every BibTeX record is an EID stored from the RIS file: none replaced, none added, 23 kept beside.
        #expect(second.recordsImported == 23 && second.worksReplaced == 0 && second.worksAdded == 0)
        #expect(second.sameRecordOtherFormat == 23 && second.mergedByDOI == 0 && second.mergedByTitle == 0)
        #expect(try store.database.scalar("SELECT count(*) FROM works").int == 23)
        #expect(try store.database.scalar("SELECT count(*) FROM source_records").int == 46)
        // The figures are those of the RIS file alone: 7 works in the US, 3 in France, one author each time.
        let table = Dictionary(uniqueKeysWithValues: try store.countryTable().map { ($0.country, $0.works) })
        #expect(table["US"] == 7 && table["FR"] == 3)
        #expect(try store.countryTable().map { "\($0.country) \($0.works) \($0.authors)" }
                == alone.countryTable().map { "\($0.country) \($0.works) \($0.authors)" })
        // The first record: RIS line 1, BibTeX line 4 (its @BOOK line).
        let id = try #require(try store.workID(matching: "2-s2.0-85165627975"))
        let records = try store.sourceRecords(ofWork: id)
        #expect(records.map { "\(($0.file as NSString).lastPathComponent):\($0.line)" }
                == ["scopus_ris_2023_biodiversity_excerpt_23rec.ris:1", "scopus_bib_2023_biodiversity_excerpt_23rec.bib:4"])
        #expect(records.map(\.mergedBy) == [nil, "source_id"])
        #expect(records.filter(\.givesAuthorships).count == 1 && records.filter(\.givesCitations).count == 1)
        let summary = try store.mergeSummary(details: true)
        #expect(summary.works == 23 && summary.records == 46)
        // 46 Scopus records, two of each work: 23 Scopus works.
        #expect(summary.overlap.map { "\($0.a)-\($0.b) \($0.works)" } == ["scopus-scopus 23"])
        // The import report says so, per file.
        let merges = StandardReports.mergeTables([first, second])[0]
        let column = try #require(merges.columns.firstIndex { $0.key == "same_record_other_format" })
        #expect(merges.rows.map { $0[column] } == [.int(0), .int(23)])
    }

    @Test("a Scopus record with another EID and the title key of a record stored from RIS and BibTeX is one look-alike, kept apart")
    func lookAlikeOfTwins() throws {
        let store = try TestSupport.makeStore()
        _ = try store.importFile(Self.ris)
        _ = try store.importFile(Self.bib)
        let csv = TestSupport.scopusCSV([
            ["Authors": "Porter D.E.", "Author full names": "Porter, Dwayne E. (701)", "Author(s) ID": "701",
             "Title": "Observing and Monitoring the Ocean", "Year": "2023", "Source title": "Oceans", "Cited by": "0",
             "Affiliations": "University of South Carolina, Columbia, SC, United States",
             "Authors with affiliations": "Porter D.E., University of South Carolina, Columbia, SC, United States",
             "Document Type": "Book chapter", "Source": "Scopus", "EID": "2-s2.0-7001"],
        ])
        let report = try store.importFile(try TestSupport.write(csv, name: "look-alike.csv"))
        #expect(report.sameSourceLookAlikes == 1 && report.worksAdded == 1)
        #expect(report.lookAlikes.map(\.otherSourceID) == ["2-s2.0-85170172054"])
        #expect(try store.database.scalar("SELECT count(*) FROM works").int == 24)
    }

    @Test("either order, and with --no-merge: the same works and records; a newer export of one format replaces only its own records")
    func orderAndReplacement() throws {
        let reference = try TestSupport.makeStore()
        _ = try reference.importFile(Self.ris)
        _ = try reference.importFile(Self.bib)
        let reversed = try TestSupport.makeStore()
        _ = try reversed.importFile(Self.bib)
        _ = try reversed.importFile(Self.ris)
        #expect(try Self.signature(reversed) == Self.signature(reference))
        let apart = try TestSupport.makeStore()
        _ = try apart.importFile(Self.ris, merging: false)
        let twin = try apart.importFile(Self.bib, merging: false)
        #expect(twin.sameRecordOtherFormat == 23 && twin.worksAdded == 0)
        #expect(try Self.signature(apart) == Self.signature(reference))
        // A newer RIS export (other bytes, same records): the RIS records are replaced, the BibTeX ones stay.
        let newer = try String(contentsOfFile: Self.ris, encoding: .utf8) + "\n"
        let again = try reference.importFile(try TestSupport.write(newer, name: "newer.ris"))
        #expect(again.worksReplaced == 23 && again.sameRecordOtherFormat == 23 && again.worksAdded == 0)
        #expect(try reference.database.scalar("SELECT count(*) FROM source_records").int == 46)
        #expect(try reference.database.scalar("SELECT count(*) FROM works").int == 23)
        #expect(try Self.signature(reference) == Self.signature(reversed))
    }
}

@Suite struct SameRecordFormatsFixtureTests {
    @Test("the 2014 WoS set as tagged text and as tab-delimited (UTF-8, then UTF-16): 50 works of two records; the second tab file replaces the first")
    func wosTaggedAndTab() throws {
        let alone = try TestSupport.makeStore()
        _ = try alone.importFile(TestSupport.fixture("wos_txt_2014_wosfile_50rec.txt"))
        let store = try TestSupport.makeStore()
        let tagged = try store.importFile(TestSupport.fixture("wos_txt_2014_wosfile_50rec.txt"))
        let tab = try store.importFile(TestSupport.fixture("wos_tab_2014_wosfile_utf8_50rec.txt"))
        let tab16 = try store.importFile(TestSupport.fixture("wos_tab_2014_wosfile_utf16le_50rec.txt"))
        #expect(tagged.worksAdded == 50)
        #expect(tab.sameRecordOtherFormat == 50 && tab.worksAdded == 0 && tab.worksReplaced == 0)
        // Same format (wos-tab): each UTF-16 record replaces its UTF-8 twin and stays beside the tagged one.
        #expect(tab16.worksReplaced == 50 && tab16.sameRecordOtherFormat == 50 && tab16.worksAdded == 0)
        #expect(try store.database.scalar("SELECT count(*) FROM works").int == 50)
        #expect(try store.database.rows("SELECT i.format, count(*) FROM source_records sr JOIN imports i ON i.id = sr.import_id GROUP BY 1 ORDER BY 1")
                == [[.text("wos-tab"), .integer(50)], [.text("wos-txt"), .integer(50)]])
        #expect(try MergeTests.countryWorks(store) == MergeTests.countryWorks(alone))
    }

    @Test("the shared 244-record Scopus set as RIS and BibTeX: 244 works of 488 records (skipped without ../shared/fixtures)")
    func sharedRISAndBibTeX() throws {
        guard let ris = TestSupport.sharedFixtures("scopus-ris"), let bib = TestSupport.sharedFixtures("scopus-bib") else {
            print("skipped: ../shared/fixtures is not there")
            return
        }
        let store = try TestSupport.makeStore()
        let first = try store.importFile(ris + "/scopus_2023_biodiversity_244rec.ris")
        let second = try store.importFile(bib + "/scopus_2023_biodiversity_244rec.bib")
        #expect(first.worksAdded == 244 && second.sameRecordOtherFormat == 244 && second.worksAdded == 0)
        #expect(try store.database.scalar("SELECT count(*) FROM works").int == 244)
        #expect(try store.database.scalar("SELECT count(*) FROM source_records").int == 488)
    }
}
