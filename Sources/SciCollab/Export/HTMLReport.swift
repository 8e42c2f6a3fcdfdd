import Foundation

/// One self-contained HTML file (inline CSS and SVG, no network access) with the standard study of two
/// countries: outputs and growth, asymmetry, collaboration types, fields, impact, partners and the network,
/// each with the parameters and notes behind its figures. Print-friendly (A4, sections kept on a page).
public enum HTMLReport {
    static let style = """
        body { font-family: Helvetica, Arial, sans-serif; color: #222; max-width: 960px; margin: 24px auto; padding: 0 16px; line-height: 1.4; }
        h1 { font-size: 26px; margin-bottom: 4px; } h2 { font-size: 20px; border-bottom: 2px solid #0072B2; padding-bottom: 4px; margin-top: 36px; }
        h3 { font-size: 15px; margin: 18px 0 6px; } .parameters { color: #444; font-size: 14px; }
        table { border-collapse: collapse; font-size: 12.5px; margin: 8px 0 4px; } th, td { border-bottom: 1px solid #ddd; padding: 3px 8px; }
        th { background: #f2f2f2; text-align: left; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .notes { font-size: 12px; color: #555; margin: 4px 0 12px; padding-left: 18px; } figure { margin: 12px 0; }
        svg { max-width: 100%; height: auto; border: 1px solid #eee; } nav ol { columns: 2; font-size: 14px; }
        .key { display: flex; gap: 24px; flex-wrap: wrap; } .key div { background: #f5f8fb; border-left: 4px solid #0072B2; padding: 6px 12px; min-width: 150px; }
        .key b { display: block; font-size: 22px; } .key span { font-size: 12px; color: #444; }
        @media print { body { max-width: none; margin: 0; } section { break-inside: avoid-page; } h2 { break-after: avoid; } nav { display: none; } svg { border: none; } }
        @page { size: A4; margin: 14mm; }
        """

    /// A cell shown as the text outputs show it (the column's kind: shares as percentages, indexes with 3
    /// decimals, years plain), numbers right-aligned.
    static func cell(_ value: ReportValue, kind: ReportColumn.Kind = .automatic) -> String {
        let text = XML.escape(ReportRenderer.display(value, kind: kind))
        return ReportRenderer.isNumeric(value) || value == .null ? "<td class=\"num\">\(text)</td>" : "<td>\(text)</td>"
    }

    /// A table with its title and notes; at most `limit` rows (the rest counted in a note).
    static func table(_ table: ReportTable, limit: Int = 25) -> String {
        var out = "<h3>\(XML.escape(table.title))</h3>\n<table>\n<tr>" + table.columns.map { "<th>\(XML.escape($0.header))</th>" }.joined() + "</tr>\n"
        // A by-year table shows its latest years.
        let shown = table.key == "by_year" ? Array(table.rows.suffix(limit)) : Array(table.rows.prefix(limit))
        for row in shown {
            out += "<tr>" + row.enumerated().map { cell($1, kind: $0 < table.columns.count ? table.columns[$0].kind : .automatic) }.joined() + "</tr>\n"
        }
        out += "</table>\n"
        var lines = table.notes
        if table.rows.count > limit { lines.append("\(table.key == "by_year" ? "The last" : "The first") \(limit) of \(table.rows.count) rows; the workbook (--xlsx) has them all.") }
        if table.rows.isEmpty { lines.append("No rows.") }
        return out + notes(lines)
    }

    static func notes(_ notes: [String]) -> String {
        notes.isEmpty ? "" : "<ul class=\"notes\">" + notes.map { "<li>\(XML.escape($0))</li>" }.joined() + "</ul>\n"
    }

    static func figure(_ chart: SVGChart) -> String { "<figure>\n\(chart.svg)</figure>\n" }

    static func percentText(_ value: Double?) -> String { value.map { String(format: "%.2f%%", $0 * 100) } ?? "—" }

    /// The report of `study`.
    public static func render(_ study: PairStudy) -> String {
        let m = study.metrics, a = study.a, b = study.b
        let period = Charts.period(m.period, study.scope)
        let reports = Dictionary(study.reports.map { ($0.command + ":" + ($0.tables.first?.key ?? ""), $0) }, uniquingKeysWith: { first, _ in first })
        func tables(_ command: String, _ key: String, limit: Int = 25) -> String {
            guard let report = reports["\(command):\(key)"] else { return "" }
            return report.tables.map { table($0, limit: limit) }.joined() + notes(report.notes)
        }
        var sections: [(id: String, title: String, body: String)] = []

        var key = "<div class=\"key\">"
        for (value, label) in [(NetworkWriter.number((m.coauthored * 100).rounded() / 100), "C_AB: co-authored works"),
                               (percentText(m.shareOfOutputA), "s(\(a)→\(b)): share of \(a)'s output"),
                               (percentText(m.shareOfOutputB), "s(\(b)→\(a)): share of \(b)'s output"),
                               (percentText(m.shareOfAuthorsA), "share of \(a)'s authors"),
                               (percentText(m.shareOfAuthorsB), "share of \(b)'s authors")] {
            key += "<div><b>\(XML.escape(value))</b><span>\(XML.escape(label))</span></div>"
        }
        key += "</div>\n"
        sections.append(("outputs", "Outputs and growth",
                         key + tables("countries", "countries") + figure(Charts.pairSeries(m))))
        sections.append(("asymmetry", "Asymmetry: what the collaboration means to each side",
                         figure(Charts.asymmetry(m)) + (reports.first { $0.key.hasPrefix("pair:") }.map { $0.value.tables.map { table($0) }.joined() + notes($0.value.notes) } ?? "")))
        var types = ""
        for side in [a, b] {
            types += figure(Charts.collaborationTypes(study.typesByYear[side] ?? [], country: side, scope: study.scope))
            types += tables("collaboration", "types_\(side)")
        }
        sections.append(("types", "Collaboration types", types))
        if let fields = study.fields {
            sections.append(("fields", "Fields (\(fields.scheme))", figure(Charts.fields(fields, a: a, b: b, scope: study.scope)) + tables("fields", "fields", limit: 15)))
        } else {
            sections.append(("fields", "Fields", notes(["No joint work has a field in asjc-area, wos-category, openalex-field or mesh."])))
        }
        if let impact = study.impact {
            let summary = ReportTable(
                key: "impact", title: "Impact of the joint works against each side's works",
                columns: [ReportColumn("set", "Works"), ReportColumn("works", "Works"), ReportColumn("defined", "With a value"),
                          ReportColumn("mean", "Mean impact"), ReportColumn("median", "Median"), ReportColumn("pp_top10", "PP(top 10%) %")],
                rows: [("Joint \(a)–\(b)", impact.joint), (a, impact.a), (b, impact.b)].map { name, s in
                    [.text(name), .int(s.works), .int(s.defined), s.mean.map { .real($0, decimals: 3) } ?? .null,
                     s.median.map { .real($0, decimals: 3) } ?? .null, s.top10.map { .real($0 * 100, decimals: 1) } ?? .null]
                },
                notes: ["Mean FWCI-style value (definitions §7): citations over the expected citations of the work's field, year and document type; 1 = the corpus average."])
            let details = study.reports.filter { $0.command == "impact" }.flatMap { report in report.notes + report.tables.flatMap(\.notes) }
            sections.append(("impact", "Impact: joint works against each side", table(summary) + notes(details.enumerated().filter { details.firstIndex(of: $0.element) == $0.offset }.map(\.element))))
        } else {
            sections.append(("impact", "Impact", notes(["Left out (--no-impact)."])))
        }
        var partners = figure(Charts.worldMap(partners: study.partnersA, country: a, counting: study.counting, scope: study.scope, period: m.period))
        partners += figure(Charts.worldMap(partners: study.partnersB, country: b, counting: study.counting, scope: study.scope, period: m.period))
        partners += figure(Charts.network(study.network, title: "\(a), \(b) and their partners"))
        partners += tables("pairs", "partners_\(a)", limit: 15) + tables("pairs", "partners_\(b)", limit: 15)
        partners += notes(study.network.notes)
        sections.append(("partners", "Partners and the network of the pair", partners))
        var parameters = "<table>"
        for report in study.reports {
            for parameter in report.parameters {
                parameters += "<tr><td>\(XML.escape(report.command))</td><td>\(XML.escape(parameter.key))</td>\(cell(parameter.value))</tr>"
            }
        }
        parameters += "</table>\n"
        sections.append(("parameters", "Parameters of every figure", parameters))

        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(XML.escape("\(a)–\(b) collaboration, \(period)"))</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            <h1>\(XML.escape("\(a)–\(b) co-authorship, \(period)"))</h1>
            <p class="parameters">Period \(XML.escape(period)) · \(XML.escape(Charts.countingText(study.counting))) · \(study.scope.mergeChinaRegions ? "Taiwan, Hong Kong and Macao counted as China" : "Taiwan, Hong Kong and Macao counted apart") · citations from \(XML.escape(study.scope.citationSource.description)) · author identity: \(XML.escape(m.authorIdentity)) · works with no resolved country in the period: \(m.unplacedWorks). Written by scicollab from its database; every figure is defined in docs/definitions.md.</p>
            <nav><ol>
            """
        for section in sections { out += "<li><a href=\"#\(section.id)\">\(XML.escape(section.title))</a></li>" }
        out += "</ol></nav>\n"
        for section in sections {
            out += "<section id=\"\(section.id)\">\n<h2>\(XML.escape(section.title))</h2>\n\(section.body)</section>\n"
        }
        return out + "</body>\n</html>\n"
    }
}
