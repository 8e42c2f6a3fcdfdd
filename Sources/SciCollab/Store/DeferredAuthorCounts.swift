/// The kept author counts of a bulk load on SQLite (`country_authors`, `country_author_counts`,
/// `Schemas/006_country_authors.sql`), added in a few set-based statements instead of a row at a time.
///
/// The writer notes each work whose `work_author_countries` rows it wrote; `flush()` reads those rows in work
/// order, groups them by country and author, and adds them to the kept counts: an author new to a country is
/// counted once, a known one gets the works added. The writer flushes before a work is removed (whose trigger
/// takes its rows off the kept counts) and at the end of the file, so the counts are those the row-at-a-time
/// path keeps. One upsert per (country, author) at random places in `country_authors` becomes a sorted merge:
/// about a tenth of a 1 GB import's store time (`Benchmarks/README.md`).
final class DeferredAuthorCounts {
    private let database: SQLiteDatabase
    private var works: [Int64] = []
    private let noteWork, groupRows, countNewAuthors, addAuthors, clearWorks, clearAuthors: PreparedStatement

    init(database: SQLiteDatabase) throws {
        self.database = database
        try database.execute("CREATE TEMP TABLE IF NOT EXISTS pending_author_country_works (work_id INTEGER PRIMARY KEY)")
        try database.execute("""
            CREATE TEMP TABLE IF NOT EXISTS pending_country_authors (
                country TEXT NOT NULL, author_id INTEGER NOT NULL, name_key INTEGER NOT NULL, works INTEGER NOT NULL,
                PRIMARY KEY (country, author_id)) WITHOUT ROWID
            """)
        noteWork = try database.prepare("INSERT OR IGNORE INTO temp.pending_author_country_works (work_id) VALUES (?)")
        // An author's name-key flag is the same on every row (a property of the author).
        groupRows = try database.prepare("""
            INSERT INTO temp.pending_country_authors (country, author_id, name_key, works)
            SELECT r.country, r.author_id, max(r.name_key), count(*)
            FROM temp.pending_author_country_works p JOIN work_author_countries r ON r.work_id = p.work_id
            GROUP BY r.country, r.author_id
            """)
        countNewAuthors = try database.prepare("""
            INSERT INTO country_author_counts (country, authors, name_keyed)
            SELECT a.country, count(*), sum(a.name_key) FROM temp.pending_country_authors a
            WHERE NOT EXISTS (SELECT 1 FROM country_authors c WHERE c.country = a.country AND c.author_id = a.author_id)
            GROUP BY a.country
            ON CONFLICT (country) DO UPDATE SET authors = country_author_counts.authors + excluded.authors,
                name_keyed = country_author_counts.name_keyed + excluded.name_keyed
            """)
        addAuthors = try database.prepare("""
            INSERT INTO country_authors (country, author_id, name_key, works)
            SELECT country, author_id, name_key, works FROM temp.pending_country_authors WHERE true
            ON CONFLICT (country, author_id) DO UPDATE SET works = country_authors.works + excluded.works
            """)
        clearWorks = try database.prepare("DELETE FROM temp.pending_author_country_works")
        clearAuthors = try database.prepare("DELETE FROM temp.pending_country_authors")
        try clearWorks.execute()
        try clearAuthors.execute()
    }

    /// Notes a work whose `work_author_countries` rows were just written.
    func note(_ workID: Int64) {
        works.append(workID)
    }

    /// Adds the rows of the noted works to the kept author counts.
    func flush() throws {
        guard !works.isEmpty else { return }
        works.sort()
        for workID in works {
            try noteWork.bind(workID, at: 1)
            try noteWork.execute()
        }
        works.removeAll(keepingCapacity: true)
        try groupRows.execute()
        try countNewAuthors.execute()
        try addAuthors.execute()
        try clearWorks.execute()
        try clearAuthors.execute()
    }
}
