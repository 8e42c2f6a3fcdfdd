import Foundation
import Testing
@testable import SciCollab

/// Every affiliation of the bundled fixtures against the list recorded before the address classes of definitions §2
/// (`Expected/affiliations-before.tsv`): the differences are exactly those listed, each with its class, in
/// `Expected/affiliations-changes.tsv`. Re-record the changes with `SCICOLLAB_RECORD=1 swift test --filter
/// AffiliationChangesTests` and review them like code.
struct AffiliationChangesTests {
    typealias Row = (file: String, sourceID: String, raw: String, country: String)

    static func read(_ name: String) -> [[String]] {
        let url = TestSupport.packageRoot.appendingPathComponent("Tests/SciCollabTests/Expected/\(name)")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// `file, source id, raw` → the countries of the affiliations with that raw string (sorted).
    static func index(_ rows: [[String]]) -> [String: [String]] {
        var index: [String: [String]] = [:]
        for row in rows where row.count == 4 { index[row[0...2].joined(separator: "\t"), default: []].append(row[3]) }
        return index.mapValues { $0.sorted() }
    }

    @Test func onlyTheListedAffiliationsChangeCountry() throws {
        let before = Self.index(Self.read("affiliations-before.tsv"))
        let files = Set(before.keys.map { String($0.split(separator: "\t")[0]) }).sorted()
        var after: [String: [String]] = [:]
        for file in files {
            let store = try TestSupport.makeStore()
            _ = try store.importFile(TestSupport.fixture(file))
            let rows = try store.database.rows("""
                SELECT w.source_id, replace(replace(a.raw, char(10), ' '), char(9), ' '), coalesce(a.country, 'NULL')
                FROM affiliations a JOIN works w ON w.id = a.work_id
                """)
            after.merge(Self.index(rows.map { [file, $0[0].string ?? "", $0[1].string ?? "", $0[2].string ?? ""] }), uniquingKeysWith: +)
        }
        var changes: [String] = []
        for key in Set(before.keys).union(after.keys).sorted() where before[key] != after[key] {
            let was = before[key]?.joined(separator: ",") ?? "absent"
            let now = after[key]?.joined(separator: ",") ?? "absent"
            changes.append("\(key)\t\(was)\t\(now)")
        }
        let expected = Self.read("affiliations-changes.tsv").map { $0.prefix(5).joined(separator: "\t") }
        if ProcessInfo.processInfo.environment["SCICOLLAB_RECORD"] == "1" {
            let classes = Dictionary(Self.read("affiliations-changes.tsv").map { ($0.prefix(5).joined(separator: "\t"), $0.count > 5 ? $0[5] : "?") },
                                     uniquingKeysWith: { a, _ in a })
            let header = "# file<TAB>source id<TAB>raw<TAB>countries before<TAB>countries after<TAB>class of definitions §2 (address classes)\n"
            let body = changes.map { "\($0)\t\(classes[$0] ?? "?")\n" }.joined()
            try Data((header + body).utf8).write(to: TestSupport.packageRoot.appendingPathComponent("Tests/SciCollabTests/Expected/affiliations-changes.tsv"))
        }
        #expect(changes == expected)
        #expect(Self.read("affiliations-changes.tsv").allSatisfy { $0.count == 6 && $0[5] != "?" && !$0[5].isEmpty })
    }
}
