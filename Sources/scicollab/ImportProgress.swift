import Foundation
import SciCollab

/// The progress of an import on standard error: bytes read, percent, rate and time left.
///
/// While standard error is a terminal, one line is redrawn four times a second with a bar
/// (`[2/5] scopus.csv [#####-----] 41% 12.3/30.0 MB 8.1 MB/s 0:03 left`); otherwise a plain line is written
/// every `plainInterval` seconds while a file takes longer than that (logs stay short); `--quiet` shows
/// nothing. The bytes come from `ReadProgress.shared` (the importers' readers), read by a timer while the
/// import runs.
final class ImportProgress: @unchecked Sendable {
    enum Mode { case bar, lines, quiet }

    static let plainInterval: TimeInterval = 10

    private let mode: Mode
    private let totalBytes: Int
    private let fileCount: Int
    private let lock = NSLock()
    private var timer: DispatchSourceTimer?
    private var doneBytes = 0
    private var index = 0
    private var path = ""
    private var size = 0
    private var records = 0
    private var fileStart = Date()
    private let start = Date()
    private var lastLine = Date()
    private var drawn = false

    /// `files`: every file the import will read, for the total size and the time left over all of them.
    init(files: [String], quiet: Bool) {
        mode = quiet ? .quiet : (isatty(STDERR_FILENO) != 0 ? .bar : .lines)
        fileCount = files.count
        totalBytes = files.map(Self.size).reduce(0, +)
    }

    static func size(_ path: String) -> Int {
        Int(Store.bytesOfFile(at: path))
    }

    /// A file's import starts.
    func begin(_ path: String) {
        guard mode != .quiet else { return }
        lock.withLock {
            index += 1
            self.path = path
            size = Self.size(path)
            records = 0
            fileStart = Date()
            lastLine = Date()
        }
        let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        timer.schedule(deadline: .now() + 0.25, repeating: mode == .bar ? 0.25 : 1)
        timer.setEventHandler { [weak self] in self?.tick() }
        timer.resume()
        lock.withLock { self.timer = timer }
    }

    /// The records imported so far in the current file (the store reports them every 10,000).
    func records(_ count: Int) {
        lock.withLock { records = count }
    }

    /// The current file's import has ended (once more changes nothing).
    func end() {
        guard mode != .quiet else { return }
        let (timer, path, wasDrawn) = lock.withLock { () -> (DispatchSourceTimer?, String, Bool) in
            guard let t = self.timer else { return (nil, "", false) }
            self.timer = nil
            doneBytes += size
            let d = drawn
            drawn = false
            return (t, self.path, d)
        }
        guard let timer else { return }
        timer.cancel()
        ReadProgress.shared.finished(path)
        if mode == .bar && wasDrawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    private func tick() {
        let line: String? = lock.withLock {
            let now = Date()
            if mode == .lines {
                guard now.timeIntervalSince(lastLine) >= Self.plainInterval else { return nil }
                lastLine = now
            }
            drawn = true
            return Self.line(path: path, index: index, of: fileCount, read: min(ReadProgress.shared.bytesRead(path), size), size: size,
                             records: records, fileSeconds: now.timeIntervalSince(fileStart),
                             remainingAfter: max(0, totalBytes - doneBytes - size), bar: mode == .bar,
                             width: GlobalOptions.terminalWidth(of: STDERR_FILENO))
        }
        guard let line else { return }
        FileHandle.standardError.write(Data((mode == .bar ? "\r\(line)\u{1B}[K" : line + "\n").utf8))
    }

    /// One progress line: `[2/5] scopus.csv [#####-----] 41% 12.3/30.0 MB 8.1 MB/s 0:03 left` (the bar only
    /// with `bar`); the time left covers this file and the `remainingAfter` bytes of the files after it.
    static func line(path: String, index: Int, of count: Int, read: Int, size: Int, records: Int, fileSeconds: TimeInterval,
                     remainingAfter: Int, bar: Bool, width: Int) -> String {
        let megabyte = 1_048_576.0
        let fraction = size > 0 ? Double(read) / Double(size) : 0
        let rate = fileSeconds > 0 ? Double(read) / fileSeconds : 0
        var parts: [String] = []
        parts.append(String(format: "%3.0f%%", fraction * 100))
        parts.append(String(format: "%.1f/%.1f MB", Double(read) / megabyte, Double(size) / megabyte))
        if rate > 0 { parts.append(String(format: "%.1f MB/s", rate / megabyte)) }
        if read >= size, size > 0 {
            parts.append("read; writing")
        } else if rate > 0, read > 0 {
            parts.append(duration(Double(size - read + remainingAfter) / rate) + " left")
        }
        if records > 0 { parts.append("\(NumberFormatting.grouped(records)) records") }
        let figures = parts.joined(separator: "  ")
        let prefix = count > 1 ? "[\(index)/\(count)] " : ""
        if !bar { return "importing \(prefix)\(path): \(figures)" }
        let barWidth = 20
        let filled = Int((fraction * Double(barWidth)).rounded(.down))
        let gauge = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled) + "]"
        var name = (path as NSString).lastPathComponent
        let room = width - 1 - prefix.count - gauge.count - figures.count - 2
        if name.count > max(room, 8) { name = String(name.prefix(max(room, 8) - 1)) + "…" }
        let line = "\(prefix)\(name) \(gauge) \(figures)"
        return line.count < width ? line : String(line.prefix(width - 1))
    }

    /// `0:07`, `12:30`, `1:02:03`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let total = Int(seconds.rounded())
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }
}
