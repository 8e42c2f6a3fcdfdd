import Foundation
import Testing
@testable import SciCollab

/// Tables whose rows are read while they are written (`ReportRowSource`): CSV and JSON hold one row at a time.
struct ReportStreamingTests {
    /// Text written so far, readable while the renderer writes.
    final class RecordingStream: TextOutputStream {
        var text = ""
        func write(_ string: String) { text += string }
    }

    struct SourceFailure: Error {}

    func table(_ rows: [[ReportValue]], seen: RecordingStream? = nil, seenBeforeRow: (([ReportValue], String) -> Void)? = nil,
               failAfter: Int? = nil) -> ReportTable {
        ReportTable(key: "works", title: "Works", columns: [ReportColumn("id", "Id"), ReportColumn("name", "Name")],
                    rowSource: ReportRowSource { body in
                        for (index, row) in rows.enumerated() {
                            if index == failAfter { throw SourceFailure() }
                            if let seen { seenBeforeRow?(row, seen.text) }
                            try body(row)
                        }
                    })
    }

    let rows: [[ReportValue]] = [[.int(1), .text("a, b")], [.int(2), .text("c")], [.int(3), .null]]

    @Test("CSV and JSON write each row before the next is read, and equal the output of the same rows held")
    func rowByRow() throws {
        for format in [OutputFormat.csv, .json] {
            let stream = RecordingStream()
            var seenBefore: [String] = []
            var report = Report(command: "explain", tables: [table(rows, seen: stream, seenBeforeRow: { _, text in seenBefore.append(text) })])
            var out = stream
            try ReportRenderer.write(report, as: format, to: &out)
            // Before the third row was read, the second was written.
            let second = format == .csv ? "2,c\n" : "{\"id\": 2, \"name\": \"c\"}"
            #expect(seenBefore.count == 3)
            #expect(!seenBefore[1].contains(second) && seenBefore[2].contains(second), "\(format)")
            report.tables[0] = ReportTable(key: "works", title: "Works", columns: report.tables[0].columns, rows: rows)
            #expect(stream.text == (try ReportRenderer.render(report, as: format)), "\(format)")
        }
        #expect(try ReportRenderer.render(Report(command: "explain", tables: [table(rows)]), as: .csv) == "id,name\n1,\"a, b\"\n2,c\n3,\n")
    }

    @Test("CSV quotes and JSON escapes each awkward cell as written by hand, native and bridged strings alike")
    func awkwardCells() throws {
        // A quote followed by a combining accent is still a quote byte to double; a bridged string is read by copy.
        let bridged = NSString(string: "Z\u{00FC}rich, \"ETH\"") as String
        let cells: [(text: String, csv: String, json: String)] = [
            ("plain", "plain", #""plain""#),
            ("a, b", #""a, b""#, #""a, b""#),
            (#"say "hi""#, #""say ""hi""""#, #""say \"hi\"""#),
            ("\"\u{0301}x", "\"\"\"\u{0301}x\"", "\"\\\"\u{0301}x\""),
            ("line\nbreak", "\"line\nbreak\"", #""line\nbreak""#),
            (" padded", #"" padded""#, #"" padded""#),
            ("tab\there\u{01}", "tab\there\u{01}", #""tab\there\u0001""#),
            (#"back\slash"#, #"back\slash"#, #""back\\slash""#),
            (bridged, "\"Z\u{00FC}rich, \"\"ETH\"\"\"", "\"Z\u{00FC}rich, \\\"ETH\\\"\""),
        ]
        for cell in cells {
            let report = Report(command: "explain", tables: [ReportTable(key: "t", title: "T", columns: [ReportColumn("v", "V")],
                                                                         rows: [[.text(cell.text)]])])
            #expect(try ReportRenderer.render(report, as: .csv) == "v\n\(cell.csv)\n", "\(cell.text)")
            #expect(try ReportRenderer.render(report, as: .json).contains("{\"v\": \(cell.json)}"), "\(cell.text)")
        }
        let list = Report(command: "explain", tables: [ReportTable(key: "t", title: "T", columns: [ReportColumn("v", "V")],
                                                                   rows: [[.list(["a", #"b"c"#])], [.null]])])
        #expect(try ReportRenderer.render(list, as: .csv) == "v\n\"a; b\"\"c\"\n\n")
        #expect(try ReportRenderer.render(list, as: .json).contains(#"{"v": ["a", "b\"c"]},"# + "\n    {\"v\": null}"))
    }

    @Test("aligned text and Markdown read the rows first and lay them out as rows held; the rows are read again on each write")
    func materialized() throws {
        let streamed = Report(command: "explain", tables: [table(rows)])
        let held = Report(command: "explain", tables: [ReportTable(key: "works", title: "Works", columns: streamed.tables[0].columns, rows: rows)])
        for format in [OutputFormat.table, .markdown] {
            #expect(try ReportRenderer.render(streamed, as: format) == (try ReportRenderer.render(held, as: format)))
        }
        #expect(try streamed.materialized().tables[0].rows == rows)
        #expect(try streamed.materialized().tables[0].rowSource == nil)
        #expect(try ReportRenderer.render(streamed, as: .json) == (try ReportRenderer.render(streamed, as: .json)))
    }

    @Test("an error while the rows are read is thrown, never an output that looks whole")
    func failure() throws {
        let report = Report(command: "explain", tables: [table(rows, failAfter: 1)])
        for format in OutputFormat.allCases {
            #expect(throws: SourceFailure.self) { try ReportRenderer.render(report, as: format) }
        }
    }

    @Test("a file stream writes every byte across its 1 MiB blocks, and a file it cannot create is an error")
    func fileStream() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.csv").path
        let stream = try ReportFileStream(path: path)
        let line = String(repeating: "x", count: 999) + "\n"
        for _ in 0..<3000 { stream.write(line) }
        try stream.close()
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written.count == 3_000_000)
        #expect(written == Data(String(repeating: line, count: 3000).utf8))
        let missing = directory.appendingPathComponent("missing/out.csv").path
        #expect { try ReportFileStream(path: missing) } throws: { error in
            (error as? ReportFileError)?.localizedDescription == "No such file or directory" && (error as? ReportFileError)?.path == missing
        }
    }
}
