import ArgumentParser
import Foundation
import SciCollab

struct Network: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "Co-authorship network of countries, institutions or authors, printed or written for VOSviewer, Gephi or Pajek.",
        discussion: helpText("""
            Nodes are countries (default), institutions or authors; a link is their joint works, weighted by
            C_AB (full) or the VOSviewer fractional link strength. --output writes a network file whose format
            is --as or the file's extension (.graphml, .gexf, .net Pajek, .json VOSviewer JSON, .txt VOSviewer
            map and network files: NAME_map.txt and NAME_network.txt).
              scicollab network --from 2018 --to 2023 --top 30
              scicollab network --counting fractional --output countries.gexf
              scicollab network --level institutions --min-weight 2 --as vosviewer --output institutions
            """))

    @OptionGroup var options: GlobalOptions
    @OptionGroup var scopeOptions: ScopeOptions

    @Option(help: "Nodes: countries, institutions or authors.")
    var level: NetworkLevel = .countries

    @Option(help: "Link weight: full (C_AB) or fractional (VOSviewer link strength).")
    var counting: CountingMethod = .full

    @Option(help: "Leave out links lighter than this weight.")
    var minWeight: Double = 0

    @Option(help: "Keep the N nodes with the greatest total link strength.")
    var top: Int?

    @Option(help: "Only these countries (or keys) and their partners, comma-separated.")
    var around: String?

    @Option(help: "Authors: leave out works with more authors than this.")
    var maxAuthors: Int = 25

    @Option(name: .customLong("as"), help: "Network file format: vosviewer, vosviewer-json, graphml, gexf or pajek.")
    var networkFormat: NetworkFormat?

    @OptionGroup var impactOptions: ImpactOptions
    @OptionGroup var impactColumn: ImpactColumnOptions

    func validate() throws {
        if let output = options.output, options.format == .table, networkFormat == nil, NetworkFormat(fileName: output) == nil,
           !output.lowercased().hasSuffix(".xlsx") {
            throw ValidationError("cannot tell the network format from \(output): give --as vosviewer|vosviewer-json|graphml|gexf|pajek, or --format")
        }
        if minWeight < 0 { throw ValidationError("--min-weight must not be negative") }
    }

    func run() throws {
        let store = try options.openStoreWithWorks()
        let scope = try scopeOptions.period(scopeOptions.scope, store)
        let focus = try around.map { text in
            try text.split(separator: ",").map { part in
                level == .countries ? scope.country(try countryArgument(String(part))) : part.trimmingCharacters(in: .whitespaces)
            }
        }
        let settings = NetworkOptions(level: level, counting: counting, minWeight: minWeight, top: top, focus: focus, maxAuthors: maxAuthors)
        // No work is read with the model: countries average it in SQL, institutions and authors read its values for
        // their nodes' works.
        let model = impactColumn.noImpact ? nil : try impactOptions.model(store, citationSource: scope.citationSource, readWorks: false)
        let network = try store.network(settings, scope: scope, impact: model)
        // Network files when --output names one (by --as or its extension); else the tables in --format.
        guard let output = options.output, options.format == .table || networkFormat != nil,
              let format = networkFormat ?? NetworkFormat(fileName: output) else {
            try options.print(StandardReports.network(network), scope: scope)
            return
        }
        let paths: [String]
        do {
            paths = try NetworkWriter.write(network, format: format, output: output)
        } catch let error as ReportFileError {
            throw CommandFailure.failure("cannot write \(error.path): \(error.reason)")
        }
        for path in paths {
            printError("wrote \(path): \(network.nodes.count) nodes, \(network.edges.count) links")
        }
    }
}

extension NetworkLevel: ExpressibleByArgument {}
extension NetworkFormat: ExpressibleByArgument {}
