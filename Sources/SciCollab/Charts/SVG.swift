import Foundation

/// The Okabe–Ito palette (colour-blind safe), in the order charts use it.
public enum Palette {
    public static let blue = "#0072B2"
    public static let vermillion = "#D55E00"
    public static let bluishGreen = "#009E73"
    public static let orange = "#E69F00"
    public static let reddishPurple = "#CC79A7"
    public static let skyBlue = "#56B4E9"
    public static let yellow = "#F0E442"
    public static let black = "#000000"
    /// Series colours in order.
    public static let series = [blue, vermillion, bluishGreen, orange, reddishPurple, skyBlue, yellow, black]

    /// Okabe–Ito blue mixed with white: `level` 0 (lightest) to `levels − 1` (the full colour).
    public static func blueScale(_ level: Int, levels: Int) -> String {
        let t = levels <= 1 ? 1 : 0.25 + 0.75 * Double(level) / Double(levels - 1)
        let (r, g, b) = (0.0, 114.0, 178.0)
        func mix(_ c: Double) -> Int { Int((255 - (255 - c) * t).rounded()) }
        return String(format: "#%02X%02X%02X", mix(r), mix(g), mix(b))
    }
}

/// A chart written as one SVG document: a title, a line of parameters (period, counting method), the drawing
/// and its marks (the data elements, `class="mark"`: a point, bar or country per value).
public struct SVGChart: Sendable {
    public var title: String
    /// Period, counting method and what the values are.
    public var subtitle: String
    public var width: Double
    public var height: Double
    /// SVG elements of the drawing.
    public var body: String = ""
    /// Number of data marks drawn.
    public private(set) var marks = 0

    public init(title: String, subtitle: String, width: Double = 800, height: Double = 420) {
        self.title = title
        self.subtitle = subtitle
        self.width = width
        self.height = height
    }

    /// The whole document (standalone; the same text is inlined in HTML reports).
    public var svg: String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(n(width)) \(n(height))" width="\(n(width))" height="\(n(height))" \
        font-family="Helvetica, Arial, sans-serif" font-size="13" role="img" aria-label="\(XML.escape(title))">
        <title>\(XML.escape(title))</title>
        <rect x="0" y="0" width="\(n(width))" height="\(n(height))" fill="#ffffff"/>
        <text x="16" y="24" font-size="16" font-weight="bold">\(XML.escape(title))</text>
        <text x="16" y="43" font-size="12" fill="#444444">\(XML.escape(subtitle))</text>
        \(body)</svg>

        """
    }

    // MARK: drawing

    mutating func add(_ element: String) { body += element + "\n" }

    /// A data mark; `label` becomes its tooltip.
    mutating func mark(_ element: String, attributes: String, label: String) {
        marks += 1
        add("<\(element) class=\"mark\" \(attributes)><title>\(XML.escape(label))</title></\(element)>")
    }

    mutating func text(_ x: Double, _ y: Double, _ text: String, anchor: String = "start", size: Double = 13,
                       color: String = "#222222", rotate: Bool = false, bold: Bool = false) {
        let transform = rotate ? " transform=\"rotate(-90 \(n(x)) \(n(y)))\"" : ""
        add("<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" font-size=\"\(n(size))\" fill=\"\(color)\"\(bold ? " font-weight=\"bold\"" : "")\(transform)>\(XML.escape(text))</text>")
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, color: String = "#888888", width: Double = 1, dash: Bool = false) {
        add("<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(color)\" stroke-width=\"\(n(width))\"\(dash ? " stroke-dasharray=\"4 3\"" : "")/>")
    }

    /// A legend row of coloured squares and names at (x, y).
    mutating func legend(_ entries: [(name: String, color: String)], x: Double, y: Double) {
        var position = x
        for entry in entries {
            add("<rect x=\"\(n(position))\" y=\"\(n(y - 10))\" width=\"12\" height=\"12\" fill=\"\(entry.color)\"/>")
            text(position + 16, y, entry.name, size: 12)
            position += 28 + Double(entry.name.count) * 6.6
        }
    }
}

/// A number for SVG attributes: at most two decimals.
func n(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let rounded = (value * 100).rounded() / 100
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
}

/// A linear axis with round ticks.
struct Axis {
    var low: Double
    var high: Double
    var ticks: [Double]

    /// From 0 (or the minimum, when negative) to a round number at or above `maximum`.
    init(maximum: Double, minimum: Double = 0, count: Int = 5) {
        let span = max(maximum - min(minimum, 0), 1e-9)
        let raw = span / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        low = min(minimum, 0) < 0 ? floor(minimum / step) * step : 0
        high = max(ceil(maximum / step) * step, step)
        ticks = stride(from: low, through: high + step / 2, by: step).map { $0 }
    }

    /// Position of `value` between `start` (at `low`) and `end` (at `high`).
    func scale(_ value: Double, _ start: Double, _ end: Double) -> Double {
        start + (value - low) / (high - low) * (end - start)
    }

    /// A tick label: no decimals for round values.
    static func label(_ value: Double) -> String {
        if value == value.rounded() { return value >= 10_000 ? String(format: "%.0f", value) : String(Int(value)) }
        return String(format: value < 1 ? "%.2f" : "%.1f", value)
    }
}
