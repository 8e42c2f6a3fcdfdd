import Foundation

/// Country outlines (Natural Earth 1:110m, public domain), simplified and shipped as `Schemas/world_110m.tsv`
/// by `scripts/gen-world-map.py`: ISO alpha-2, name and an SVG path in a 1000 × 487 Equal Earth frame.
public struct WorldShapes: Sendable {
    public struct Shape: Sendable {
        public var code: String
        public var name: String
        public var path: String
    }

    public var shapes: [Shape]

    public static let standard = WorldShapes(table: EmbeddedResources.files["world_110m.tsv"] ?? "")

    init(table: String) {
        shapes = table.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count == 3 else { return nil }
            return Shape(code: String(parts[0]), name: String(parts[1]), path: String(parts[2]))
        }
    }
}

extension Charts {
    /// The partners of `country` on a world map, coloured by the link weight in five classes (Okabe–Ito blue,
    /// lighter for fewer joint works); the country itself in vermillion. Marks: one per partner with a shape.
    public static func worldMap(partners: [PairRow], country: String, counting: CountingMethod, scope: AnalysisScope,
                                period bounds: (from: Int, to: Int)? = nil, shapes: WorldShapes = .standard) -> SVGChart {
        let scale = 0.76, offsetX = 20.0, offsetY = 78.0
        var chart = SVGChart(title: "Co-authorship partners of \(country)",
                             subtitle: "Period \(period(bounds, scope)) · \(countingText(counting)) · colour: \(counting == .full ? "C_XY, joint works" : "fractional link strength") with \(country) · Natural Earth 1:110m (public domain)",
                             height: 520)
        var weights: [String: Double] = [:]
        for row in partners {
            let other = row.a == country ? row.b : row.a
            weights[other, default: 0] += counting == .full ? Double(row.coauthored) : row.fractionalWeight
        }
        let sorted = weights.values.filter { $0 > 0 }.sorted()
        // Class limits at the 20/40/60/80 % quantiles of the partners' weights (fewer classes when values repeat).
        let limits = Array(Set((1...4).compactMap { q -> Double? in
            sorted.isEmpty ? nil : sorted[min(sorted.count - 1, sorted.count * q / 5)]
        }.filter { $0 > (sorted.first ?? 0) })).sorted()
        let levels = limits.count + 1
        func level(_ value: Double) -> Int { limits.firstIndex { value < $0 } ?? limits.count }
        chart.add("<g transform=\"translate(\(n(offsetX)) \(n(offsetY))) scale(\(n(scale)))\" stroke=\"#ffffff\" stroke-width=\"0.6\">")
        var drawn = Set<String>()
        for shape in shapes.shapes {
            if shape.code == country {
                chart.add("<path d=\"\(shape.path)\" fill=\"\(Palette.vermillion)\"><title>\(XML.escape(shape.name))</title></path>")
            } else if let weight = weights[shape.code] {
                drawn.insert(shape.code)
                chart.mark("path", attributes: "d=\"\(shape.path)\" fill=\"\(Palette.blueScale(level(weight), levels: levels))\"",
                           label: "\(shape.name): \(NetworkWriter.number((weight * 100).rounded() / 100))")
            } else {
                chart.add("<path d=\"\(shape.path)\" fill=\"#e4e4e4\"/>")
            }
        }
        chart.add("</g>")
        // Legend: the classes and their ranges.
        var x = 24.0
        let legendY = 474.0
        chart.text(x, legendY - 16, counting == .full ? "Joint works with \(country):" : "Link strength with \(country):", size: 12)
        let bounds = [sorted.first ?? 0] + limits + [sorted.last ?? 0]
        for index in 0..<levels where !sorted.isEmpty {
            let low = bounds[index], high = index + 1 < levels ? bounds[index + 1] : bounds[index + 1]
            let label = index + 1 < levels ? "\(Axis.label(low))–<\(Axis.label(high))" : "≥ \(Axis.label(low))"
            chart.add("<rect x=\"\(n(x))\" y=\"\(n(legendY - 10))\" width=\"14\" height=\"14\" fill=\"\(Palette.blueScale(index, levels: levels))\"/>")
            chart.text(x + 18, legendY + 2, label, size: 12)
            x += 34 + Double(label.count) * 7
        }
        chart.add("<rect x=\"\(n(x))\" y=\"\(n(legendY - 10))\" width=\"14\" height=\"14\" fill=\"\(Palette.vermillion)\"/>")
        chart.text(x + 18, legendY + 2, country, size: 12)
        let missing = weights.keys.filter { !drawn.contains($0) }.sorted()
        if !missing.isEmpty {
            chart.text(24, 506, "Partners too small for the 1:110m outlines (not drawn): " + missing.prefix(20).joined(separator: ", ")
                       + (missing.count > 20 ? " and \(missing.count - 20) more" : ""), size: 11, color: "#444444")
        }
        return chart
    }
}
