import Foundation
import Testing
@testable import SciCollab

/// An import killed with SIGKILL in the middle of a large file (the bulk-load path: deferred indexes, rollback
/// journal) leaves the database as it was before the import, intact, and importing the file again gives the
/// same database as an import that was never interrupted.
struct ImportInterruptionTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `scicollab` binary `swift test` builds beside the test bundle.
    static var binary: URL {
        let candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
            + Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        for directory in candidates {
            let url = directory.appendingPathComponent("scicollab")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue { return url }
        }
        return packageRoot.appendingPathComponent(".build/debug/scicollab")
    }

    /// Starts `executable` with `arguments` in the package root, its output discarded.
    func start(_ executable: URL, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = Self.packageRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs the binary to completion and returns its exit status and standard output.
    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = Self.packageRoot
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Rows per table of the tables an import writes.
    func tableCounts(_ path: String) throws -> [String: Int] {
        let database = try SQLiteDatabase(path: path, mode: .existing)
        var counts: [String: Int] = [:]
        for table in ["works", "source_records", "authors", "author_identifiers", "authorships", "affiliations", "authorship_affiliations",
                      "work_fields", "work_facts", "work_countries", "work_country_pairs", "work_author_countries", "country_authors",
                      "country_author_counts", "imports"] {
            counts[table] = try database.scalar("SELECT count(*) FROM \(table)").int
        }
        return counts
    }

    @Test("an import killed mid-file leaves an intact database; the re-run gives the complete one")
    func killedImportRecovers() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scicollab-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("generated.csv").path
        let generator = try start(URL(fileURLWithPath: "/usr/bin/env"),
                                  ["python3", "Benchmarks/generate.py", "scopus-csv", file, "--megabytes", "6"])
        generator.waitUntilExit()
        try #require(generator.terminationStatus == 0, "Benchmarks/generate.py needs python3")

        let reference = directory.appendingPathComponent("reference.sqlite").path
        #expect(try run(["import", file, "--db", reference]).status == 0)

        // The import to interrupt: killed once its transaction has written to the journal (rollback journal on
        // the bulk-load path, the WAL otherwise) for a while.
        let killed = directory.appendingPathComponent("killed.sqlite").path
        // The database exists beforehand, with the schema, as for a second file imported into a store.
        _ = try Store(path: killed)
        let importer = try start(Self.binary, ["import", file, "--db", killed])
        let deadline = Date().addingTimeInterval(120)
        func journalBytes() -> Int {
            ["-journal", "-wal"].compactMap {
                (try? FileManager.default.attributesOfItem(atPath: killed + $0)[.size] as? NSNumber)?.intValue
            }.max() ?? 0
        }
        while importer.isRunning && journalBytes() < 256 << 10 && Date() < deadline { usleep(20_000) }
        try #require(importer.isRunning, "the import ended before it could be interrupted")
        usleep(200_000)
        kill(importer.processIdentifier, SIGKILL)
        importer.waitUntilExit()
        #expect(importer.terminationReason == .uncaughtSignal)

        // Nothing of the file is stored, and the file is intact (the next connection rolls the journal back).
        let afterKill = try SQLiteDatabase(path: killed, mode: .existing)
        #expect(try afterKill.scalar("PRAGMA integrity_check").string == "ok")
        #expect(try afterKill.scalar("SELECT count(*) FROM works").int == 0)
        #expect(try afterKill.scalar("SELECT count(*) FROM imports").int == 0)
        #expect(try afterKill.rows("PRAGMA foreign_key_check").isEmpty)

        // The re-run stores the whole file: the same rows and the same figures as the uninterrupted import.
        #expect(try run(["import", file, "--db", killed]).status == 0)
        let recovered = try tableCounts(killed)
        #expect(recovered == (try tableCounts(reference)))
        #expect((recovered["works"] ?? 0) > 1_000)
        for command in [["countries"], ["pairs"], ["summary"], ["collaboration"]] {
            let expected = try run(command + ["--format", "json", "--db", reference])
            let actual = try run(command + ["--format", "json", "--db", killed])
            #expect(expected.status == 0 && actual.status == 0)
            // The imports' start times differ, nothing else.
            func comparable(_ output: String) -> String {
                output.replacingOccurrences(of: #""started_at": "[^"]*""#, with: "", options: .regularExpression)
            }
            #expect(comparable(actual.output.replacingOccurrences(of: killed, with: reference)) == comparable(expected.output), "\(command)")
        }
        let database = try SQLiteDatabase(path: killed, mode: .existing)
        #expect(try database.scalar("PRAGMA integrity_check").string == "ok")
        // Back in WAL mode after the import's rollback journal.
        #expect(try database.scalar("PRAGMA journal_mode").string == "wal")
    }
}
