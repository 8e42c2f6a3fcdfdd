import Foundation

/// How numbers are written for people: thousands separators and one decimals rule (shares 2, indices 3).
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
        var text = String(format: "%.\(decimals)f", value)
        if text.hasPrefix("-"), Double(text) == 0 { text.removeFirst() }   // no "-0.00"
        return group(text)
    }

    /// Inserts a comma every three digits of the integer part of a formatted number.
    static func group(_ text: String) -> String {
        var sign = ""
        var body = Substring(text)
        if body.hasPrefix("-") { sign = "-"; body = body.dropFirst() }
        let integer = body.prefix { $0.isNumber }
        let rest = body.dropFirst(integer.count)
        guard integer.count > 3 else { return text }
        var out = ""
        for (index, digit) in integer.enumerated() {
            if index > 0, (integer.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return sign + out + rest
    }
}
