import Foundation

/// World Bank World Development Indicators downloads (definitions §11).
///
/// `API_<indicator>_DS2_en_csv_v2_<n>.csv`: a UTF-8 BOM, a preamble (`"Data Source","World Development
/// Indicators",` and `"Last Updated Date","2026-02-24",`), a header `Country Name, Country Code, Indicator Name,
/// Indicator Code, 1960, …` and one row per country or aggregate, each line ending with a comma, an empty
/// string for a missing value. `Metadata_Country_…csv` gives each code's region and income group; an empty
/// region marks an aggregate.
public enum WorldBankFile: Sendable {
    /// An indicator's values.
    case data
    /// The companion list of countries and aggregates.
    case countryMetadata

    public var format: ImportFormat {
        switch self {
        case .data: return ImportFormat(id: "worldbank-wdi", name: "World Bank WDI CSV")
        case .countryMetadata: return ImportFormat(id: "worldbank-metadata", name: "World Bank WDI country metadata")
        }
    }

    /// The kind of World Bank file at `path`, or nil when it is none.
    public static func kind(ofFileAt path: String) throws -> WorldBankFile? {
        let first = try ChunkedFileReader.prefix(ofFileAt: path, count: 4096).firstLineText
        if first.hasPrefix("\"Data Source\",\"World Development Indicators\"") { return .data }
        if first.hasPrefix("\"Country Code\",\"Region\",\"IncomeGroup\"") { return .countryMetadata }
        return nil
    }

    /// Whether `code` is a World Bank area code: three capital letters (`RUS`, `WLD`, `OED`).
    static func isCode3(_ code: String) -> Bool {
        code.utf8.count == 3 && code.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
    }

    /// ISO 3166-1 alpha-3 → alpha-2 (`Schemas/iso3166_alpha3.tsv`).
    public static let alpha2: [String: String] = {
        var table: [String: String] = [:]
        for line in (EmbeddedResources.files["iso3166_alpha3.tsv"] ?? "").split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t")
            if parts.count == 2 { table[String(parts[0])] = String(parts[1]) }
        }
        return table
    }()
}

/// What a World Bank file's import did.
struct WorldBankImportCounts {
    /// Rows read (areas), rows imported.
    var read = 0
    var imported = 0
    /// Values that differ from those stored before (added, changed or removed).
    var changed = 0
    var diagnostics: [Diagnostic] = []
}

extension Store {
    func importWorldBank(_ path: String, kind: WorldBankFile, importID: Int64) throws -> WorldBankImportCounts {
        switch kind {
        case .data: return try importIndicatorValues(path, importID: importID)
        case .countryMetadata: return try importCountryMetadata(path)
        }
    }

    private func importIndicatorValues(_ path: String, importID: Int64) throws -> WorldBankImportCounts {
        let reader = try CSVReader(path: path)
        var counts = WorldBankImportCounts()
        var lastUpdated: String?
        var header: [String] = []
        // The preamble, then the header row.
        while let record = try reader.next() {
            let first = reader.string(0).trimmedString
            if first == "Last Updated Date", record.fieldCount > 1 { lastUpdated = reader.string(1).trimmedString }
            if first == "Country Name" {
                header = (0..<record.fieldCount).map { reader.string($0).trimmedString }
                break
            }
        }
        guard header.count >= 5, header[1] == "Country Code", header[3] == "Indicator Code" else {
            throw ImportError.missingColumns(path: path, format: WorldBankFile.data.format.name,
                                             columns: ["Country Name", "Country Code", "Indicator Name", "Indicator Code"])
        }
        let years = header.enumerated().compactMap { index, text -> (Int, Int)? in
            guard index >= 4, let year = Int(text), (1000...2999).contains(year) else { return nil }
            return (index, year)
        }
        var indicator: (code: String, name: String)?
        var values: [String: [Int: Double]] = [:]
        var names: [String: String] = [:]
        while let record = try reader.next() {
            counts.read += 1
            guard record.malformation == nil, record.fieldCount >= 4 else {
                counts.diagnostics.append(Diagnostic(file: path, line: record.line, recordID: nil, severity: .error,
                                                     message: record.malformation ?? "expected \(header.count) fields, found \(record.fieldCount)"))
                reader.resynchronize()
                continue
            }
            let code3 = reader.string(1).trimmedString
            let code = reader.string(3).trimmedString
            guard WorldBankFile.isCode3(code3), !code.isEmpty, !code.utf8.contains(0) else {
                counts.diagnostics.append(Diagnostic(file: path, line: record.line, recordID: code3, severity: .error,
                                                     message: "no three-letter country code or indicator code"))
                continue
            }
            if let known = indicator, known.code != code {
                counts.diagnostics.append(Diagnostic(file: path, line: record.line, recordID: code3, severity: .error,
                                                     message: "indicator \(code) in a file of \(known.code); row skipped"))
                continue
            }
            indicator = indicator ?? (code, reader.string(2).trimmedString)
            names[code3] = reader.string(0).trimmedString
            var series: [Int: Double] = [:]
            for (index, year) in years where index < record.fieldCount {
                let text = reader.string(index).trimmedString
                if text.isEmpty { continue }
                if let value = Double(text), value.isFinite {
                    series[year] = value
                } else {
                    counts.diagnostics.append(Diagnostic(file: path, line: record.line, recordID: code3, severity: .warning,
                                                         message: "\(year): \"\(text)\" is not a number or not finite; left out"))
                }
            }
            values[code3] = series
            counts.imported += 1
        }
        guard let indicator else { return counts }
        // What the stored download of this indicator held, to count the changes.
        var previous: [String: Double] = [:]
        for row in try database.rows("SELECT code3, year, value FROM indicator_values WHERE indicator = ?", [.text(indicator.code)]) {
            previous["\(row[0].string ?? "") \(row[1].int ?? 0)"] = row[2].double
        }
        try database.prepare("DELETE FROM indicator_values WHERE indicator = ?").run([.text(indicator.code)])
        try database.prepare("""
            INSERT INTO indicators (code, name, last_updated, import_id) VALUES (?, ?, ?, ?)
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, last_updated = excluded.last_updated, import_id = excluded.import_id
            """).run([.text(indicator.code), .text(indicator.name), lastUpdated.map { .text($0) } ?? .null, .integer(importID)])
        let insertArea = try database.prepare("""
            INSERT INTO indicator_areas (code3, country, name, is_aggregate) VALUES (?, ?, ?, ?)
            ON CONFLICT (code3) DO NOTHING
            """)
        let insertValue = try database.prepare("INSERT INTO indicator_values (indicator, code3, year, value) VALUES (?, ?, ?, ?)")
        var seen = 0
        for (code3, series) in values {
            let alpha2 = WorldBankFile.alpha2[code3]
            try insertArea.run([.text(code3), alpha2.map { .text($0) } ?? .null, .text(names[code3] ?? code3), .integer(alpha2 == nil ? 1 : 0)])
            for (year, value) in series {
                try insertValue.run([.text(indicator.code), .text(code3), .integer(Int64(year)), .real(value)])
                let key = "\(code3) \(year)"
                if let old = previous[key] {
                    seen += 1
                    if old != value { counts.changed += 1 }
                } else {
                    counts.changed += 1
                }
            }
        }
        counts.changed += previous.count - seen  // values the newer download no longer has
        if previous.isEmpty { counts.changed = 0 }  // a first download changes nothing
        return counts
    }

    private func importCountryMetadata(_ path: String) throws -> WorldBankImportCounts {
        let reader = try CSVReader(path: path)
        var counts = WorldBankImportCounts()
        guard let header = try reader.next() else { return counts }
        let names = (0..<header.fieldCount).map { reader.string($0).trimmedString }
        guard let code = names.firstIndex(of: "Country Code"), let region = names.firstIndex(of: "Region"),
              let income = names.firstIndex(of: "IncomeGroup") else {
            throw ImportError.missingColumns(path: path, format: WorldBankFile.countryMetadata.format.name,
                                             columns: ["Country Code", "Region", "IncomeGroup"])
        }
        let table = names.firstIndex(of: "TableName")
        let upsert = try database.prepare("""
            INSERT INTO indicator_areas (code3, country, name, region, income_group, is_aggregate) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (code3) DO UPDATE SET region = excluded.region, income_group = excluded.income_group,
                is_aggregate = excluded.is_aggregate, country = excluded.country,
                name = CASE WHEN indicator_areas.name = indicator_areas.code3 THEN excluded.name ELSE indicator_areas.name END
            """)
        while let record = try reader.next() {
            counts.read += 1
            guard record.malformation == nil, record.fieldCount > max(code, region, income) else {
                counts.diagnostics.append(Diagnostic(file: path, line: record.line, recordID: nil, severity: .error,
                                                     message: record.malformation ?? "expected \(names.count) fields, found \(record.fieldCount)"))
                reader.resynchronize()
                continue
            }
            let code3 = reader.string(code).trimmedString
            guard WorldBankFile.isCode3(code3) else {
                counts.diagnostics.append(Diagnostic(file: path, line: record.line, recordID: nil, severity: .error,
                                                     message: "no three-letter country code; row skipped"))
                continue
            }
            let regionText = reader.string(region).trimmedString
            let aggregate = regionText.isEmpty
            let alpha2 = aggregate ? nil : WorldBankFile.alpha2[code3]
            let name = table.map { reader.string($0).trimmedString } ?? code3
            try upsert.run([.text(code3), alpha2.map { .text($0) } ?? .null, .text(name.isEmpty ? code3 : name),
                            aggregate ? .null : .text(regionText), reader.string(income).trimmedString.isEmpty ? .null : .text(reader.string(income).trimmedString),
                            .integer(aggregate ? 1 : 0)])
            counts.imported += 1
        }
        return counts
    }
}
