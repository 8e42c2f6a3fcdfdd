import Foundation
import Testing
@testable import SciCollab

/// The lead institutions of a work (definitions §6): the institutions of the lead author, who is the lead author of
/// countries (the first corresponding author in byline order with a resolved affiliation, else the first author).
struct InstitutionLeadTests {
    static let institutions = AnalysisScope(level: .institution)

    /// One OpenAlex authorship: author `n` at the institutions `(id, country)`.
    static func authorship(_ n: Int, _ places: [(Int, String)], corresponding: Bool) -> String {
        let institutions = places.map { #"{"id":"https://openalex.org/I\#($0.0)","country_code":"\#($0.1)"}"# }.joined(separator: ",")
        return #"{"author":{"id":"https://openalex.org/A\#(n)"},"institutions":[\#(institutions)],"countries":[],"is_corresponding":\#(corresponding)}"#
    }

    static func work(_ n: Int, year: Int, _ authorships: [String]) -> String {
        #"{"id":"https://openalex.org/W\#(n)","publication_year":\#(year),"type":"article","cited_by_count":1,"authorships":["#
            + authorships.joined(separator: ",") + "]}"
    }

    /// W1: I1 (RU), I2 (CN, corresponding), I3 (DE, corresponding): I2 leads alone (the first corresponding author).
    /// W2: none flagged; the first author at I4 and I5 (US), the second at I2: I4 and I5 lead.
    /// W3: I1 (RU), then a corresponding author at I3 (DE) and I4 (US), then a corresponding author at I2 (CN): I3 and I4 lead.
    static func store() throws -> Store {
        let store = try TestSupport.makeStore()
        let lines = [
            work(1, year: 2020, [authorship(1, [(1, "RU")], corresponding: false), authorship(2, [(2, "CN")], corresponding: true),
                                 authorship(3, [(3, "DE")], corresponding: true)]),
            work(2, year: 2021, [authorship(4, [(4, "US"), (5, "US")], corresponding: false), authorship(5, [(2, "CN")], corresponding: false)]),
            work(3, year: 2022, [authorship(1, [(1, "RU")], corresponding: false), authorship(6, [(3, "DE"), (4, "US")], corresponding: true),
                                 authorship(2, [(2, "CN")], corresponding: true)]),
        ]
        _ = try store.importFile(try TestSupport.write(lines.joined(separator: "\n") + "\n", name: "leads.jsonl"))
        return store
    }

    /// The lead institutions of each work, `W1: I2` (institution keys without their prefix).
    static func leads(_ store: Store) throws -> [String] {
        try store.database.rows("""
            SELECT w.source_id, wi.institution FROM work_institutions wi JOIN works w ON w.id = wi.work_id
            WHERE wi.is_lead = 1 ORDER BY w.source_id, wi.institution
            """).map { "\($0[0].string ?? ""): \(($0[1].string ?? "").split(separator: ":").last ?? "")" }
    }

    /// The key of institution `n` as the store holds it.
    static func key(_ store: Store, _ n: Int) throws -> String {
        try #require(try store.database.scalar("SELECT DISTINCT institution FROM work_institutions WHERE institution LIKE ?", [.text("%I\(n)")]).string)
    }

    /// Leadership of (I2, I3): W1 led by I2, W3 by I3, so 1/2 each; of (I4, I2): W2 and W3 both led by I4, so 1 and 0.
    static func checkFigures(_ store: Store) throws {
        #expect(try leads(store) == ["W1: I2", "W2: I4", "W2: I5", "W3: I3", "W3: I4"])
        let i2i3 = try store.pair(try key(store, 2), try key(store, 3), scope: institutions)
        #expect(i2i3.jointWorks == 2 && i2i3.ledByA == 1 && i2i3.ledByB == 1)
        #expect(i2i3.leadershipA == 0.5 && i2i3.leadershipB == 0.5)
        let i4i2 = try store.pair(try key(store, 4), try key(store, 2), scope: institutions)
        #expect(i4i2.jointWorks == 2 && i4i2.ledByA == 2 && i4i2.ledByB == 0)
        #expect(i4i2.leadershipA == 1 && i4i2.leadershipB == 0)
        // The countries of the same works lead by the same author: CN in W1, US in W2 and W3 (with DE).
        let countries = try store.database.rows("""
            SELECT w.source_id, wc.country FROM work_countries wc JOIN works w ON w.id = wc.work_id WHERE wc.is_lead = 1
            ORDER BY w.source_id, wc.country
            """).map { "\($0[0].string ?? ""): \($0[1].string ?? "")" }
        #expect(countries == ["W1: CN", "W2: US", "W3: DE", "W3: US"])
    }

    @Test("with several corresponding authors the institutions of the first lead; without one, those of the first author")
    func leadByHand() throws {
        let store = try Self.store()
        try Self.checkFigures(store)
        // The set-based SQL that fills the rows of a database gives the same flags as the import.
        try store.rebuildDerivedTables()
        try Self.checkFigures(store)
    }

    @Test("migration 019 recomputes the flags of a store that marked every corresponding author's institutions as leading")
    func migrationFixesOldFlags() throws {
        let store = try Self.store()
        // The flags as they were written before: W1's I3 and W3's I2 (corresponding authors after the first) leading too.
        try store.database.execute("""
            UPDATE work_institutions SET is_lead = 1
            WHERE (work_id, institution) IN (SELECT au.work_id, af.institution_key FROM authorships au
                                            JOIN authorship_affiliations x ON x.authorship_id = au.id
                                            JOIN affiliations af ON af.id = x.affiliation_id WHERE au.is_corresponding = 1)
            """)
        #expect(try Self.leads(store) == ["W1: I2", "W1: I3", "W2: I4", "W2: I5", "W3: I2", "W3: I3", "W3: I4"])
        #expect(try store.pair(try Self.key(store, 2), try Self.key(store, 3), scope: Self.institutions).ledByA == 2)
        try store.database.execute(try #require(EmbeddedResources.files["019_institution_leads.sql"]))
        try Self.checkFigures(store)
    }
}
