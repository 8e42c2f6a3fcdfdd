import Foundation
@testable import SciCollab

extension MalformedCase {
    /// OpenAlex JSON Lines: work n on line n.
    static var openAlexJSON: [MalformedCase] {
        func file(_ bad: String) -> String { [I.openAlex("W1"), bad, I.openAlex("W3")].joined(separator: "\n") + "\n" }
        let all = ["W1", "W2", "W3"]
        let good = ["W1", "W3"]
        let deep = "[" + String(repeating: "[", count: 60_000) + String(repeating: "]", count: 60_000) + "]"
        return [
            .init("openalex: 60,000 nested arrays in authorships", file: "w.jsonl", file(I.openAlex("W2", ["authorships": deep])),
                  kept(good, skipped: [2], "nested more than 256 deep")),
            .init("openalex: negative cited_by_count", file: "w.jsonl", file(I.openAlex("W2", ["cited_by_count": "-4"])), kept(all, warned: [2], "citation count -4")),
            .init("openalex: cited_by_count Int64.max", file: "w.jsonl", file(I.openAlex("W2", ["cited_by_count": "9223372036854775807"])), kept(all)),
            .init("openalex: cited_by_count 1e300", file: "w.jsonl", file(I.openAlex("W2", ["cited_by_count": "1e300"])), kept(all)),
            .init("openalex: fwci negative", file: "w.jsonl", file(I.openAlex("W2", ["fwci": "-1.5"])), kept(all, warned: [2], "source FWCI -1.5")),
            .init("openalex: percentile 7", file: "w.jsonl", file(I.openAlex("W2", ["citation_normalized_percentile": #"{"value":7}"#])), kept(all, warned: [2], "percentile 7.0")),
            .init("openalex: country_code USA", file: "w.jsonl",
                  file(I.openAlex("W2", ["authorships": #"[{"author":{"id":"https://openalex.org/A2","display_name":"Bo Li"},"institutions":[{"id":"https://openalex.org/I2","display_name":"X","country_code":"USA"}],"countries":["USA"]}]"#])),
                  kept(all)),
            .init("openalex: country_code ZZZZ", file: "w.jsonl",
                  file(I.openAlex("W2", ["authorships": #"[{"author":{"id":"https://openalex.org/A2","display_name":"Bo Li"},"institutions":[{"id":"https://openalex.org/I2","display_name":"X","country_code":"ZZZZ"}],"countries":[]}]"#])),
                  kept(all, warned: [2], "not ISO 3166-1 alpha-2")),
            .init("openalex: publication_year 99999", file: "w.jsonl", file(I.openAlex("W2", ["publication_year": "99999"])), kept(all, warned: [2], "year 99999")),
            .init("openalex: NUL escape in the title", file: "w.jsonl", file(I.openAlex("W2", ["title": #""A\u0000B""#])), kept(all, warned: [2], "NUL byte(s) removed from title")),
            .init("openalex: no id", file: "w.jsonl", file(#"{"publication_year":2020}"#), kept(good, skipped: [2])),
            .init("openalex: id is a number", file: "w.jsonl", file(#"{"id":5}"#), kept(good, skipped: [2])),
            .init("openalex: line cut short", file: "w.jsonl", file(String(I.openAlex("W2").dropLast(30))), kept(good, skipped: [2], "damaged record skipped")),
            .init("openalex: bad escape", file: "w.jsonl", file(I.openAlex("W2", ["title": #""bad \q escape""#])), kept(good, skipped: [2], "unknown escape")),
            .init("openalex: author without a name or id", file: "w.jsonl",
                  file(I.openAlex("W2", ["authorships": #"[{"author":{},"institutions":[],"countries":[]}]"#])), kept(all)),
            .init("openalex: unbalanced closing bracket", file: "w.jsonl", file("]"), kept(["W1"], skipped: [2], "cannot be read further")),
            .init("openalex: a number between records", file: "w.jsonl", file("42"), kept(["W1"], skipped: [2], "cannot be read further")),
            .init("openalex: API page with a bad work", file: "page.json",
                  "{\"meta\":{\"count\":3},\"results\":[\n" + [I.openAlex("W1"), I.openAlex("W2", ["cited_by_count": "-1"]), I.openAlex("W3")].joined(separator: ",\n") + "\n]}\n",
                  kept(all, warned: [3], "citation count -1")),
        ]
    }

    /// OpenAlex web-interface CSV: header on line 1, work n on line n + 1.
    static var openAlexCSV: [MalformedCase] {
        func file(_ bad: String) -> String { [I.openAlexCSVHeader, I.openAlexCSV("W1"), bad, I.openAlexCSV("W3")].joined(separator: "\n") + "\n" }
        let all = ["W1", "W2", "W3"]
        let good = ["W1", "W3"]
        return [
            .init("openalex-csv: negative cited_by_count", file: "oa.csv", file(I.openAlexCSV("W2", ["cited_by_count": "-2"])), kept(all, warned: [3])),
            .init("openalex-csv: percentile 2.5", file: "oa.csv", file(I.openAlexCSV("W2", ["citation_normalized_percentile.value": "2.5"])), kept(all, warned: [3], "percentile 2.5")),
            .init("openalex-csv: fwci NaN", file: "oa.csv", file(I.openAlexCSV("W2", ["fwci": "nan"])), kept(all, warned: [3], "source FWCI nan")),
            .init("openalex-csv: fwci -3", file: "oa.csv", file(I.openAlexCSV("W2", ["fwci": "-3"])), kept(all, warned: [3], "source FWCI -3.0")),
            .init("openalex-csv: country USA", file: "oa.csv", file(I.openAlexCSV("W2", ["authorships.countries": "USA"])), kept(all)),
            .init("openalex-csv: no id", file: "oa.csv", file(I.openAlexCSV("W2", ["id": ""])), kept(good, skipped: [3], "no OpenAlex work id")),
            .init("openalex-csv: year 99999", file: "oa.csv", file(I.openAlexCSV("W2", ["publication_year": "99999"])), kept(all, warned: [3])),
            .init("openalex-csv: author name of punctuation", file: "oa.csv",
                  file(I.openAlexCSV("W2", ["authorships.author.display_name": "--", "authorships.author.id": ""])), kept(all, warned: [3], "no letter or digit")),
            .init("openalex-csv: text after a closing quote", file: "oa.csv", file(#""https://openalex.org/W2"x,"a""#), kept(good, skipped: [3])),
        ]
    }

    /// World Bank WDI data: rows from line 6.
    static var worldBank: [MalformedCase] {
        func file(_ bad: String) -> String {
            I.worldBank([I.worldBankRow("Russian Federation", "RUS"), bad, I.worldBankRow("China", "CHN")])
        }
        return [
            .init("worldbank: NUL in a country code", file: "API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_1.csv", file(I.worldBankRow("Bad", "AB\u{0}")),
                  kept([], skipped: [7], "no three-letter country code")),
            .init("worldbank: four-letter code", file: "API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_1.csv", file(I.worldBankRow("Bad", "ABCD")), kept([], skipped: [7])),
            .init("worldbank: lower-case code", file: "API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_1.csv", file(I.worldBankRow("Bad", "abc")), kept([], skipped: [7])),
            .init("worldbank: a value that is no number", file: "API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_1.csv", file(I.worldBankRow("Japan", "JPN", "\"x\",\"3.2\"")),
                  kept([], warned: [7], "is not a number")),
            // Found by fuzzing: NaN parses as a Double, and SQLite stores NaN as NULL.
            .init("worldbank: NaN and inf", file: "API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_1.csv", file(I.worldBankRow("Japan", "JPN", "\"NaN\",\"inf\"")),
                  kept([], warned: [7], "not finite")),
            .init("worldbank: another indicator in the file", file: "API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_1.csv",
                  file("\"Japan\",\"JPN\",\"Other\",\"NY.GDP.MKTP.CD\",\"1\",\"2\","), kept([], skipped: [7], "indicator NY.GDP.MKTP.CD")),
            .init("worldbank: a broken quote", file: "API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_1.csv", file("\"Japan\"x,\"JPN\""), kept([], skipped: [7])),
        ]
    }

    /// Whole files that cannot be read: an error naming the file, nothing stored.
    static var files: [MalformedCase] {
        let scopus = Array(TestSupport.scopusCSV([I.scopus("1"), I.scopus("2")]).utf8)
        return [
            .init("file: truncated gzip", file: "s.csv.gz", bytes: Array(gzip(scopus).prefix(60)), .fileError(message: "cannot read")),
            .init("file: gzip with a damaged body", file: "s.csv.gz", bytes: gzip(scopus).enumerated().map { $0.offset > 20 && $0.offset < 40 ? 0xFF : $0.element },
                  .fileError(message: "cannot read")),
            .init("file: gzip magic only", file: "x.gz", bytes: [0x1F, 0x8B], .fileError(message: "cannot read")),
            .init("file: empty", file: "empty.csv", "", .fileError(message: "not a recognised export")),
            .init("file: binary noise", file: "noise.bin", bytes: (0..<512).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ 13) }, .fileError(message: "not a recognised export")),
            .init("file: gzip-compressed Scopus CSV", file: "scopus.csv.gz", bytes: gzip(scopus), kept(["2-s2.0-1", "2-s2.0-2"])),
            .init("file: gzip-compressed OpenAlex CSV", file: "oa.csv.gz",
                  bytes: gzip(Array(([I.openAlexCSVHeader, I.openAlexCSV("W1")].joined(separator: "\n") + "\n").utf8)), kept(["W1"])),
            .init("file: a 17 MiB ArticleTitle inside a small gzip", file: "p.xml.gz",
                  bytes: gzip(Array(I.pubmedFile([I.pubmed("1"), I.pubmed("2", title: String(repeating: "a", count: 17 << 20)), I.pubmed("3")]).utf8)),
                  kept(["1", "3"], skipped: [4], "<ArticleTitle> is longer than 16 MiB; citation skipped")),
            .init("file: a line longer than 16 MiB", file: "m.nbib",
                  "PMID- 1\nTI  - " + String(repeating: "a", count: ImportLimits.maxRecordBytes + 10) + "\n", .fileError(message: "line 2 is longer than 16 MiB")),
        ]
    }

    /// The bytes gzip-compressed with the system's gzip.
    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        let url = TestSupport.scratchDirectory().appendingPathComponent("plain")
        try? Data(bytes).write(to: url)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-n", "-k", url.path]
        try? process.run()
        process.waitUntilExit()
        return (try? Array(Data(contentsOf: url.appendingPathExtension("gz")))) ?? []
    }

    static var all: [MalformedCase] { scopus + wosTagged + wosTab + medline + pubmedXML + openAlexJSON + openAlexCSV + worldBank + files }
}
