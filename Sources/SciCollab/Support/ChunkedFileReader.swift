import Foundation

/// Reads a file in fixed-size chunks with `read(2)`, so that memory stays flat whatever the file size.
public final class ChunkedFileReader {
    /// The default chunk size: 4 MiB.
    public static let defaultChunkSize = 4 << 20

    public let path: String
    private let descriptor: Int32
    private let chunkSize: Int
    private var buffer: [UInt8]
    /// Whether the bytes read are reported to `ReadProgress.shared`.
    private let reportsProgress: Bool
    private var offset = 0

    /// Opens `path` for reading. Only a regular file is read: a FIFO would block until a writer came, a
    /// device such as `/dev/zero` would never end. With `reportsProgress`, the bytes read are reported to
    /// `ReadProgress.shared` (an importer's reader; not format detection or hashing).
    /// - Throws: `ImportError.unreadable` when the file cannot be opened or is not a regular file.
    public init(path: String, chunkSize: Int = ChunkedFileReader.defaultChunkSize, reportsProgress: Bool = false) throws {
        self.path = path
        self.chunkSize = chunkSize
        self.reportsProgress = reportsProgress
        self.buffer = [UInt8](repeating: 0, count: chunkSize)
        // Non-blocking, so that opening a FIFO returns at once; the flag changes nothing for a regular file.
        descriptor = open(path, O_RDONLY | O_NONBLOCK)
        if descriptor < 0 {
            throw ImportError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw ImportError.unreadable(path: path, reason: "not a regular file (a FIFO, device, socket or directory); only files are read")
        }
        if reportsProgress { ReadProgress.shared.started(path) }
    }

    deinit { close(descriptor) }

    /// The next chunk of bytes, or nil at the end of the file.
    public func nextChunk() throws -> ArraySlice<UInt8>? {
        let count = buffer.withUnsafeMutableBytes { raw -> Int in
            while true {
                let n = read(descriptor, raw.baseAddress, chunkSize)
                if n < 0 && errno == EINTR { continue }
                return n
            }
        }
        if count < 0 { throw ImportError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        if reportsProgress, count > 0 {
            offset += count
            ReadProgress.shared.read(path, offset: offset)
        }
        return count == 0 ? nil : buffer[0..<count]
    }

    /// Up to `count` bytes from the start of the file at `path` (for format detection).
    public static func prefix(ofFileAt path: String, count: Int) throws -> [UInt8] {
        let reader = try ChunkedFileReader(path: path, chunkSize: count)
        return try reader.nextChunk().map(Array.init) ?? []
    }
}
