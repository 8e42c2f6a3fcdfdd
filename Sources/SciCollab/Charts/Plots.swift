import Foundation

/// A series of a line chart: a name, a colour and values per year (nil: undefined, not drawn).
struct LineSeries {
    var name: String
    var color: String
    var values: [(year: Int, value: Double?)]
}

/// A bar of a bar chart: its category, series and value.
struct Bar {
    var category: String
    var series: Int
    var value: Double?
}

extension SVGChart {
    /// A line panel in the rectangle (x, y, width, height): axes with ticks and labels, a line and a point per
    /// defined value (each point a mark).
    mutating func linePanel(_ series: [LineSeries], x: Double, y: Double, width: Double, height: Double,
                            yLabel: String, xLabel: String = "Publication year") {
        let years = Set(series.flatMap { $0.values.map(\.year) }).sorted()
        let maximum = series.flatMap { $0.values.compactMap(\.value) }.max() ?? 1
        let axis = Axis(maximum: max(maximum, 1e-9))
        let first = Double(years.first ?? 0), last = Double(years.last ?? 1)
        func px(_ year: Int) -> Double { years.count <= 1 ? x + width / 2 : x + (Double(year) - first) / (last - first) * width }
        func py(_ value: Double) -> Double { axis.scale(value, y + height, y) }
        for tick in axis.ticks {
            line(x, py(tick), x + width, py(tick), color: "#dddddd")
            text(x - 6, py(tick) + 4, Axis.label(tick), anchor: "end", size: 12)
        }
        line(x, y + height, x + width, y + height, color: "#333333")
        line(x, y, x, y + height, color: "#333333")
        var lastLabel = -Double.infinity
        for year in years where px(year) - lastLabel >= 44 {
            line(px(year), y + height, px(year), y + height + 4, color: "#333333")
            text(px(year), y + height + 18, String(year), anchor: "middle", size: 12)
            lastLabel = px(year)
        }
        text(x + width / 2, y + height + 36, xLabel, anchor: "middle")
        text(x - 48, y + height / 2, yLabel, anchor: "middle", rotate: true)
        for entry in series {
            var segments: [[(Double, Double)]] = [[]]
            for point in entry.values {
                guard let value = point.value else { segments.append([]); continue }
                segments[segments.count - 1].append((px(point.year), py(value)))
            }
            for segment in segments where segment.count > 1 {
                add("<polyline fill=\"none\" stroke=\"\(entry.color)\" stroke-width=\"2\" points=\"\(segment.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " "))\"/>")
            }
            for point in entry.values {
                guard let value = point.value else { continue }
                mark("circle", attributes: "cx=\"\(n(px(point.year)))\" cy=\"\(n(py(value)))\" r=\"3.5\" fill=\"\(entry.color)\"",
                     label: "\(entry.name), \(point.year): \(Axis.label((value * 100).rounded() / 100))")
            }
        }
    }

    /// Horizontal grouped bars in the rectangle: one row per category, one bar per series (a mark each,
    /// undefined values drawn as "n/a"), values written at the bar's end.
    mutating func horizontalBars(_ bars: [Bar], categories: [String], colors: [String], x: Double, y: Double, width: Double,
                                 height: Double, valueLabel: String, format: (Double) -> String) {
        let maximum = bars.compactMap(\.value).max() ?? 1
        let axis = Axis(maximum: max(maximum, 1e-9), count: 4)
        let seriesCount = (bars.map(\.series).max() ?? 0) + 1
        let rowHeight = height / Double(max(categories.count, 1))
        let barHeight = min(22, (rowHeight - 6) / Double(seriesCount))
        for tick in axis.ticks {
            let tx = axis.scale(tick, x, x + width)
            line(tx, y, tx, y + height, color: "#e3e3e3")
            text(tx, y + height + 16, Axis.label(tick), anchor: "middle", size: 12)
        }
        line(x, y, x, y + height, color: "#333333")
        text(x + width / 2, y + height + 34, valueLabel, anchor: "middle")
        for (row, category) in categories.enumerated() {
            let top = y + Double(row) * rowHeight + (rowHeight - barHeight * Double(seriesCount)) / 2
            for bar in bars where bar.category == category {
                let by = top + Double(bar.series) * barHeight
                guard let value = bar.value else {
                    text(x + 4, by + barHeight - 4, "n/a", size: 11, color: "#666666")
                    continue
                }
                let length = max(axis.scale(value, x, x + width) - x, 0.5)
                mark("rect", attributes: "x=\"\(n(x))\" y=\"\(n(by))\" width=\"\(n(length))\" height=\"\(n(barHeight - 2))\" fill=\"\(colors[bar.series % colors.count])\"",
                     label: "\(category): \(format(value))")
                text(x + length + 4, by + barHeight - 5, format(value), size: 11)
            }
        }
    }
}
