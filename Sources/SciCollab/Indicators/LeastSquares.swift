import Foundation

/// An ordinary least-squares line `y = a + b·x` with 95% prediction intervals (definitions §11 forecasts).
public struct LeastSquaresLine: Sendable, Equatable {
    public let intercept: Double
    public let slope: Double
    /// The number of points fitted.
    public let points: Int
    let meanX: Double
    let sxx: Double
    /// The residual standard error `sqrt(SSE / (n − 2))`.
    public let residualStandardError: Double

    /// Fits the points; nil with fewer than 3 points or when every x is the same.
    public init?(_ data: [(x: Double, y: Double)]) {
        let n = Double(data.count)
        guard data.count >= 3 else { return nil }
        let meanX = data.map(\.x).reduce(0, +) / n
        let meanY = data.map(\.y).reduce(0, +) / n
        let sxx = data.map { ($0.x - meanX) * ($0.x - meanX) }.reduce(0, +)
        guard sxx > 0 else { return nil }
        let sxy = data.map { ($0.x - meanX) * ($0.y - meanY) }.reduce(0, +)
        let b = sxy / sxx
        let a = meanY - b * meanX
        let sse = data.map { point -> Double in
            let residual = point.y - (a + b * point.x)
            return residual * residual
        }.reduce(0, +)
        slope = b
        intercept = a
        residualStandardError = (sse / (n - 2)).squareRoot()
        points = data.count
        self.meanX = meanX
        self.sxx = sxx
    }

    /// The fitted value at `x` and its 95% prediction interval:
    /// `ŷ ± t(0.975, n−2) · s · sqrt(1 + 1/n + (x − x̄)² / Sxx)`.
    public func predict(_ x: Double) -> (value: Double, low: Double, high: Double) {
        let value = intercept + slope * x
        let n = Double(points)
        let margin = Self.studentT975(degreesOfFreedom: points - 2) * residualStandardError
            * (1 + 1 / n + (x - meanX) * (x - meanX) / sxx).squareRoot()
        return (value, value - margin, value + margin)
    }

    /// The 97.5% quantile of Student's t distribution: tabulated to 7 decimals up to 30 degrees of freedom,
    /// a Cornish–Fisher expansion above (error below 1e-5).
    public static func studentT975(degreesOfFreedom nu: Int) -> Double {
        let table: [Double] = [
            12.7062047, 4.3026527, 3.1824463, 2.7764451, 2.5705818, 2.4469119, 2.3646243, 2.3060041, 2.2621572,
            2.2281389, 2.2009852, 2.1788128, 2.1603687, 2.1447867, 2.1314495, 2.1199053, 2.1098156, 2.1009220,
            2.0930241, 2.0859634, 2.0796138, 2.0738731, 2.0686576, 2.0638986, 2.0595386, 2.0555294, 2.0518305,
            2.0484071, 2.0452296, 2.0422725,
        ]
        if nu >= 1 && nu <= table.count { return table[nu - 1] }
        let z = 1.959963984540054
        let v = Double(max(nu, 1))
        let z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
            + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v)
    }
}
