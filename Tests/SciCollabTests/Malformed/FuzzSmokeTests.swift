import Foundation
import Testing
@testable import SciCollab

/// A short seeded run of every fuzz target (`scripts/fuzz.sh` runs them for longer): mutants of the fixtures
/// are imported, and none crashes, hangs or lets a raw constraint error through.
struct FuzzSmokeTests {
    static let fixtures = TestSupport.packageRoot.appendingPathComponent("Fixtures").path

    @Test("every format has seed files in Fixtures/")
    func seeds() {
        #expect(Set(MutationFuzzer.formats) == Set(Importers.all.map(\.format.id) + ["worldbank", "claims"]))
        for format in MutationFuzzer.formats {
            #expect(!MutationFuzzer.seedFiles(format: format, fixtures: Self.fixtures).isEmpty, "\(format)")
        }
    }

    @Test("the same seed gives the same mutants")
    func deterministic() {
        var a = MutationFuzzer(seeds: [Array("PMID- 1\nTI  - x\n".utf8)], seed: 7)
        var b = MutationFuzzer(seeds: [Array("PMID- 1\nTI  - x\n".utf8)], seed: 7)
        #expect((0..<20).map { _ in a.mutant() } == (0..<20).map { _ in b.mutant() })
    }

    @Test("a seeded smoke run of the fuzz target", arguments: MutationFuzzer.formats)
    func smoke(format: String) throws {
        let seeds = MutationFuzzer.seedFiles(format: format, fixtures: Self.fixtures).compactMap { FileManager.default.contents(atPath: $0).map(Array.init) }
        // Claims files are read whole or not at all: their seeds are not cut.
        var fuzzer = MutationFuzzer(seeds: seeds, seed: 17, maxSeedBytes: format == "claims" ? 1 << 20 : 8 << 10)
        let store = try TestSupport.makeStore()
        let folder = TestSupport.scratchDirectory()
        var read = 0
        for iteration in 0..<12 {
            let path = folder.appendingPathComponent("mutant-\(iteration).\(format)").path
            try Data(fuzzer.mutant()).write(to: URL(fileURLWithPath: path))
            let outcome = MutationFuzzer.exercise(format: format, path: path, store: store)
            if case .constraintViolation(let message) = outcome { Issue.record("mutant \(iteration): \(message)") }
            if case .read = outcome { read += 1 }
        }
        // Many mutants of a real export are still read (some mutations touch the header or the format's marker;
        // a claims file is read whole or refused, so most of its mutants are refused).
        #expect(read >= (format == "claims" ? 1 : 3), "\(read) of 12 mutants read")
    }
}
