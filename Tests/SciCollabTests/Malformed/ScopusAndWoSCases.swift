import Foundation
@testable import SciCollab

extension MalformedCase {
    typealias I = MalformedInputs

    /// Scopus CSV: the header on line 1, record n on line n + 1.
    static var scopus: [MalformedCase] {
        func file(_ bad: [String: String]) -> String {
            TestSupport.scopusCSV([I.scopus("1"), I.scopus("2", bad), I.scopus("3")])
        }
        let good = ["2-s2.0-1", "2-s2.0-3"]
        let all = ["2-s2.0-1", "2-s2.0-2", "2-s2.0-3"]
        return [
            .init("scopus: year 99999", file: "s.csv", file(["Year": "99999"]), kept(all, warned: [3], "year '99999' is not a year")),
            .init("scopus: negative citation count", file: "s.csv", file(["Cited by": "-5"]), kept(all, warned: [3], "-5")),
            .init("scopus: citation count Int64.max", file: "s.csv", file(["Cited by": "9223372036854775807"]), kept(all, warned: [3], "outside 0–100000000")),
            .init("scopus: citation count beyond Int64", file: "s.csv", file(["Cited by": "99999999999999999999"]), kept(all, warned: [3], "is not a count")),
            .init("scopus: no EID", file: "s.csv", file(["EID": ""]), kept(good, skipped: [3])),
            .init("scopus: NUL in the title", file: "s.csv", file(["Title": "Before\u{0}after"]), kept(all, warned: [3], "NUL byte(s) removed from title")),
            .init("scopus: author with no letters", file: "s.csv", file(["Authors": ",", "Author full names": ",", "Author(s) ID": "", "Authors with affiliations": ","]),
                  kept(all, warned: [3])),
            .init("scopus: text after a closing quote", file: "s.csv",
                  TestSupport.scopusCSV([I.scopus("1")]) + "\"x\"junk,\"2\"\n" + TestSupport.scopusCSV([I.scopus("3")]).split(separator: "\n").dropFirst().joined(separator: "\n") + "\n",
                  kept(["2-s2.0-1", "2-s2.0-3"], skipped: [3], "text after a closing quote")),
            .init("scopus: a quote that never closes at the end", file: "s.csv",
                  TestSupport.scopusCSV([I.scopus("1")]) + "\"2-s2.0-9,\"open\n", kept(["2-s2.0-1"], skipped: [3])),
            .init("scopus: too few fields", file: "s.csv", {
                let lines = TestSupport.scopusCSV([I.scopus("1"), I.scopus("3")]).split(separator: "\n")
                return [lines[0], lines[1], "\"a\",\"b\"", lines[2]].joined(separator: "\n") + "\n"
            }(), kept(good, skipped: [3])),
            .init("scopus: invalid UTF-8 in a name", file: "s.csv", bytes: Array(file(["Authors": "Sm\u{FFFD}th J."]).utf8).map { $0 == 0xEF ? 0xFF : $0 }.replacingFirstBOM(),
                  kept(all)),
            .init("scopus: only a header", file: "s.csv", TestSupport.scopusCSV([]), kept([])),
            .init("scopus: header without EID", file: "s.csv", "\"Authors\",\"Title\"\n\"Smith J.\",\"T\"\n", .fileError(message: "not a recognised export")),
            .init("scopus: CRLF and a blank line between records", file: "s.csv",
                  TestSupport.scopusCSV([I.scopus("1"), I.scopus("2")]).replacingOccurrences(of: "\n", with: "\r\n\r\n"), kept(["2-s2.0-1", "2-s2.0-2"])),
        ]
    }

    /// Web of Science tagged text.
    static var wosTagged: [MalformedCase] {
        func file(_ bad: [String]) -> (String, [Int]) {
            let built = I.wos([I.wosRecord("001"), bad, I.wosRecord("003")])
            return (built.text, built.lines)
        }
        let good = ["WOS:001", "WOS:003"]
        let all = ["WOS:001", "WOS:002", "WOS:003"]
        func make(_ name: String, _ bad: [String], _ outcome: (Int) -> Outcome) -> MalformedCase {
            let (text, lines) = file(bad)
            return .init(name, file: "savedrecs.txt", text, outcome(lines[1]))
        }
        return [
            make("wos: PY 99999", I.wosRecord("002", ["PY": "99999"])) { kept(all, warned: [$0], "year 99999 is outside 1000–2999") },
            make("wos: AU ,", I.wosRecord("002", ["AU": ",", "AF": ","])) { kept(all, warned: [$0], "who is not in AU/AF") },
            make("wos: TC -3", I.wosRecord("002", ["TC": "-3"])) { kept(all, warned: [$0]) },
            make("wos: TC Int64.max", I.wosRecord("002", ["TC": "9223372036854775807"])) { kept(all, warned: [$0], "outside 0–100000000") },
            make("wos: no UT", I.wosRecord("002", ["UT": nil])) { kept(good, skipped: [$0], "no UT") },
            make("wos: empty UT", I.wosRecord("002", ["UT": ""])) { kept(good, skipped: [$0]) },
            make("wos: NUL in the title", I.wosRecord("002", ["TI": "Half\u{0}title"])) { kept(all, warned: [$0], "NUL byte(s) removed from title") },
            make("wos: non-ASCII right after the tag", I.wosRecord("002", ["TI": "\u{E9}t\u{E9}"])) { _ in kept(all) },
            make("wos: a line that is neither tag nor continuation", I.wosRecord("002", extra: ["!!garbage"])) { kept(all, warned: [$0]) },
            make("wos: Z9 negative", I.wosRecord("002", extra: ["Z9 -1"])) { kept(all, warned: [$0]) },
            make("wos: C1 without a bracketed name", I.wosRecord("002", ["C1": "Moscow MV Lomonosov State Univ, Moscow, Russia."])) { _ in kept(all) },
            .init("wos: record without ER before the next PT", file: "savedrecs.txt",
                  "FN Clarivate Analytics Web of Science\nVR 1.0\n" + I.wosRecord("001").joined(separator: "\n") + "\n" + I.wosRecord("002").joined(separator: "\n") + "\nER\nEF\n",
                  kept(["WOS:001", "WOS:002"], warned: [3], "no ER line")),
            .init("wos: file cut in the middle of a record", file: "savedrecs.txt",
                  "FN Clarivate Analytics Web of Science\nVR 1.0\n" + I.wosRecord("001").joined(separator: "\n") + "\nER\n\nPT J\nAU Smith, J\nTI Cut",
                  kept(["WOS:001"], skipped: [13], warned: [13], "no UT")),
            .init("wos: empty file after the header", file: "savedrecs.txt", "FN Clarivate Analytics Web of Science\nVR 1.0\nEF\n", kept([])),
        ]
    }

    /// Web of Science tab-delimited: the header on line 1, rows from line 2.
    static var wosTab: [MalformedCase] {
        let header = "PT\tAU\tAF\tTI\tC1\tPY\tTC\tWC\tUT"
        func row(_ ut: String, _ cells: [String: String] = [:]) -> String {
            let values = ["PT": "J", "AU": "Smith, J", "AF": "Smith, John", "TI": "Tab \(ut)",
                          "C1": "[Smith, John] Moscow MV Lomonosov State Univ, Moscow, Russia.", "PY": "2020", "TC": "4", "WC": "Physics, Applied",
                          "UT": "WOS:\(ut)"]
            return header.split(separator: "\t").map { cells[String($0)] ?? values[String($0)]! }.joined(separator: "\t")
        }
        func file(_ bad: String) -> String { [header, row("001"), bad, row("003")].joined(separator: "\n") + "\n" }
        let all = ["WOS:001", "WOS:002", "WOS:003"]
        let good = ["WOS:001", "WOS:003"]
        return [
            .init("wos-tab: PY 99999", file: "tab.txt", file(row("002", ["PY": "99999"])), kept(all, warned: [3], "year 99999")),
            .init("wos-tab: TC negative", file: "tab.txt", file(row("002", ["TC": "-1"])), kept(all, warned: [3])),
            .init("wos-tab: empty UT", file: "tab.txt", file(row("002", ["UT": ""])), kept(good, skipped: [3], "empty UT")),
            .init("wos-tab: missing cells", file: "tab.txt", file("J\tSmith, J\tWOS:002"), kept(good, skipped: [3], "tab-separated cells")),
            .init("wos-tab: extra non-empty cells", file: "tab.txt", file(row("002") + "\textra\tmore"), kept(good, skipped: [3])),
            .init("wos-tab: AU with no letters", file: "tab.txt", file(row("002", ["AU": ";", "AF": ";"])), kept(all, warned: [3], "who is not in AU/AF")),
            .init("wos-tab: NUL in the title", file: "tab.txt", file(row("002", ["TI": "A\u{0}B"])), kept(all, warned: [3], "NUL")),
            // Found by fuzzing: SQLite measures text up to its first NUL, so this category was an empty code.
            .init("wos-tab: a category starting with NUL", file: "tab.txt", file(row("002", ["WC": "\u{0}Optics"])), kept(all, warned: [3], "NUL")),
            .init("wos-tab: header without UT", file: "tab.txt", "PT\tAU\tTI\nJ\tSmith, J\tT\n", .fileError(message: "header lacks required column(s): UT")),
        ]
    }
}

private extension Array where Element == UInt8 {
    /// The file with its leading BOM restored after a byte substitution touched it.
    func replacingFirstBOM() -> [UInt8] {
        count >= 3 && self[0] == 0xFF ? [0xEF] + self[1...] : self
    }
}
