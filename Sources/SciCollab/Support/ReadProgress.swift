import Foundation

/// How far the importers have read the files they are reading, for a progress display: the bytes of a file
/// (as stored: compressed bytes for a `.gz` file) read so far by the reader that opened it last.
///
/// Readers opened by `ByteSources.open` report here; format detection and the SHA-256 of a file do not. The
/// counters are read from another thread (the display's timer) while an importer reads, hence the lock.
public final class ReadProgress: @unchecked Sendable {
    /// The counters of this process.
    public static let shared = ReadProgress()

    private let lock = NSLock()
    private var bytes: [String: Int] = [:]

    public init() {}

    /// A reader of `path` starts at its first byte (an importer that scans a file before reading it starts again).
    func started(_ path: String) {
        lock.withLock { bytes[path] = 0 }
    }

    /// A reader of `path` has read `offset` bytes.
    func read(_ path: String, offset: Int) {
        lock.withLock { bytes[path] = offset }
    }

    /// The bytes of `path` read so far (0 before a reader opened it).
    public func bytesRead(_ path: String) -> Int {
        lock.withLock { bytes[path] ?? 0 }
    }

    /// Forgets `path` (its import has ended).
    public func finished(_ path: String) {
        lock.withLock { _ = bytes.removeValue(forKey: path) }
    }
}
