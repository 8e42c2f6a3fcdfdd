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
            try store.database.execute("INSERT INTO works (source, source_id) VALUES ('endnote', 'x')")
        }
        #expect(throws: DatabaseError.self) {
            try store.database.execute("INSERT INTO affiliations (work_id, raw, country, country_source) VALUES (1, 'x', 'FR', 'guess')")
        }
        #expect(throws: DatabaseError.self) {
            try store.database.execute("INSERT INTO authorships (work_id, position, author_id, name_raw) VALUES (999, 1, 999, 'x')")
        }
    }

    @Test("migration 009 widens the source and country-source checks of a database written before it, rows kept")
    func widenedChecksOnAnOlderDatabase() throws {
        let path = TestSupport.scratchDirectory().appendingPathComponent("old.sqlite").path
        let database = try SQLiteDatabase(path: path)
        try Migrator(migrations: Migrator.embeddedMigrations.filter { $0.version <= 8 }).migrate(database)
        try database.execute("INSERT INTO works (id, source, source_id) VALUES (1, 'scopus', '2-s2.0-1')")
        try database.execute("INSERT INTO affiliations (work_id, raw, country, country_source) VALUES (1, 'Univ X, Lyon, France', 'FR', 'address')")
        #expect(throws: DatabaseError.self) {
            try database.execute("INSERT INTO works (source, source_id) VALUES ('crossref', '10.1/x')")
        }
        #expect(try Migrator().migrate(database).contains("009_wider_checks.sql"))
        try database.execute("INSERT INTO works (id, source, source_id) VALUES (2, 'crossref', '10.1/x')")
        try database.execute("INSERT INTO works (source, source_id) VALUES ('lens', '000-111'), ('dimensions', 'pub.1')")
        try database.execute("INSERT INTO deleted_records (source, source_id) VALUES ('crossref', '10.1/y')")
        try database.execute("INSERT INTO affiliations (work_id, raw, country, country_source) VALUES (2, 'Doe J.; Univ Y, Lyon, France', 'FR', 'correspondence')")
        #expect(throws: DatabaseError.self) {
            try database.execute("INSERT INTO works (source, source_id) VALUES ('endnote', 'x')")
        }
        #expect(try database.scalar("SELECT count(*) FROM works").int == 4)
        #expect(try database.scalar("PRAGMA integrity_check").string == "ok")
        // A second connection reads the new definitions too.
        let other = try SQLiteDatabase(path: path)
        try other.execute("INSERT INTO works (source, source_id) VALUES ('crossref', '10.1/z')")
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

    @Test("a large file is loaded with its deferred indexes built afterwards: the schema's indexes are all back, figures unchanged")
    func deferredIndexesComeBack() throws {
        let store = try TestSupport.makeStore()
        func indexes() throws -> [String] {
            try store.database.rows("SELECT name || ': ' || sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
                .map { $0[0].string ?? "" }
        }
        let schemaIndexes = try indexes()
        #expect(schemaIndexes.contains { $0.hasPrefix("work_countries_country:") })
        // 2,000 works of about 2.3 KB each: over the 4 MiB from which an import into an empty store defers indexes.
        let abstract = String(repeating: "Collaboration between institutions, measured. ", count: 45)
        let records = (1...2000).map { number -> [String: String] in
            var record = CollaborationTests.record(number, year: 2000 + number % 20, cites: number % 7, authors: [
                ("Alpha A.", "\(10 * number)", [CollaborationTests.moscow]),
                ("Beta B.", "\(10 * number + 1)", number % 4 == 0 ? [CollaborationTests.tsinghua] : [CollaborationTests.moscow]),
            ])
            record["Abstract"] = abstract
            return record
        }
        let path = try TestSupport.write(TestSupport.scopusCSV(records), name: "large.csv")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber).intValue
        #expect(size > 4 << 20)
        let report = try store.importFile(path)
        #expect(report.recordsImported == 2000)
        #expect(report.deferredIndexes.contains("work_countries_country") && report.deferredIndexes.count == Store.deferrableIndexes.count)
        #expect(try indexes() == schemaIndexes)
        #expect(try store.pair("RU", "CN").coauthored == 500)
        #expect(try store.database.scalar("SELECT count(*) FROM work_countries INDEXED BY work_countries_country WHERE country = 'CN'").int == 500)
        // A small file into the now larger store keeps its indexes in place.
        let small = try store.importFile(TestSupport.fixture("scopus_2024_pybibx_13rec.csv"))
        #expect(small.deferredIndexes.isEmpty)
        #expect(try indexes() == schemaIndexes)
    }

    @Test("a file reached through a symbolic link is measured by the file it names: its size is recorded and a large one is a bulk load")
    func symbolicLinkSize() throws {
        let abstract = String(repeating: "Collaboration between institutions, measured. ", count: 45)
        let records = (1...2000).map { number -> [String: String] in
            var record = CollaborationTests.record(number, year: 2000 + number % 20, cites: number % 7, authors: [
                ("Alpha A.", "\(10 * number)", [CollaborationTests.moscow]),
            ])
            record["Abstract"] = abstract
            return record
        }
        let path = try TestSupport.write(TestSupport.scopusCSV(records), name: "linked-target.csv")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber).int64Value
        #expect(size > 4 << 20)
        let link = path + ".link.csv"
        try? FileManager.default.removeItem(atPath: link)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        #expect(Store.bytesOfFile(at: link) == size)
        let store = try TestSupport.makeStore()
        let report = try store.importFile(link)
        #expect(report.sizeBytes == size)
        #expect(report.deferredIndexes.count == Store.deferrableIndexes.count)
        #expect(try store.database.scalar("SELECT size_bytes FROM imports").int.map(Int64.init) == size)
        let checked = try Store.checkFile(link)
        #expect(checked.sizeBytes == size)
    }

    @Test("a dry run reads and counts what an import would, and writes nothing")
    func dryRun() throws {
        let file = TestSupport.fixture("scopus_2024_pybibx_13rec.csv")
        let checked = try Store.checkFile(file)
        #expect(checked.checkedOnly)
        let store = try TestSupport.makeStore()
        let imported = try store.importFile(file)
        #expect(checked.recordsRead == imported.recordsRead && checked.recordsImported == imported.recordsImported)
        #expect(checked.affiliations == imported.affiliations && checked.unresolvedAffiliations == imported.unresolvedAffiliations)
        #expect(checked.sha256 == imported.sha256)
        #expect(checked.topUnresolved.map(\.raw) == imported.topUnresolved.map(\.raw))
    }
}
