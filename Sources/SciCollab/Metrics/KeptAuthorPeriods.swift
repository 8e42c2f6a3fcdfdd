/// Authors(X) over any period from sums (`country_author_periods`, `Schemas/018_kept_totals.sql`): one pass over
/// work_author_countries in the order of its country index (country, author), the rows written after the reading.
extension Store {
    /// Fills `country_author_periods` from work_author_countries read once in index order (country, author): per
    /// author, the distinct years of their dated works in the country, each counted under the year before it.
    /// - Complexity: O(rows of work_author_countries); memory O(countries × years²).
    func fillAuthorPeriods() throws {
        var rows: [(country: String, key: AuthorPeriodKey, authors: Int, nameKeyed: Int)] = []
        let next = try database.prepare("SELECT min(country) FROM work_author_countries WHERE country > ?")
        let read = try database.prepare("""
            SELECT author_id, year, name_key FROM work_author_countries WHERE country = ? AND year IS NOT NULL ORDER BY author_id
            """)
        var country = ""
        while true {
            try next.bind([.text(country)])
            guard try next.step(), let found = next.value(at: 0).string else { break }
            next.reset()
            country = found
            try read.bind([.text(country)])
            for (key, count) in try Self.authorPeriodCounts(read) { rows.append((country, key, count.authors, count.nameKeyed)) }
        }
        next.reset()
        try database.execute("DELETE FROM country_author_periods")
        let insert = try database.prepare("""
            INSERT INTO country_author_periods (country, year, previous_year, authors, name_keyed) VALUES (?, ?, ?, ?, ?)
            """)
        for row in rows {
            try insert.run([.text(row.country), .integer(Int64(row.key.year)), row.key.previous.map { .integer(Int64($0)) } ?? .null,
                            .integer(Int64(row.authors)), .integer(Int64(row.nameKeyed))])
        }
    }

    /// A year of an author's and the year of their previous work, in `country_author_periods` and `group_author_periods`.
    struct AuthorPeriodKey: Hashable {
        var year: Int
        var previous: Int?
    }

    /// The authors per (year, previous year) of `read`, a bound statement giving (author_id, year, name_key) rows of
    /// dated works in author order: per author, the distinct years, each counted under the year before it. Resets it.
    static func authorPeriodCounts(_ read: PreparedStatement) throws -> [AuthorPeriodKey: (authors: Int, nameKeyed: Int)] {
        var counts: [AuthorPeriodKey: (authors: Int, nameKeyed: Int)] = [:]
        var author: Int64?
        var years: [Int] = []
        var nameKey = 0
        func close() {
            guard author != nil else { return }
            years.sort()
            var previous: Int?
            for year in years where year != previous {
                let count = counts[AuthorPeriodKey(year: year, previous: previous), default: (0, 0)]
                counts[AuthorPeriodKey(year: year, previous: previous)] = (count.authors + 1, count.nameKeyed + nameKey)
                previous = year
            }
        }
        while try read.step() {
            guard case .integer(let id) = read.value(at: 0), let year = read.value(at: 1).int else { continue }
            if id != author {
                close()
                author = id
                years.removeAll(keepingCapacity: true)
                nameKey = 0
            }
            years.append(year)
            nameKey = max(nameKey, read.value(at: 2).int ?? 0)
        }
        close()
        read.reset()
        return counts
    }

    /// Authors(G) of a group or dated member `code` over `scope`'s period, and those identified by name only, from the
    /// counts kept per group definition (`group_author_periods`), counted now from the members' author rows in author
    /// order when they are missing. Nil without a period, without kept group rows, or when they cannot be kept.
    func keptGroupAuthors(_ code: String, sources: DerivedSources, scope: AnalysisScope) throws -> (authors: Int, nameKeyed: Int)? {
        guard let group = sources.keptGroupID, let streams = sources.groupAuthorStreams[code], !streams.isEmpty, database.isAutocommit,
              let sql = Self.keptAuthorPeriodSQL(scope, country: true, table: "group_author_periods", key: "group_id = \(group) AND") else {
            return nil
        }
        let key: [SQLValue] = [.integer(Int64(group)), .text(code)]
        let kept = try keptSet { _ in
            try database.scalar("SELECT count(*) FROM group_author_periods WHERE group_id = ? AND country = ?", key).int ?? 0 > 0
        } fill: { _ in
            let read = try database.prepare(streams.map { "SELECT author_id, year, name_key \($0) AND year IS NOT NULL" }
                .joined(separator: " UNION ALL ") + " ORDER BY author_id")
            let insert = try database.prepare("""
                INSERT INTO group_author_periods (group_id, country, year, previous_year, authors, name_keyed) VALUES (?, ?, ?, ?, ?, ?)
                """)
            for (period, count) in try Self.authorPeriodCounts(read) {
                try insert.run(key + [.integer(Int64(period.year)), period.previous.map { .integer(Int64($0)) } ?? .null,
                                      .integer(Int64(count.authors)), .integer(Int64(count.nameKeyed))])
            }
        }
        guard kept else { return nil }
        let row = try database.rows(sql, [.text(code)]).first
        return (row?[1].int ?? 0, row?[2].int ?? 0)
    }
}
