import Foundation

/// Which source record of a merged work gives which of its values (definitions §9). Fixed and order-independent:
/// the same records give the same work whatever order they were imported in.
///
/// | values | taken from |
/// |---|---|
/// | authorships, affiliations, countries, institutions, organisations | one record: the first with a resolved country, by source `openalex`, `scopus`, `wos`, `pubmed` (others after, by name), then source id |
/// | citations (total, all databases, per year) | one record: the first with a known count by source `openalex`, `scopus`, `wos` (then the others by name), within a source the smallest source id, then the highest count; `--citations-from S` takes S's record by the same rule |
/// | fields | per scheme, the first record (authorship order) that has fields of that scheme |
/// | DOI, PMID, title, year, type, journal, ISSNs, language, source-provided impact | the authorship record, each missing value from the next record that has it |
///
/// OpenAlex comes first for authorships because it gives structured country codes and institution ids per
/// author; Scopus links each author to their own affiliations with author ids but reads countries from
/// address strings; Web of Science links authors to addresses by name; PubMed gives free text and no author
/// ids. A record with no resolved country never wins over one that has one, so a merged work is never less
/// placed than its best record. OpenAlex comes first for citations because its count comes with per-year
/// counts (the 4-year window of definitions §7) and usually with the record the authorships come from; the counts
/// of one record are never mixed with another's, and never summed.
public enum MergePrecedence {
    /// Sources in the order their records give a merged work its authorships.
    public static let authorshipOrder = ["openalex", "scopus", "wos", "pubmed"]
    /// Sources in the order their records give a merged work its citation counts.
    public static let citationOrder = ["openalex", "scopus", "wos"]

    /// The rank of `source` in `order` (sources not listed come after, by name).
    static func rank(_ source: String, in order: [String]) -> (Int, String) {
        (order.firstIndex(of: source) ?? order.count, source)
    }

    /// `records` in authorship order: those with a resolved country first, then by source, then source id; the
    /// same record exported in two formats (same source and id) by the affiliations it places, then its
    /// authorships, then its content (`contentKey`), so that the order never depends on the order of import.
    public static func authorshipRanked(_ records: [Work]) -> [Work] {
        records.sorted { a, b in
            let placedA = a.affiliations.count { $0.country != nil }, placedB = b.affiliations.count { $0.country != nil }
            if (placedA > 0) != (placedB > 0) { return placedA > 0 }
            let rankA = rank(a.source.rawValue, in: authorshipOrder), rankB = rank(b.source.rawValue, in: authorshipOrder)
            if rankA != rankB { return rankA < rankB }
            if a.sourceID != b.sourceID { return a.sourceID.utf8.lexicographicallyPrecedes(b.sourceID.utf8) }
            if placedA != placedB { return placedA > placedB }
            if a.authorships.count != b.authorships.count { return a.authorships.count > b.authorships.count }
            return contentKey(a).utf8.lexicographicallyPrecedes(contentKey(b).utf8)
        }
    }

    /// The record as JSON with sorted keys: a fixed order for two records that agree on everything ranked before.
    static func contentKey(_ work: Work) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(work)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// The record whose citation counts a merged work takes: the first with a known count by source in
    /// `citationOrder` (the other sources after, by name), and within a source the smallest source id, then the
    /// highest count (`CitationSource.recordOrder`, the rule `--citations-from` applies in SQL); nil when no record
    /// has a count.
    public static func citationRecord(_ records: [Work]) -> Work? {
        records.filter { $0.citations != nil }.min { a, b in
            let rankA = rank(a.source.rawValue, in: citationOrder), rankB = rank(b.source.rawValue, in: citationOrder)
            if rankA != rankB { return rankA < rankB }
            if a.sourceID != b.sourceID { return a.sourceID.utf8.lexicographicallyPrecedes(b.sourceID.utf8) }
            if a.citations != b.citations { return (a.citations ?? 0) > (b.citations ?? 0) }
            return contentKey(a).utf8.lexicographicallyPrecedes(contentKey(b).utf8)
        }
    }

    /// The one work the records of a paper form, by the table above. One record gives itself.
    public static func compose(_ records: [Work]) -> Work? {
        let ranked = authorshipRanked(records)
        guard var work = ranked.first else { return nil }
        guard ranked.count > 1 else { return work }
        for other in ranked.dropFirst() {
            work.doi = work.doi ?? other.doi
            work.pmid = work.pmid ?? other.pmid
            work.title = work.title ?? other.title
            work.year = work.year ?? other.year
            work.documentType = work.documentType ?? other.documentType
            work.sourceTitle = work.sourceTitle ?? other.sourceTitle
            work.issn = work.issn ?? other.issn
            work.eissn = work.eissn ?? other.eissn
            work.issnL = work.issnL ?? other.issnL
            work.language = work.language ?? other.language
            work.sourceFWCI = work.sourceFWCI ?? other.sourceFWCI
            work.sourcePercentile = work.sourcePercentile ?? other.sourcePercentile
        }
        let cited = citationRecord(records)
        work.citations = cited?.citations
        work.citationsAllDatabases = cited?.citationsAllDatabases
        work.citationsByYear = cited?.citationsByYear ?? [:]
        var fields: [FieldAssignment] = []
        var schemes: Set<String> = []
        for record in ranked {
            let own = Set(record.fields.map(\.scheme))
            fields += record.fields.filter { !schemes.contains($0.scheme) && !fields.contains($0) }
            schemes.formUnion(own)
        }
        work.fields = fields
        return work
    }
}
