import Testing
@testable import SciCollab

struct CSVReaderTests {
    func readAll(_ text: String, chunkSize: Int) throws -> [(line: Int, fields: [String], malformed: String?)] {
        let path = try TestSupport.write(text)
        let reader = try CSVReader(path: path, chunkSize: chunkSize)
        var records: [(Int, [String], String?)] = []
        while let record = try reader.next() {
            records.append((record.line, (0..<record.fieldCount).map(reader.string), record.malformation))
        }
        return records
    }

    @Test("quoted fields, escapes, line breaks, BOM and CRLF, whatever the chunk size", arguments: [1, 2, 3, 7, 64, 4 << 20])
    func rfc4180(chunkSize: Int) throws {
        let text = "\u{FEFF}a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n1,,3\n\nlast,row,\"no newline\""
        let records = try readAll(text, chunkSize: chunkSize)
        #expect(records.count == 4)
        #expect(records[0].fields == ["a", "b", "c"])
        #expect(records[1].fields == ["x, y", "say \"hi\"", "two\nlines"])
        #expect(records[2].fields == ["1", "", "3"])
        #expect(records[2].line == 4)
        #expect(records[3].line == 6)
        #expect(records[3].fields == ["last", "row", "no newline"])
        #expect(records.allSatisfy { $0.malformed == nil })
    }

    @Test func reportsMalformedQuotes() throws {
        let records = try readAll("a,\"b\"x,c\nd,\"never closed\n", chunkSize: 5)
        #expect(records[0].malformed == "text after a closing quote")
        #expect(records[1].malformed == "a quoted field never closes")
    }

    @Test func trailingDelimiterGivesAnEmptyLastField() throws {
        let records = try readAll("a,b,\n", chunkSize: 4)
        #expect(records[0].fields == ["a", "b", ""])
    }
}
