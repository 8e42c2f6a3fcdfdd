import Foundation

/// Reads a file in fixed-size chunks with `read(2)`, so that memory stays flat whatever the file size.
public final class ChunkedFileReader {
    /// The default chunk size: 4 MiB.
    public static let defaultChunkSize = 4 << 20

    public let path: String
    private let descriptor: Int32
    private let chunkSize: Int
    private var buffer: [UInt8]

    /// Opens `path` for reading.
    /// - Throws: `ImportError.unreadable` when the file cannot be opened.
    public init(path: String, chunkSize: Int = ChunkedFileReader.defaultChunkSize) throws {
        self.path = path
        self.chunkSize = chunkSize
        self.buffer = [UInt8](repeating: 0, count: chunkSize)
        descriptor = open(path, O_RDONLY)
        if descriptor < 0 {
            throw ImportError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
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
        return count == 0 ? nil : buffer[0..<count]
    }

    /// Up to `count` bytes from the start of the file at `path` (for format detection).
    public static func prefix(ofFileAt path: String, count: Int) throws -> [UInt8] {
        let reader = try ChunkedFileReader(path: path, chunkSize: count)
        return try reader.nextChunk().map(Array.init) ?? []
    }
}
