import Foundation
import Testing
@testable import SciCollab

struct FieldsTests {
    @Test("the ASJC list: 334 codes, 27 areas, aliases from the other transcriptions")
    func asjcList() {
        let asjc = ASJC.standard
        #expect(asjc.codes.count == 334)
        #expect(Set(asjc.codes.values.map(\.area)).count == 27)
        #expect(asjc.codes["1000"]?.name == "Multidisciplinary")
        #expect(asjc.codes["2728"]?.name == "Neurology (clinical)" && asjc.code(forName: "Clinical Neurology") == "2728")
        #expect(asjc.codes["1204"]?.name == "Archeology" && asjc.codes["1204"]?.aliases == ["Archaeology"])
        #expect(asjc.codes["2201"]?.name == "Engineering (miscellaneous)" && asjc.codes["2200"]?.name == "General Engineering")
        #expect(asjc.areaName("27") == "Medicine" && asjc.codes["3104"]?.cluster == "Physical Sciences")
        #expect(asjc.fields(for: ["2210", "2211", "3104"]).map { "\($0.scheme) \($0.code)" }
                == ["asjc 2210", "asjc 2211", "asjc 3104", "asjc-area 22", "asjc-area 31"])
    }

    @Test("import-sources gives most works of every Scopus fixture their ASJC codes", arguments: [
        ("scopus_2016_metaknowledge_excerpt_60rec.csv", 0.7), ("scopus_2022_litstudy_2rec.csv", 1.0),
        ("scopus_2023_litstudy_88rec.csv", 0.95), ("scopus_2024_pybibx_13rec.csv", 0.8), ("scopus_2025_bibx_excerpt_120rec.csv", 0.7),
    ])
    func sourceList(file: String, minimumShare: Double) throws {
        let store = try TestSupport.makeStore()
        _ = try store.importFile(TestSupport.fixture(file))
        let report = try store.importSourceList(TestSupport.fixture("scopus_sourcelist_title_to_asjc_biblium_excerpt.csv"))
        #expect(report.sourcesRead == 125 && report.diagnostics.isEmpty)
        #expect(Double(report.scopusWorksWithCodes) / Double(report.scopusWorks) >= minimumShare, "\(report.scopusWorksWithCodes) of \(report.scopusWorks)")
    }

    @Test("source list by title: a hand-checked work; works imported later are matched too")
    func sourceListMatching() throws {
        let store = try TestSupport.makeStore()
        let list = try TestSupport.write("""
            Source Title,ASJC
            Journal of Informetrics,1710; 3309; 3310;
            "Scientometrics",3309; 1706;
            """, name: "sources.csv")
        let before = try store.importSourceList(list)
        #expect(before.sourcesWithCodes == 2 && before.scopusWorks == 0)
        let text = TestSupport.scopusCSV([
            ["Authors": "A A.", "Author(s) ID": "1", "Year": "2020", "Source title": "Journal of Informetrics", "EID": "2-s2.0-1"],
            ["Authors": "B B.", "Author(s) ID": "2", "Year": "2020", "Source title": "SCIENTOMETRICS", "EID": "2-s2.0-2"],
            ["Authors": "C C.", "Author(s) ID": "3", "Year": "2020", "Source title": "Nature", "EID": "2-s2.0-3"],
        ])
        _ = try store.importFile(try TestSupport.write(text))
        let rows = try store.database.rows("""
            SELECT w.source_id, group_concat(f.scheme || ':' || f.code, ' ') FROM works w
            LEFT JOIN work_fields wf ON wf.work_id = w.id LEFT JOIN fields f ON f.id = wf.field_id
            GROUP BY w.id ORDER BY w.source_id
            """)
        #expect(rows.map { $0[1].string.map { $0.split(separator: " ").sorted().joined(separator: " ") } } == [
            "asjc-area:17 asjc-area:33 asjc:1710 asjc:3309 asjc:3310",
            "asjc-area:17 asjc-area:33 asjc:1706 asjc:3309", nil,
        ])
    }

    /// The toy corpus with sources: W1, W6, W8 in Journal A (medicine, ASJC 2700); W2 in Journal B (physics 3100,
    /// medicine).
    static func toyStoreWithFields() throws -> Store {
        let store = try CollaborationTests.toyStore()
        let list = try TestSupport.write("Source Title,ASJC\nJournal A,2700;\nJournal B,3100; 2700;\n", name: "sources.csv")
        for (eid, journal) in [("2-s2.0-1", "Journal A"), ("2-s2.0-6", "Journal A"), ("2-s2.0-8", "Journal A"), ("2-s2.0-2", "Journal B")] {
            try store.database.prepare("UPDATE works SET source_title = ? WHERE source_id = ?").run([.text(journal), .text(eid)])
        }
        _ = try store.importSourceList(list)
        return store
    }

    @Test("fields: works and shares per field, and C_AB(f), N_A(f), N_B(f) for a pair")
    func breakdown() throws {
        let store = try Self.toyStoreWithFields()
        let all = try store.fieldBreakdown(scheme: "asjc-area")
        #expect(all.rows.map { "\($0.field) \($0.works)" } == ["27 4", "31 1"])
        #expect(all.classified == 4 && all.unclassified == 4)          // W7 has no resolved country but is still a work
        let pair = try store.fieldBreakdown(scheme: "asjc-area", set: .pair("RU", "CN"))
        #expect(pair.rows.map { "\($0.field) \($0.works) \($0.outputA!) \($0.outputB!)" } == ["27 3 3 4"])   // W1 W6 W8; RU: same; CN: + W2
        let country = try store.fieldBreakdown(scheme: "asjc-area", set: .country("CN"))
        #expect(country.rows.map { "\($0.field) \($0.works)" } == ["27 4", "31 1"])
    }
}
