import Foundation

/// The `table` and `markdown` formats: text that fits a terminal of `RenderOptions.width` columns.
extension ReportRenderer {
    // MARK: text

    static func text(_ report: Report, options: RenderOptions) -> String {
        var lines: [String] = []
        for (key, value) in report.parameters {
            lines += TextLayout.wrap("\(key): \(display(value, kind: ReportColumn(key).kind))", width: options.width, hanging: "    ")
        }
        if !options.brief {
            for note in report.notes { lines += TextLayout.wrap(note, width: options.width) }
        }
        for table in report.tables {
            if !lines.isEmpty { lines.append("") }
            lines += TextLayout.wrap(table.title, width: options.width)
            if !options.brief {
                for note in table.notes { lines += TextLayout.wrap(note, width: options.width, first: "  ", hanging: "    ") }
            }
            lines += TextLayout.table(table, width: options.width)
        }
        var out = ""
        out.reserveCapacity(lines.reduce(0) { $0 + $1.utf8.count + 1 })
        for line in lines {
            out += line
            out += "\n"
        }
        return out
    }

    // MARK: Markdown

    static func markdown(_ report: Report, options: RenderOptions) -> String {
        var out = ""
        if !report.parameters.isEmpty {
            for (key, value) in report.parameters {
                out += "- **\(key)**: \(markdownCell(display(value, kind: ReportColumn(key).kind)))\n"
            }
            out += "\n"
        }
        if !options.brief {
            for note in report.notes { out += note + "\n\n" }
        }
        for table in report.tables {
            out += "### \(table.title)\n\n"
            if !options.brief {
                for note in table.notes { out += "_\(note)_\n\n" }
            }
            let visible = table.columns.indices.filter { !table.columns[$0].machineOnly }
            out += "| " + visible.map { markdownCell(table.columns[$0].header) }.joined(separator: " | ") + " |\n"
            let numeric = visible.map { c in table.rows.contains { $0.indices.contains(c) && isNumeric($0[c]) } }
            out += "|" + numeric.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
            for row in table.rows {
                out += "|"
                for c in visible {
                    out += " "
                    out += markdownCell(row.indices.contains(c) ? display(row[c], kind: table.columns[c].kind) : "")
                    out += " |"
                }
                out += visible.isEmpty ? "  |\n" : "\n"
            }
            if table.rows.isEmpty { out += "\n(none)\n" }
            out += "\n"
        }
        return out
    }

    static func markdownCell(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "\n") }) else { return text }
        return text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}

/// Wrapping and fitting of text to a line width.
public enum TextLayout {
    /// `text` broken at spaces into lines of at most `width` characters; the first line starts with `first`,
    /// the others with `hanging`. A word longer than a line is cut.
    public static func wrap(_ text: String, width: Int, first: String = "", hanging: String = "") -> [String] {
        var lines: [String] = []
        var line = first
        var lineHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            while true {
                let needed = (lineHasWord ? 1 : 0) + word.count
                if line.count + needed <= width {
                    line += (lineHasWord ? " " : "") + word
                    lineHasWord = true
                    break
                }
                if lineHasWord {
                    lines.append(line)
                    line = hanging
                    lineHasWord = false
                    continue
                }
                // A word longer than the whole line: cut it.
                let room = max(1, width - line.count)
                line += word.prefix(room)
                word = word.dropFirst(room)
                lines.append(line)
                line = hanging
                if word.isEmpty { break }
            }
        }
        if lineHasWord || lines.isEmpty { lines.append(line) }
        return lines.map { $0.trailingSpacesTrimmed }
    }

    /// `text` cut to `width` characters, the last one `…` when anything was cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(0, width - 1))) + "…"
    }

    /// The lines of a table that fit `width`: headers wrapped over several lines, then the widest text
    /// columns truncated with `…` (down to a few characters), then, when the numbers alone are wider than the
    /// line, the columns split into blocks printed one under the other, each starting with the first column.
    static func table(_ table: ReportTable, width: Int) -> [String] {
        let visible = table.columns.indices.filter { !table.columns[$0].machineOnly }
        guard !visible.isEmpty else { return ["(none)"] }
        let cells: [[String]] = table.rows.map { row in
            visible.map { c in row.indices.contains(c) ? ReportRenderer.display(row[c], kind: table.columns[c].kind) : "" }
        }
        // The width of every cell, counted once (characters; the bytes of ASCII text).
        let cellWidths: [[Int]] = cells.map { $0.map(characterCount) }
        let headers = visible.map { table.columns[$0].header }
        let numeric = visible.map { c in table.rows.contains { $0.indices.contains(c) && ReportRenderer.isNumeric($0[c]) } }
        let natural = visible.indices.map { i in cellWidths.map { $0[i] }.max() ?? 0 }
        func total(_ widths: [Int]) -> Int { widths.reduce(0, +) + 2 * max(0, widths.count - 1) }

        var widths = visible.indices.map { max(natural[$0], headers[$0].count) }
        if total(widths) > width {
            widths = visible.indices.map { i in
                max(natural[i], headers[i].split(separator: " ").map(\.count).max() ?? 0, 1)
            }
        }
        // The narrowest a column gets: numbers never shrink; text is truncated down to a readable minimum.
        // The first column names the row: it keeps up to a third of the line.
        let minimum = visible.indices.map { i in
            numeric[i] ? widths[i] : min(widths[i], i == 0 ? max(16, width / 3) : 14)
        }
        // Blocks of columns that fit at their minimum widths, each led by the first column.
        var blocks: [[Int]] = []
        var current: [Int] = [0]
        for i in visible.indices.dropFirst() {
            if total((current + [i]).map { minimum[$0] }) > width, current.count > 1 {
                blocks.append(current)
                current = [0, i]
            } else {
                current.append(i)
            }
        }
        blocks.append(current)
        // In each block, truncate the widest text columns until the block fits.
        var blockWidths: [[Int]] = []
        for block in blocks {
            var w = widths
            while total(block.map { w[$0] }) > width {
                let shrinkable = block.filter { !numeric[$0] && w[$0] > minimum[$0] }
                guard let widest = shrinkable.max(by: { w[$0] < w[$1] }) else { break }
                let excess = total(block.map { w[$0] }) - width
                let next = shrinkable.filter { $0 != widest }.map { w[$0] }.max() ?? minimum[widest]
                w[widest] -= max(1, min(excess, w[widest] - max(next, minimum[widest])))
            }
            blockWidths.append(w)
        }

        var lines: [String] = []
        for (number, block) in blocks.enumerated() {
            let widths = blockWidths[number]
            if number > 0 { lines.append("") }
            let wrapped = block.map { i -> [String] in
                headers[i].count <= widths[i] ? [headers[i]] : wrap(headers[i], width: widths[i])
            }
            let height = wrapped.map(\.count).max() ?? 1
            for row in 0..<height {
                lines.append(line(block.enumerated().map { position, i in
                    let part = wrapped[position]
                    let index = row - (height - part.count)
                    return index >= 0 ? part[index] : ""
                }, block: block, widths: widths, numeric: numeric))
            }
            lines.append(block.map { String(repeating: "-", count: widths[$0]) }.joined(separator: "  "))
            for (row, rowWidths) in zip(cells, cellWidths) {
                lines.append(line(row, counts: rowWidths, block: block, widths: widths, numeric: numeric))
            }
        }
        if table.rows.isEmpty { lines.append("(none)") }
        return lines
    }

    /// The characters of `text`: its bytes when it is ASCII (most cells), else its `Character`s.
    static func characterCount(_ text: String) -> Int {
        text.isASCIIText ? text.utf8.count : text.count
    }

    /// One row of a block: each cell of `cells` (whose character counts are `counts`) truncated to its column's width
    /// and padded, numbers to the right; the same text as `line(_:block:widths:numeric:)` of the truncated cells,
    /// written as bytes.
    static func line(_ cells: [String], counts: [Int], block: [Int], widths: [Int], numeric: [Bool]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(block.reduce(0) { $0 + widths[$1] + 2 })
        for (position, i) in block.enumerated() {
            if position > 0 { out.append(contentsOf: [0x20, 0x20]) }
            var value = cells[i]
            var count = counts[i]
            if count > widths[i] {
                // ASCII text (a byte per character: its count is its bytes) is cut on its bytes, as `truncate` cuts it.
                value = count == value.utf8.count
                    ? String(decoding: value.utf8.prefix(max(0, widths[i] - 1)), as: UTF8.self) + "…"
                    : truncate(value, to: widths[i])
                count = characterCount(value)
            }
            let pad = max(0, widths[i] - count)
            if numeric[i] {
                out.append(contentsOf: repeatElement(0x20, count: pad))
                out.append(contentsOf: value.utf8)
            } else {
                out.append(contentsOf: value.utf8)
                out.append(contentsOf: repeatElement(0x20, count: pad))
            }
        }
        // Trailing spaces go as `trailingSpacesTrimmed` takes them (by `Character`: a space can close a cluster in
        // non-ASCII text).
        guard out.allSatisfy({ $0 < 0x80 }) else { return String(decoding: out, as: UTF8.self).trailingSpacesTrimmed }
        while out.last == 0x20 { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    static func line(_ values: [String], block: [Int], widths: [Int], numeric: [Bool]) -> String {
        zip(block, values).map { i, value in
            let pad = String(repeating: " ", count: max(0, widths[i] - value.count))
            return numeric[i] ? pad + value : value + pad
        }.joined(separator: "  ").trailingSpacesTrimmed
    }
}

extension String {
    var trailingSpacesTrimmed: String {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
        return String(self[..<end])
    }
}
