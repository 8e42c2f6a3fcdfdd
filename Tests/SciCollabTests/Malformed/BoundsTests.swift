import Foundation
import Testing
@testable import SciCollab

/// The bounds on nesting, line length and claims files, and the values the importers read from bad bytes.
struct BoundsTests {
    /// Hands out a buffer in small chunks, as a slow pipe would.
    final class SmallChunks: ByteSource {
        let bytes: [UInt8]
        let size: Int
        var offset = 0

        init(_ bytes: [UInt8], size: Int) {
            self.bytes = bytes
            self.size = size
        }

        func nextChunk() throws -> ArraySlice<UInt8>? {
            guard offset < bytes.count else { return nil }
            defer { offset += size }
            return bytes[offset..<min(offset + size, bytes.count)]
        }
    }

    @Test("a long line arriving in 4 KiB chunks is read in linear time, and lines after it still count")
    func lineReadingIsLinear() throws {
        let line = [UInt8](repeating: UInt8(ascii: "a"), count: 4 << 20)
        let reader = LineReader(source: SmallChunks(line + [0x0A, UInt8(ascii: "b"), 0x0A], size: 4096))
        let started = Date()
        #expect(try reader.nextLine { $0.count } == 4 << 20)
        // Searching the whole buffer again for each of 1,024 chunks takes minutes; once, well under a second.
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(try reader.nextLineString() == "b")
        #expect(reader.lineNumber == 2)
    }

    @Test("a line longer than the limit is an error naming the line")
    func lineLimit() throws {
        let reader = LineReader(source: SmallChunks(Array("short\n".utf8) + [UInt8](repeating: 0x41, count: ImportLimits.maxRecordBytes + 1), size: 1 << 20))
        #expect(try reader.nextLineString() == "short")
        #expect(throws: ImportError.unreadable(path: "", reason: "line 2 is longer than 16 MiB")) { try reader.nextLine { _ in () } }
    }

    @Test("JSON nesting: 256 levels are read, 257 are an error with the byte offset")
    func jsonDepth() throws {
        func nested(_ depth: Int) -> [UInt8] { Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8) }
        _ = try JSONParser.parse(nested(256))
        #expect(throws: JSONParseError.self) { try JSONParser.parse(nested(257)) }
        do {
            _ = try JSONParser.parse(nested(100_000))
        } catch let error as JSONParseError {
            #expect(error.offset == 256)
            #expect(error.description == "invalid JSON at byte 256: arrays and objects nested more than 256 deep")
        }
    }

    @Test("MEDLINE: a non-ASCII or invalid byte right after 'TAG -' is read as text")
    func medlineValueAfterDash() throws {
        let path = TestSupport.scratchDirectory().appendingPathComponent("m.nbib").path
        try Data(Array("PMID- 1\nTI  -".utf8) + [0xC3, 0xA9] + Array("\nJT  -\u{00FC}ber\nDP  -".utf8) + [0xFF] + Array("2020\n".utf8))
            .write(to: URL(fileURLWithPath: path))
        let sink = CollectingSink()
        try MedlineTextImporter().read(path: path, into: sink)
        #expect(sink.works.map(\.title) == ["é"])
        #expect(sink.works.map(\.sourceTitle) == ["über"])
        #expect(sink.works.map(\.year) == [2020])
    }

    @Test("MEDLINE: a citation without PMID after a blank line is skipped, not merged into the one before")
    func medlineWithoutPMID() throws {
        let path = try TestSupport.write("""
            PMID- 1
            AD  - Moscow State University, Moscow, Russia.
            FAU - Ivanov, Ivan

            TI  - Lost its PMID
            FAU - Wang, Li
            AD  - Peking University, Beijing, China.

            """, name: "m.nbib")
        let sink = CollectingSink()
        try MedlineTextImporter().read(path: path, into: sink)
        #expect(sink.works.count == 1)
        #expect(sink.works.first?.affiliations.compactMap(\.country) == ["RU"])
        #expect(sink.skipped.map(\.line) == [5])
        #expect(sink.skipped.first?.message == "citation has no PMID; skipped")
    }

    @Test("validation: each out-of-range value is dropped with its own message; a record without an id is skipped")
    func validation() {
        var work = Work(source: .openalex, sourceID: "W9", line: 4, title: "T\u{0}", year: 99999, citations: Int(Int64.max),
                        citationsByYear: [2020: -1, 2021: 3], sourceFWCI: .nan,
                        affiliations: [Affiliation(raw: "X", country: "USA", countryIsStructured: true), Affiliation(raw: "Y", country: "ZZZ", countryIsStructured: true)],
                        authorships: [Authorship(position: 1, name: ",", identity: AuthorIdentity(kind: .nameKey, value: ""), affiliationIndices: [0, 5]),
                                      Authorship(position: 2, name: "Li", identity: AuthorIdentity(kind: .nameKey, value: "li"), affiliationIndices: [0, 5])])
        work.sourcePercentile = 1.5
        var problems: [String] = []
        #expect(ValidatingSink.validate(&work, problems: &problems))
        #expect(problems == [
            "year 99999 is outside 1000–2999; left out",
            "citation count 9223372036854775807 is outside 0–100000000; left out",
            "1 per-year citation count(s) outside the year or count range; left out",
            "source FWCI nan is not a number of 0 or more; left out",
            "citation percentile 1.5 is outside 0–1; left out",
            "country code \"ZZZ\" is not ISO 3166-1 alpha-2; affiliation left unresolved",
            "author(s) \",\" with no letter or digit in the name; left out",
            "NUL byte(s) removed from title",
        ])
        #expect(work.year == nil && work.citations == nil && work.sourceFWCI == nil && work.sourcePercentile == nil)
        #expect(work.citationsByYear == [2021: 3])
        #expect(work.affiliations.map(\.country) == ["US", nil])
        #expect(work.authorships.map(\.position) == [2])
        #expect(work.authorships.first?.affiliationIndices == [0])
        #expect(work.title == "T")
        var anonymous = Work(source: .scopus, sourceID: " \u{0} ", line: 0)
        problems = []
        #expect(!ValidatingSink.validate(&anonymous, problems: &problems))
        #expect(problems == ["the record has no scopus id; skipped"])
    }
}

/// Claims files: unknown keys and values are errors naming the claim; no file exhausts memory or the stack.
struct ClaimsBoundsTests {
    func read(_ yaml: String) throws -> ClaimsFile {
        try ClaimsFile.read(path: try TestSupport.write(yaml, name: "claims.yaml"))
    }

    func claim(_ metric: String) -> String {
        "claims:\n  - id: ru-output\n    stated: \"22,112\"\n    metric: {name: output, country: RU, \(metric)}\n"
    }

    @Test("unknown keys and values are errors naming the claim", arguments: [
        ("from: 2018, form: 2020", "unknown metric key \"form\""),
        ("from: \"2018\"", "from must be a year written as a number, not the text \"2018\""),
        ("counting: fractionl", "counting must be one of fractional, full, not the text \"fractionl\""),
        ("type: internationl", "type must be one of institutional, international, national, single"),
        ("window: 5y", "window must be one of 4y, total"),
        ("scheme: bogus", "scheme must be one of"),
        ("population: everyone", "population must be one of complete, sample"),
        ("pair: [RU]", "pair must list two countries"),
    ])
    func unknownKeysAndValues(metric: String, message: String) throws {
        do {
            _ = try read(claim(metric))
            Issue.record("accepted \(metric)")
        } catch let error as ClaimsFile.ReadError {
            guard case .invalid(let id, let reason) = error else { Issue.record("\(error)"); return }
            #expect(id == "ru-output")
            #expect(reason.hasPrefix(message), "\(reason)")
        }
    }

    @Test("known keys and values are read, population included")
    func knownValues() throws {
        let file = try read(claim("from: 2018, to: 2024, counting: fractional, population: sample"))
        guard case .metric(let spec) = file.claims.first?.kind else { Issue.record("no metric"); return }
        #expect(spec.from == 2018 && spec.to == 2024 && spec.counting == .fractional)
    }

    @Test("the file's population is complete or sample")
    func population() throws {
        #expect(try read("population: sample\n" + claim("from: 2018")).claims.count == 1)
        do {
            _ = try read("population: all\n" + claim("from: 2018"))
            Issue.record("accepted population: all")
        } catch {
            #expect("\(error)".hasSuffix("claims.yaml: population must be complete or sample, not the text \"all\""))
        }
    }

    @Test("a misspelt claim key is an error naming the claim")
    func unknownClaimKey() throws {
        #expect(throws: ClaimsFile.ReadError.invalid(claim: "x", reason: "unknown key \"stated_value\"; known: expression, expression_unit, id, metric, population, stated, text, tolerance")) {
            try read("claims:\n  - id: x\n    stated: 3\n    stated_value: 4\n    expression: a / b\n")
        }
    }

    @Test("a YAML alias bomb is refused before it expands")
    func aliasBomb() throws {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 { yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        yaml += "claims: []\n"
        do {
            _ = try read(yaml)
        } catch {
            #expect("\(error)".hasSuffix("claims.yaml: the YAML expands to more than 100000 values once its aliases are resolved"))
        }
    }

    @Test("deep bracket nesting is refused before any parser sees it")
    func deepNesting() throws {
        do {
            _ = try read("claims: " + String(repeating: "[", count: 30_000) + String(repeating: "]", count: 30_000) + "\n")
            Issue.record("read")
        } catch {
            #expect("\(error)".hasSuffix("claims.yaml: brackets nested 30000 deep; at most 64 are read"))
        }
    }

    @Test("an expression with 30,000 nested parentheses is not computable, not a stack overflow")
    func deepExpression() throws {
        let expression = String(repeating: "(", count: 30_000) + "a" + String(repeating: ")", count: 30_000)
        let file = try read("claims:\n  - id: a\n    stated: 3\n    metric: {name: output, country: RU}\n  - id: b\n    stated: 3\n    expression: \"\(expression)\"\n")
        var auditor = Auditor(store: nil)
        let result = try #require(auditor.audit(file).last)
        #expect(result.verdict == .notComputable)
        #expect(result.reason.contains("parentheses nested more than 64 deep"))
    }
}
