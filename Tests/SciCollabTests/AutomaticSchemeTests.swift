import Foundation
import Testing
@testable import SciCollab

/// One `auto` scheme for `fields` and the impact cohorts (definitions §7, §8): the ASJC subject areas of every
/// source.
///
/// A corpus of three sources, every work a 2020 article (window `total`, no per-year counts):
///
/// | work          | source    | fields as exported                         | auto area | c  | FWCI          |
/// |---------------|-----------|--------------------------------------------|-----------|----|---------------|
/// | W1            | OpenAlex  | field 17 (Computer Science)                | 17        | 0  | 0             |
/// | W2            | OpenAlex  | field 17                                   | 17        | 6  | 1             |
/// | WOS:1         | WoS       | WC Computer Science, Artificial Intelligence | 17      | 12 | 2             |
/// | WOS:2         | WoS       | WC Physics, Multidisciplinary              | 31        | 5  | 1             |
/// | 2-s2.0-1      | Scopus    | Journal of Tests → ASJC 1702               | 17        | 6  | 1             |
/// | 2-s2.0-2      | Scopus    | a journal the source list does not name    | —         | 4  | unclassified  |
///
/// Cohort (area 17, 2020, article): e = (0 + 6 + 12 + 6) / 4 = 6; cohort (31, 2020, article): e = 5.
/// Before, `impact` put W1, W2 in OpenAlex subfield cohorts, WOS:1 in a WoS-category cohort of its own and
/// 2-s2.0-1 in ASJC 1702: four cohorts for what `fields` counts as one area.
struct AutomaticSchemeTests {
    static func openAlex(_ n: Int, field: Int, cites: Int) -> String {
        #"{"id":"https://openalex.org/W\#(n)","title":"OpenAlex work \#(n)","publication_year":2020,"type":"article","cited_by_count":\#(cites),"#
            + #""counts_by_year":[],"topics":[{"id":"https://openalex.org/T\#(n)","field":{"id":"https://openalex.org/fields/\#(field)","display_name":"F\#(field)"}}],"#
            + #""authorships":[{"author":{"id":"https://openalex.org/A\#(n)"},"institutions":[{"id":"https://openalex.org/I1","country_code":"US"}],"countries":[]}]}"#
    }

    static func wos(_ n: Int, category: String, cites: Int) -> String {
        "PT J\nAU Roe, A\nAF Roe, Anna\nTI Web of Science work \(n)\nC1 [Roe, Anna] Univ Ghent, Ghent, Belgium.\nDT Article\n"
            + "WC \(category)\nTC \(cites)\nPY 2020\nUT WOS:\(n)\nER\n\n"
    }

    static func mixedStore(path: String? = nil) throws -> Store {
        let store = try path.map { try Store(path: $0) } ?? TestSupport.makeStore()
        _ = try store.importFile(try TestSupport.write([openAlex(1, field: 17, cites: 0), openAlex(2, field: 17, cites: 6)].joined(separator: "\n") + "\n",
                                                       name: "works.jsonl"))
        _ = try store.importFile(try TestSupport.write("FN Clarivate Analytics Web of Science\nVR 1.0\n"
                                                       + wos(1, category: "Computer Science, Artificial Intelligence", cites: 12)
                                                       + wos(2, category: "Physics, Multidisciplinary", cites: 5) + "EF\n", name: "savedrecs.txt"))
        var scopus = [CollaborationTests.record(1, year: 2020, cites: 6, authors: [("Alpha A.", "1", [CollaborationTests.moscow])]),
                      CollaborationTests.record(2, year: 2020, cites: 4, authors: [("Beta B.", "2", [CollaborationTests.moscow])])]
        for (index, journal) in ["Journal of Tests", "Journal Nobody Lists"].enumerated() {
            scopus[index]["Source title"] = journal
            scopus[index]["Title"] = "Scopus work \(index + 1)"
            scopus[index]["Document Type"] = "Article"
        }
        _ = try store.importFile(try TestSupport.write(TestSupport.scopusCSV(scopus), name: "scopus.csv"))
        _ = try store.importSourceList(try TestSupport.write("Source Title,ASJC\nJournal of Tests,1702;\n", name: "sources.csv"))
        return store
    }

    func close(_ value: Double?, _ expected: Double, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let value else { Issue.record("nil, expected \(expected) \(comment.map { "\($0)" } ?? "")", sourceLocation: sourceLocation); return }
        #expect(abs(value - expected) < 1e-9, comment, sourceLocation: sourceLocation)
    }

    /// Each work's fields in the `auto` breakdown of all works, by source id.
    func breakdownFields(_ store: Store) throws -> [Int64: Set<String>] {
        var fields: [Int64: Set<String>] = [:]
        for row in try store.fieldBreakdown(scheme: FieldSchemes.automatic).rows {
            for id in row.ids { fields[id, default: []].insert(row.field) }
        }
        return fields
    }

    @Test("impact and fields classify the works of three sources in the same ASJC areas; the cohorts are those areas")
    func oneSchemeByHand() throws {
        let store = try Self.mixedStore()
        func id(_ sourceID: String) throws -> Int64 {
            guard case .integer(let id) = try store.database.scalar("SELECT id FROM works WHERE source_id = ?", [.text(sourceID)]) else {
                throw CancellationError()
            }
            return id
        }
        let breakdown = try store.fieldBreakdown(scheme: FieldSchemes.automatic)
        #expect(breakdown.rows.map { "\($0.field) \($0.works)" } == ["17 4", "31 1"])
        #expect(breakdown.classified == 5 && breakdown.unclassified == 1)

        // nil and "auto" are the same model: the scheme `fields` and `impact` default to.
        for scheme in [nil, FieldSchemes.automatic] {
            let model = try store.impactModel(scheme: scheme, window: .total)
            #expect(model.scheme == nil)
            #expect(model.schemeDescription.hasPrefix("auto (ASJC subject areas"))
            let expected: [(String, Double?, String?)] = [("W1", 0, "17"), ("W2", 1, "17"), ("WOS:1", 2, "17"), ("WOS:2", 1, "31"),
                                                          ("2-s2.0-1", 1, "17"), ("2-s2.0-2", nil, nil)]
            for (sourceID, value, area) in expected {
                let work = try #require(model.works[try id(sourceID)])
                #expect(work.fields.map(\.field) == (area.map { [$0] } ?? []), "\(sourceID)")
                #expect(work.fields.allSatisfy { $0.scheme == "asjc-area" }, "\(sourceID)")
                if let value { close(work.value, value, "\(sourceID)") } else { #expect(work.value == nil) }
            }
            close(model.baseline.expected[Baseline.Key(scheme: "asjc-area", field: "17", year: 2020, group: .article)], 6)
            close(model.baseline.expected[Baseline.Key(scheme: "asjc-area", field: "31", year: 2020, group: .article)], 5)
            #expect(model.baseline.expected.count == 2)
            let all = model.summary(try store.works(of: .all))
            #expect(all.unclassified == breakdown.unclassified && all.defined == breakdown.classified)
            close(all.mean, 1)
        }
        // The same works in the same areas, work by work.
        let model = try store.impactModel(window: .total)
        let fields = try breakdownFields(store)
        for (work, impact) in model.works {
            #expect(Set(impact.fields.map(\.field)) == fields[work] ?? [], "work \(work)")
        }
    }

    @Test("on the bundled fixtures (Scopus with a source list, WoS, OpenAlex, PubMed), impact and fields classify every work alike")
    func oneSchemeOnFixtures() throws {
        let store = try FixtureStores.bundled()
        _ = try store.importSourceList(TestSupport.fixture("scopus_sourcelist_title_to_asjc_biblium_excerpt.csv"))
        let sources = try store.database.rows("SELECT DISTINCT source FROM works ORDER BY 1").compactMap { $0[0].string }
        #expect(Set(["openalex", "pubmed", "scopus", "wos"]).isSubset(of: Set(sources)), "\(sources)")
        let model = try store.impactModel()
        let fields = try breakdownFields(store)
        var classified = 0, bySource: [String: Int] = [:]
        for (work, impact) in model.works {
            #expect(Set(impact.fields.map(\.field)) == fields[work] ?? [], "work \(work)")
            if !impact.fields.isEmpty { classified += 1 }
        }
        for row in try store.database.rows("""
            SELECT w.source, count(*) FROM works w WHERE EXISTS (SELECT 1 FROM work_fields wf JOIN fields f ON f.id = wf.field_id
            WHERE wf.work_id = w.id AND f.scheme IN ('asjc-area', 'openalex-field', 'wos-category')) GROUP BY w.source
            """) { bySource[row[0].string ?? ""] = row[1].int }
        let breakdown = try store.fieldBreakdown(scheme: FieldSchemes.automatic)
        #expect(classified == breakdown.classified)
        #expect(breakdown.classified > 0 && (bySource["wos"] ?? 0) > 0 && (bySource["scopus"] ?? 0) > 0 && (bySource["openalex"] ?? 0) > 0)
        // Every work of the three sources with a field their schemes hold has an area in both commands.
        #expect(breakdown.classified == bySource.values.reduce(0, +))
    }

    /// WOS:3 added to the corpus above: categories Acoustics (area 31), Computer Science, Artificial Intelligence (17)
    /// and Physics, Multidisciplinary (31), c = 3: areas 31 and 17 (listed at its first category, Acoustics), each
    /// weighing ½ in its cohort. e(17) = (0 + 6 + 12 + 6 + 3·½) / 4.5 = 25.5 / 4.5; e(31) = (5 + 3·½) / 1.5 = 6.5 / 1.5;
    /// FWCI(WOS:3) = (3 / e(31) + 3 / e(17)) / 2.
    @Test("the auto areas are kept in the store for the data they were computed from and computed again after an import; a read-only store computes them for itself")
    func keptAreas() throws {
        let path = TestSupport.scratchDirectory().appendingPathComponent("areas.sqlite").path
        do {
            let store = try Self.mixedStore(path: path)
            #expect(try store.fieldBreakdown(scheme: FieldSchemes.automatic).rows.map { "\($0.field) \($0.works)" } == ["17 4", "31 1"])
            #expect(try store.database.scalar("SELECT count(*) FROM work_automatic_areas").int == 5)
            #expect(try store.database.scalar("SELECT value FROM store_state WHERE name = 'automatic_areas_generation'").int
                    == (try Store.dataGeneration(store.database)))
            _ = try store.importFile(try TestSupport.write("FN Clarivate Analytics Web of Science\nVR 1.0\n"
                + Self.wos(3, category: "Acoustics; Computer Science, Artificial Intelligence; Physics, Multidisciplinary", cites: 3) + "EF\n",
                name: "more.txt"))
            #expect(try store.fieldBreakdown(scheme: FieldSchemes.automatic).rows.map { "\($0.field) \($0.works)" } == ["17 5", "31 2"])
            #expect(try store.database.scalar("SELECT count(*) FROM work_automatic_areas").int == 7)
            let id = try #require(try store.database.scalar("SELECT id FROM works WHERE source_id = 'WOS:3'").int)
            let work = try #require(try store.impactModel(window: .total).works[Int64(id)])
            #expect(work.fields.map(\.field) == ["31", "17"])
            close(work.value, (3 / (6.5 / 1.5) + 3 / (25.5 / 4.5)) / 2)
            // Stale areas in a file opened read-only: the connection computes its own.
            try store.database.execute("UPDATE store_state SET value = value + 1 WHERE name = 'data_generation'")
        }
        let readOnly = try Store(path: path, access: .readOnly)
        #expect(try readOnly.fieldBreakdown(scheme: FieldSchemes.automatic).rows.map { "\($0.field) \($0.works)" } == ["17 5", "31 2"])
        #expect(try readOnly.database.scalar("SELECT count(*) FROM temp.work_automatic_areas").int == 7)
    }
    @Test("the auto areas chosen while reading each work's fields equal those one grouped statement chooses (bundled exports)")
    func areasReadEqualGrouped() throws {
        let store = try TestSupport.bundledStore()
        let kept = try store.automaticAreasTable()
        try store.fillAutomaticAreaFields()
        try store.fillAutomaticAreas(create: "CREATE TEMP TABLE grouped_areas", into: "temp.grouped_areas", inSQL: true)
        let rows = "SELECT work_id || ' ' || code || ' ' || pos FROM %@ ORDER BY work_id, code"
        let read = try store.database.rows(rows.replacingOccurrences(of: "%@", with: kept)).compactMap { $0[0].string }
        let grouped = try store.database.rows(rows.replacingOccurrences(of: "%@", with: "temp.grouped_areas")).compactMap { $0[0].string }
        #expect(read.count > 200)
        #expect(read == grouped)
        // Works with more than one area, and areas given by more than one code, are among them.
        #expect(try store.database.scalar("SELECT count(*) FROM (SELECT work_id FROM \(kept) GROUP BY work_id HAVING count(*) > 1)").int ?? 0 > 10)
        #expect(try store.database.scalar("SELECT count(*) FROM \(kept) WHERE code <> pos").int ?? 0 > 10)
    }
}

