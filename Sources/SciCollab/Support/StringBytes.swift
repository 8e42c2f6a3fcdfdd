extension String {
    /// `body` over the string's UTF-8 bytes, read in place where the string stores them contiguously (native strings),
    /// else from a copy.
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }

    /// Whether every byte of the string is ASCII (scanned in place, not through the UTF-8 view's iterator).
    var isASCIIText: Bool { withUTF8Bytes { $0.allSatisfy { $0 < 0x80 } } }
}
