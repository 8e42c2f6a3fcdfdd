import Foundation
import Testing
@testable import SciCollab

@Suite("BibTeX tokenizer")
struct BibTeXReaderTests {
    private func entries(_ text: String) throws -> (entries: [BibTeXReader.Entry], errors: [BibTeXReader.Malformed]) {
        let path = try TestSupport.write(text, name: "input.bib")
        let reader = BibTeXReader(source: try ByteSources.open(path))
        var entries: [BibTeXReader.Entry] = []
        var errors: [BibTeXReader.Malformed] = []
        while true {
            do {
                guard let entry = try reader.next() else { break }
                entries.append(entry)
            } catch let error as BibTeXReader.Malformed {
                errors.append(error)
            }
        }
        return (entries, errors)
    }

    @Test func stringsConcatenationQuotesAndParentheses() throws {
        let text = """
            Scopus
            EXPORT DATE: 13 January 2017 (a comment: text outside entries, even with me@example.org)

            @string{ jas = "Journal of {A}pplied Stuff" }
            @comment{ ignored = {x} }
            @Article(key1,
              Title = "A {"}quoted{"} title",
              journal = jas # ", " # {Series } # 2,
              month = mar,
              year = 2020
            )
            @BOOK{key2, title={Nested {braces {deep}} kept}}@MISC{key3,note={Cited by: 4}}
            """
        let result = try entries(text)
        #expect(result.errors.isEmpty)
        #expect(result.entries.map(\.key) == ["key1", "key2", "key3"])
        #expect(result.entries.map(\.type) == ["article", "book", "misc"])
        let first = result.entries[0]
        #expect(first.line == 6)
        #expect(first["title"] == "A {\"}quoted{\"} title")
        #expect(first["journal"] == "Journal of {A}pplied Stuff, Series 2")
        #expect(first["month"] == "March")
        #expect(first["year"] == "2020")
        #expect(result.entries[1]["title"] == "Nested {braces {deep}} kept")
        #expect(result.entries[1].line == 12)
        #expect(result.entries[2].line == 12)
        #expect(result.entries[2]["note"] == "Cited by: 4")
    }

    @Test func keysWithSpacesAndCommas() throws {
        let result = try entries("@ARTICLE{Pierella Karlusich2022,\n\ttitle = {A}\n}\n@ARTICLE{Ribeiro, Jr2022,\n\ttitle = {B}\n}\n@article{k, title = {C}, year = {2001}}\n")
        #expect(result.entries.map(\.key) == ["Pierella Karlusich2022", "Ribeiro, Jr2022", "k"])
        #expect(result.entries.map { $0["title"] } == ["A", "B", "C"])
    }

    @Test("a malformed entry is reported with its line, and reading goes on with the next entry")
    func malformedEntryResumes() throws {
        let text = "@ARTICLE{good1,\n title = {One}\n}\n@ARTICLE{bad,\n title {Two},\n year = {2000}\n}\n@ARTICLE{good2,\n title = {Three}\n}\n"
        let result = try entries(text)
        #expect(result.entries.map(\.key) == ["good1", "good2"])
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.line == 4)
        #expect(result.errors.first?.problemLine == 5)
        #expect(result.errors.first?.message == "expected '=' after field name 'title'")
        #expect(result.errors.first?.key == "bad")
    }

    @Test func unterminatedEntryIsAnError() throws {
        let result = try entries("@ARTICLE{a,\n title = {One}\n}\n@ARTICLE{b,\n title = {Two\n")
        #expect(result.entries.map(\.key) == ["a"])
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.line == 4)
    }

    @Test func undefinedMacroIsAnError() throws {
        let result = try entries("@ARTICLE{a, journal = nosuchmacro}\n@ARTICLE{b, title = {ok}}")
        #expect(result.entries.map(\.key) == ["b"])
        #expect(result.errors.first?.message == "undefined @string macro 'nosuchmacro' in 'journal'")
    }

    @Test func latexEscapes() {
        #expect(LaTeXText.decode(#"M{\"u}ller, J{\'e}r{\^o}me and {\aa}ngstr{\"o}m, {\O}ystein"#) == "Müller, Jérôme and ångström, Øystein")
        #expect(LaTeXText.decode(#"\v{S}eri\'{c}, L. and Zg{\l}obicki, W. and Gro{\ss}, K. and Fran\c{c}ois"#) == "Šerić, L. and Zgłobicki, W. and Groß, K. and François")
        #expect(LaTeXText.decode("Univ Vermont, Dept Comp Sci \\& Informat,\n   Burlington {[}m/k] 10\\% a\\_b") == "Univ Vermont, Dept Comp Sci & Informat, Burlington [m/k] 10% a_b")
        #expect(LaTeXText.decode("pages 1--10, \\textit{Homo} sapiens") == "pages 1–10, Homo sapiens")
        #expect(LaTeXText.decode("D'Ambrosio, A.a") == "D'Ambrosio, A.a")
    }

    @Test func authorLists() {
        #expect(BibTeXNames.split("Porter, Dwayne E. and Kelsey, R. Heath and {Smith and Sons}").map(\.written)
                == ["Porter, Dwayne E.", "Kelsey, R. Heath", "{Smith and Sons}".replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")])
        let lettered = BibTeXNames.split("Celentano, A.a  b  c , Tovaru, S.d , Mignogna, M.D.a ")
        #expect(lettered == [
            .init(written: "Celentano, A.", letters: ["a", "b", "c"]), .init(written: "Tovaru, S.", letters: ["d"]),
            .init(written: "Mignogna, M.D.", letters: ["a"]),
        ])
        #expect(BibTeXNames.split("Siciliano, R., D’Ambrosio, A., Aria, M.").map(\.written) == ["Siciliano, R.", "D’Ambrosio, A.", "Aria, M."])
        #expect(BibTeXNames.split("Wang, P.a ") == [.init(written: "Wang, P.", letters: ["a"])])
    }
}
