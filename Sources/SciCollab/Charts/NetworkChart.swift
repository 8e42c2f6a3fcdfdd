import Foundation

extension Charts {
    /// A network drawn with its deterministic layout: links as lines (width by weight), nodes as circles (area
    /// by works, colour by cluster) with labels. Marks: one per node.
    public static func network(_ network: CollaborationNetwork, title: String? = nil) -> SVGChart {
        var chart = SVGChart(title: title ?? "Co-authorship network of \(network.options.level.rawValue)",
                             subtitle: "Period \(network.periodDescription) · link: \(network.options.counting == .full ? "C_AB, joint works" : "fractional link strength") · circle area: works (full counting) · colour: cluster",
                             height: 600)
        let layout = NetworkLayout(network)
        let x = 60.0, y = 70.0, width = 680.0, height = 500.0
        func px(_ i: Int) -> Double { x + (layout.x[i] + 1) / 2 * width }
        func py(_ i: Int) -> Double { y + (layout.y[i] + 1) / 2 * height }
        let counting = network.options.counting
        let maxWeight = network.edges.map { $0.weight(counting) }.max() ?? 1
        for edge in network.edges {
            let w = 0.5 + 5 * edge.weight(counting) / maxWeight
            chart.add("<line x1=\"\(n(px(edge.source)))\" y1=\"\(n(py(edge.source)))\" x2=\"\(n(px(edge.target)))\" y2=\"\(n(py(edge.target)))\" stroke=\"#9a9a9a\" stroke-opacity=\"0.55\" stroke-width=\"\(n(w))\"/>")
        }
        let maxWorks = Double(max(network.nodes.map(\.works).max() ?? 1, 1))
        for (i, node) in network.nodes.enumerated() {
            let radius = 4 + 18 * (Double(node.works) / maxWorks).squareRoot()
            let color = Palette.series[(layout.clusters[i] - 1) % Palette.series.count]
            chart.mark("circle", attributes: "cx=\"\(n(px(i)))\" cy=\"\(n(py(i)))\" r=\"\(n(radius))\" fill=\"\(color)\" fill-opacity=\"0.85\" stroke=\"#ffffff\"",
                       label: "\(node.label): \(node.works) works")
        }
        for (i, node) in network.nodes.enumerated() {
            chart.text(px(i), py(i) - 6 - 18 * (Double(node.works) / maxWorks).squareRoot(), node.label.count > 24 ? String(node.label.prefix(23)) + "…" : node.label,
                       anchor: "middle", size: 12, bold: network.options.focus?.contains(node.key) ?? false)
        }
        return chart
    }
}
