import Foundation
@testable import SciCollab

extension MalformedCase {
    /// MEDLINE text: records separated by blank lines.
    static var medline: [MalformedCase] {
        func file(_ bad: [String]) -> (String, Int) {
            let built = I.medlineFile([I.medline("1"), bad, I.medline("3")])
            return (built.text, built.lines[1])
        }
        func make(_ name: String, _ bad: [String], _ outcome: (Int) -> Outcome) -> MalformedCase {
            let (text, line) = file(bad)
            return .init(name, file: "pubmed.nbib", text, outcome(line))
        }
        let all = ["1", "2", "3"]
        let good = ["1", "3"]
        return [
            .init("medline: non-ASCII right after 'TAG -'", file: "m.nbib", bytes: Array("PMID- 1\nTI  -".utf8) + [0xC3, 0xA9] + Array("\nDP  - 2020\n".utf8), kept(["1"])),
            .init("medline: invalid byte right after 'TAG -'", file: "m.nbib", bytes: Array("PMID- 1\nTI  -".utf8) + [0xA9, 0xFF] + Array("\nDP  - 2020\n".utf8), kept(["1"])),
            make("medline: record without PMID between two", I.medline(nil)) { kept(good, skipped: [$0], "no PMID") },
            make("medline: AU  - -", ["PMID- 2", "TI  - T", "DP  - 2020", "AU  - -"]) { kept(all, warned: [$0], "no letter or digit") },
            make("medline: FAU - ,", ["PMID- 2", "TI  - T", "DP  - 2020", "FAU - ,", "AU  - ,"]) { kept(all, warned: [$0]) },
            make("medline: DP 99999", ["PMID- 2", "TI  - T", "DP  - 99999"]) { _ in kept(all) },
            make("medline: NUL in the title", ["PMID- 2", "TI  - Half\u{0}title", "DP  - 2020"]) { kept(all, warned: [$0], "NUL byte(s) removed from title") },
            make("medline: empty PMID", ["PMID- ", "TI  - T", "DP  - 2020"]) { kept(good, skipped: [$0], "no PMID") },
            make("medline: a line too short to be a tag", ["PMID- 2", "TI  - T", "xx"]) { kept(all, warned: [$0 + 2], "neither a tagged field") },
            make("medline: continuation before any field", ["      floating", "PMID- 2", "TI  - T"]) { _ in kept(all) },
            make("medline: tag without a dash", ["PMID- 2", "TI    T"]) { kept(all, warned: [$0 + 1]) },
            .init("medline: only blank lines", file: "m.nbib", "\n\n\n", .fileError(message: "not a recognised export")),
            .init("medline: NUL in the PMID", file: "m.nbib", "PMID- 7\u{0}\nTI  - T\n", kept(["7"], warned: [1], "NUL byte(s) removed from PMID, source id")),
            .init("medline: CRLF line ends", file: "m.nbib", I.medlineFile([I.medline("1"), I.medline("2")]).text.replacingOccurrences(of: "\n", with: "\r\n"), kept(["1", "2"])),
        ]
    }

    /// PubMed XML: one article a line from line 3.
    static var pubmedXML: [MalformedCase] {
        func file(_ bad: String) -> String { I.pubmedFile([I.pubmed("1"), bad, I.pubmed("3")]) }
        let all = ["1", "2", "3"]
        let good = ["1", "3"]
        return [
            .init("pubmed: <Author></Author>", file: "p.xml", file(I.pubmed("2", author: "<Author></Author>")), kept(all, warned: [4], "no letter or digit")),
            .init("pubmed: author with punctuation only", file: "p.xml", file(I.pubmed("2", author: "<Author><LastName>-</LastName></Author>")),
                  kept(all, warned: [4], "no letter or digit")),
            .init("pubmed: year 99999", file: "p.xml", file(I.pubmed("2", year: "99999")), kept(all)),
            .init("pubmed: no PMID", file: "p.xml", file(I.pubmed("", title: "No id")), kept(good, skipped: [4], "no PMID")),
            .init("pubmed: NUL character reference", file: "p.xml", file(I.pubmed("2", title: "A&#0;B")), kept(["1"], skipped: [4], "not well-formed")),
            .init("pubmed: unclosed element", file: "p.xml", file(I.pubmed("2", title: "<i>open")), kept(["1"], skipped: [4], "not well-formed")),
            .init("pubmed: external entity is not fetched", file: "p.xml",
                  "<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<PubmedArticleSet>\n" + I.pubmed("1", title: "&x;") + "\n</PubmedArticleSet>\n",
                  kept([], skipped: [4], "Entity 'x' not defined")),
            .init("pubmed: entity expansion bomb", file: "p.xml",
                  "<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>\n<PubmedArticleSet>\n"
                    + I.pubmed("1") + "\n" + I.pubmed("2", title: "&d;&d;") + "\n</PubmedArticleSet>\n",
                  kept(["1"], skipped: [5], "Entity 'd' not defined")),
            .init("pubmed: invalid UTF-8 in a title", file: "p.xml", bytes: Array(file(I.pubmed("2", title: "X")).utf8).replacingTitle("X", with: [0xFF, 0xFE]),
                  kept(["1"], skipped: [4], "not well-formed")),
            .init("pubmed: truncated file", file: "p.xml", String(file(I.pubmed("2")).dropLast(60)), kept(["1", "2"], skipped: [5], "not well-formed")),
            .init("pubmed: text after the root", file: "p.xml", file(I.pubmed("2")) + "<PubmedArticleSet>\n", kept(all, skipped: [7], "not well-formed")),
            .init("pubmed: nested 5,000 deep", file: "p.xml",
                  I.pubmedFile([I.pubmed("1"), String(repeating: "<x>", count: 5000) + String(repeating: "</x>", count: 5000), I.pubmed("3")]),
                  kept(good)),
        ]
    }
}

private extension Array where Element == UInt8 {
    /// The bytes with the title text `title` (inside `<ArticleTitle>`) replaced by `bytes`.
    func replacingTitle(_ title: String, with bytes: [UInt8]) -> [UInt8] {
        let needle = Array("<ArticleTitle>\(title)</ArticleTitle>".utf8)
        var result = self
        var start = 0
        var matches: [Int] = []
        while let range = result[start...].firstRange(of: needle) {
            matches.append(range.lowerBound)
            start = range.upperBound
        }
        guard let index = matches.first else { return self }
        let open = Array("<ArticleTitle>".utf8).count
        result.replaceSubrange((index + open)..<(index + open + title.utf8.count), with: bytes)
        return result
    }
}
