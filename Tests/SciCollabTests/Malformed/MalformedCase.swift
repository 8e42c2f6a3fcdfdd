import Foundation
import Testing
@testable import SciCollab

/// One small bad input: a file made up for the test, what the import must do with it.
struct MalformedCase: Sendable, CustomTestStringConvertible {
    enum Outcome: Sendable {
        /// The file is imported: these source ids are stored, the records at `skipped` lines are skipped with a
        /// diagnostic naming the file and line, the records at `warned` lines are imported with a warning.
        /// `message` is part of the first skip's (else the first warning's) message.
        case records(kept: [String], skipped: [Int], warned: [Int], message: String)
        /// The whole file is refused with an error naming it; `message` is part of the error.
        case fileError(message: String)
    }

    var name: String
    var fileName: String
    var bytes: [UInt8]
    var outcome: Outcome

    var testDescription: String { name }

    init(_ name: String, file: String, _ text: String, _ outcome: Outcome) {
        self.init(name, file: file, bytes: Array(text.utf8), outcome)
    }

    init(_ name: String, file: String, bytes: [UInt8], _ outcome: Outcome) {
        self.name = name
        fileName = file
        self.bytes = bytes
        self.outcome = outcome
    }

    static func kept(_ ids: [String], skipped: [Int] = [], warned: [Int] = [], _ message: String = "") -> Outcome {
        .records(kept: ids, skipped: skipped, warned: warned, message: message)
    }
}

/// Builders of small files in every format, with the line where each record starts.
enum MalformedInputs {
    /// A Web of Science tagged file of `records` (each a list of `TAG value` lines); the record starting lines.
    static func wos(_ records: [[String]], header: Bool = true) -> (text: String, lines: [Int]) {
        var lines = header ? ["FN Clarivate Analytics Web of Science", "VR 1.0"] : []
        var starts: [Int] = []
        for record in records {
            starts.append(lines.count + 1)
            lines += record + ["ER", ""]
        }
        lines.append("EF")
        return (lines.joined(separator: "\n") + "\n", starts)
    }

    /// A good Web of Science record with accession number `ut`, or with `replacing` lines substituted by tag.
    static func wosRecord(_ ut: String, _ replacing: [String: String?] = [:], extra: [String] = []) -> [String] {
        let base: [(String, String)] = [
            ("PT", "J"), ("AU", "Smith, J"), ("AF", "Smith, John"), ("TI", "A study of \(ut)"),
            ("C1", "[Smith, John] Moscow MV Lomonosov State Univ, Moscow, Russia."), ("PY", "2020"), ("TC", "5"),
            ("UT", "WOS:\(ut)"),
        ]
        var lines: [String] = []
        for (tag, value) in base {
            if let replacement = replacing[tag] {
                if let replacement { lines.append("\(tag) \(replacement)") }
            } else {
                lines.append("\(tag) \(value)")
            }
        }
        return Array(lines.dropLast()) + extra + [lines.last!]
    }

    /// A MEDLINE text record.
    static func medline(_ pmid: String?, _ fields: [String] = []) -> [String] {
        (pmid.map { ["PMID- \($0)"] } ?? []) + ["TI  - Title of \(pmid ?? "none")", "DP  - 2020 Jan",
            "FAU - Smith, John", "AU  - Smith J", "AD  - Moscow State University, Moscow, Russia."] + fields
    }

    static func medlineFile(_ records: [[String]]) -> (text: String, lines: [Int]) {
        var lines: [String] = []
        var starts: [Int] = []
        for record in records {
            starts.append(lines.count + 1)
            lines += record + [""]
        }
        return (lines.joined(separator: "\n"), starts)
    }

    /// A PubMed XML article on one line.
    static func pubmed(_ pmid: String, title: String = "A title", year: String = "2020",
                       author: String = "<Author><LastName>Smith</LastName><ForeName>John</ForeName><AffiliationInfo><Affiliation>Moscow State University, Moscow, Russia.</Affiliation></AffiliationInfo></Author>") -> String {
        "<PubmedArticle><MedlineCitation><PMID>\(pmid)</PMID><Article><Journal><JournalIssue><PubDate><Year>\(year)</Year></PubDate></JournalIssue></Journal>"
            + "<ArticleTitle>\(title)</ArticleTitle><AuthorList>\(author)</AuthorList></Article></MedlineCitation></PubmedArticle>"
    }

    /// A PubMed XML file, the declaration on line 1, the set on line 2, one article a line from line 3.
    static func pubmedFile(_ articles: [String]) -> String {
        "<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n" + articles.joined(separator: "\n") + "\n</PubmedArticleSet>\n"
    }

    /// An OpenAlex work on one line, with members replaced or added.
    static func openAlex(_ id: String, _ members: [String: String] = [:]) -> String {
        var fields: [(String, String)] = [
            ("id", "\"https://openalex.org/\(id)\""), ("publication_year", "2020"), ("cited_by_count", "3"), ("type", "\"article\""),
            ("title", "\"Work \(id)\""),
            ("authorships", #"[{"author":{"id":"https://openalex.org/A1","display_name":"Ann Lee"},"institutions":[{"id":"https://openalex.org/I1","display_name":"Moscow State University","country_code":"RU"}],"countries":["RU"]}]"#),
        ]
        for (key, value) in members.sorted(by: { $0.key < $1.key }) {
            if let index = fields.firstIndex(where: { $0.0 == key }) { fields[index].1 = value } else { fields.append((key, value)) }
        }
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    static let openAlexCSVHeader = #""id","authorships.author.display_name","authorships.author.id","authorships.countries","authorships.institutions.display_name","authorships.institutions.id","citation_normalized_percentile.value","cited_by_count","display_name","doi","fwci","publication_year","type""#

    /// An OpenAlex web-interface CSV row, with cells replaced by column name.
    static func openAlexCSV(_ id: String, _ cells: [String: String] = [:]) -> String {
        let columns = ["id", "authorships.author.display_name", "authorships.author.id", "authorships.countries",
                       "authorships.institutions.display_name", "authorships.institutions.id",
                       "citation_normalized_percentile.value", "cited_by_count", "display_name", "doi", "fwci", "publication_year", "type"]
        let defaults = ["id": "https://openalex.org/\(id)", "authorships.author.display_name": "Ann Lee",
                        "authorships.author.id": "https://openalex.org/A1", "authorships.countries": "RU",
                        "authorships.institutions.display_name": "Moscow State University",
                        "authorships.institutions.id": "https://openalex.org/I1", "citation_normalized_percentile.value": "0.5",
                        "cited_by_count": "3", "display_name": "Work \(id)", "doi": "", "fwci": "1.2", "publication_year": "2020",
                        "type": "article"]
        return columns.map { column in
            let value = cells[column] ?? defaults[column] ?? ""
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }

    /// A Scopus CSV record (2023 layout) with EID `2-s2.0-<n>`.
    static func scopus(_ n: String, _ cells: [String: String] = [:]) -> [String: String] {
        var record = ["EID": "2-s2.0-\(n)", "Title": "Paper \(n)", "Year": "2020", "Cited by": "3", "Authors": "Smith J.",
                      "Author full names": "Smith, John (57000000001)", "Author(s) ID": "57000000001",
                      "Authors with affiliations": "Smith J., Moscow State University, Moscow, Russian Federation",
                      "Affiliations": "Moscow State University, Moscow, Russian Federation", "Document Type": "Article", "Source": "Scopus"]
        for (key, value) in cells { record[key] = value }
        return record
    }

    /// A World Bank WDI data file (preamble, header on line 5) with rows from line 6.
    static func worldBank(_ rows: [String]) -> String {
        "\u{FEFF}\"Data Source\",\"World Development Indicators\",\n\n\"Last Updated Date\",\"2026-02-24\",\n\n"
            + "\"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator Code\",\"2019\",\"2020\",\n"
            + rows.joined(separator: "\n") + "\n"
    }

    static func worldBankRow(_ name: String, _ code: String, _ values: String = "\"1.1\",\"1.2\"") -> String {
        "\"\(name)\",\"\(code)\",\"Research and development expenditure (% of GDP)\",\"GB.XPD.RSDV.GD.ZS\",\(values),"
    }
}
