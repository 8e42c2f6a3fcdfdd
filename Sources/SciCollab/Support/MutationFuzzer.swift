import Foundation

/// Seeded mutation fuzzing of the importers: mutants of real exports are imported one after another, and
/// every outcome but a crash, a hang or a raw constraint error is acceptable. The same seed gives the same
/// mutants, so a finding can be replayed; `scripts/fuzz.sh` runs it (or libFuzzer, where it builds).
public struct MutationFuzzer {
    /// The formats that can be fuzzed: the importers' ids, `worldbank` and `claims`.
    public static let formats = Importers.all.map(\.format.id) + ["worldbank", "claims"]

    /// The fixture files that seed a format (under `Fixtures/`).
    public static func seedFiles(format: String, fixtures: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures)) ?? []
        let claims = (try? FileManager.default.contentsOfDirectory(atPath: fixtures + "/claims"))?.map { "claims/" + $0 } ?? []
        let matching: (String) -> Bool = switch format {
        case "scopus-csv": { $0.hasPrefix("scopus_") && $0.hasSuffix(".csv") && !$0.contains("sourcelist") }
        case "scopus-ris": { $0.hasPrefix("scopus_ris_") }
        case "scopus-bib": { $0.hasPrefix("scopus_bib_") }
        case "wos-bib": { $0.hasPrefix("wos_bib_") }
        case "crossref-json": { $0.hasPrefix("crossref_rest_") }
        case "crossref-xml": { $0.hasPrefix("crossref_") && $0.hasSuffix(".xml") }
        case "lens-csv": { $0.hasPrefix("lens_") }
        case "wos-txt": { $0.hasPrefix("wos_txt_") }
        case "wos-tab": { $0.hasPrefix("wos_tab_") }
        case "openalex-json": { $0.hasPrefix("openalex_") && $0.hasSuffix(".json") }
        case "openalex-csv": { $0.hasPrefix("openalex_") && $0.hasSuffix(".csv") }
        case "pubmed-xml": { $0.hasPrefix("pubmed_") && $0.hasSuffix(".xml") }
        case "medline-txt": { $0.hasSuffix(".nbib") }
        case "worldbank": { $0.hasPrefix("API_") || $0.hasPrefix("Metadata_") }
        case "claims": { $0.hasPrefix("claims/") }
        default: { _ in false }
        }
        return (names + claims).filter(matching).sorted().map { fixtures + "/" + $0 }
    }

    /// What importing one mutant did.
    public enum Outcome: Sendable, Equatable {
        /// Read: records imported and skipped (diagnostics are fine).
        case read(imported: Int, skipped: Int)
        /// Refused as a whole with an error in words.
        case refused
        /// A defect: a raw SQLite constraint error reached the caller.
        case constraintViolation(String)
    }

    private var state: UInt64
    private let seeds: [[UInt8]]

    /// - Parameters:
    ///   - seeds: the inputs to mutate (each cut to `maxSeedBytes`, so that a mutant imports in milliseconds).
    ///   - seed: the random seed.
    public init(seeds: [[UInt8]], seed: UInt64, maxSeedBytes: Int = 32 << 10) {
        self.seeds = seeds.map { Array($0.prefix(maxSeedBytes)) }.filter { !$0.isEmpty }
        state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed
    }

    /// xorshift64*: small, fast, and the same sequence on every platform.
    private mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }

    private mutating func below(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }

    /// Byte strings that break parsers: NUL, a lone UTF-8 lead byte, quotes, separators, out-of-range numbers,
    /// deep nesting, markup.
    static let tokens: [[UInt8]] = [
        [0], [0xC3], [0xFF, 0xFE], [0xA9], Array("\"".utf8), Array(",".utf8), Array("\t".utf8), Array("\n".utf8), Array("\r\n".utf8),
        Array("\n\n".utf8), Array(" - ".utf8), Array("-".utf8), Array("99999".utf8), Array("-1".utf8), Array("9223372036854775807".utf8),
        Array("1e308".utf8), Array("NaN".utf8), Array("USA".utf8), Array(String(repeating: "[", count: 300).utf8),
        Array(String(repeating: "{\"a\":", count: 300).utf8), Array("</".utf8), Array("<![CDATA[".utf8), Array("&#0;".utf8),
        Array("\\u0000".utf8), Array("PMID- ".utf8), Array("PT J\n".utf8), Array("ER\n".utf8), Array("UT ".utf8), Array("EID".utf8),
        Array(String(repeating: "(", count: 200).utf8), Array("*a".utf8), Array("&a ".utf8),
    ]

    /// The next mutant: one to four mutations of a seed, sometimes spliced with another.
    public mutating func mutant() -> [UInt8] {
        guard !seeds.isEmpty else { return [] }
        var bytes = seeds[below(seeds.count)]
        for _ in 0...below(4) {
            let position = below(bytes.count + 1)
            switch below(8) {
            case 0 where !bytes.isEmpty:
                bytes[min(position, bytes.count - 1)] ^= UInt8(truncatingIfNeeded: 1 << below(8))
            case 1:
                bytes.insert(UInt8(truncatingIfNeeded: next()), at: position)
            case 2 where !bytes.isEmpty:
                let end = min(bytes.count, position + 1 + below(64))
                bytes.removeSubrange(min(position, bytes.count - 1)..<end)
            case 3 where !bytes.isEmpty:
                let start = min(position, bytes.count - 1)
                let piece = bytes[start..<min(bytes.count, start + 1 + below(256))]
                bytes.insert(contentsOf: piece, at: below(bytes.count + 1))
            case 4:
                bytes = Array(bytes.prefix(position))
            case 5:
                let other = seeds[below(seeds.count)]
                let cut = below(other.count + 1)
                bytes = Array(bytes.prefix(position)) + other[cut...]
            default:
                bytes.insert(contentsOf: Self.tokens[below(Self.tokens.count)], at: position)
            }
        }
        return bytes
    }

    /// Imports (or, for `claims`, reads and audits) the file at `path` as `format` into `store`.
    public static func exercise(format: String, path: String, store: Store) -> Outcome {
        do {
            if format == "claims" {
                let file = try ClaimsFile.read(path: path)
                var auditor = Auditor(store: store)
                _ = auditor.audit(file)
                return .read(imported: file.claims.count, skipped: 0)
            }
            let report = try store.importFile(path, as: format == "worldbank" ? nil : Importers.named(format))
            return .read(imported: report.recordsImported, skipped: report.recordsSkipped)
        } catch let error as DatabaseError where error.code & 0xFF == 19 {
            return .constraintViolation("\(error)")
        } catch {
            return .refused
        }
    }
}
