/// What `import-sources` did.
public struct SourceListReport: Sendable, Equatable {
    /// Sources read from the list, and those with at least one known ASJC code.
    public var sourcesRead = 0
    public var sourcesWithCodes = 0
    /// Scopus works in the database, and those that have ASJC codes after the import.
    public var scopusWorks = 0
    public var scopusWorksWithCodes = 0
    /// Rows that could not be read.
    public var diagnostics: [Diagnostic] = []
}

extension Store {
    /// Loads a Scopus source list (CSV: a title column and/or ISSN and eISSN columns, and an ASJC column with
    /// codes such as `2210; 2211; 3104;`) and gives every Scopus work its sources' ASJC codes, matched by
    /// ISSN, then eISSN, then folded title (definitions §8). Works imported later are matched as they arrive.
    public func importSourceList(_ path: String) throws -> SourceListReport {
        let reader = try CSVReader(path: path)
        var report = SourceListReport()
        guard let header = try reader.next() else { return report }
        let names = (0..<header.fieldCount).map { TextFolding.fold(reader.string($0)) }
        let title = names.firstIndex { $0.hasPrefix("source title") || $0 == "title" }
        let issn = names.firstIndex { $0 == "issn" || $0 == "print issn" }
        let eissn = names.firstIndex { $0 == "eissn" || $0 == "e issn" }
        guard let codes = names.firstIndex(where: { $0.contains("asjc") }), title != nil || issn != nil || eissn != nil else {
            throw ImportError.missingColumns(path: path, format: "Scopus source list", columns: ["Source Title or ISSN", "ASJC codes"])
        }
        try database.transaction {
            let upsert = try database.prepare("INSERT INTO source_asjc (key, codes) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET codes = excluded.codes")
            // A source named on several rows (by title or ISSN) gets the union of their codes, in first-seen order.
            var keyedCodes: [String: [String]] = [:]
            var keyOrder: [String] = []
            func add(_ key: String, _ list: [String]) {
                if keyedCodes[key] == nil { keyOrder.append(key) }
                for code in list where !(keyedCodes[key]?.contains(code) ?? false) { keyedCodes[key, default: []].append(code) }
            }
            while let record = try reader.next() {
                report.sourcesRead += 1
                guard record.malformation == nil, record.fieldCount > codes else {
                    report.diagnostics.append(Diagnostic(file: path, line: record.line, recordID: nil, severity: .error,
                                                         message: record.malformation ?? "expected \(header.fieldCount) fields, found \(record.fieldCount)"))
                    reader.resynchronize()
                    continue
                }
                let list = reader.string(codes).split(whereSeparator: { $0 == ";" || $0 == "," || $0 == " " })
                    .map { $0.trimmedString }.filter { ASJC.standard.codes[$0] != nil }
                guard !list.isEmpty else { continue }
                report.sourcesWithCodes += 1
                for column in [issn, eissn].compactMap({ $0 }) where column < record.fieldCount {
                    if let number = Identifiers.normalizedISSN(reader.string(column)) { add("issn:" + number, list) }
                }
                if let title, title < record.fieldCount {
                    let key = TextFolding.fold(reader.string(title))
                    if !key.isEmpty { add("title:" + key, list) }
                }
            }
            for key in keyOrder { try upsert.run([.text(key), .text(keyedCodes[key]!.joined(separator: " "))]) }
            try assignSourceFields(workFilter: "1 = 1")
            try markDataChanged()
        }
        report.scopusWorks = try database.scalar("SELECT count(*) FROM works WHERE source = 'scopus'").int ?? 0
        report.scopusWorksWithCodes = try database.scalar("""
            SELECT count(DISTINCT wf.work_id) FROM work_fields wf JOIN fields f ON f.id = wf.field_id JOIN works w ON w.id = wf.work_id
            WHERE f.scheme = 'asjc' AND w.source = 'scopus'
            """).int ?? 0
        return report
    }

    /// Gives the Scopus works that match `workFilter` (SQL on `works w`) and have no ASJC code yet the codes
    /// of their source.
    func assignSourceFields(workFilter: String) throws {
        guard (try database.scalar("SELECT count(*) FROM source_asjc").int ?? 0) > 0 else { return }
        let lookup = try database.prepare("SELECT codes FROM source_asjc WHERE key = ?")
        let findField = try database.prepare("SELECT id FROM fields WHERE scheme = ? AND code = ?")
        let insertField = try database.prepare("INSERT INTO fields (scheme, code, name) VALUES (?, ?, ?)")
        let link = try database.prepare("INSERT OR IGNORE INTO work_fields (work_id, field_id) VALUES (?, ?)")
        var fieldIDs: [String: Int64] = [:]
        let works = try database.rows("""
            SELECT w.id, w.issn, w.eissn, w.source_title FROM works w
            WHERE w.source = 'scopus' AND \(workFilter) AND NOT EXISTS (
                SELECT 1 FROM work_fields wf JOIN fields f ON f.id = wf.field_id WHERE wf.work_id = w.id AND f.scheme = 'asjc')
            """)
        for work in works {
            var keys: [String] = []
            if let issn = work[1].string { keys.append("issn:" + issn) }
            if let eissn = work[2].string { keys.append("issn:" + eissn) }
            if let title = work[3].string { keys.append("title:" + TextFolding.fold(title)) }
            guard let codes = try keys.lazy.compactMap({ try lookup.runReturningText([.text($0)]) }).first else { continue }
            for field in ASJC.standard.fields(for: codes.split(separator: " ").map(String.init)) {
                let key = field.scheme + " " + field.code
                if fieldIDs[key] == nil {
                    if let id = try findField.runReturningInteger([.text(field.scheme), .text(field.code)]) {
                        fieldIDs[key] = id
                    } else {
                        try insertField.run([.text(field.scheme), .text(field.code), field.name.map { .text($0) } ?? .null])
                        fieldIDs[key] = database.lastInsertedRowID
                    }
                }
                try link.run([work[0], .integer(fieldIDs[key]!)])
            }
        }
    }
}
