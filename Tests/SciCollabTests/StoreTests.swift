import Foundation
import Testing
@testable import SciCollab

struct StoreTests {
    @Test func migrationsRunOnceAndAreRecorded() throws {
        let path = TestSupport.scratchDirectory().appendingPathComponent("m.sqlite").path
        _ = try Store(path: path)
        let store = try Store(path: path)
        let applied = try store.database.rows("SELECT version, name FROM schema_migrations ORDER BY version")
        let files = try FileManager.default.contentsOfDirectory(atPath: TestSupport.packageRoot.appendingPathComponent("Schemas").path)
            .filter { $0.hasSuffix(".sql") }.sorted()
        #expect(files.first == "001_core.sql" && files.count >= 5)
        #expect(applied.map { $0[1].string } == files)
        #expect(try Migrator().migrate(store.database).isEmpty)
    }

    @Test("the embedded schema and alias table are the files under Schemas/")
    func embeddedResourcesMatchSchemas() throws {
        let folder = TestSupport.packageRoot.appendingPathComponent("Schemas")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") || $0.hasSuffix(".tsv") }
        #expect(Set(files) == Set(EmbeddedResources.files.keys), "run scripts/embed-resources.py")
        for file in files {
            let onDisk = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(onDisk.trimmingCharacters(in: .newlines) == EmbeddedResources.files[file], "\(file): run scripts/embed-resources.py")
        }
    }

    @Test func schemaConstraintsRejectBadRows() throws {
        let store = try TestSupport.makeStore()
        #expect(throws: DatabaseError.self) {
            try store.database.execute("INSERT INTO works (source, source_id, citations) VALUES ('scopus', 'x', -1)")
        }
        #expect(throws: DatabaseError.self) {
            try store.database.execute("INSERT INTO works (source, source_id) VALUES ('crossref', 'x')")
        }
        #expect(throws: DatabaseError.self) {
            try store.database.execute("INSERT INTO authorships (work_id, position, author_id, name_raw) VALUES (999, 1, 999, 'x')")
        }
    }

    @Test("importing the same file twice changes nothing and says so")
    func reimportIsANoOp() throws {
        let store = try TestSupport.makeStore()
        let file = TestSupport.fixture("scopus_2023_litstudy_88rec.csv")
        let first = try store.importFile(file)
        #expect(first.recordsRead == 88 && first.recordsImported == 88 && first.recordsSkipped == 0)
        #expect(!first.alreadyImported)
        let tables = ["works", "authorships", "authors", "affiliations", "authorship_affiliations", "source_records", "imports", "diagnostics"]
        func counts() throws -> [Int] { try tables.map { try store.database.scalar("SELECT count(*) FROM \($0)").int ?? -1 } }
        let before = try counts()
        let second = try store.importFile(file)
        #expect(second.alreadyImported)
        #expect(second.recordsImported == 0)
        #expect(try counts() == before)
    }

    @Test("a copy of a file under another name replaces its works instead of doubling them")
    func overlappingExportReplaces() throws {
        let store = try TestSupport.makeStore()
        let original = TestSupport.fixture("scopus_2024_pybibx_13rec.csv")
        _ = try store.importFile(original)
        var text = try String(contentsOfFile: original, encoding: .utf8)
        text += "\n" // different bytes, same records
        let copy = try TestSupport.write(text, name: "copy.csv")
        let report = try store.importFile(copy)
        #expect(report.worksReplaced == 13)
        #expect(try store.database.scalar("SELECT count(*) FROM works").int == 13)
        #expect(try store.database.scalar("SELECT count(*) FROM source_records").int == 13)
    }

    @Test("skipped records are stored as diagnostics with file and line; the good rows are imported")
    func damagedFileDiagnostics() throws {
        let store = try TestSupport.makeStore()
        let original = try String(contentsOfFile: TestSupport.fixture("scopus_2024_pybibx_13rec.csv"), encoding: .utf8)
        var lines = original.components(separatedBy: "\n")
        lines[2] = String(lines[2].prefix(100))
        let path = try TestSupport.write(lines.joined(separator: "\n"), name: "damaged.csv")
        let report = try store.importFile(path)
        #expect(report.recordsRead == 13 && report.recordsImported == 12 && report.recordsSkipped == 1)
        let stored = try store.database.rows("SELECT file, line, severity FROM diagnostics")
        #expect(stored.count == 1)
        #expect(stored.first?[0].string == path && stored.first?[1].int == 3 && stored.first?[2].string == "error")
        let row = try store.database.rows("SELECT records_read, records_imported, records_skipped FROM imports").first
        #expect(row?.map(\.int) == [13, 12, 1])
    }

    @Test func aFileThatCannotBeReadLeavesNothingBehind() throws {
        let store = try TestSupport.makeStore()
        let path = try TestSupport.write("Authors,Title\nA,B\n", name: "noeid.csv")
        #expect(throws: ImportError.self) { _ = try store.importFile(path, as: ScopusCSVImporter()) }
        #expect(try store.database.scalar("SELECT count(*) FROM imports").int == 0)
    }
}
