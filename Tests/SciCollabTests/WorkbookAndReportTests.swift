import CZlib
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SciCollab

/// The entries of a zip file, inflated (stored and deflated entries), from its central directory.
enum ZipReader {
    static func entries(_ data: Data) throws -> [String: Data] {
        let bytes = [UInt8](data)
        func u16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
        // End of central directory: the last "PK\5\6".
        var end = bytes.count - 22
        while end > 0, !(bytes[end] == 0x50 && bytes[end + 1] == 0x4B && bytes[end + 2] == 5 && bytes[end + 3] == 6) { end -= 1 }
        #expect(end > 0, "no end of central directory: not a zip")
        var offset = u32(end + 16)
        var out: [String: Data] = [:]
        for _ in 0..<u16(end + 10) {
            #expect(u32(offset) == 0x02014B50)
            let method = u16(offset + 10), compressed = u32(offset + 20), size = u32(offset + 24)
            let nameLength = u16(offset + 28), extra = u16(offset + 30), comment = u16(offset + 32), local = u32(offset + 42)
            let name = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            let start = local + 30 + u16(local + 26) + u16(local + 28)
            let raw = Array(bytes[start..<(start + compressed)])
            out[name] = method == 0 ? Data(raw) : inflate(raw, size: size)
            offset += 46 + nameLength + extra + comment
        }
        return out
    }

    static func inflate(_ input: [UInt8], size: Int) -> Data {
        var stream = z_stream()
        #expect(inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        var output = [UInt8](repeating: 0, count: max(size, 1))
        var input = input
        let status = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        inflateEnd(&stream)
        #expect(status == Z_STREAM_END)
        return Data(output.prefix(size))
    }
}

@Suite("Workbook and HTML report")
struct WorkbookAndReportTests {
    static func fixtureStore() throws -> Store {
        let store = try TestSupport.makeStore()
        _ = try store.importFile(TestSupport.fixture("wos_txt_2014_wosfile_50rec.txt"))
        return store
    }

    @Test("pairs as a workbook: a zip with the sheets, numbers as numbers, shares with a percent format")
    func pairsWorkbook() throws {
        let store = try Self.fixtureStore()
        let report = StandardReports.pairs(try store.pairs(country: "US"), country: "US", counting: .full, scope: AnalysisScope(),
                                           works: try store.workCounts())
        let path = TestSupport.scratchDirectory().appendingPathComponent("pairs.xlsx").path
        try XLSXWorkbook.write([report], to: path)
        let entries = try ZipReader.entries(try Data(contentsOf: URL(fileURLWithPath: path)))
        let workbook = String(decoding: try #require(entries["xl/workbook.xml"]), as: UTF8.self)
        #expect(workbook.contains("name=\"About\"") && workbook.contains("name=\"pairs\""))
        let sheet = String(decoding: try #require(entries["xl/worksheets/sheet2.xml"]), as: UTF8.self)
        // US–CA: C_AB = 3 as a number cell; 3/23 = 13.04 % stored as 0.1304… with a percent style.
        #expect(sheet.contains("<v>3</v>"))
        #expect(sheet.contains("<v>0.13043478260869"))
        let styles = String(decoding: try #require(entries["xl/styles.xml"]), as: UTF8.self)
        #expect(styles.contains("formatCode=\"0.00%\""))
        Self.checkWithOpenpyxl(path, sheet: "pairs", expected: [("A2", "US"), ("B2", "CA"), ("C2", "3"), ("E2", "23"), ("G2", "0.13043")])
    }

    @Test("percent columns: by key or a % in the header; sheet names made valid and unique")
    func percentColumnsAndSheetNames() {
        #expect(XLSXWorkbook.isPercent(ReportColumn("share_a", "% of A")))
        #expect(XLSXWorkbook.isPercent(ReportColumn("international_share", "Intl %")))
        #expect(XLSXWorkbook.isPercent(ReportColumn("cagr", "CAGR %")))
        #expect(!XLSXWorkbook.isPercent(ReportColumn("works", "Works")))
        #expect(!XLSXWorkbook.isPercent(ReportColumn("fractional_weight", "Fractional weight")))
        var taken = Set<String>()
        #expect(XLSXWorkbook.sheetName("a/b:c", taken: &taken) == "a_b_c")
        #expect(XLSXWorkbook.sheetName("A/B:C", taken: &taken) == "A_B_C_2")
        #expect(XLSXWorkbook.sheetName(String(repeating: "x", count: 40), taken: &taken).count == 31)
    }

    /// openpyxl opens the workbook; each expected cell (`A1`-style, value as text prefix) is checked, numbers
    /// must be numeric cells. Skipped with a message when python3 or openpyxl is missing.
    static func checkWithOpenpyxl(_ path: String, sheet: String, expected: [(String, String)]) {
        let script = """
            import sys, json
            try:
                import openpyxl
            except ImportError:
                print("MISSING"); sys.exit(0)
            ws = openpyxl.load_workbook(sys.argv[1])[sys.argv[2]]
            print(json.dumps({c: [str(ws[c].value), ws[c].data_type, ws[c].number_format] for c in sys.argv[3:]}))
            """
        guard let data = TestSupport.python(script, [path, sheet] + expected.map(\.0), skipping: "openpyxl check"),
              let cells = (try? JSONSerialization.jsonObject(with: data)) as? [String: [String]] else { return }
        for (cell, value) in expected {
            let found = cells[cell] ?? []
            #expect(found.first?.hasPrefix(value) == true, "openpyxl \(cell): \(found)")
            if Double(value) != nil { #expect(found.count > 1 && found[1] == "n", "openpyxl \(cell) is a number cell") }
            if value.hasPrefix("0.") { #expect(found.count > 2 && found[2] == "0.00%", "openpyxl \(cell) percent format") }
        }
    }

    @Test("HTML report: self-contained, every section, every inline SVG well-formed with its marks")
    func htmlReport() throws {
        let store = try Self.fixtureStore()
        let study = try store.pairStudy("US", "CA", model: try store.impactModel(scheme: nil, window: nil))
        let html = HTMLReport.render(study)
        for id in ["outputs", "asymmetry", "types", "fields", "impact", "partners", "parameters"] {
            #expect(html.contains("<section id=\"\(id)\">"), "section \(id)")
        }
        // No network access: no external scripts, styles, images or links.
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href=\"http") && !html.contains("@import"))
        var svgs: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg "), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            svgs.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        // Series, asymmetry, types of US and CA, fields, two maps, the network.
        #expect(svgs.count == 8)
        let marks = svgs.map { SVGMarkCounter.count($0).total }
        #expect(marks[1] == 6)                                   // asymmetry: six shares, all defined
        #expect(marks[7] == study.network.nodes.count)           // network: a circle per node
        #expect(marks[5] == Set(study.partnersA.map { $0.b }).filter { code in WorldShapes.standard.shapes.contains { $0.code == code } }.count)
        // The joint works' C_AB (3) and the study's period are stated.
        #expect(study.metrics.jointWorks == 3)
        #expect(html.contains("US–CA co-authorship, 2000–2013"))
        let workbook = TestSupport.scratchDirectory().appendingPathComponent("study.xlsx").path
        try XLSXWorkbook.write(study.reports, to: workbook)
        let sheets = String(decoding: try #require(try ZipReader.entries(Data(contentsOf: URL(fileURLWithPath: workbook)))["xl/workbook.xml"]), as: UTF8.self)
        for name in ["About", "pair", "by_year", "countries", "types_US", "types_CA", "fields", "impact_US_CA", "partners_US", "partners_CA", "nodes", "links"] {
            #expect(sheets.contains("name=\"\(name)\""), "sheet \(name)")
        }
    }
}
