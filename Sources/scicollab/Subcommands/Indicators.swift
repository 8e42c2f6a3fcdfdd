import ArgumentParser
import SciCollab

struct Indicators: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "R&D spending, patent applications and the patent–investment indices from World Bank data.",
        discussion: helpText("""
            Per year: R&D spending (% of GDP, and USD where GDP is imported), patent applications, I_P/I (per
            million USD of R&D) and I_P/GDP (per percentage point of GDP spent on R&D), definitions §11. Import the
            World Bank WDI CSV downloads first (scicollab import API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_38.csv …).
              scicollab indicators RU CN --from 2015 --to 2023
              scicollab indicators Russia China WLD --forecast 3 --format json
            """))

    @OptionGroup var options: GlobalOptions

    @Argument(help: "Countries (ISO code or name) or World Bank aggregates (WLD, OED, HIC, …).")
    var areas: [String]

    @Option(help: "First year.")
    var from: Int?

    @Option(help: "Last year.")
    var to: Int?

    @Flag(help: "Add non-resident patent applications (IP.PAT.NRES) to the residents'.")
    var includeNonresident = false

    /// A least-squares line says little a century out, and each year is a row of output.
    static let maximumForecastYears = 100

    @Option(help: "Extend each series N years (1–100) by least squares with a 95% prediction interval.")
    var forecast: Int?

    func validate() throws {
        if areas.isEmpty { throw ValidationError("name at least one country or aggregate") }
        if let forecast, !(1...Self.maximumForecastYears).contains(forecast) {
            throw ValidationError("--forecast takes 1 to \(Self.maximumForecastYears) years, not \(forecast)")
        }
    }

    func run() throws {
        let store = try options.openStore()
        do {
            let rows = try store.indicators(areas: areas, from: from, to: to, includeNonresident: includeNonresident)
            let projected = forecast.map { Store.forecast(rows, years: $0) }
            let period = from == nil && to == nil ? "years with data" : "\(from.map(String.init) ?? "…")–\(to.map(String.init) ?? "…")"
            try options.print(StandardReports.indicators(rows, forecast: projected, includeNonresident: includeNonresident, period: period))
        } catch let error as IndicatorError {
            throw CommandFailure.usage(error.description)
        }
    }
}
