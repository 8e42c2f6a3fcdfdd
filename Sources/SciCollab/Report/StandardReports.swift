import Foundation

/// The reports of the built-in commands: what each figure counts is written beside it.
public enum StandardReports {
    /// `scicollab countries`: per country works (full, fractional), authors, citations per publication.
    public static func countries(_ rows: [CountryRow], scope: AnalysisScope, works: (works: Int, withCountry: Int)) -> Report {
        let ids = rows.contains { $0.authorIdentityOption == .ids }
        let nameKeyed = rows.map(\.nameKeyedAuthors).reduce(0, +)
        let totalAuthors = rows.map(\.authors).reduce(0, +) + (ids ? nameKeyed : 0)
        let identity = nameKeyed == 0 ? "ids" : (nameKeyed == totalAuthors ? "names" : "ids+names")
        let table = ReportTable(
            key: "countries",
            title: "Output by country",
            columns: [
                ReportColumn("country", "Country", kind: .country), ReportColumn("works", "Works (full)"),
                ReportColumn("works_fractional", "Works (fractional)"), ReportColumn("authors", ids ? "Authors (ids)" : "Authors"),
                ReportColumn("citations_per_publication", "Citations/pub"),
                ReportColumn("works_without_citation_count", "No count"),
                ReportColumn("international_works", "International"),
                ReportColumn("international_share", "Intl %", fractionKey: "international_fraction"),
                ReportColumn("works_first_year", "First year"), ReportColumn("works_last_year", "Last year"),
                ReportColumn("growth", "Growth %", kind: .percent), ReportColumn("cagr", "CAGR %", kind: .percent),
                // After the columns of earlier releases, so that CSV columns keep their places.
                ReportColumn("name_keyed_authors", ids ? "Name-keyed (left out)" : "Name-keyed"),
                ReportColumn("name_keyed_share", "Name-keyed %", kind: .share),
            ],
            rows: rows.map { row in
                [.text(row.country), .int(row.works), .real(row.worksFractional, decimals: 2), .int(row.authors),
                 row.citationsPerPublication.map { .real($0, decimals: 2) } ?? .null, .int(row.worksWithoutCitationCount),
                 .int(row.internationalWorks), row.internationalShare.map { .real($0, decimals: 1) } ?? .null,
                 row.growth.map { .int(Int($0.first)) } ?? .null, row.growth.map { .int(Int($0.last)) } ?? .null,
                 row.growth?.percent.map { .real($0, decimals: 1) } ?? .null, row.growth?.cagr.map { .real($0, decimals: 1) } ?? .null,
                 .int(row.nameKeyedAuthors), row.nameKeyedShare.map { .real($0, decimals: 4) } ?? .null]
            },
            notes: [
                "Works (full): works with at least one author affiliated to the country (each counts 1 per country).",
                "Works (fractional): author-level fractional counting, each work shared 1/n per author and split over the author's resolved affiliations (definitions §4).",
                "Authors: distinct authors with an authorship affiliated to the country; author identity: \(identity).",
                ids
                    ? "--author-identity ids: only authors identified by an id are counted; Name-keyed (left out): the country's authors identified by a name key only, and their share of all its authors."
                    : "Name-keyed: the country's authors identified by a name key only (a family name and an initial, such as `wang y`), which may merge distinct people, and their share of its authors; --author-identity ids counts only identified authors (definitions §1).",
                "Citations/pub: citations as exported over the works with a known count; No count: works without one.",
                "International: works of the country with at least two countries (definitions §3); Intl %: their share of the country's works.",
                scope.hasPeriod
                    ? "First year / Last year: works (full) in \(scope.from ?? 0) and \(scope.to ?? 0); Growth % = (last − first) / first; CAGR % = (last / first)^(1/years) − 1; undefined when the first year has none (definitions §5)."
                    : AnalysisScope.growthNote,
            ] + (scope.to.map(scope.isIncomplete) ?? scope.yearsPresent.map { scope.isIncomplete($0.upperBound) } ?? false
                 ? ["\(scope.currentYear) is the current calendar year: its works are incomplete."] : []))
        return Report(
            command: "countries",
            parameters: [
                ("period", scope.periodValue),
                ("counting", .text("full and fractional")),
                ("china_regions", .text(scope.mergeChinaRegions ? "merged into CN" : "separate (TW, HK, MO)")),
                ("merge_china_regions", .bool(scope.mergeChinaRegions)),
                ("works", .int(works.works)),
                ("works_with_country", .int(works.withCountry)),
                ("unplaced_works", .int(works.works - works.withCountry)),
                ("author_identity", .text(identity)),
                ("author_identity_option", .text(ids ? "ids" : "all")),
            ],
            notes: ["Over the \(works.withCountry) of \(works.works) works in the period with at least one resolved country."]
                + nameKeyedWarning(rows.map { ($0.country, $0.nameKeyedShare) }, leftOut: ids)
                + CountryResolver.standard.dissolvedStatesNote(for: rows.map(\.country)),
            tables: [table])
    }

    /// `scicollab summary`: every list that grows with the data (years, document types per group, unresolved
    /// affiliations, imports, diagnostics) holds at most `limit` rows, the rest summed or counted in a note.
    public static func summary(_ summary: DatabaseSummary, limit: Int = 10) -> Report {
        let c = summary.coverage
        let coverage = ReportTable(
            key: "coverage", title: "Coverage",
            columns: [ReportColumn("measure", "Measure"), ReportColumn("count", "Count"), ReportColumn("of", "Of"), ReportColumn("percent", "%", fractionKey: "fraction")],
            rows: [
                [.text("works with a resolved country"), .int(c.worksWithCountry), .int(c.works), .percent(Double(c.worksWithCountry), of: Double(c.works), decimals: 1)],
                [.text("authorships with a resolved country"), .int(c.authorshipsWithCountry), .int(c.authorships), .percent(Double(c.authorshipsWithCountry), of: Double(c.authorships), decimals: 1)],
                [.text("affiliations without a country"), .int(c.unresolvedAffiliations), .int(c.affiliations), .percent(Double(c.unresolvedAffiliations), of: Double(c.affiliations), decimals: 1)],
                [.text("authors identified by name only"), .int(c.nameKeyedAuthors), .int(c.authors), .percent(Double(c.nameKeyedAuthors), of: Double(c.authors), decimals: 1)],
                [.text("works without a citation count"), .int(c.worksWithoutCitationCount), .int(c.works), .percent(Double(c.worksWithoutCitationCount), of: Double(c.works), decimals: 1)],
            ],
            notes: ["A country is resolved when an affiliation linked to the authorship has one (definitions §2)."])
        let resolution = ReportTable(
            key: "resolution_by_source", title: "Affiliations with a country, by source and by where the country came from",
            columns: [ReportColumn("source", "Source"), ReportColumn("affiliations", "Affiliations"), ReportColumn("resolved", "Resolved"),
                      ReportColumn("resolution_rate", "%"), ReportColumn("structured", "Structured"), ReportColumn("address", "Address"),
                      ReportColumn("correspondence", "Correspondence")],
            rows: summary.resolutionBySource.map {
                [.text($0.source), .int($0.affiliations), .int($0.resolved), .percent(Double($0.resolved), of: Double($0.affiliations), decimals: 1),
                 .int($0.structured), .int($0.address), .int($0.correspondence)]
            },
            notes: ["Structured: a code given by the source (OpenAlex country_code); address: read from the affiliation's address; correspondence: read from the corresponding author's address because no affiliation of the work resolved (definitions §2)."])
        let years = worksByYearPivot(summary.worksBySourceAndYear, limit: limit)
        let types = documentTypeTables(summary.documentTypes, limit: limit)
        let unresolved = ReportTable(
            key: "unresolved_affiliations", title: "Most frequent affiliations without a country",
            columns: [ReportColumn("affiliation", "Affiliation"), ReportColumn("count", "Count")],
            rows: summary.topUnresolvedAffiliations.map { [.text($0.label), .int($0.count)] })
        let imports = ReportTable(
            key: "imports", title: "Imports",
            columns: [ReportColumn("path", "File"), ReportColumn("format", "Format"), ReportColumn("started_at", "Started"),
                      ReportColumn("read", "Read"), ReportColumn("imported", "Imported"), ReportColumn("skipped", "Skipped")],
            rows: summary.imports.suffix(limit).map { [.text($0.path), .text($0.format), .text($0.startedAt), .int($0.read), .int($0.imported), .int($0.skipped)] },
            notes: summary.imports.count > limit ? ["The latest \(limit) of \(summary.imports.count) imports (--limit N lists N)."] : [])
        let diagnostics = ReportTable(
            key: "diagnostics", title: "Diagnostics (\(summary.diagnosticCounts.errors) errors, \(summary.diagnosticCounts.warnings) warnings; first listed)",
            columns: [ReportColumn("file", "File"), ReportColumn("line", "Line"), ReportColumn("record_id", "Record"),
                      ReportColumn("severity", "Severity"), ReportColumn("message", "Message")],
            rows: summary.recentDiagnostics.map {
                [.text(($0.file as NSString).lastPathComponent), .count($0.line), $0.recordID.map(ReportValue.text) ?? .null,
                 .text($0.severity.rawValue), .text($0.message)]
            })
        var report = Report(
            command: "summary",
            parameters: [("works", .int(c.works)), ("authorships", .int(c.authorships)), ("authors", .int(c.authors)),
                         ("imports", .int(summary.imports.count))],
            tables: [coverage, resolution, years, types.groups, types.types] + mergeTables(summary.merge) + [unresolved, imports, diagnostics])
        // The long form of works by source and year, every year (the pivot's cells), kept for programs.
        report.jsonMembers.append(("works_by_source_year", .array(summary.worksBySourceAndYear.map {
            .object([("source", .value(.text($0.source))), ("year", .value(.count($0.year))), ("works", .value(.int($0.works)))])
        })))
        report.parameters.append(("source_records", .int(summary.merge.records)))
        report.addMergeParameters(summary.merge)
        return report
    }

    /// `scicollab import`: one row per file.
    public static func imports(_ reports: [ImportReport], failures: [(path: String, message: String)]) -> Report {
        let table = ReportTable(
            key: "files", title: "Imported files",
            columns: [ReportColumn("path", "File"), ReportColumn("format", "Format"), ReportColumn("status", "Status"),
                      ReportColumn("read", "Read"), ReportColumn("imported", "Imported"), ReportColumn("skipped", "Skipped"),
                      ReportColumn("warnings", "Warnings"), ReportColumn("replaced", "Replaced"),
                      ReportColumn("deleted", "Deleted"), ReportColumn("affiliations", "Affiliations"), ReportColumn("unresolved_affiliations", "Unresolved"),
                      ReportColumn("megabytes_per_second", "MB/s"), ReportColumn("placed_by_correspondence", "By correspondence")],
            rows: reports.map { r in
                [.text(r.path), .text(r.format.id), .text(r.alreadyImported ? "already imported \(r.previousImport ?? "")" : r.checkedOnly ? "checked" : "imported"),
                 .int(r.recordsRead), .int(r.recordsImported), .int(r.recordsSkipped), .int(r.warnings), .int(r.worksReplaced),
                 .int(r.recordsDeleted), .int(r.affiliations), .int(r.unresolvedAffiliations),
                 r.alreadyImported || r.seconds <= 0 ? .null : .real(Double(r.sizeBytes) / 1_048_576 / r.seconds, decimals: 1),
                 .int(r.worksPlacedByCorrespondence)]
            } + failures.map { [.text($0.path), .null, .text("failed: \($0.message)"), .null, .null, .null, .null, .null, .null, .null, .null, .null, .null] },
            notes: ["Read = imported + skipped; a skipped record is listed among the diagnostics with its file and line.",
                    "Status checked: read with --dry-run, nothing written; Imported then counts the records that would be imported.",
                    "Replaced: works already stored from another file, replaced by this file's record of them.",
                    "Deleted: records the file withdrew (PubMed DeleteCitation); a stored work with such an id is removed.",
                    "By correspondence: works none of whose affiliations has a country, whose corresponding author was placed by the correspondence address (Scopus Correspondence Address, Web of Science RP; definitions §2)."])
        let diagnostics = ReportTable(
            key: "diagnostics", title: "Diagnostics",
            columns: [ReportColumn("file", "File"), ReportColumn("line", "Line"), ReportColumn("record_id", "Record"),
                      ReportColumn("severity", "Severity"), ReportColumn("message", "Message")],
            rows: reports.flatMap(\.diagnostics).map {
                [.text(($0.file as NSString).lastPathComponent), .count($0.line), $0.recordID.map(ReportValue.text) ?? .null,
                 .text($0.severity.rawValue), .text($0.message)]
            })
        let unresolved = ReportTable(
            key: "unresolved_affiliations", title: "Most frequent affiliations without a country",
            columns: [ReportColumn("path", "File"), ReportColumn("affiliation", "Affiliation"), ReportColumn("count", "Count")],
            rows: reports.flatMap { r in r.topUnresolved.map { [.text(r.path), .text($0.raw), .int($0.count)] } })
        let read = reports.map(\.recordsRead).reduce(0, +)
        let imported = reports.map(\.recordsImported).reduce(0, +)
        let skipped = reports.map(\.recordsSkipped).reduce(0, +)
        let written = reports.filter { !$0.alreadyImported && !$0.checkedOnly }
        return Report(command: "import",
                      parameters: [("files", .int(reports.count + failures.count)), ("read", .int(read)),
                                   ("imported", .int(imported)), ("skipped", .int(skipped)), ("failed_files", .int(failures.count)),
                                   ("works_added", .int(written.map(\.worksAdded).reduce(0, +))),
                                   ("merged", .int(written.map { $0.mergedByDOI + $0.mergedByPMID + $0.mergedByTitle + $0.sameRecordOtherFormat }.reduce(0, +)))],
                      tables: [table, diagnostics, unresolved] + mergeTables(reports))
    }
}
