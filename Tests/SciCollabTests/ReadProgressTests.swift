import Foundation
import Testing
@testable import SciCollab

/// The bytes an import has read, for its progress display; the exports that are recognised and not read.
struct ReadProgressTests {
    @Test("the importers' readers report the bytes they have read; detection does not")
    func readProgress() throws {
        // A copy of its own: other tests read the fixture at the same time.
        let path = TestSupport.scratchDirectory().appendingPathComponent("progress.txt").path
        try FileManager.default.copyItem(atPath: TestSupport.fixture("wos_txt_2014_wosfile_50rec.txt"), toPath: path)
        let size = try #require((try FileManager.default.attributesOfItem(atPath: path))[.size] as? NSNumber).intValue
        _ = try ByteSources.prefix(ofFileAt: path, count: 1024)
        #expect(ReadProgress.shared.bytesRead(path) == 0)
        let source = try ByteSources.open(path, chunkSize: 4096)
        _ = try source.nextChunk()
        #expect(ReadProgress.shared.bytesRead(path) == 4096)
        while try source.nextChunk() != nil {}
        #expect(ReadProgress.shared.bytesRead(path) == size)
        ReadProgress.shared.finished(path)
        #expect(ReadProgress.shared.bytesRead(path) == 0)
    }

    @Test("known exports that are not read are named with what to do; other files are not")
    func unsupportedExports() {
        func identify(_ text: String, _ name: String = "file.txt") -> String? {
            UnsupportedExports.identify(prefix: Array(text.utf8), fileName: name)?.name
        }
        #expect(identify("TY  - JOUR\nAU  - Doe, J\nER  - \n") == "an RIS file from another source (EndNote, Zotero, Mendeley or a database other than Scopus)")
        #expect(identify("@article{doe2020,\n  title={A}\n}\n") == "a BibTeX file from another source (Zotero, Mendeley, Google Scholar, a database other than Scopus or Web of Science)")
        #expect(identify("\"Journal title\",\"ISSN\",\"eISSN\",\"Publisher name\",\"Web of Science Categories\"\n") == "a Web of Science journal list")
        #expect(identify("PMID,Title,Authors,Citation,First Author,Journal/Book\n") == "a PubMed CSV export")
        #expect(identify("[{\"id\":\"x\",\"type\":\"article-journal\",\"container-title\":\"J\",\"author\":[{\"family\":\"Doe\"}]}]") == "a CSL JSON file (Zotero, Mendeley)")
        #expect(UnsupportedExports.identify(prefix: [0x50, 0x4B, 0x03, 0x04], fileName: "savedrecs.xlsx")?.name == "an Excel workbook")
        #expect(identify("%PDF-1.7") == nil)
        #expect(identify("just some notes\n") == nil)
        #expect(identify("Title,Year\nA,2020\n", "data.csv") == nil)
    }
}

/// Whether an impact model is kept for the current data: what lets the tool say, before a long computation, that
/// it is computing one.
struct KeptImpactModelTests {
    @Test("a model is kept after its first computation, for its window, until the data change")
    func keptUntilDataChange() throws {
        let store = try TestSupport.makeStore()
        _ = try store.importFile(TestSupport.fixture("wos_txt_2014_wosfile_50rec.txt"))
        #expect(try !store.hasKeptImpactModel())
        _ = try store.impactModel(window: .total)
        #expect(try store.hasKeptImpactModel(window: .total))
        #expect(try store.hasKeptImpactModel())                      // no window given: either
        #expect(try store.hasKeptImpactModel(scheme: "auto", window: .total))   // `auto` as `fields` passes it: the default
        #expect(try !store.hasKeptImpactModel(window: .fourYears))
        #expect(try !store.hasKeptImpactModel(scheme: "wos-category", window: .total))
        _ = try store.importFile(TestSupport.fixture("wos_txt_2026_bibliometrix_8rec.txt"))
        #expect(try !store.hasKeptImpactModel(window: .total))     // an import makes kept models stale
    }
}
