import Foundation
import Testing

/// Bad arguments and bad databases end a command with a usage error or a message in words, never a trap,
/// and a read never creates a database.
struct BadArgumentsTests {
    let cli = CommandLineTests()

    @Test("a negative --top or --limit is a usage error (exit 64) naming the option", arguments: [
        (["countries", "--top=-1"], "--top must be 0 or more, not -1"),
        (["pairs", "--top=-1"], "--top must be 0 or more, not -1"),
        (["fields", "--top=-1"], "--top must be 0 or more, not -1"),
        (["summary", "--limit=-1"], "--limit must be 0 or more, not -1"),
        (["explain", "country", "RU", "--limit=-1"], "--limit must be 0 or more, not -1"),
        (["explain", "pair", "RU", "CN", "--limit=-5"], "--limit must be 0 or more, not -5"),
        (["fields", "--scheme", "bogus"], "unknown field scheme 'bogus'"),
        (["impact", "--scheme", "bogus"], "unknown field scheme 'bogus'"),
        (["countries", "--citations-from", "bogus"], "--citations-from must be precedence, scopus, wos"),
        (["impact", "--citations-from", "scopus2"], "--citations-from must be precedence, scopus, wos"),
        (["indicators", "RU", "--forecast", "100000000"], "--forecast takes 1 to 100 years, not 100000000"),
        (["indicators", "RU", "--forecast", "0"], "--forecast takes 1 to 100 years, not 0"),
    ])
    func usageErrors(arguments: [String], message: String) throws {
        let database = cli.scratchDatabase()
        let result = try cli.run(arguments, database: database)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message))
        #expect(!FileManager.default.fileExists(atPath: database))
    }

    @Test("a read command refuses a database that does not exist and does not create it", arguments: [
        ["countries"], ["summary"], ["pairs"], ["collaboration"], ["fields"], ["pair", "RU", "CN"], ["explain", "country", "RU"],
        ["indicators", "RU"], ["impact"],
    ])
    func missingDatabase(arguments: [String]) throws {
        let database = cli.scratchDatabase()
        let result = try cli.run(arguments, database: database)
        #expect(result.status == 66)   // EX_NOINPUT: a missing input
        #expect(result.stderr.contains("\(database): no such database; import files first"))
        #expect(!FileManager.default.fileExists(atPath: database))
        #expect(result.stdout.isEmpty)
    }

    @Test("a file that is not a scicollab database is refused by a read, and left unchanged")
    func foreignDatabase() throws {
        let database = cli.scratchDatabase()
        try Data().write(to: URL(fileURLWithPath: database))
        let result = try cli.run(["countries"], database: database)
        #expect(result.status == 1)
        #expect(result.stderr.contains("not a scicollab database"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)).isEmpty)
    }

    /// A scratch folder holding `files` (name → bytes).
    func folder(_ files: [String: [UInt8]]) throws -> URL {
        let directory = URL(fileURLWithPath: cli.scratchDatabase()).deletingLastPathComponent().appendingPathComponent("in")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, bytes) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return directory
    }

    @Test("a folder with nothing importable is an error that says so")
    func nothingImportable() throws {
        let input = try folder(["refs.ris": Array("TY  - JOUR\nER  -\n".utf8), "lens.csv": Array("Lens ID,Title\n1,x\n".utf8)])
        let result = try cli.run(["import", input.path], database: cli.scratchDatabase())
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: nothing to import in \(input.path): 2 file(s), none a recognised export"))
    }

    @Test("a broken link in a folder is reported and the exit code is 1; the readable files are imported")
    func unreadableEntry() throws {
        let input = try folder(["sub/w.jsonl": Array(#"{"id":"https://openalex.org/W1","publication_year":2020}"#.utf8) + [0x0A]])
        try FileManager.default.createSymbolicLink(atPath: input.appendingPathComponent("sub/gone.csv").path, withDestinationPath: "/nonexistent/file")
        let database = cli.scratchDatabase()
        let result = try cli.run(["import", input.path], database: database)
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: \(input.path)/sub/gone.csv: cannot read: a link to nothing"))
        #expect(result.stderr.contains("1 records read, 1 imported"))
    }

    @Test("a FIFO or a device is refused at once with the reason, never read", arguments: ["fifo", "/dev/zero"])
    func nonRegularFiles(target: String) throws {
        var path = target
        if target == "fifo" {
            path = URL(fileURLWithPath: cli.scratchDatabase()).deletingLastPathComponent().appendingPathComponent("pipe").path
            #expect(mkfifo(path, 0o600) == 0)
        }
        let started = Date()
        let result = try cli.run(["import", path], database: cli.scratchDatabase())
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: \(path): cannot read: not a regular file"))
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test("a truncated gzip names the file")
    func truncatedGzip() throws {
        // The first 40 bytes of a gzip member: header and part of the deflate stream.
        let input = try folder(["cut.csv.gz": [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03] + Array(repeating: 0x4B, count: 30)])
        let path = input.appendingPathComponent("cut.csv.gz").path
        let result = try cli.run(["import", path], database: cli.scratchDatabase())
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: \(path): cannot read:"))
    }

    @Test("a skipped record sets exit code 1 unless --allow-skips; the good records are kept")
    func skipExitCode() throws {
        let input = try folder(["w.jsonl": Array((#"{"id":"https://openalex.org/W1","publication_year":2020}"# + "\n" + #"{"publication_year":2020}"# + "\n").utf8)])
        let database = cli.scratchDatabase()
        let strict = try cli.run(["import", input.appendingPathComponent("w.jsonl").path], database: database)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("2 records read, 1 imported, 1 skipped"))
        let other = cli.scratchDatabase()
        let lenient = try cli.run(["import", "--allow-skips", input.appendingPathComponent("w.jsonl").path], database: other)
        #expect(lenient.status == 0)
    }
}
