import Foundation

/// A streaming RFC 4180 reader: quoted fields with `""` escapes and line breaks, `\n` or `\r\n` records,
/// a UTF-8 byte order mark skipped, gzip-compressed files decompressed. Memory holds one chunk and the record being read, whatever the
/// file size; fields are decoded to `String` only when asked for.
///
/// Malformed input is reported, not repaired: text after a closing quote or a quote that never closes
/// marks the record `malformed`, and `resynchronize()` restarts reading on the line after that record's
/// first line, so one broken quote cannot swallow the rest of the file.
final class CSVReader {
    /// One record: its fields (valid until the next call to `next()`) and where it starts.
    struct Record {
        /// The 1-based line where the record starts.
        var line: Int
        /// The line after its last line.
        var endLine: Int
        var fieldCount: Int
        /// Why the record is malformed, if it is.
        var malformation: String?
    }

    private let file: ByteSource
    private let delimiter: UInt8
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEndOfFile = false
    private var line = 1
    private var startedFile = false

    // Per record: field ranges in `buffer` and whether each was quoted with escapes.
    private var starts: [Int] = []
    private var ends: [Int] = []
    private var escaped: [Bool] = []
    private var recordStart = 0
    private var recordLine = 1

    init(path: String, delimiter: UInt8 = UInt8(ascii: ","), chunkSize: Int = ChunkedFileReader.defaultChunkSize) throws {
        file = try ByteSources.open(path, chunkSize: chunkSize)
        self.delimiter = delimiter
    }

    /// The next record, or nil at the end of the file.
    func next() throws -> Record? {
        if !startedFile {
            startedFile = true
            while buffer.count < 3, !atEndOfFile { try fill() }
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        }
        while true {
            // Skip blank lines between records.
            while position < buffer.count, buffer[position] == 0x0A || buffer[position] == 0x0D {
                if buffer[position] == 0x0A { line += 1 }
                position += 1
            }
            if position >= buffer.count {
                if atEndOfFile { return nil }
                try compactAndFill()
                continue
            }
            if let record = try parseRecord() { return record }
            if buffer.count - position > ImportLimits.maxRecordBytes {
                throw ImportError.unreadable(path: "", reason: "the record at line \(line) is longer than \(ImportLimits.maxRecordDescription)")
            }
            try compactAndFill()
        }
    }

    /// The field `index` of the current record, decoded as UTF-8 (invalid bytes replaced), `""` unescaped.
    func string(_ index: Int) -> String {
        guard index < starts.count else { return "" }
        let text = buffer.withUnsafeBufferPointer { String(decoding: $0[starts[index]..<ends[index]], as: UTF8.self) }
        return escaped[index] ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
    }

    /// Whether field `index` of the current record is empty.
    func isEmpty(_ index: Int) -> Bool {
        index >= starts.count || starts[index] == ends[index]
    }

    /// Restarts reading at the line after the first line of the current record.
    func resynchronize() {
        var index = recordStart
        while index < buffer.count, buffer[index] != 0x0A { index += 1 }
        position = min(index + 1, buffer.count)
        line = recordLine + 1
    }

    private func fill() throws {
        if let chunk = try file.nextChunk() { buffer.append(contentsOf: chunk) } else { atEndOfFile = true }
    }

    private func compactAndFill() throws {
        if position > 0 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        try fill()
    }

    /// Parses one record from `position`; nil when the buffer ends before the record does.
    private func parseRecord() throws -> Record? {
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        escaped.removeAll(keepingCapacity: true)
        recordStart = position
        recordLine = line
        var malformation: String?
        var newlines = 0
        let quote = UInt8(ascii: "\"")
        let count = buffer.count
        return buffer.withUnsafeBufferPointer { bytes -> Record? in
            var i = position
            while true {
                if i < count, bytes[i] == quote {
                    var j = i + 1
                    var hasEscapes = false
                    var closed = false
                    while j < count {
                        let byte = bytes[j]
                        if byte == quote {
                            if j + 1 < count, bytes[j + 1] == quote {
                                hasEscapes = true
                                j += 2
                                continue
                            }
                            if j + 1 == count, !atEndOfFile { return nil }
                            closed = true
                            break
                        }
                        if byte == 0x0A { newlines += 1 }
                        j += 1
                    }
                    if !closed {
                        if !atEndOfFile { return nil }
                        malformation = malformation ?? "a quoted field never closes"
                        starts.append(i + 1); ends.append(count); escaped.append(hasEscapes)
                        i = count
                    } else {
                        starts.append(i + 1); ends.append(j); escaped.append(hasEscapes)
                        i = j + 1
                        if i < count, bytes[i] != delimiter, bytes[i] != 0x0A, bytes[i] != 0x0D {
                            malformation = malformation ?? "text after a closing quote"
                            while i < count, bytes[i] != delimiter, bytes[i] != 0x0A, bytes[i] != 0x0D { i += 1 }
                        }
                    }
                } else {
                    var j = i
                    while j < count, bytes[j] != delimiter, bytes[j] != 0x0A, bytes[j] != 0x0D { j += 1 }
                    if j == count, !atEndOfFile { return nil }
                    starts.append(i); ends.append(j); escaped.append(false)
                    i = j
                }
                if i >= count {
                    if !atEndOfFile { return nil }
                    break
                }
                let byte = bytes[i]
                if byte == delimiter {
                    i += 1
                    if i == count, !atEndOfFile { return nil }
                    if i == count { starts.append(i); ends.append(i); escaped.append(false); break }
                    continue
                }
                if byte == 0x0D {
                    if i + 1 == count, !atEndOfFile { return nil }
                    i += 1
                    if i < count, bytes[i] == 0x0A { i += 1 }
                    newlines += 1
                    break
                }
                // byte == \n
                i += 1
                newlines += 1
                break
            }
            position = i
            line += newlines
            return Record(line: recordLine, endLine: line, fieldCount: starts.count, malformation: malformation)
        }
    }
}
