import Foundation

/// A file a report cannot be written to, with the system's reason (`No such file or directory`).
public struct ReportFileError: Error, LocalizedError, Sendable {
    public let path: String
    public let reason: String

    /// The reason alone: the messages that report it name the file.
    public var errorDescription: String? { reason }
}

/// Text written to a file in blocks as a report is rendered (`ReportRenderer.write(_:as:options:to:)`), so that the
/// whole output is never held in memory. The first error of a write is kept, later text dropped, and `close()`
/// throws it.
public final class ReportFileStream: TextOutputStream {
    private let handle: FileHandle
    private let closesHandle: Bool
    private var buffer: [UInt8] = []
    private var failure: (any Error)?
    private static let blockSize = 1 << 20

    /// Writes to `handle` (standard output, or a file the caller opened and closes).
    public init(handle: FileHandle) {
        self.handle = handle
        closesHandle = false
        buffer.reserveCapacity(Self.blockSize)
    }

    /// Creates (or empties) the file at `path` and writes to it.
    /// - Throws: `ReportFileError` with the system's reason when the file cannot be created.
    public init(path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw ReportFileError(path: path, reason: String(cString: strerror(errno))) }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        closesHandle = true
        buffer.reserveCapacity(Self.blockSize)
    }

    public func write(_ string: String) {
        guard failure == nil else { return }
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= Self.blockSize { flush() }
    }

    private func flush() {
        guard failure == nil, !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            failure = error
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered, closes a file this stream opened, and throws the first error of a write.
    public func close() throws {
        flush()
        if closesHandle { try? handle.close() }
        if let failure { throw failure }
    }
}
