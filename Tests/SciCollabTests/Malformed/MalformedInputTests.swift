import Foundation
import Testing
@testable import SciCollab

/// Small bad inputs in every format: none crashes or hangs; a bad value is dropped with a warning or its
/// record skipped with the file and line, the good records of the same file are kept; a file that cannot be
/// read at all is an error that names it.
struct MalformedInputTests {
    @Test("the malformed-input suite holds at least 80 inputs across every format")
    func suiteSize() {
        #expect(MalformedCase.all.count >= 80)
        #expect(Set(MalformedCase.all.map(\.name)).count == MalformedCase.all.count)
    }

    @Test("a malformed input", arguments: MalformedCase.all)
    func malformed(_ input: MalformedCase) throws {
        let path = TestSupport.scratchDirectory().appendingPathComponent(input.fileName).path
        try Data(input.bytes).write(to: URL(fileURLWithPath: path))
        let store = try TestSupport.makeStore()
        switch input.outcome {
        case .fileError(let message):
            do {
                let report = try store.importFile(path)
                Issue.record("imported \(report.recordsImported) record(s); expected an error containing \"\(message)\"")
            } catch {
                #expect("\(error)".hasPrefix(path + ":"), "the error names the file: \(error)")
                #expect("\(error)".contains(message), "\(error)")
            }
            #expect(try store.database.scalar("SELECT count(*) FROM works").int == 0)
        case .records(let kept, let skipped, let warned, let message):
            let report = try store.importFile(path)
            let stored = try store.database.rows("SELECT source_id FROM works ORDER BY source_id").compactMap { $0[0].string }
            let indicatorAreas = try store.database.rows("SELECT DISTINCT code3 FROM indicator_values ORDER BY code3").compactMap { $0[0].string }
            if report.format.id.hasPrefix("worldbank") {
                #expect(indicatorAreas.contains("RUS") && indicatorAreas.contains("CHN"), "the good rows are kept: \(indicatorAreas)")
            } else {
                #expect(stored == kept.sorted(), "kept records")
            }
            let errors = report.diagnostics.filter { $0.severity == .error }
            let warnings = report.diagnostics.filter { $0.severity == .warning }
            #expect(errors.compactMap(\.line) == skipped, "skipped lines: \(errors)")
            #expect(report.recordsSkipped == skipped.count)
            #expect(Set(warnings.compactMap(\.line)) == Set(warned), "warned lines: \(warnings)")
            #expect(report.diagnostics.allSatisfy { $0.file == path })
            if !message.isEmpty {
                let first = errors.first ?? warnings.first
                #expect(first?.message.contains(message) == true, "\(String(describing: first))")
            }
        }
    }
}
