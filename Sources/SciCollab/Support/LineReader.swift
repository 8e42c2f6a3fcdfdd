#if canImport(Glibc)
import Glibc
#endif

/// Reads a byte stream line by line, holding one chunk and the current line whatever the stream size.
/// `\n` and `\r\n` end lines; a final line without a newline is still a line; a UTF-8 byte order mark
/// at the start is dropped.
public final class LineReader {
    private let source: ByteSource
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var started = false
    /// The 1-based number of the line last returned.
    public private(set) var lineNumber = 0

    public init(source: ByteSource) {
        self.source = source
    }

    /// Calls `body` with the next line's bytes (without its line ending; valid only during the call),
    /// or returns false at the end of the stream.
    /// - Throws: `ImportError.unreadable` for a line longer than `ImportLimits.maxRecordBytes`.
    /// - Complexity: linear in the length of the line: bytes already searched for a newline are not searched again.
    @discardableResult
    public func nextLine<T>(_ body: (ArraySlice<UInt8>) throws -> T) throws -> T? {
        var searched = position
        while true {
            if let newline = Self.firstNewline(in: buffer, from: searched) {
                if newline - position > ImportLimits.maxRecordBytes { throw lineTooLong() }
                var end = newline
                if end > position, buffer[end - 1] == 0x0D { end -= 1 }
                let start = position
                position = newline + 1
                return try emit(buffer[start..<end], body)
            }
            if atEnd {
                guard position < buffer.count else { return nil }
                if buffer.count - position > ImportLimits.maxRecordBytes { throw lineTooLong() }
                var end = buffer.count
                if buffer[end - 1] == 0x0D { end -= 1 }
                let start = position
                position = buffer.count
                return try emit(buffer[start..<end], body)
            }
            if buffer.count - position > ImportLimits.maxRecordBytes { throw lineTooLong() }
            buffer.removeSubrange(0..<position)
            searched = buffer.count
            position = 0
            if let chunk = try source.nextChunk() { buffer += chunk } else { atEnd = true }
        }
    }

    /// The index of the first `\n` at or after `start` (`memchr`, many bytes a step).
    private static func firstNewline(in buffer: [UInt8], from start: Int) -> Int? {
        guard start < buffer.count else { return nil }
        return buffer.withUnsafeBytes { bytes in
            memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start).map { bytes.baseAddress!.distance(to: UnsafeRawPointer($0)) }
        }
    }

    private func lineTooLong() -> ImportError {
        .unreadable(path: "", reason: "line \(lineNumber + 1) is longer than \(ImportLimits.maxRecordDescription)")
    }

    private func emit<T>(_ line: ArraySlice<UInt8>, _ body: (ArraySlice<UInt8>) throws -> T) throws -> T {
        lineNumber += 1
        var line = line
        if !started {
            started = true
            if line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
        }
        return try body(line)
    }

    /// The next line as a `String` (invalid UTF-8 replaced), or nil at the end.
    public func nextLineString() throws -> String? {
        try nextLine { String(decoding: $0, as: UTF8.self) }
    }
}
