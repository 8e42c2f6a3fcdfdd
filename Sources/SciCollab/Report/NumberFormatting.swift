import Foundation

/// How numbers are written for people: thousands separators and one decimals rule (shares 2, indices 3).
///
/// A table of fifty thousand rows formats hundreds of thousands of numbers, so the digits are written here byte by
/// byte instead of through `String(format:)`; the text is exactly what C's `printf` writes (`%.Nf`, `%.12g`), which
/// the format's own path still writes for the values where a shortcut could differ (a test compares the two).
public enum NumberFormatting {
    /// Decimals of a share shown as a percentage.
    public static let shareDecimals = 2
    /// Decimals of an index (FWCI, Salton, Jaccard, affinity, balance).
    public static let indexDecimals = 3

    /// `1234567` → `1,234,567`.
    public static func grouped(_ value: Int) -> String {
        group(String(value))
    }

    /// `12345.678` with 2 decimals → `12,345.68`.
    public static func grouped(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "—" }
        var text = fixed(value, decimals: decimals)
        if text.hasPrefix("-"), Double(text) == 0 { text.removeFirst() }   // no "-0.00"
        return group(text)
    }

    /// `value` with `decimals` digits after the point, as `String(format: "%.<decimals>f", value)` writes it.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        // The digits of the rounded value come from one multiplication when it cannot round differently from the
        // exact binary value: |value · 10^d| < 10^9 keeps the product's error below 2^-22, and a product that close
        // to a tie (…5) is left to printf, which rounds the exact value.
        guard (0...9).contains(decimals), value.isFinite else { return printf(value, decimals: decimals) }
        let scaled = value.magnitude * powersOfTen[decimals]
        guard scaled < 1e9 else { return printf(value, decimals: decimals) }
        let fraction = scaled - scaled.rounded(.down)
        guard abs(fraction - 0.5) > 1e-6 else { return printf(value, decimals: decimals) }
        var digits = UInt64(scaled.rounded(.toNearestOrAwayFromZero))
        // Bytes from the right: the decimals, the point, then at least one integer digit.
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: sign, 10 integer digits, point, 9 decimals
        return withUnsafeMutableBytes(of: &buffer) { bytes in
            var index = bytes.count
            func put(_ byte: UInt8) {
                index -= 1
                bytes[index] = byte
            }
            for _ in 0..<decimals {
                put(UInt8(truncatingIfNeeded: digits % 10) + 0x30)
                digits /= 10
            }
            if decimals > 0 { put(0x2E) }
            repeat {
                put(UInt8(truncatingIfNeeded: digits % 10) + 0x30)
                digits /= 10
            } while digits > 0
            if value.sign == .minus { put(0x2D) }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[index...]), as: UTF8.self)
        }
    }

    private static let powersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]

    /// `%.<decimals>f` through C's `vsnprintf` (the text `String(format:)` gives, without building an `NSString`).
    static func printf(_ value: Double, decimals: Int) -> String {
        cFormat("%.*f", [Int32(clamping: decimals), value]) ?? String(format: "%.\(decimals)f", value)
    }

    /// `format` with `arguments` through `vsnprintf` into a stack buffer; nil when the text does not fit in it.
    static func cFormat(_ format: String, _ arguments: [any CVarArg]) -> String? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer -> String? in
            let written = withVaList(arguments) { vsnprintf(buffer.baseAddress!, 64, format, $0) }
            guard written >= 0, written < 64 else { return nil }
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress!, count: Int(written)), as: UTF8.self)
        }
    }

    /// The double that `%.12g` writes `value` as, read back (`0.332`, not `0.33200000000000002`), as JSON shows it.
    static func twelveDigits(_ value: Double) -> String {
        // A value whose shortest text has at most 12 significant digits reads back from its 12-digit text unchanged.
        let shortest = value.description
        if significantDigits(shortest) <= 12 { return shortest }
        let short = cFormat("%.12g", [value]).flatMap(Double.init) ?? Double(String(format: "%.12g", value)) ?? value
        return short.description
    }

    /// The significant digits of a number's shortest text (`0.0125` → 3, `1.5e-07` → 2, `120.0` → 2).
    static func significantDigits(_ text: String) -> Int {
        var count = 0
        var pendingZeros = 0
        var started = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0"):
                if started { pendingZeros += 1 }
            case UInt8(ascii: "1")...UInt8(ascii: "9"):
                count += pendingZeros + 1
                pendingZeros = 0
                started = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                return count
            case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"):
                continue
            default:
                return Int.max   // inf, nan: never shortened
            }
        }
        return count
    }

    /// Inserts a comma every three digits of the integer part of a formatted number.
    static func group(_ text: String) -> String {
        let bytes = text.utf8
        var start = bytes.startIndex
        if bytes.first == UInt8(ascii: "-") { start = bytes.index(after: start) }
        var integerCount = 0
        var index = start
        while index != bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            integerCount += 1
            index = bytes.index(after: index)
        }
        guard integerCount > 3 else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + integerCount / 3)
        out.append(contentsOf: bytes[bytes.startIndex..<start])
        var position = 0
        for byte in bytes[start...] {
            if position < integerCount {
                if position > 0, (integerCount - position) % 3 == 0 { out.append(UInt8(ascii: ",")) }
                position += 1
            }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
