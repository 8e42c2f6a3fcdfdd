import CSQLite
import Foundation

/// Where a command spends its time in SQLite, asked for with `SCICOLLAB_TRACE_SQL` in the environment:
/// - `summary`: one line per distinct statement when the process ends (its runs, its total and its longest
///   milliseconds, the costliest first), which suits an import of a million rows;
/// - any other non-empty value: every statement as it finishes, with the milliseconds it took.
///
/// A statement's text is shown with its whitespace collapsed and cut at 240 characters (the summary groups by the whole
/// text). SQLite's clock counts whole milliseconds: a run of microseconds measures 0 or 1 ms, and a total over many runs
/// is right on average. The summary is written by `exit`: a process ended by a signal writes none.
enum StatementTrace {
    /// The mode asked for by the environment, nil when none.
    static let mode: Mode? = {
        guard let value = ProcessInfo.processInfo.environment["SCICOLLAB_TRACE_SQL"], !value.isEmpty else { return nil }
        return value == "summary" ? .summary : .everyStatement
    }()

    enum Mode {
        case everyStatement, summary
    }

    /// Installs the trace of `mode` on a connection.
    static func install(_ mode: Mode, on handle: OpaquePointer) {
        switch mode {
        case .everyStatement:
            sqlite3_trace_v2(handle, UInt32(SQLITE_TRACE_PROFILE), { _, _, statement, nanoseconds in
                guard let statement, let nanoseconds, let sql = sqlite3_sql(OpaquePointer(statement)) else { return 0 }
                let milliseconds = Double(nanoseconds.load(as: Int64.self)) / 1_000_000
                let text = StatementTrace.text(sql).prefix(StatementTrace.shownCharacters)
                FileHandle.standardError.write(Data((String(format: "sql %10.1f ms  ", milliseconds) + text + "\n").utf8))
                return 0
            }, nil)
        case .summary:
            _ = registerReport
            sqlite3_trace_v2(handle, UInt32(SQLITE_TRACE_PROFILE), { _, _, statement, nanoseconds in
                guard let statement, let nanoseconds, let sql = sqlite3_sql(OpaquePointer(statement)) else { return 0 }
                StatementTrace.timings.add(sql, nanoseconds: nanoseconds.load(as: Int64.self))
                return 0
            }, nil)
        }
    }

    /// How much of a statement's text is shown.
    static let shownCharacters = 240

    /// The text of a statement with its whitespace collapsed.
    fileprivate static func text(_ sql: UnsafePointer<CChar>) -> String {
        String(cString: sql).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The timings of every statement run so far, by text.
    static let timings = Timings()

    /// Writes the summary to standard error when the process ends (installed once).
    private static let registerReport: Void = { atexit { FileHandle.standardError.write(Data(StatementTrace.timings.report().utf8)) } }()

    /// Runs and nanoseconds per statement text; safe to fill from several connections on several threads.
    final class Timings: @unchecked Sendable {
        struct Entry {
            var runs = 0
            var nanoseconds: Int64 = 0
            var longest: Int64 = 0
        }
        private let lock = NSLock()
        // Statements are prepared once and run many times: the text is read once per prepared statement (its SQL
        // pointer), and again only when another statement comes to have the same pointer.
        private var textOfPointer: [UnsafeRawPointer: (sql: String, text: String)] = [:]
        private var entries: [String: Entry] = [:]

        func add(_ sql: UnsafePointer<CChar>, nanoseconds: Int64) {
            lock.lock()
            defer { lock.unlock() }
            let key = UnsafeRawPointer(sql)
            let text: String
            if let known = textOfPointer[key], known.sql.withCString({ strcmp($0, sql) == 0 }) {
                text = known.text
            } else {
                text = StatementTrace.text(sql)
                textOfPointer[key] = (String(cString: sql), text)
            }
            var entry = entries[text, default: Entry()]
            entry.runs += 1
            entry.nanoseconds += nanoseconds
            entry.longest = max(entry.longest, nanoseconds)
            entries[text] = entry
        }

        /// One line per statement, the costliest first: total ms, runs, longest ms, the statement; then the sum.
        func report() -> String {
            lock.lock()
            defer { lock.unlock() }
            func milliseconds(_ nanoseconds: Int64) -> String { String(format: "%.1f", Double(nanoseconds) / 1e6) }
            func line(_ total: String, _ runs: String, _ longest: String, _ text: String) -> String {
                [(total, 12), (runs, 10), (longest, 12)].map { String(repeating: " ", count: max(0, $1 - $0.count)) + $0 }
                    .joined(separator: " ") + "  " + text
            }
            let sorted = entries.sorted { ($0.value.nanoseconds, $1.key) > ($1.value.nanoseconds, $0.key) }
            var lines = ["sql summary (SCICOLLAB_TRACE_SQL=summary)", line("total ms", "runs", "longest ms", "statement")]
            for (text, entry) in sorted {
                lines.append(line(milliseconds(entry.nanoseconds), String(entry.runs), milliseconds(entry.longest),
                                  String(text.prefix(StatementTrace.shownCharacters))))
            }
            let total = entries.values.reduce(Int64(0)) { $0 + $1.nanoseconds }
            let runs = entries.values.reduce(0) { $0 + $1.runs }
            lines.append(line(milliseconds(total), String(runs), "", "every statement (\(entries.count) distinct)"))
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
