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
}
