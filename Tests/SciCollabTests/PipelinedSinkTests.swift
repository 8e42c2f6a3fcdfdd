import Foundation
import Testing
@testable import SciCollab

struct PipelinedSinkTests {
    final class FailingSink: RecordSink {
        struct Failure: Error {}
        var accepted: [String] = []
        var failAt: Int?
        func accept(_ work: Work) throws {
            if accepted.count == failAt { throw Failure() }
            accepted.append(work.sourceID)
        }
        func skip(_ diagnostic: Diagnostic) { accepted.append("skip \(diagnostic.line ?? 0)") }
        func warn(_ diagnostic: Diagnostic) { accepted.append("warn \(diagnostic.line ?? 0)") }
        func delete(source: SourceDatabase, sourceID: String, line: Int) { accepted.append("delete \(sourceID)") }
    }

    @Test("records reach the sink in order, across the bounded queue")
    func order() throws {
        let target = FailingSink()
        let pipeline = PipelinedSink(target: target, capacity: 4)
        pipeline.start()
        for n in 0..<1000 {
            try pipeline.accept(Work(source: .scopus, sourceID: "W\(n)", line: n + 1))
            if n % 100 == 0 { pipeline.warn(Diagnostic(file: "f", line: n, recordID: nil, severity: .warning, message: "m")) }
        }
        try pipeline.delete(source: .pubmed, sourceID: "1", line: 1)
        try pipeline.finish()
        #expect(target.accepted.count == 1011)
        #expect(target.accepted.first == "W0" && target.accepted[1] == "warn 0" && target.accepted.last == "delete 1")
        #expect(target.accepted.filter { $0.hasPrefix("W") } == (0..<1000).map { "W\($0)" })
    }

    /// A keyed sink that notes, for each record, whether the merge keys and derived rows it was given are the
    /// record's own.
    final class KeyedSink: KeyedRecordSink {
        var accepted: [(sourceID: String, keysMatch: Bool, derivedMatch: Bool, derivedRows: Int)] = []
        var withoutDerivedRows = 0
        func accept(_ work: Work) throws { try accept(work, keys: MergeKeys(work)) }
        func accept(_ work: Work, keys: MergeKeys) throws { withoutDerivedRows += 1 }
        func accept(_ work: Work, keys: MergeKeys, derived: DerivedRows) throws {
            let own = DerivedRows(work)
            accepted.append((work.sourceID, keys == MergeKeys(work), derived == own,
                             derived.countries.count + derived.authorCountries.count + derived.institutionRows.count))
        }
        func skip(_ diagnostic: Diagnostic) {}
        func warn(_ diagnostic: Diagnostic) {}
        func delete(source: SourceDatabase, sourceID: String, line: Int) {}
    }

    @Test("a keyed sink gets each record with its own merge keys and derived rows, computed on the parser's thread")
    func derivedRowsTravelWithTheirRecord() throws {
        let target = KeyedSink()
        // A small queue, so that batches are written and handed back many times over the file.
        let pipeline = PipelinedSink(target: target, capacity: 3)
        pipeline.start()
        try ScopusCSVImporter().read(path: TestSupport.fixture("scopus_2023_litstudy_88rec.csv"), into: pipeline)
        try pipeline.finish()
        #expect(target.accepted.count == 88)
        #expect(target.withoutDerivedRows == 0)
        #expect(target.accepted.allSatisfy { $0.keysMatch && $0.derivedMatch })
        // The records have rows to derive (countries, author countries, institutions), so the comparison compares.
        #expect(target.accepted.filter { $0.derivedRows > 0 }.count > 80)
        #expect(Set(target.accepted.map(\.sourceID)).count == 88)
    }

    @Test("an error of the sink stops the import and is rethrown")
    func failure() throws {
        let target = FailingSink()
        target.failAt = 3
        let pipeline = PipelinedSink(target: target, capacity: 2)
        pipeline.start()
        var thrown = false
        for n in 0..<10_000 {
            do { try pipeline.accept(Work(source: .scopus, sourceID: "W\(n)", line: n + 1)) } catch { thrown = true; break }
        }
        #expect(throws: FailingSink.Failure.self) { try pipeline.finish() }
        #expect(thrown)
        #expect(target.accepted == ["W0", "W1", "W2"])
    }
}
