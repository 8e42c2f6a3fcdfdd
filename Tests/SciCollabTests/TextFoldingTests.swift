import Foundation
import Testing
@testable import SciCollab

struct TextFoldingTests {
    @Test func foldsCaseAccentsAndPunctuation() {
        #expect(TextFolding.fold("Peoples R. China") == "peoples r china")
        #expect(TextFolding.fold("Université Henri-Poincaré") == "universite henri poincare")
        #expect(TextFolding.fold("U.S.A.") == "usa")
        #expect(TextFolding.fold("People's Republic of China") == "peoples republic of china")
        #expect(TextFolding.fold("Bosnia & Herceg") == "bosnia herceg")
        #expect(TextFolding.fold("  TÜRKIYE ") == "turkiye")
        #expect(TextFolding.fold("Jørstad") == "jorstad")
    }

    @Test func decodesHTMLCharacterReferences() {
        #expect(HTMLEntities.decode("M&#x00FC;nchen") == "München")
        #expect(HTMLEntities.decode("Landau&#x2013;Lifshitz") == "Landau–Lifshitz")
        #expect(HTMLEntities.decode("Coordena&#231;&#227;o") == "Coordenação")
        #expect(HTMLEntities.decode("R&amp;D Center") == "R&D Center")
        #expect(HTMLEntities.decode("R&D Center") == "R&D Center")
        #expect(HTMLEntities.decode("Iglesias &#X.002;.") == "Iglesias &#X.002;.")
    }

    /// Awkward texts for the trimming and line splitting below: spaces of other kinds, a combining accent after a
    /// space or a line break, `\r\n`, the Unicode line breaks, a text of spaces alone, the empty text.
    static let awkward = [
        "", " ", "\t \u{00A0}\u{3000}", " BRICS\t", "\u{2003}G7 ", "a b", " \u{301}abc \u{301} ", "\nx\n", "x\r\ny\r\n\r\n",
        "one\u{2028}two\u{85}three\u{2029}four", "a\u{0B}b\u{0C}c\rd", "Côte d'Ivoire\tCI\n#note\n\nTürkiye\tTR", "\n\u{301}x",
        "\u{1680}x\u{202F}", "x\u{200B}", "\u{205F}x\u{180E}", "\u{200C}x\u{2028}", "\u{FEFF}x\u{85}",
    ]

    @Test("trimmedSpaces removes what Foundation's trimming of .whitespaces removes")
    func trimmedSpacesMatchesFoundation() {
        for text in Self.awkward {
            #expect(String(TextFolding.trimmedSpaces(text)) == text.trimmingCharacters(in: .whitespaces), "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test("nonEmptyLines gives the lines that splitting on every line break character gives")
    func nonEmptyLinesMatchesCharacterSplit() {
        for text in Self.awkward {
            #expect(TextFolding.nonEmptyLines(text).map(String.init) == text.split(whereSeparator: \.isNewline).map(String.init),
                    "\(text.unicodeScalars.map(\.value))")
        }
        #expect(TextFolding.nonEmptyLines("a\r\nb\n\nc") == ["a", "b", "c"])
    }
}
