import Foundation
import Testing
@testable import SciCollab

struct StatementTraceTests {
    /// The report's rows: total ms, runs and longest ms by statement text.
    static func rows(_ report: String) -> [String: (total: Double, runs: Int, longest: Double)] {
        var rows: [String: (Double, Int, Double)] = [:]
        for line in report.split(separator: "\n").dropFirst(2).dropLast() {
            // Three right-aligned columns of 12, 10 and 12 characters, then two spaces and the statement.
            let text = Array(line)
            func column(_ range: Range<Int>) -> String { String(text[range]).trimmingCharacters(in: .whitespaces) }
            rows[String(text[38...])] = (Double(column(0..<12))!, Int(column(13..<23))!, Double(column(24..<36))!)
        }
        return rows
    }

    @Test("a summary sums each statement's runs and time by text, the costliest first, whitespace collapsed")
    func summary() throws {
        let timings = StatementTrace.Timings()
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: 64)
        defer { buffer.deallocate() }
        strcpy(buffer, "SELECT  1\n  FROM t")
        timings.add(buffer, nanoseconds: 2_000_000)
        timings.add(buffer, nanoseconds: 5_000_000)
        // Another statement comes to have the same text pointer: it is counted under its own text.
        strcpy(buffer, "SELECT 2")
        timings.add(buffer, nanoseconds: 9_000_000)
        "SELECT  1 FROM t".withCString { timings.add($0, nanoseconds: 1_000_000) }
        let report = timings.report()
        let rows = Self.rows(report)
        #expect(rows.count == 2)
        #expect(rows["SELECT 1 FROM t"]?.runs == 3 && rows["SELECT 1 FROM t"]?.total == 8.0 && rows["SELECT 1 FROM t"]?.longest == 5.0)
        #expect(rows["SELECT 2"]?.runs == 1 && rows["SELECT 2"]?.total == 9.0)
        let lines = report.split(separator: "\n")
        #expect(lines[2].hasSuffix("SELECT 2") && lines[3].hasSuffix("SELECT 1 FROM t"))
        #expect(lines.last?.hasSuffix("every statement (2 distinct)") == true)
        #expect(lines.last?.split(separator: " ").prefix(2) == ["17.0", "4"])
    }
}
