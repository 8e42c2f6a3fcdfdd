import ArgumentParser
import Foundation
import SciCollab

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Checks a file of published claims: consistent, inconsistent or not computable, with the records behind each.",
        discussion: helpText("""
            A claims file (YAML or JSON, Schemas/claims.schema.json) lists figures as published: an id, the
            text, the stated value ("22,112", "3%", "less than 1%") and either a metric with its parameters
            (country or pair, period, counting, type, field) or an expression over other claims' stated
            values ("ru-cn-coauthored / ru-output"). Exit code 1 when a claim is inconsistent.
              scicollab audit Fixtures/claims/ru-cn-2018-2024.yaml --no-data
              scicollab audit Fixtures/claims/wos-2014-fixture.json    # exit code 1: two claims are wrong on purpose
            """))

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The claims file.")
    var claims: String

    @Flag(help: "Check only the arithmetic between stated values; use no database.")
    var noData = false

    @Option(help: ArgumentHelp("Whose citation count each work has in the citation metrics: precedence or a source (scopus, wos, openalex, …).", valueName: "source"))
    var citationsFrom: String = "precedence"

    func validate() throws {
        try validateCitationSource(citationsFrom)
    }

    @Option(help: ArgumentHelp("How country groups named by claims count their members over time: listed (every member in every year) or dated (only within their membership years).", valueName: "listed|dated"))
    var membership: GroupMembership = .listed

    func run() throws {
        let file: ClaimsFile
        guard FileManager.default.fileExists(atPath: claims) else { throw CommandFailure.missingInput("\(claims): no such file") }
        do { file = try ClaimsFile.read(path: claims) } catch let error as ClaimsFile.ReadError { throw CommandFailure.failure(error.description) }
        let store = noData ? nil : try options.openStore()
        var auditor = Auditor(store: store)
        let citationSource = CitationSource(argument: citationsFrom) ?? .precedence
        auditor.citationSource = citationSource
        auditor.membership = membership
        let results = auditor.audit(file)
        var report = StandardReports.audit(results, file: claims, title: file.title, usedData: store != nil)
        report.parameters.append(("group_membership", .text(membership.rawValue)))
        try options.print(report, scope: AnalysisScope(citationSource: citationSource))
        if results.contains(where: { $0.verdict == .inconsistent }) { throw ExitCode(1) }
    }
}
