import Foundation
@testable import SciCollab

/// Paths and scratch files shared by the tests.
enum TestSupport {
    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ name: String) -> String {
        packageRoot.appendingPathComponent("Fixtures").appendingPathComponent(name).path
    }

    /// `../shared/fixtures/<folder>` beside the repository, when it is there (it is on CI and developers'
    /// machines; the project builds and tests without it).
    static func sharedFixtures(_ folder: String) -> String? {
        let path = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures").appendingPathComponent(folder).path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The directory of this test process's scratch files, removed when the process exits.
    static let scratchRoot: URL = {
        atexit {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("scicollab-tests-\(getpid())")
            try? FileManager.default.removeItem(at: root)
        }
        return FileManager.default.temporaryDirectory.appendingPathComponent("scicollab-tests-\(getpid())")
    }()

    /// A fresh directory for one test.
    static func scratchDirectory() -> URL {
        let url = scratchRoot.appendingPathComponent(UUID().uuidString)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A new empty store in a scratch directory.
    static func makeStore() throws -> Store {
        try Store(path: scratchDirectory().appendingPathComponent("test.sqlite").path)
    }

    /// A new store holding every export of `Fixtures/` (a file that cannot be read is left out, as the
    /// malformed-input tests check those apart).
    static func bundledStore() throws -> Store {
        let store = try makeStore()
        for file in try Store.expand(paths: [packageRoot.appendingPathComponent("Fixtures").path])
        where !file.contains("/claims/") && !file.hasSuffix(".md") {
            _ = try? store.importFile(file)
        }
        return store
    }

    /// Writes `text` to a scratch file and returns its path.
    static func write(_ text: String, name: String = "input.csv") throws -> String {
        let url = scratchDirectory().appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Runs `python3 -c script arguments…` and returns its standard output; nil (after printing why the check is
    /// skipped) when python3 is missing, fails, or prints `MISSING` (a module it needs is not installed).
    static func python(_ script: String, _ arguments: [String], skipping check: String) -> Data? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            print("skipped: \(check) (python3 not found)")
            return nil
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, !String(decoding: data, as: UTF8.self).hasPrefix("MISSING") else {
            print("skipped: \(check) (python3 or a module it needs is not installed: pip install networkx openpyxl)")
            return nil
        }
        return data
    }

    /// A Scopus CSV in the 2023 layout (46 columns) built from a few cells per record.
    static func scopusCSV(_ records: [[String: String]]) -> String {
        let header = ["Authors", "Author full names", "Author(s) ID", "Title", "Year", "Source title", "Volume", "Issue",
                      "Art. No.", "Page start", "Page end", "Page count", "Cited by", "DOI", "Link", "Affiliations",
                      "Authors with affiliations", "Abstract", "Author Keywords", "Index Keywords",
                      "Molecular Sequence Numbers", "Chemicals/CAS", "Tradenames", "Manufacturers", "Funding Details",
                      "Funding Texts", "References", "Correspondence Address", "Editors", "Publisher", "Sponsors",
                      "Conference name", "Conference date", "Conference location", "Conference code", "ISSN", "ISBN",
                      "CODEN", "PubMed ID", "Language of Original Document", "Abbreviated Source Title", "Document Type",
                      "Publication Stage", "Open Access", "Source", "EID"]
        func quote(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var out = "\u{FEFF}" + header.map(quote).joined(separator: ",") + "\n"
        for record in records {
            out += header.map { quote(record[$0] ?? "") }.joined(separator: ",") + "\n"
        }
        return out
    }
}

/// A sink that keeps what an importer produced, for importer tests that need no store.
final class CollectingSink: RecordSink {
    var works: [Work] = []
    var skipped: [Diagnostic] = []
    var warnings: [Diagnostic] = []
    var deleted: [(source: SourceDatabase, id: String, line: Int)] = []

    func accept(_ work: Work) throws { works.append(work) }
    func skip(_ diagnostic: Diagnostic) { skipped.append(diagnostic) }
    func warn(_ diagnostic: Diagnostic) { warnings.append(diagnostic) }
    func delete(source: SourceDatabase, sourceID: String, line: Int) { deleted.append((source, sourceID, line)) }
}
