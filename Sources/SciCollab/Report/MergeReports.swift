import Foundation

extension Report {
    /// Adds what every figure states about how its works were formed (definitions §9): whether the imports merged
    /// records of the same paper, and which record's citation count a merged work carries.
    public mutating func addMergeParameters(_ summary: MergeSummary, citationSource: CitationSource = .precedence) {
        parameters.append(("merging", .text(summary.parameterText)))
        parameters.append(("citations_from", .text(citationSource.parameterText)))
        parameters.append(("citation_source", .text(citationSource.description)))
    }
}

extension StandardReports {
    /// The note of a figure whose citations come from one source: the works left out of its citation figures.
    public static func citationSourceNote(_ coverage: CitationCoverage, citationSource: CitationSource) -> String {
        "Citations from \(citationSource) (--citations-from, definitions §9): \(coverage.withoutCount) of the \(coverage.works) works of the period "
            + "have no \(citationSource) count (\(coverage.withoutRecord) hold no record of \(citationSource)) and are left out of citations per "
            + "publication and impact; works with a count: \(coverage.works - coverage.withoutCount)."
    }

    /// The tables `summary` adds: works by number of sources and the overlap between sources.
    public static func mergeTables(_ summary: MergeSummary) -> [ReportTable] {
        let bySources = ReportTable(
            key: "works_by_source_count", title: "Works by number of sources (merging: \(summary.merging))",
            columns: [ReportColumn("sources", "Sources"), ReportColumn("works", "Works")],
            rows: summary.worksBySourceCount.map { [.int($0.sources), .int($0.works)] },
            notes: ["A work holds every source record of its paper (definitions §9): \(summary.records) records in \(summary.works) works."])
        let overlap = ReportTable(
            key: "source_overlap", title: "Works shared by two sources",
            columns: [ReportColumn("source_a", "Source"), ReportColumn("source_b", "Source"), ReportColumn("works", "Works")],
            rows: summary.overlap.map { [.text($0.a), .text($0.b), .int($0.works)] },
            notes: ["A row of one source with itself counts the works that hold a record of it."])
        return [bySources, overlap]
    }

    /// The records each file merged into stored works, by key, and the same-source look-alikes it met.
    public static func mergeTables(_ reports: [ImportReport]) -> [ReportTable] {
        let merged = ReportTable(
            key: "merges", title: "Records merged into stored works (definitions §9)",
            columns: [ReportColumn("path", "File"), ReportColumn("merging", "Merging"), ReportColumn("works_added", "Works added"),
                      ReportColumn("merged_by_doi", "By DOI"), ReportColumn("merged_by_pmid", "By PMID"),
                      ReportColumn("merged_by_title", "By title"), ReportColumn("same_record_other_format", "Same record"),
                      ReportColumn("same_source_look_alikes", "Look-alikes"), ReportColumn("key_conflicts", "Key conflicts")],
            rows: reports.filter { !$0.alreadyImported && !$0.checkedOnly }.map { r in
                [.text(r.path), .text(r.merging ? "on" : "off"), .int(r.worksAdded), .int(r.mergedByDOI), .int(r.mergedByPMID),
                 .int(r.mergedByTitle), .int(r.sameRecordOtherFormat), .int(r.sameSourceLookAlikes),
                 .int(r.keyConflicts)]
            },
            notes: ["A record joins the work it shares a normalised DOI with, else a PMID, else the folded title, year and first author's family name.",
                    "Same record: a record of the same source and id already stored from an export of another format (RIS and BibTeX of one Scopus EID): both kept, as two source records of one work; a newer export of the same format replaces the record.",
                    "Look-alikes: records with the title key of another record of the same source and another id; never merged on the title, both kept.",
                    "Key conflicts: records whose PMID is that of a stored work with another DOI; two papers, kept apart (each a warning with its line)."])
        let lookAlikes = ReportTable(
            key: "look_alikes", title: "Same-source look-alikes (kept apart)",
            columns: [ReportColumn("path", "File"), ReportColumn("line", "Line"), ReportColumn("source", "Source"),
                      ReportColumn("source_id", "Record"), ReportColumn("other_source_id", "Looks like")],
            rows: reports.flatMap { r in
                r.lookAlikes.map { [.text(r.path), .int($0.line), .text($0.source), .text($0.sourceID), .text($0.otherSourceID)] }
            })
        return [merged, lookAlikes]
    }

    /// `scicollab explain work`: the source records behind a work.
    public static func sourceRecords(_ records: [SourceRecordRow], work: Int64) -> ReportTable {
        ReportTable(
            key: "source_records", title: "Source records of work \(work)",
            columns: [ReportColumn("source", "Source"), ReportColumn("source_id", "Source id"), ReportColumn("file", "File"),
                      ReportColumn("line", "Line"), ReportColumn("doi", "DOI"), ReportColumn("pmid", "PMID"),
                      ReportColumn("merged_by", "Merged by"), ReportColumn("citations", "Citations"),
                      ReportColumn("authorships", "Authorships"), ReportColumn("countries", "Countries"),
                      ReportColumn("gives_authorships", "Gives authorships"), ReportColumn("gives_citations", "Gives citations")],
            rows: records.map {
                [.text($0.source), .text($0.sourceID), .text($0.file), .int($0.line), $0.doi.map(ReportValue.text) ?? .null,
                 $0.pmid.map(ReportValue.text) ?? .null, $0.mergedBy.map(ReportValue.text) ?? .null, .count($0.citations),
                 .count($0.authorships), .text($0.countries.joined(separator: " ")), .text($0.givesAuthorships ? "yes" : "no"),
                 .text($0.givesCitations ? "yes" : "no")]
            },
            notes: ["Merged by: the key on which the record joined the work (none: it founded the work; source_id: the same record read from an export of another format).",
                    "The work's authorships, affiliations and countries are those of one record, its citation count that of one record (definitions §9; the precedence is in docs/definitions.md)."])
    }
}
