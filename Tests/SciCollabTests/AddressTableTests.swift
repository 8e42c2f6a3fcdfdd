import Foundation
import Testing
@testable import SciCollab

/// The address table of definitions §2 (`Expected/addresses.tsv`: address, expected code or NULL, rule) and the
/// properties of the alias tables.
struct AddressTableTests {
    let resolver = CountryResolver.standard

    /// The rows of `Expected/addresses.tsv`.
    static let rows: [(address: String, code: String?, rule: String)] = {
        let url = TestSupport.packageRoot.appendingPathComponent("Tests/SciCollabTests/Expected/addresses.tsv")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: true).compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 else { return nil }
            return (parts[0], parts[1] == "NULL" ? nil : parts[1], parts[2])
        }
    }()

    @Test func tableHoldsAtLeast150Addresses() {
        #expect(Self.rows.count >= 150)
        #expect(Self.rows.filter { $0.code == nil }.count >= 15)
    }

    @Test("each address resolves to its country by its rule", arguments: rows.map { [$0.address, $0.code ?? "NULL", $0.rule] })
    func resolves(row: [String]) {
        let resolution = resolver.resolve(row[0])
        #expect((resolution.country ?? "NULL") == row[1], "\(row[0])")
        #expect(resolution.rule.rawValue == row[2], "\(row[0])")
    }

    @Test func mergedChinaRegionsAreChinaAsBefore() {
        for address in ["Univ Hong Kong, Hong Kong, Peoples R China", "Univ X, Macau, China", "Natl Taiwan Univ, Taipei, Taiwan, China"] {
            let code = resolver.country(ofAddress: address)
            #expect(code != "CN", "\(address)")
            #expect(code.map { CountryResolver.merged($0, mergeChinaRegions: true) } == "CN", "\(address)")
        }
    }

    @Test func dissolvedStatesAreNamed() {
        #expect(resolver.resolve("Acad Sci, Moscow, USSR").dissolvedState == "ussr")
        #expect(resolver.resolve("Univ Belgrade, Belgrade, Yugoslavia").dissolvedState == "yugoslavia")
        #expect(resolver.resolve("Univ Belgrade, Belgrade, Serbia").dissolvedState == nil)
        #expect(resolver.dissolvedStatesNote(for: ["US", "CN"]).isEmpty)
        #expect(resolver.dissolvedStatesNote(for: ["RU", "DE"])
                == ["Dissolved states are counted under their successor (definitions §2): East Germany (GDR) → DE, USSR → RU."])
    }

    /// Every pair of aliases where one ends with the other: the longer one wins, as the whole last component, after a
    /// city and after a postal code.
    @Test func longestAliasWinsOverEveryAliasItEndsWith() {
        var pairs = 0
        let names = resolver.aliases.keys.filter { !$0.contains(where: \.isNumber) }
        for longer in names {
            for shorter in names where shorter != longer && longer.hasSuffix(" " + shorter) {
                pairs += 1
                let code = resolver.aliases[longer]
                for address in ["Univ X, City, \(longer)", "Univ X, City \(longer)", "Univ X, City, 12345 \(longer)"] {
                    // A state + ZIP reads as the US whatever the alias: `12345 new jersey` is not a ZIP before a state.
                    #expect(resolver.country(ofAddress: address) == code, "\(address): \(longer) over \(shorter)")
                }
            }
        }
        #expect(pairs > 50)
    }

    @Test func stateTablesAreComplete() {
        // 50 states and DC, each with its name and USPS code; AP abbreviations only as a whole component.
        #expect(resolver.usStates.count == 102)
        #expect(resolver.wholeComponentAliases["calif"] == "US")
        #expect(resolver.wholeComponentAliases["nsw"] == "AU")
        #expect(resolver.aliases["calif"] == nil)
        #expect(resolver.aliases["georgia"] == "GE")
        #expect(resolver.aliases["new south wales"] == "AU")
    }
}
