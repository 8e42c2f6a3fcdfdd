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
        #expect(result.status == 1)
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
}
