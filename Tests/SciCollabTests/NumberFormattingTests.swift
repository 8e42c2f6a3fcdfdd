import Foundation
import Testing
@testable import SciCollab

/// The numbers the renderers write byte by byte are those `String(format:)` writes.
struct NumberFormattingTests {
    /// Values at the edges of the shortcut (ties, near-ties, signs, zero, the 10^9 bound) and a seeded spread of others.
    static let values: [Double] = {
        var values: [Double] = [0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 2.675, 1.005, 1.0049999999, 0.045, -0.004, -0.0049,
                                999.9995, 999_999.995, 1e-7, 123_456_789.125, 999_999_999.5, 1e9, 1e12 + 0.5, 4.35, 1.0 / 3, 2.0 / 3,
                                100, 33.2, 0.332, 1e15, 1e16 + 2, 1.5e-5, 12_345.678, -12_345.678, .ulpOfOne, 0.1 + 0.2]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        for _ in 0..<200_000 {
            let random = next()
            switch random % 4 {
            case 0: values.append(Double(next() % 1_000_000) / 1000)                       // three decimals, ties included
            case 1: values.append(Double(next() % 100_000) / Double(1 + next() % 997))     // fractions
            case 2: values.append(Double(bitPattern: next() >> 2 | 0x3E00_0000_0000_0000)) // wide exponents
            default: values.append(-Double(next() % 10_000_000) / 8)                       // exact binary ties
            }
        }
        return values
    }()

    @Test("fixed decimals: every value as %.Nf writes it, for 0 to 4 decimals")
    func fixedDecimals() {
        var differences: [String] = []
        for value in Self.values {
            for decimals in 0...4 {
                let fast = NumberFormatting.fixed(value, decimals: decimals)
                let reference = String(format: "%.\(decimals)f", value)
                if fast != reference, differences.count < 10 { differences.append("\(value) \(decimals): \(fast) ≠ \(reference)") }
            }
        }
        #expect(differences.isEmpty, "\(differences)")
        #expect(NumberFormatting.grouped(-0.001, decimals: 2) == "0.00")
        #expect(NumberFormatting.grouped(1_234_567.891, decimals: 2) == "1,234,567.89")
        #expect(NumberFormatting.grouped(-1_234.5, decimals: 0) == "-1,234")
        #expect(NumberFormatting.grouped(1_234_567) == "1,234,567" && NumberFormatting.grouped(-999) == "-999")
    }

    @Test("JSON numbers: the value that %.12g writes, read back, for every value")
    func twelveDigits() {
        var differences: [String] = []
        for value in Self.values {
            let reference = "\(Double(String(format: "%.12g", value)) ?? value)"
            let fast = NumberFormatting.twelveDigits(value)
            if fast != reference, differences.count < 10 { differences.append("\(value): \(fast) ≠ \(reference)") }
        }
        #expect(differences.isEmpty, "\(differences)")
        #expect(NumberFormatting.significantDigits("0.0125") == 3 && NumberFormatting.significantDigits("1.5e-07") == 2)
        #expect(NumberFormatting.significantDigits("120.0") == 2 && NumberFormatting.significantDigits("0.3333333333333333") == 16)
        #expect(ReportRenderer.jsonNumber(0.33200000000000002) == "0.332" && ReportRenderer.jsonNumber(2) == "2")
    }
}
