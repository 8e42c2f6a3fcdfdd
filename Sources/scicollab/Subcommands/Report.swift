import ArgumentParser
import Foundation
import SciCollab

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The standard study of two countries as one self-contained HTML file and/or an Excel workbook.",
        discussion: helpText("""
            Outputs and growth, the asymmetry figures, collaboration types, fields, impact of the joint works
            against each side, the partners (world maps) and the network of the pair's partners, with the
            parameters and notes behind every figure. The HTML has its charts inline (SVG) and needs no
            network; the workbook has every table as a sheet with typed cells.
              scicollab report RU CN --from 2018 --to 2023 --html ru-cn.html
              scicollab report US CA --xlsx us-ca.xlsx --html us-ca.html
            """))

    @OptionGroup var options: GlobalOptions
    @OptionGroup var scopeOptions: ScopeOptions

    @Argument(help: "Country A (ISO code or name).")
    var a: String

    @Argument(help: "Country B (ISO code or name).")
    var b: String

    @Option(help: "Counting method: full or fractional.")
    var counting: CountingMethod = .full

    @Option(help: ArgumentHelp("Write the HTML report here.", valueName: "path"))
    var html: String?

    @Option(help: ArgumentHelp("Write the workbook here.", valueName: "path"))
    var xlsx: String?

    @Option(help: "Field scheme of the fields section (default: the one with most classified joint works).")
    var fieldScheme: String?

    @OptionGroup var impactOptions: ImpactOptions
    @OptionGroup var impactColumn: ImpactColumnOptions

    func validate() throws {
        if html == nil && xlsx == nil && options.output == nil {
            throw ValidationError("name the report's file: --html FILE and/or --xlsx FILE")
        }
    }

    func run() throws {
        let store = try options.openStoreWithWorks()
        let (codes, baseScope) = try scopeOptions.resolve([a, b])
        let scope = try scopeOptions.period(baseScope, store)
        let study: PairStudy
        do {
            let model = impactColumn.noImpact ? nil : try impactOptions.model(store, citationSource: scope.citationSource)
            study = try store.pairStudy(codes[0], codes[1], counting: counting, scope: scope, model: model, scheme: fieldScheme)
        } catch let error as PairError {
            throw ValidationError(error.description)
        }
        if let html {
            try Data(HTMLReport.render(study).utf8).write(to: URL(fileURLWithPath: html))
            printError("wrote \(html)")
        }
        if let path = xlsx ?? options.output {
            do {
                try XLSXWorkbook.write(study.reports, to: path)
            } catch let error as XLSXError {
                throw CommandFailure.failure(error.description)
            }
            printError("wrote \(path): \(study.reports.map(\.tables.count).reduce(0, +)) tables")
        }
    }
}
