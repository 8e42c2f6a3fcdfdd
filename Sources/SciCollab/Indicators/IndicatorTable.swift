/// The World Bank indicators the patent–investment figures use (definitions §11).
public enum IndicatorCode {
    /// Research and development expenditure (% of GDP).
    public static let rdPercentOfGDP = "GB.XPD.RSDV.GD.ZS"
    /// GDP (current US$).
    public static let gdp = "NY.GDP.MKTP.CD"
    /// Patent applications, residents.
    public static let residentPatents = "IP.PAT.RESD"
    /// Patent applications, non-residents.
    public static let nonresidentPatents = "IP.PAT.NRES"
}

/// One area (country or aggregate) and year of `scicollab indicators`.
public struct IndicatorRow: Sendable, Equatable {
    /// ISO alpha-2 for a country, the World Bank code for an aggregate (`WLD`, `OED`).
    public var area: String
    public var name: String
    public var isAggregate: Bool
    public var year: Int
    /// R&D expenditure, % of GDP.
    public var rdPercentOfGDP: Double?
    /// GDP, current USD.
    public var gdpUSD: Double?
    /// Patent applications (residents, plus non-residents when asked).
    public var patents: Double?
    /// The inputs of this year that are missing (indicator codes).
    public var missing: [String]

    /// R&D spending in USD = % of GDP × GDP / 100.
    public var rdUSD: Double? {
        guard let rdPercentOfGDP, let gdpUSD else { return nil }
        return rdPercentOfGDP * gdpUSD / 100
    }

    /// `I_P/I`: patent applications per million USD of R&D spending.
    public var patentsPerMillionUSD: Double? {
        guard let patents, let rdUSD, rdUSD > 0 else { return nil }
        return patents / (rdUSD / 1_000_000)
    }

    /// `I_P/GDP`: patent applications per percentage point of GDP spent on R&D.
    public var patentsPerPercentOfGDP: Double? {
        guard let patents, let rdPercentOfGDP, rdPercentOfGDP > 0 else { return nil }
        return patents / rdPercentOfGDP
    }
}

/// One forecast point of a series (least squares on the year, 95% prediction interval).
public struct IndicatorForecast: Sendable, Equatable {
    public var area: String
    /// `rd_gdp_pct`, `rd_usd`, `patents`, `ip_per_i` or `ip_per_gdp`.
    public var series: String
    public var year: Int
    public var value: Double
    public var low: Double
    public var high: Double
    /// The observed points the line was fitted to.
    public var points: Int
}

/// Why an area's series was not forecast.
public struct RefusedForecast: Sendable, Equatable {
    public var area: String
    public var series: String
    public var points: Int
}

/// Why an indicators request cannot be answered.
public enum IndicatorError: Error, CustomStringConvertible, Equatable {
    case unknownArea(String)

    public var description: String {
        switch self {
        case .unknownArea(let text):
            return "\"\(text)\" is no country or aggregate of the imported World Bank files (give an ISO code, a World Bank code such as WLD, or a name)"
        }
    }
}

extension Store {
    /// The World Bank code of a user's area argument: an ISO alpha-2 code or country name (`RU`, `Russia`),
    /// a World Bank code (`RUS`, `WLD`, `OED`) or a name as the World Bank writes it (`World`, `OECD members`).
    public func indicatorArea(_ text: String) throws -> String {
        let trimmed = text.trimmedString
        if trimmed.count == 3, let code = try database.rows("SELECT code3 FROM indicator_areas WHERE code3 = ?", [.text(trimmed.uppercased())]).first?[0].string {
            return code
        }
        if let alpha2 = try? Store.countryCode(trimmed),
           let code = try database.rows("SELECT code3 FROM indicator_areas WHERE country = ?", [.text(alpha2)]).first?[0].string {
            return code
        }
        if let code = try database.rows("SELECT code3 FROM indicator_areas WHERE lower(name) = lower(?)", [.text(trimmed)]).first?[0].string {
            return code
        }
        throw IndicatorError.unknownArea(text)
    }

    /// Per area and year: R&D % of GDP, GDP, patents and the two indices (definitions §11). Without a period, the
    /// years where R&D spending or patents are known.
    public func indicators(areas: [String], from: Int? = nil, to: Int? = nil, includeNonresident: Bool = false) throws -> [IndicatorRow] {
        var rows: [IndicatorRow] = []
        let patentCodes = includeNonresident ? [IndicatorCode.residentPatents, IndicatorCode.nonresidentPatents] : [IndicatorCode.residentPatents]
        for area in areas {
            let code3 = try indicatorArea(area)
            guard let info = try database.rows("SELECT country, name, is_aggregate FROM indicator_areas WHERE code3 = ?", [.text(code3)]).first else { continue }
            var byYear: [Int: [String: Double]] = [:]
            for row in try database.rows("""
                SELECT indicator, year, value FROM indicator_values WHERE code3 = ? AND indicator IN (?, ?, ?, ?)
                """, [.text(code3), .text(IndicatorCode.rdPercentOfGDP), .text(IndicatorCode.gdp),
                      .text(IndicatorCode.residentPatents), .text(IndicatorCode.nonresidentPatents)]) {
                if let year = row[1].int, let value = row[2].double { byYear[year, default: [:]][row[0].string ?? ""] = value }
            }
            let known = byYear.filter { $0.value[IndicatorCode.rdPercentOfGDP] != nil || $0.value[IndicatorCode.residentPatents] != nil }.keys
            let first = from ?? known.min(), last = to ?? known.max()
            guard let first, let last, first <= last else { continue }
            for year in first...last {
                let values = byYear[year] ?? [:]
                var missing = [IndicatorCode.rdPercentOfGDP, IndicatorCode.gdp].filter { values[$0] == nil }
                missing += patentCodes.filter { values[$0] == nil }
                let patents: Double? = patentCodes.allSatisfy { values[$0] != nil } ? patentCodes.map { values[$0]! }.reduce(0, +) : nil
                rows.append(IndicatorRow(
                    area: info[0].string ?? code3, name: info[1].string ?? code3, isAggregate: info[2].int == 1, year: year,
                    rdPercentOfGDP: values[IndicatorCode.rdPercentOfGDP], gdpUSD: values[IndicatorCode.gdp],
                    patents: patents, missing: missing))
            }
        }
        return rows
    }

    /// Extends each series of each area `years` years past its last observed year by least squares on the
    /// year; series with fewer than 3 points are refused.
    public static func forecast(_ rows: [IndicatorRow], years: Int) -> (forecasts: [IndicatorForecast], refused: [RefusedForecast]) {
        let series: [(String, (IndicatorRow) -> Double?)] = [
            ("rd_gdp_pct", { $0.rdPercentOfGDP }), ("rd_usd", { $0.rdUSD }), ("patents", { $0.patents }),
            ("ip_per_i", { $0.patentsPerMillionUSD }), ("ip_per_gdp", { $0.patentsPerPercentOfGDP }),
        ]
        var forecasts: [IndicatorForecast] = []
        var refused: [RefusedForecast] = []
        var areas: [String] = []
        for row in rows where !areas.contains(row.area) { areas.append(row.area) }
        for area in areas {
            let own = rows.filter { $0.area == area }
            for (name, value) in series {
                let points = own.compactMap { row in value(row).map { (x: Double(row.year), y: $0) } }
                guard let line = LeastSquaresLine(points), let lastYear = points.map(\.x).max() else {
                    refused.append(RefusedForecast(area: area, series: name, points: points.count))
                    continue
                }
                for step in 1...max(years, 1) {
                    let year = Int(lastYear) + step
                    let predicted = line.predict(Double(year))
                    forecasts.append(IndicatorForecast(area: area, series: name, year: year, value: predicted.value,
                                                       low: predicted.low, high: predicted.high, points: line.points))
                }
            }
        }
        return (forecasts, refused)
    }
}
