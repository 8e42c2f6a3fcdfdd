import Foundation
import Testing
@testable import SciCollab

struct IndicatorTests {
    static let files = ["API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_38.csv", "API_IP.PAT.RESD_DS2_en_csv_v2_72.csv",
                        "API_NY.GDP.MKTP.CD_DS2_en_csv_v2_234.csv", "Metadata_Country_API_IP.PAT.RESD_DS2_en_csv_v2_226.csv"]

    static func store() throws -> Store {
        let store = try TestSupport.makeStore()
        for file in files {
            let report = try store.importFile(TestSupport.fixture(file))
            #expect(report.recordsSkipped == 0 && report.recordsImported > 0, "\(file)")
        }
        return store
    }

    func close(_ value: Double?, _ expected: Double, relative: Double = 1e-12) {
        guard let value else { Issue.record("nil, expected \(expected)"); return }
        #expect(abs(value - expected) <= abs(expected) * relative, "\(value) vs \(expected)")
    }

    @Test("every World Bank fixture imports: formats, rows, aggregates, alpha-3 to alpha-2")
    func imports() throws {
        let store = try Self.store()
        #expect(try WorldBankFile.kind(ofFileAt: TestSupport.fixture(Self.files[0])) == .data)
        #expect(try WorldBankFile.kind(ofFileAt: TestSupport.fixture(Self.files[3])) == .countryMetadata)
        #expect(try store.database.scalar("SELECT count(*) FROM indicators").int == 3)
        #expect(try store.database.scalar("SELECT last_updated FROM indicators WHERE code = 'NY.GDP.MKTP.CD'").string == "2026-07-13")
        let areas = Dictionary(uniqueKeysWithValues: try store.database.rows("SELECT code3, country, is_aggregate FROM indicator_areas")
            .map { ($0[0].string!, ($0[1].string, $0[2].int!)) })
        #expect(areas["RUS"]! == ("RU", 0) && areas["CHN"]! == ("CN", 0) && areas["XKX"]! == ("XK", 0))
        #expect(areas["WLD"]! == (nil, 1) && areas["OED"]! == (nil, 1) && areas["HIC"]! == (nil, 1))
        #expect(areas["CHI"]! == (nil, 0))       // Channel Islands: a country without an ISO code
        // Missing values are absent rows, never 0.
        #expect(try store.database.scalar("SELECT count(*) FROM indicator_values WHERE code3 = 'ABW' AND indicator = 'GB.XPD.RSDV.GD.ZS'").int == 0)
    }

    @Test("Russia and China, 2018 and 2019, as read from the raw files; both indices as arithmetic")
    func values() throws {
        let rows = try Self.store().indicators(areas: ["RU", "China"], from: 2018, to: 2019)
        #expect(rows.map { "\($0.area) \($0.year)" } == ["RU 2018", "RU 2019", "CN 2018", "CN 2019"])
        let ru2018 = rows[0], ru2019 = rows[1], cn2018 = rows[2], cn2019 = rows[3]
        #expect(ru2018.rdPercentOfGDP == 0.99002 && ru2019.rdPercentOfGDP == 1.03531)
        #expect(cn2018.rdPercentOfGDP == 2.14058 && cn2019.rdPercentOfGDP == 2.24463)
        #expect(ru2018.patents == 24926 && ru2019.patents == 23337 && cn2018.patents == 1393815 && cn2019.patents == 1243568)
        close(ru2018.patentsPerPercentOfGDP, 24926 / 0.99002)
        close(cn2019.patentsPerPercentOfGDP, 1243568 / 2.24463)
        close(ru2018.rdUSD, 0.99002 * 1657328773461.31 / 100)
        close(ru2018.patentsPerMillionUSD, 24926 / (0.99002 * 1657328773461.31 / 100 / 1e6))
        close(cn2018.patentsPerMillionUSD, 1393815 / (2.14058 * 14147765772963.8 / 100 / 1e6))
        #expect(rows.allSatisfy { $0.missing.isEmpty })
    }

    @Test("missing inputs are named; non-resident patents are required when asked for; aggregates as comparison rows")
    func missingAndAggregates() throws {
        let store = try Self.store()
        let ru2023 = try #require(try store.indicators(areas: ["RU"], from: 2023, to: 2023).first)
        #expect(ru2023.missing == ["GB.XPD.RSDV.GD.ZS", "IP.PAT.RESD"] && ru2023.patentsPerPercentOfGDP == nil)
        // IP.PAT.NRES is not among the fixtures: with --include-nonresident the patents are unknown.
        let withNonresident = try #require(try store.indicators(areas: ["RU"], from: 2018, to: 2018, includeNonresident: true).first)
        #expect(withNonresident.patents == nil && withNonresident.missing == ["IP.PAT.NRES"])
        let world = try store.indicators(areas: ["World", "OED"], from: 2018, to: 2018)
        #expect(world.map(\.area) == ["WLD", "OED"] && world.allSatisfy(\.isAggregate))
        #expect(throws: IndicatorError.self) { try store.indicators(areas: ["Atlantis"]) }
    }

    @Test("a newer download of the same indicator replaces its values and counts the changes")
    func reimport() throws {
        let store = try Self.store()
        var text = try String(contentsOfFile: TestSupport.fixture(Self.files[0]), encoding: .utf8)
        text = text.replacingOccurrences(of: "\"0.99002\"", with: "\"1.00000\"")     // RU 2018 changed
        text = text.replacingOccurrences(of: "\"1.03531\"", with: "\"\"")            // RU 2019 withdrawn
        let report = try store.importFile(try TestSupport.write(text, name: "API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_39.csv"))
        #expect(report.worksReplaced == 2)
        let rows = try store.indicators(areas: ["RU"], from: 2018, to: 2019)
        #expect(rows[0].rdPercentOfGDP == 1.0 && rows[1].rdPercentOfGDP == nil)
    }

    @Test("least squares by hand: (2000, 1), (2001, 3), (2002, 2), (2003, 5) extended to 2004")
    func leastSquares() throws {
        // x̄ = 2001.5, ȳ = 2.75, Sxx = 5, Sxy = 5.5 → slope 1.1; ŷ(2004) = 2.75 + 1.1 · 2.5 = 5.5.
        // Residuals −0.1, 0.8, −1.3, 0.6 → SSE 2.7, s² = 1.35; se = s · sqrt(1 + 1/4 + 2.5²/5) = sqrt(1.35 · 2.5).
        let line = try #require(LeastSquaresLine([(2000, 1), (2001, 3), (2002, 2), (2003, 5)]))
        close(line.slope, 1.1, relative: 1e-12)
        let predicted = line.predict(2004)
        close(predicted.value, 5.5, relative: 1e-9)
        let margin = 4.3026527 * (1.35 * 2.5).squareRoot()
        close(predicted.low, 5.5 - margin, relative: 1e-7)
        close(predicted.high, 5.5 + margin, relative: 1e-7)
        #expect(LeastSquaresLine([(2000, 1), (2001, 3)]) == nil)
        close(LeastSquaresLine.studentT975(degreesOfFreedom: 60), 2.0002978, relative: 1e-6)

        let rows = [2000, 2001, 2002, 2003].enumerated().map { index, year in
            IndicatorRow(area: "XX", name: "X", isAggregate: false, year: year, rdPercentOfGDP: [1, 3, 2, 5][index],
                         gdpUSD: nil, patents: index < 2 ? 10 : nil, missing: [])
        }
        let forecast = Store.forecast(rows, years: 2)
        let pct = forecast.forecasts.filter { $0.series == "rd_gdp_pct" }
        #expect(pct.map(\.year) == [2004, 2005] && pct.allSatisfy { $0.points == 4 })
        close(pct[0].value, 5.5, relative: 1e-9)
        #expect(forecast.refused.contains(RefusedForecast(area: "XX", series: "patents", points: 2)))
    }
}
