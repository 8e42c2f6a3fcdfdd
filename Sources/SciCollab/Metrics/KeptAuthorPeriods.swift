/// Authors(X) over any period from sums (`country_author_periods`, `Schemas/018_kept_totals.sql`): one pass over
/// work_author_countries in the order of its country index (country, author), the rows written after the reading.
extension Store {
    /// Fills `country_author_periods` from work_author_countries read once in index order (country, author): per
    /// author, the distinct years of their dated works in the country, each counted under the year before it.
    /// - Complexity: O(rows of work_author_countries); memory O(countries × years²).
    func fillAuthorPeriods() throws {
        struct Key: Hashable {
            var year: Int
            var previous: Int?
        }
        var rows: [(country: String, key: Key, authors: Int, nameKeyed: Int)] = []
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
            var counts: [Key: (authors: Int, nameKeyed: Int)] = [:]
            var author: Int64?
            var years: [Int] = []
            var nameKey = 0
            func close() {
                guard author != nil else { return }
                years.sort()
                var previous: Int?
                for year in years where year != previous {
                    let count = counts[Key(year: year, previous: previous), default: (0, 0)]
                    counts[Key(year: year, previous: previous)] = (count.authors + 1, count.nameKeyed + nameKey)
                    previous = year
                }
            }
            try read.bind([.text(country)])
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
            for (key, count) in counts { rows.append((country, key, count.authors, count.nameKeyed)) }
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
}
