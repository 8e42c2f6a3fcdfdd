import Foundation

/// The charts of the collaboration figures, as SVG written by the tool. Every chart names its period and
/// counting method, labels its axes with units and uses the Okabe–Ito palette.
public enum Charts {
    static func countingText(_ counting: CountingMethod) -> String {
        counting == .full ? "full counting" : "fractional counting (definitions §4)"
    }

    static func period(_ bounds: (from: Int, to: Int)?, _ scope: AnalysisScope) -> String {
        bounds.map { $0.from == $0.to ? "\($0.from)" : "\($0.from)–\($0.to)" } ?? scope.periodDescription
    }

    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value) }

    /// Per year: both sides' output and `C_AB` (top), both output shares (bottom). Marks: one point per
    /// defined value (5 per year when both sides publish).
    public static func pairSeries(_ m: PairMetrics) -> SVGChart {
        var chart = SVGChart(title: "\(m.a)–\(m.b): output and co-authored works per year",
                             subtitle: "Period \(period(m.period, AnalysisScope())) · \(countingText(m.counting)) · shares: \(m.counting == .full ? "C_AB / N of each side in the year" : "Σ f over the joint works / Σ f of each side in the year")",
                             height: 660)
        let unit = m.counting == .full ? "Works" : "Works (fractional)"
        let joint = m.counting == .full ? "C_AB" : "link strength"
        chart.legend([("N_\(m.a)", Palette.blue), ("N_\(m.b)", Palette.vermillion), ("\(joint) (\(m.a)–\(m.b))", Palette.bluishGreen)], x: 90, y: 68)
        chart.linePanel([
            LineSeries(name: "N_\(m.a)", color: Palette.blue, values: m.byYear.map { ($0.year, $0.outputA) }),
            LineSeries(name: "N_\(m.b)", color: Palette.vermillion, values: m.byYear.map { ($0.year, $0.outputB) }),
            LineSeries(name: joint, color: Palette.bluishGreen, values: m.byYear.map { ($0.year, $0.coauthored) }),
        ], x: 90, y: 84, width: 680, height: 210, yLabel: unit)
        chart.legend([("s(\(m.a)→\(m.b)), part of \(m.a)'s output", Palette.blue), ("s(\(m.b)→\(m.a)), part of \(m.b)'s output", Palette.vermillion)], x: 90, y: 378)
        chart.linePanel([
            LineSeries(name: "s(\(m.a)→\(m.b))", color: Palette.blue,
                       values: m.byYear.map { ($0.year, $0.shareOfOutputA.map { $0 * 100 }) }),
            LineSeries(name: "s(\(m.b)→\(m.a))", color: Palette.vermillion,
                       values: m.byYear.map { ($0.year, $0.shareOfOutputB.map { $0 * 100 }) }),
        ], x: 90, y: 394, width: 680, height: 200, yLabel: "Share of output (%)")
        return chart
    }

    /// The asymmetry view: both shares of output, of international output and of authors, A→B beside B→A.
    /// Marks: one bar per defined share (at most 6).
    public static func asymmetry(_ m: PairMetrics) -> SVGChart {
        var chart = SVGChart(title: "\(m.a)–\(m.b): how much each side's output and authors the collaboration involves",
                             subtitle: "Period \(period(m.period, AnalysisScope())) · \(countingText(m.counting)) · percent of each side's own total (definitions §6)",
                             height: 330)
        let categories = ["Share of output", "Share of international output", "Share of authors"]
        let values: [(Double?, Double?)] = [(m.shareOfOutputA, m.shareOfOutputB), (m.shareOfInternationalA, m.shareOfInternationalB),
                                            (m.shareOfAuthorsA, m.shareOfAuthorsB)]
        var bars: [Bar] = []
        for (category, pair) in zip(categories, values) {
            bars.append(Bar(category: category, series: 0, value: pair.0.map { $0 * 100 }))
            bars.append(Bar(category: category, series: 1, value: pair.1.map { $0 * 100 }))
        }
        chart.legend([("\(m.a)→\(m.b): part of \(m.a)'s total", Palette.blue), ("\(m.b)→\(m.a): part of \(m.b)'s total", Palette.vermillion)], x: 230, y: 68)
        for (row, category) in categories.enumerated() {
            chart.text(220, 100 + Double(row) * 62 + 30, category, anchor: "end")
        }
        chart.horizontalBars(bars, categories: categories, colors: [Palette.blue, Palette.vermillion], x: 230, y: 84, width: 520, height: 186,
                             valueLabel: "Percent of the side's own works or authors (%)", format: percent)
        return chart
    }

    /// Works per year by collaboration type (definitions §3), stacked. Marks: one segment per year and type with works.
    public static func collaborationTypes(_ years: [(year: Int, breakdown: CollaborationBreakdown)], country: String?,
                                          scope: AnalysisScope) -> SVGChart {
        let bounds = years.isEmpty ? nil : (from: years.first!.year, to: years.last!.year)
        var chart = SVGChart(title: "Collaboration types by year" + (country.map { " — works of \($0)" } ?? ""),
                             subtitle: "Period \(period(bounds, scope)) · full counting · SciVal cascade: international, national, institutional, single authorship",
                             height: 440)
        let colors = [Palette.blue, Palette.orange, Palette.bluishGreen, Palette.reddishPurple]
        chart.legend(zip(CollaborationType.allCases, colors).map { ($0.label, $1) }, x: 90, y: 68)
        let x = 90.0, y = 84.0, width = 680.0, height = 270.0
        let totals = years.map { $0.breakdown.classified }
        let axis = Axis(maximum: Double(max(totals.max() ?? 1, 1)))
        for tick in axis.ticks {
            let ty = axis.scale(tick, y + height, y)
            chart.line(x, ty, x + width, ty, color: "#dddddd")
            chart.text(x - 6, ty + 4, Axis.label(tick), anchor: "end", size: 12)
        }
        chart.line(x, y + height, x + width, y + height, color: "#333333")
        chart.text(x - 48, y + height / 2, "Works (full counting)", anchor: "middle", rotate: true)
        chart.text(x + width / 2, y + height + 38, "Publication year", anchor: "middle")
        let slot = width / Double(max(years.count, 1))
        var lastLabel = -Double.infinity
        for (index, entry) in years.enumerated() {
            var base = 0.0
            let left = x + Double(index) * slot + slot * 0.15
            for (type, color) in zip(CollaborationType.allCases, colors) {
                let works = entry.breakdown.rows.first { $0.type == type }?.works ?? 0
                guard works > 0 else { continue }
                let top = axis.scale(base + Double(works), y + height, y), bottom = axis.scale(base, y + height, y)
                chart.mark("rect", attributes: "x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(slot * 0.7))\" height=\"\(n(bottom - top))\" fill=\"\(color)\"",
                           label: "\(entry.year), \(type.label): \(works) works")
                base += Double(works)
            }
            if left + slot * 0.35 - lastLabel >= 44 {
                chart.text(left + slot * 0.35, y + height + 18, String(entry.year), anchor: "middle", size: 12)
                lastLabel = left + slot * 0.35
            }
        }
        return chart
    }

    /// A pair's fields: `C_AB(f)` (left) and both shares `C_AB(f) / N_X(f)` (right), the `top` fields with most
    /// joint works. Marks: 3 per field (fewer where a share is undefined).
    public static func fields(_ breakdown: FieldBreakdown, a: String, b: String, scope: AnalysisScope, top: Int = 10) -> SVGChart {
        let rows = Array(breakdown.rows.filter { $0.works > 0 }.sorted { ($0.works, $1.field) > ($1.works, $0.field) }.prefix(top))
        let rowHeight = 34.0
        var chart = SVGChart(title: "\(a)–\(b): co-authored works by field (\(breakdown.scheme))",
                             subtitle: "Period \(period(nil, scope)) · full counting, a work counts in each of its fields (definitions §8) · shares: C_AB(f) / N(f)",
                             height: 150 + rowHeight * Double(max(rows.count, 1)))
        let categories = rows.map { row in
            let name = row.name ?? row.field
            return name.count > 30 ? String(name.prefix(29)) + "…" : name
        }
        for (index, category) in categories.enumerated() {
            chart.text(228, 96 + Double(index) * rowHeight + rowHeight / 2 + 4, category, anchor: "end", size: 12)
        }
        chart.legend([("C_AB(f)", Palette.bluishGreen), ("% of \(a)'s works in f", Palette.blue), ("% of \(b)'s works in f", Palette.vermillion)], x: 236, y: 68)
        let height = rowHeight * Double(max(rows.count, 1))
        chart.horizontalBars(zip(categories, rows).map { Bar(category: $0, series: 0, value: Double($1.works)) }, categories: categories,
                             colors: [Palette.bluishGreen], x: 236, y: 96, width: 230, height: height,
                             valueLabel: "Co-authored works", format: { Axis.label($0) })
        var shares: [Bar] = []
        for (category, row) in zip(categories, rows) {
            shares.append(Bar(category: category, series: 0, value: row.outputA.flatMap { $0 == 0 ? nil : Double(row.works) / Double($0) * 100 }))
            shares.append(Bar(category: category, series: 1, value: row.outputB.flatMap { $0 == 0 ? nil : Double(row.works) / Double($0) * 100 }))
        }
        chart.horizontalBars(shares, categories: categories, colors: [Palette.blue, Palette.vermillion], x: 520, y: 96, width: 230,
                             height: height, valueLabel: "Share of the side's works in the field (%)", format: percent)
        return chart
    }
}
