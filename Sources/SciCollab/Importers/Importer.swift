import Foundation

/// An export format scicollab can read.
public struct ImportFormat: Sendable, Hashable, CustomStringConvertible {
    /// A stable id, stored with each import: `scopus-csv`, `wos-txt`, ...
    public let id: String
    /// What users call it.
    public let name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }

    public var description: String { "\(name) (\(id))" }
}

/// Something an import found wrong with a record, with its position.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        /// The record was skipped.
        case error
        /// The record was imported; a value in it could not be read.
        case warning
    }

    public var file: String
    public var line: Int?
    public var recordID: String?
    public var severity: Severity
    public var message: String

    public init(file: String, line: Int?, recordID: String?, severity: Severity, message: String) {
        self.file = file
        self.line = line
        self.recordID = recordID
        self.severity = severity
        self.message = message
    }

    /// `scopus.csv:42 (record 2-s2.0-85012345678): expected 46 fields, found 21`
    public var description: String {
        let name = (file as NSString).lastPathComponent
        var place = line.map { "\(name):\($0)" } ?? name
        if let recordID { place += " (record \(recordID))" }
        return "\(place): \(severity == .warning ? "warning: " : "")\(message)"
    }
}

/// Receives what an importer reads. Importers produce values; they do not know which store gets them.
public protocol RecordSink: AnyObject {
    /// A record that was read into a work.
    func accept(_ work: Work) throws
    /// A record that could not be read: it is counted as read and skipped.
    func skip(_ diagnostic: Diagnostic)
    /// A problem in a record that was still imported.
    func warn(_ diagnostic: Diagnostic)
    /// A record the source withdrew (PubMed `DeleteCitation`): a stored work with this id is removed.
    func delete(source: SourceDatabase, sourceID: String, line: Int) throws
}

/// One export format: recognises its files and reads them, streaming.
public protocol Importer: Sendable {
    var format: ImportFormat { get }

    /// Whether the first bytes of a file (up to 64 KiB, decompressed when the file is gzip-compressed)
    /// look like this format.
    func recognizes(prefix: [UInt8]) -> Bool

    /// Reads the file at `path` record by record into `sink`.
    /// - Throws: `ImportError` when the file as a whole cannot be read (a bad record is reported to the
    ///   sink instead, and reading goes on).
    func read(path: String, into sink: RecordSink) throws
}

/// Errors that stop the import of a whole file.
public enum ImportError: Error, CustomStringConvertible, Sendable, Equatable {
    case unreadable(path: String, reason: String)
    case unknownFormat(path: String, tried: [String])
    case missingColumns(path: String, format: String, columns: [String])
    case notFound(path: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .unknownFormat(let path, let tried):
            return "\(path): not a recognised export; formats tried: \(tried.joined(separator: ", "))"
        case .missingColumns(let path, let format, let columns):
            return "\(path): \(format) header lacks required column(s): \(columns.joined(separator: ", "))"
        case .notFound(let path):
            return "\(path): no such file or directory"
        }
    }
}

extension ImportError {
    /// `error` naming the file at `path`: a reader deep down (gzip, lines, CSV) throws `unreadable` without the
    /// path, and an error of another kind from a reader becomes `unreadable` with it. Store errors pass unchanged.
    static func naming(_ error: Error, path: String) -> Error {
        switch error {
        case ImportError.unreadable(let known, let reason) where known.isEmpty:
            return ImportError.unreadable(path: path, reason: reason)
        case is ImportError, is DatabaseError, is StoreError:
            return error
        default:
            return ImportError.unreadable(path: path, reason: "\(error)")
        }
    }
}

/// The importers in the order they are tried on a file's first bytes.
public enum Importers {
    /// Every supported format, most specific first.
    public static let all: [any Importer] = [
        ScopusCSVImporter(),
        ScopusRISImporter(),
        ScopusBibTeXImporter(),
        WoSTaggedImporter(),
        WoSTabImporter(),
        WoSBibTeXImporter(),
        CrossrefJSONImporter(),
        OpenAlexJSONImporter(),
        OpenAlexCSVImporter(),
        LensCSVImporter(),
        CrossrefXMLImporter(),
        PubMedXMLImporter(),
        MedlineTextImporter(),
    ]

    /// The number of leading bytes that format detection looks at.
    public static let detectionPrefixLength = 64 * 1024

    /// The importer that recognises the file at `path`.
    /// - Throws: `ImportError.unknownFormat` listing the formats tried.
    public static func detect(path: String) throws -> any Importer {
        let prefix = try ByteSources.prefix(ofFileAt: path, count: detectionPrefixLength)
        if let importer = all.first(where: { $0.recognizes(prefix: prefix) }) { return importer }
        throw ImportError.unknownFormat(path: path, tried: all.map(\.format.description))
    }

    /// The importer for a format id (`scopus-csv`), for `--format`-style overrides.
    public static func named(_ id: String) -> (any Importer)? {
        all.first { $0.format.id == id }
    }
}

extension Array where Element == UInt8 {
    /// The bytes without a leading UTF-8 byte order mark.
    var droppingUTF8BOM: ArraySlice<UInt8> {
        starts(with: [0xEF, 0xBB, 0xBF]) ? self[3...] : self[...]
    }

    /// The first line (without BOM) decoded as UTF-8, lossily.
    var firstLineText: String {
        let body = droppingUTF8BOM
        let end = body.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) ?? body.endIndex
        return String(decoding: body[..<end], as: UTF8.self)
    }
}
