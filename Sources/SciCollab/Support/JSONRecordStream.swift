/// Cuts a stream of JSON into records without holding the whole text: JSON Lines (one object a line),
/// an API page whose records are the elements of its `results` array (`{"meta": …, "results": [ … ]}`),
/// a top-level array of records, or a single object.
///
/// Only the record being read is held in memory. A top-level object is buffered until its `results`
/// member shows it to be a page; from then on only one element at a time is kept.
public final class JSONRecordStream {
    /// One record's text and the line where it starts.
    public struct Record {
        public var bytes: [UInt8]
        public var line: Int
    }

    /// Raised when the text is not JSON at this level (unbalanced brackets, text between records).
    public struct StreamError: Error, CustomStringConvertible {
        public var line: Int
        public var message: String
        /// Whether reading can go on with the next line (a damaged JSON Lines record) or must stop.
        public var isRecoverable = false
        public var description: String { "line \(line): \(message)" }
    }

    private let source: ByteSource
    private var chunk: ArraySlice<UInt8> = []
    private var atEnd = false
    private var started = false
    private var scanner = JSONRecordScanner()

    public init(source: ByteSource) {
        self.source = source
    }

    /// The next record, or nil at the end.
    public func next() throws -> Record? {
        while true {
            if let damage = scanner.pendingDamage {
                scanner.pendingDamage = nil
                throw damage
            }
            if chunk.isEmpty {
                if atEnd {
                    if scanner.depth != 0 || scanner.inString {
                        throw StreamError(line: scanner.line, message: "the text ends inside a value (\(scanner.depth) bracket(s) open)")
                    }
                    return nil
                }
                if let next = try source.nextChunk() {
                    chunk = next
                    if !started {
                        started = true
                        if chunk.starts(with: [0xEF, 0xBB, 0xBF]) { chunk = chunk.dropFirst(3) }
                    }
                } else {
                    atEnd = true
                }
                continue
            }
            if let record = try scan() { return record }
        }
    }

    /// Scans the current chunk on a local copy of the scanner (no exclusivity checks per byte).
    private func scan() throws -> Record? {
        var scanner = self.scanner
        self.scanner = JSONRecordScanner()
        let bytes = chunk
        var index = bytes.startIndex
        defer {
            self.scanner = scanner
            chunk = bytes[index...]
        }
        return try scanner.scan(bytes, from: &index)
    }
}

/// The state of the cut, kept in a value so that the per-byte loop works on a local copy.
struct JSONRecordScanner {
    typealias Record = JSONRecordStream.Record
    typealias StreamError = JSONRecordStream.StreamError
    var line = 1
    var depth = 0
    var inString = false
    var escaped = false
    var capture: [UInt8] = []
    var capturing = false
    var captureDepth = 0
    var captureLine = 1
    /// The depth of the array whose elements are records (1 for a top-level array, 2 inside `results`).
    var recordArrayDepth: Int?
    /// Where the member name being read starts in `capture` (top-level object members only).
    var nameStart: Int?
    var lastName: [UInt8] = []
    var resultsValueNext = false
    static let resultsName = Array("results".utf8)
    /// Set once a compact top-level object was followed by a line break: the file is JSON Lines, so a
    /// line break inside a record means the line was cut short.
    var jsonLines = false
    var lastRecordWasCompact = false
    var lastRecordWasTopLevel = false
    /// A damaged line was dropped: reported by `next()` after the scan resumes.
    var pendingDamage: StreamError?

    /// Whether the top-level object is being buffered (it may still turn out to be a page).
    var bufferingTopObject: Bool { capturing && captureDepth == 0 }

    /// Scans the current chunk until a record is complete or the chunk is used up.
    mutating func scan(_ chunk: ArraySlice<UInt8>, from index: inout Int) throws -> Record? {
        let end = chunk.endIndex
        while index < end {
            let byte = chunk[index]
            index += 1
            if capturing {
                capture.append(byte)
                if capture.count > ImportLimits.maxRecordBytes {
                    throw StreamError(line: captureLine, message: "a record longer than \(ImportLimits.maxRecordDescription)")
                }
            }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if let start = nameStart {
                        // Only short names are kept: the one looked for is `results`.
                        let count = capture.count - 1 - start
                        lastName = count <= 16 ? Array(capture[start..<(capture.count - 1)]) : []
                        nameStart = nil
                    }
                } else if byte == 0x0A {
                    // A line break cannot occur inside a JSON string: the record was cut short.
                    line += 1
                    dropDamagedRecord(message: "a line break inside a string (the record is cut short)")
                    return nil
                }
                continue
            }
            switch byte {
            case 0x0A:
                line += 1
                if depth == 0 && lastRecordWasTopLevel && lastRecordWasCompact { jsonLines = true }
                if jsonLines && bufferingTopObject {
                    dropDamagedRecord(message: "the line ends inside a record")
                    return nil
                }
            case 0x20, 0x09, 0x0D:
                break
            case UInt8(ascii: "\""):
                guard depth > 0 else { throw StreamError(line: line, message: "a string outside any record") }
                inString = true
                if depth == 1 && bufferingTopObject { nameStart = capture.count }
                resultsValueNext = false
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if depth == 0 {
                    if byte == UInt8(ascii: "[") {
                        recordArrayDepth = 1
                    } else {
                        startCapture(with: byte)
                    }
                } else if resultsValueNext && byte == UInt8(ascii: "[") {
                    // `"results": [`: the top-level object is an API page; its elements are the records.
                    capturing = false
                    capture = []
                    recordArrayDepth = 2
                } else if depth == recordArrayDepth && !capturing {
                    startCapture(with: byte)
                }
                resultsValueNext = false
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard depth > 0 else {
                    throw StreamError(line: line, message: "unbalanced '\(Character(Unicode.Scalar(byte)))'")
                }
                depth -= 1
                resultsValueNext = false
                if byte == UInt8(ascii: "]"), let arrayDepth = recordArrayDepth, depth == arrayDepth - 1 {
                    recordArrayDepth = nil
                }
                if capturing && depth == captureDepth {
                    capturing = false
                    lastRecordWasTopLevel = captureDepth == 0
                    lastRecordWasCompact = captureLine == line
                    let record = Record(bytes: capture, line: captureLine)
                    capture = []
                    return record
                }
            case UInt8(ascii: ":"):
                resultsValueNext = depth == 1 && bufferingTopObject && lastName == JSONRecordScanner.resultsName
                lastName = []
            default:
                if depth == 0 && byte != UInt8(ascii: ",") {
                    throw StreamError(line: line, message: "unexpected '\(Character(Unicode.Scalar(byte)))' between records")
                }
                resultsValueNext = false
            }
        }
        return nil
    }

    /// Drops the record being read after damage and resumes at depth 0 on the next line; `next()` reports it.
    mutating func dropDamagedRecord(message: String) {
        pendingDamage = StreamError(line: captureLine, message: message, isRecoverable: true)
        capturing = false
        capture = []
        depth = 0
        inString = false
        escaped = false
        recordArrayDepth = nil
        nameStart = nil
        resultsValueNext = false
    }

    mutating func startCapture(with byte: UInt8) {
        capturing = true
        captureDepth = depth
        captureLine = line
        capture = [byte]
    }
}
