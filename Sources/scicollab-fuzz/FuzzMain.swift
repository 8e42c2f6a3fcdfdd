import Foundation
import SciCollab

/// The fuzz runner of `scripts/fuzz.sh`: mutants of the fixtures of one format, imported one after another
/// until the time is up. The file being imported is always `<work>/current.<format>`, so that after a crash
/// the script keeps it as the crashing input. Built with `-DFUZZING -sanitize=fuzzer`, the same harness is a
/// libFuzzer target instead (`SCICOLLAB_FUZZ_FORMAT` names the format).
enum FuzzSession {
    nonisolated(unsafe) static var store: Store?
    nonisolated(unsafe) static var workFolder = ""

    static func prepare(format: String, work: String) throws -> Store {
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let database = work + "/fuzz-\(format).sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        let store = try Store(path: database, busyTimeout: 1)
        // A fuzz database is thrown away: no waiting for the disk.
        try store.database.execute("PRAGMA synchronous = OFF")
        return store
    }

    /// Runs one input; a raw constraint error is a finding and stops the run like a crash.
    static func run(format: String, bytes: [UInt8], store: Store, work: String) -> MutationFuzzer.Outcome {
        let path = work + "/current." + format
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let outcome = MutationFuzzer.exercise(format: format, path: path, store: store)
        if case .constraintViolation(let message) = outcome {
            FileHandle.standardError.write(Data("finding: a raw constraint error reached the caller: \(message)\n".utf8))
            abort()
        }
        return outcome
    }
}

#if FUZZING
/// libFuzzer's entry point when the program has its own `main` (SwiftPM links an executable's main under its
/// module's name, so libFuzzer's own `main` is not used).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("scicollab_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzzOneInput(data, size)
    }
}

public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let format = ProcessInfo.processInfo.environment["SCICOLLAB_FUZZ_FORMAT"] ?? "medline-txt"
    let work = ProcessInfo.processInfo.environment["SCICOLLAB_FUZZ_WORK"] ?? NSTemporaryDirectory() + "scicollab-fuzz"
    if FuzzSession.store == nil { FuzzSession.store = try? FuzzSession.prepare(format: format, work: work) }
    guard let store = FuzzSession.store else { return 0 }
    _ = FuzzSession.run(format: format, bytes: Array(UnsafeBufferPointer(start: data, count: size)), store: store, work: work)
    return 0
}
#else
@main
struct FuzzMain {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        guard arguments.count >= 2, let seconds = Double(arguments[arguments.startIndex + 1]),
              MutationFuzzer.formats.contains(arguments[arguments.startIndex]) else {
            FileHandle.standardError.write(Data("usage: scicollab-fuzz FORMAT SECONDS [SEED] [FIXTURES] [WORK]\n  formats: \(MutationFuzzer.formats.joined(separator: ", "))\n".utf8))
            exit(64)
        }
        let list = Array(arguments)
        let format = list[0]
        let seed = list.count > 2 ? UInt64(list[2]) ?? 1 : 1
        let fixtures = list.count > 3 ? list[3] : "Fixtures"
        let work = list.count > 4 ? list[4] : ".build/fuzz-work"
        let seeds = MutationFuzzer.seedFiles(format: format, fixtures: fixtures).compactMap { FileManager.default.contents(atPath: $0).map(Array.init) }
        guard !seeds.isEmpty else {
            FileHandle.standardError.write(Data("no seed files for \(format) under \(fixtures)\n".utf8))
            exit(1)
        }
        let store = try FuzzSession.prepare(format: format, work: work)
        var fuzzer = MutationFuzzer(seeds: seeds, seed: seed)
        let started = Date()
        var iterations = 0, read = 0, refused = 0
        while Date().timeIntervalSince(started) < seconds {
            switch FuzzSession.run(format: format, bytes: fuzzer.mutant(), store: store, work: work) {
            case .read: read += 1
            case .refused: refused += 1
            case .constraintViolation: break
            }
            iterations += 1
        }
        print("\(format): \(iterations) iterations in \(Int(Date().timeIntervalSince(started))) s (seed \(seed), \(seeds.count) seed files): \(read) read, \(refused) refused as a whole, 0 crashes")
    }
}
#endif
