/// Bootstrap intervals (definitions §7): 1000 resamples with a fixed seed, the 2.5th and 97.5th percentiles.
///
/// Every intensive figure is a ratio of sums over units (works or authors): a mean, a share, a growth, a
/// weighted mean of per-work values. A unit is `(numerator, denominator)` and the figure `Σ numerator /
/// Σ denominator`; a share of A's works co-authored with B has units `(1, 1)` for joint works and `(0, 1)`
/// for the others, a growth `(is_to − is_from, is_from)`.
public enum Bootstrap {
    /// The number of resamples.
    public static let resamples = 1000
    /// The seed: the same intervals on every run and machine.
    static let seed: UInt64 = 20_131_103

    /// The 2.5–97.5 percentile interval of `Σ numerator / Σ denominator` over resamples of `units`; nil
    /// without units. Resamples whose denominator is zero are left out.
    public static func interval(_ units: [(numerator: Double, denominator: Double)]) -> (low: Double, high: Double)? {
        guard !units.isEmpty else { return nil }
        var generator = SplitMix64(seed: seed)
        var values: [Double] = []
        values.reserveCapacity(resamples)
        for _ in 0..<resamples {
            var numerator = 0.0, denominator = 0.0
            for _ in 0..<units.count {
                let unit = units[Int(generator.next() % UInt64(units.count))]
                numerator += unit.numerator
                denominator += unit.denominator
            }
            if denominator != 0 { values.append(numerator / denominator) }
        }
        return percentileInterval(values)
    }

    static func percentileInterval(_ sample: [Double]) -> (low: Double, high: Double)? {
        guard !sample.isEmpty else { return nil }
        let sorted = sample.sorted()
        func at(_ p: Double) -> Double { sorted[min(sorted.count - 1, max(0, Int((p * Double(sorted.count - 1)).rounded())))] }
        return (at(0.025), at(0.975))
    }
}

/// A small deterministic generator for the bootstrap (the same intervals on every run and machine).
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
