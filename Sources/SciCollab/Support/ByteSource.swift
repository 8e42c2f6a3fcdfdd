import CZlib
import Foundation

/// A stream of bytes read in chunks: a file, a gzip-compressed file, or a re-encoded one.
public protocol ByteSource: AnyObject {
    /// The next chunk (valid until the following call), or nil at the end.
    func nextChunk() throws -> ArraySlice<UInt8>?
}

extension ChunkedFileReader: ByteSource {}

public enum ByteSources {
    /// The file at `path` as bytes: decompressed when it starts with the gzip magic number
    /// (`.xml.gz`, `part_000.gz`), as stored otherwise. The bytes read (as stored) are reported to
    /// `ReadProgress.shared` unless `reportsProgress` is false.
    public static func open(_ path: String, chunkSize: Int = ChunkedFileReader.defaultChunkSize, reportsProgress: Bool = true) throws -> ByteSource {
        let magic = try ChunkedFileReader.prefix(ofFileAt: path, count: 2)
        let file = try ChunkedFileReader(path: path, chunkSize: chunkSize, reportsProgress: reportsProgress)
        if magic == [0x1F, 0x8B] { return try GzipReader(file: file) }
        return file
    }

    /// Up to `count` leading bytes of the file at `path`, decompressed when it is gzip-compressed,
    /// for format detection.
    public static func prefix(ofFileAt path: String, count: Int) throws -> [UInt8] {
        let source = try open(path, reportsProgress: false)
        var bytes: [UInt8] = []
        while bytes.count < count, let chunk = try source.nextChunk() {
            bytes += chunk.prefix(count - bytes.count)
        }
        return bytes
    }
}

/// Decompresses a gzip (or zlib) stream with zlib as it is read; concatenated gzip members, as `gzip`
/// and NLM's files may have, are read one after another.
public final class GzipReader: ByteSource {
    private let file: ByteSource
    private var stream = z_stream()
    private var input: [UInt8] = []
    private var inputOffset = 0
    private var output: [UInt8]
    private var finished = false
    private var inputEnded = false

    /// - Throws: `ImportError.unreadable` when zlib cannot start.
    public init(file: ByteSource, outputChunkSize: Int = 1 << 20) throws {
        self.file = file
        output = [UInt8](repeating: 0, count: outputChunkSize)
        guard scicollab_inflate_init(&stream) == Z_OK else {
            throw ImportError.unreadable(path: "", reason: "zlib could not be initialised")
        }
    }

    deinit { inflateEnd(&stream) }

    public func nextChunk() throws -> ArraySlice<UInt8>? {
        while !finished {
            if inputOffset >= input.count, !inputEnded {
                if let chunk = try file.nextChunk() {
                    input = Array(chunk)
                    inputOffset = 0
                } else {
                    inputEnded = true
                }
            }
            let available = input.count - inputOffset
            if available == 0 && inputEnded {
                finished = true
                if stream.total_in > 0 && !memberEnded {
                    throw ImportError.unreadable(path: "", reason: "the gzip stream ends before its last member is complete")
                }
                return nil
            }
            let (status, produced, consumed) = input.withUnsafeMutableBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer -> (Int32, Int, Int) in
                    stream.next_in = inBuffer.baseAddress.map { $0 + inputOffset }
                    stream.avail_in = UInt32(available)
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = UInt32(outBuffer.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    return (status, outBuffer.count - Int(stream.avail_out), available - Int(stream.avail_in))
                }
            }
            inputOffset += consumed
            switch status {
            case Z_OK, Z_BUF_ERROR:
                memberEnded = false
            case Z_STREAM_END:
                memberEnded = true
                // Another member may follow.
                inflateReset(&stream)
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw ImportError.unreadable(path: "", reason: "damaged gzip data: \(message)")
            }
            if produced > 0 { return output[0..<produced] }
            if status == Z_BUF_ERROR && available == 0 && inputEnded { finished = true }
        }
        return nil
    }

    private var memberEnded = false
}

/// Re-encodes a UTF-16 little-endian stream (Web of Science "Tab-delimited (Win)") as UTF-8, chunk by chunk.
/// A leading byte order mark `FF FE` is dropped; a UTF-8 BOM is written in its place so that readers that
/// skip one see the same bytes as from a UTF-8 export.
public final class UTF16LEDecoder: ByteSource {
    private let source: ByteSource
    private var pending: [UInt8] = []
    private var output: [UInt8] = []
    private var started = false

    public init(source: ByteSource) {
        self.source = source
    }

    public func nextChunk() throws -> ArraySlice<UInt8>? {
        guard let chunk = try source.nextChunk() else {
            if !pending.isEmpty {
                pending = []
                return [0xEF, 0xBF, 0xBD][...]  // a dangling odd byte
            }
            return nil
        }
        pending += chunk
        var units: [UInt16] = []
        units.reserveCapacity(pending.count / 2)
        var index = 0
        while index + 1 < pending.count {
            units.append(UInt16(pending[index]) | UInt16(pending[index + 1]) << 8)
            index += 2
        }
        // Keep a lone high surrogate for the next chunk.
        if let last = units.last, (0xD800...0xDBFF).contains(last) {
            units.removeLast()
            index -= 2
        }
        pending.removeFirst(index)
        output.removeAll(keepingCapacity: true)
        if !started {
            started = true
            if units.first == 0xFEFF { units.removeFirst() }
            output += [0xEF, 0xBB, 0xBF]
        }
        _ = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: false) { output.append($0) }
        return output[...]
    }
}
