/// The tables of `scicollab network`: nodes and links with their attributes.
extension StandardReports {
    public static func network(_ network: CollaborationNetwork) -> Report {
        let strength = network.totalLinkStrength, degrees = network.degrees
        let nodes = ReportTable(
            key: "nodes", title: "Nodes",
            columns: [ReportColumn("id", "Id"), ReportColumn("key", "Key"), ReportColumn("label", "Label"), ReportColumn("works", "Works"),
                      ReportColumn("works_fractional", "Works (fractional)"), ReportColumn("authors", "Authors"),
                      ReportColumn("citations_per_publication", "Citations/pub"), ReportColumn("impact", "Impact"),
                      ReportColumn("links", "Links"), ReportColumn("total_link_strength", "Total link strength")],
            rows: network.nodes.enumerated().map { i, node in
                [.int(i + 1), .text(node.key), .text(node.label), .int(node.works), .real(node.worksFractional, decimals: 2),
                 .count(node.authors), node.citationsPerPublication.map { .real($0, decimals: 2) } ?? .null,
                 node.impact.map { .real($0, decimals: 3) } ?? .null, .int(degrees[i]),
                 .real(strength[i], decimals: network.options.counting == .full ? 0 : 2)]
            },
            notes: ["Works: full counting; Works (fractional): definitions §4; Total link strength: the sum of the node's link weights."])
        let links = ReportTable(
            key: "links", title: "Links",
            columns: [ReportColumn("source", "Source"), ReportColumn("target", "Target"), ReportColumn("weight", "Weight"),
                      ReportColumn("coauthored", "C_AB"), ReportColumn("link_strength", "Link strength"),
                      ReportColumn("share_source", "Share source %"), ReportColumn("share_target", "Share target %")],
            rows: network.edges.map { edge in
                [.text(network.nodes[edge.source].key), .text(network.nodes[edge.target].key),
                 .real(edge.weight(network.options.counting), decimals: network.options.counting == .full ? 0 : 3),
                 .int(edge.coauthored), .real(edge.linkStrength, decimals: 3),
                 edge.shareSource.map { .real($0, decimals: 2) } ?? .null, edge.shareTarget.map { .real($0, decimals: 2) } ?? .null]
            },
            notes: ["C_AB: joint works; Link strength: Σ 1/(|K_p| − 1) over them; Share source %: C_AB over the source's works (definitions §6)."])
        var parameters: [(key: String, value: ReportValue)] = [
            ("level", .text(network.options.level.rawValue)), ("period", network.scope.periodValue),
            ("counting", .text(network.options.counting.rawValue)), ("min_weight", .real(network.options.minWeight, decimals: 2)),
        ]
        if let top = network.options.top { parameters.append(("top", .int(top))) }
        if let focus = network.options.focus { parameters.append(("focus", .text(focus.joined(separator: " ")))) }
        return Report(command: "network", parameters: parameters, notes: network.notes, tables: [nodes, links])
    }
}
