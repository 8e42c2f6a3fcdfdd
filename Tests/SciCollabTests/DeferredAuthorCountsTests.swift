import Foundation
import Testing
@testable import SciCollab

/// A bulk load keeps `country_authors` and `country_author_counts` once per flush (`DeferredAuthorCounts`), not
/// row by row: the counts must be those the rows give, also when a later bulk load replaces works, so that
/// authors leave a country while others join it.
struct DeferredAuthorCountsTests {
    /// `count` Scopus records from `first`, each with an abstract long enough that the file is a bulk load.
    /// Alpha is one of 50 authors (`n % 50 + 1`) at `alphaAt`; Beta is one author per work (`betaBase + n`), in
    /// Beijing when `n` is a multiple of 4, in Moscow otherwise.
    static func file(_ name: String, works: ClosedRange<Int>, alphaAt: String, betaBase: Int, abstractRepeats: Int) throws -> String {
        let abstract = String(repeating: "Collaboration between institutions, measured. ", count: abstractRepeats)
        let records = works.map { number -> [String: String] in
            var record = CollaborationTests.record(number, year: 2000 + number % 20, cites: number % 7, authors: [
                ("Alpha A.", "\(number % 50 + 1)", [alphaAt]),
                ("Beta B.", "\(betaBase + number)", number % 4 == 0 ? [CollaborationTests.tsinghua] : [CollaborationTests.moscow]),
            ])
            record["Abstract"] = abstract
            return record
        }
        return try TestSupport.write(TestSupport.scopusCSV(records), name: name)
    }

    /// The kept counts against a recount of `work_author_countries` (definitions §4, Authors(X) over all years).
    static func expectKeptCountsMatchRows(_ database: SQLiteDatabase) throws {
        let recount = """
            SELECT country, author_id, max(name_key), count(*) FROM work_author_countries GROUP BY country, author_id
            """
        let kept = "SELECT country, author_id, name_key, works FROM country_authors"
        #expect(try database.scalar("SELECT count(*) FROM (\(recount) EXCEPT \(kept))").int == 0)
        #expect(try database.scalar("SELECT count(*) FROM (\(kept) EXCEPT \(recount))").int == 0)
        let counts = "SELECT country, authors, name_keyed FROM country_author_counts WHERE authors > 0"
        let countsFromKept = "SELECT country, count(*), sum(name_key) FROM country_authors GROUP BY country"
        #expect(try database.scalar("SELECT count(*) FROM (\(counts) EXCEPT \(countsFromKept))").int == 0)
        #expect(try database.scalar("SELECT count(*) FROM (\(countsFromKept) EXCEPT \(counts))").int == 0)
    }

    @Test("a bulk load, then a bulk load replacing half its works, keep the author counts the rows give")
    func bulkLoadsKeepAuthorCounts() throws {
        let store = try TestSupport.makeStore()
        func authors(_ country: String) throws -> (authors: Int, works: Int) {
            let kept = try store.database.rows("SELECT authors FROM country_author_counts WHERE country = ?", [.text(country)])
            let works = try store.database.scalar("SELECT sum(works) FROM country_authors WHERE country = ?", [.text(country)])
            return (kept.first?[0].int ?? 0, works.int ?? 0)
        }
        let first = try Self.file("first.csv", works: 1...2000, alphaAt: CollaborationTests.moscow, betaBase: 100_000, abstractRepeats: 45)
        let firstReport = try store.importFile(first)
        #expect(firstReport.recordsImported == 2000)
        #expect(firstReport.deferredIndexes.contains("work_author_countries_country"))
        // Russia: the 50 Alphas (40 works each) and the 1,500 Betas of works not divisible by 4; China: 500 Betas.
        #expect(try authors("RU") == (1550, 2000 + 1500))
        #expect(try authors("CN") == (500, 500))
        try Self.expectKeptCountsMatchRows(store.database)

        // Works 1–1,000 again (same EIDs, a newer export): Alpha moves to Beijing, each Beta is a new author.
        let second = try Self.file("second.csv", works: 1...1000, alphaAt: CollaborationTests.tsinghua, betaBase: 200_000, abstractRepeats: 95)
        let secondReport = try store.importFile(second)
        #expect(secondReport.recordsImported == 1000 && secondReport.worksReplaced == 1000)
        #expect(!secondReport.deferredIndexes.isEmpty)
        // Russia: the 50 Alphas keep works 1,001–2,000 (20 each); 750 Betas of works 1–1,000 leave, 750 new ones
        // join. China: the 50 Alphas (20 works each), 250 Betas replaced by 250 others.
        #expect(try authors("RU") == (1550, 1000 + 1500))
        #expect(try authors("CN") == (550, 1000 + 500))
        try Self.expectKeptCountsMatchRows(store.database)
        #expect(try store.database.scalar("PRAGMA integrity_check").string == "ok")
    }
}
