import Foundation
import Testing

/// Every command README.md and the commands' `--help` show, run as written, as a new user would: in a fresh
/// folder holding `Fixtures/`, with `scicollab` on the PATH (and as `.build/release/scicollab`), in the order the
/// document gives them. Each must exit with 0 (or the code its comment states, `# exit code 1`); where README.md
/// shows output (a ```` ```text ```` block right after the commands), every line shown must be printed, in order.
@Suite(.serialized)
struct DocumentedCommandsTests {
    /// One documented command: the shell text, where it is written, the exit code it should give, the output shown.
    struct Example: CustomStringConvertible {
        var command: String
        var line: Int
        var status: Int32 = 0
        var shown: [String] = []

        var description: String { "line \(line): \(command)" }
    }

    /// The commands of README.md's ```` ```sh ```` blocks: continued lines joined; in a `&&` chain, the steps that
    /// install packages or build (`dpkg`, `apt-get`, `swift …`) left out, since the test runs the built binary.
    static func readmeExamples(_ text: String) -> [Example] {
        let lines = text.components(separatedBy: "\n")
        var examples: [Example] = []
        var index = 0
        while index < lines.count {
            guard lines[index].hasPrefix("```sh") else { index += 1; continue }
            index += 1
            var pending = "", start = 0
            while index < lines.count, !lines[index].hasPrefix("```") {
                let line = lines[index]
                if pending.isEmpty { start = index + 1 }
                if line.hasSuffix("\\") {
                    pending += String(line.dropLast()) + " "
                } else {
                    let command = pending + line
                    pending = ""
                    if let kept = runnable(command) { examples.append(Example(command: kept, line: start, status: statedStatus(command))) }
                }
                index += 1
            }
            index += 1
            // The output shown: a ```text block after the commands (blank lines between allowed).
            var next = index
            while next < lines.count, lines[next].trimmingCharacters(in: .whitespaces).isEmpty { next += 1 }
            if next < lines.count, lines[next] == "```text", !examples.isEmpty {
                var shown: [String] = []
                next += 1
                while next < lines.count, !lines[next].hasPrefix("```") { shown.append(lines[next]); next += 1 }
                examples[examples.count - 1].shown = shown
                index = next + 1
            }
        }
        return examples
    }

    /// `command` without its install and build steps; nil when nothing is left to run.
    static func runnable(_ command: String) -> String? {
        var steps: [String] = [], depth = 0, current = ""
        let characters = Array(command)
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
            if depth == 0, c == "&", i + 1 < characters.count, characters[i + 1] == "&" {
                steps.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
                i += 2
                continue
            }
            current.append(c)
            i += 1
        }
        steps.append(current.trimmingCharacters(in: .whitespaces))
        let kept = steps.filter { step in
            !(step.hasPrefix("swift ") || step.hasPrefix("apt-get") || step.hasPrefix("sudo ") || step.contains("dpkg -s") || step.isEmpty)
        }
        return kept.isEmpty ? nil : kept.joined(separator: " && ")
    }

    /// The exit code a comment states (`# exit code 1`), else 0.
    static func statedStatus(_ command: String) -> Int32 {
        guard let range = command.range(of: #"# exit code (\d+)"#, options: .regularExpression) else { return 0 }
        return Int32(command[range].split(separator: " ").last.map(String.init) ?? "0") ?? 0
    }

    /// A fresh folder with `Fixtures/` and `.build/release/scicollab`, as a clone after `swift build -c release`.
    static func workspace() throws -> URL {
        let directory = CommandLineTests.scratchRoot.appendingPathComponent("documented-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent(".build/release"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: directory.appendingPathComponent("Fixtures"),
                                                   withDestinationURL: CommandLineTests.packageRoot.appendingPathComponent("Fixtures"))
        try FileManager.default.createSymbolicLink(at: directory.appendingPathComponent("scripts"),
                                                   withDestinationURL: CommandLineTests.packageRoot.appendingPathComponent("scripts"))
        try FileManager.default.createSymbolicLink(at: directory.appendingPathComponent(".build/release/scicollab"), withDestinationURL: CommandLineTests.binary)
        return directory
    }

    /// Runs `command` with `/bin/sh` in `directory` (also its `$HOME`), `scicollab` on the PATH, `columns` wide, no
    /// `$SCICOLLAB_DB`.
    static func shell(_ command: String, in directory: URL, columns: Int = 100) throws -> CommandLineTests.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = CommandLineTests.binary.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["COLUMNS"] = String(columns)
        environment["SCICOLLAB_DB"] = nil
        environment["HOME"] = directory.path   // `~/.zfunc` and the like land in the scratch folder
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandLineTests.Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                                       stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Whether every line of `shown` (trailing spaces aside; `…` lines stand for lines left out) is in `output`, in order.
    static func shows(_ shown: [String], in output: String) -> Bool {
        let printed = output.components(separatedBy: "\n").map { $0.replacingOccurrences(of: #"\s+$"#, with: "", options: .regularExpression) }
        var position = 0
        for line in shown.map({ $0.replacingOccurrences(of: #"\s+$"#, with: "", options: .regularExpression) })
        where !line.isEmpty && line != "…" {
            guard let found = printed[position...].firstIndex(of: line) else { return false }
            position = found + 1
        }
        return true
    }

    func check(_ examples: [Example], in directory: URL) throws {
        for example in examples {
            if example.command.hasPrefix("scripts/render-report.sh") {
                continue   // builds the package and drives headless Chromium: slow, and not part of .ci/run (its header says so)
            }
            let result = try Self.shell(example.command, in: directory)
            #expect(result.status == example.status, "\(example): exit code \(result.status)\n\(result.stderr.suffix(600))")
            if !example.shown.isEmpty {
                #expect(Self.shows(example.shown, in: result.stdout), "\(example): the output README.md shows is not what it prints:\n\(result.stdout)")
            }
        }
    }

    @Test("every command of README.md runs as written and prints what README.md shows")
    func readme() throws {
        let text = try String(contentsOf: CommandLineTests.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let examples = Self.readmeExamples(text)
        #expect(examples.count > 40)
        #expect(examples.contains { !$0.shown.isEmpty })
        try check(examples, in: try Self.workspace())
    }

    /// The subcommands listed in a help text's `SUBCOMMANDS:` section.
    static func subcommands(inHelp text: String) -> [String] {
        guard let start = text.range(of: "SUBCOMMANDS:") else { return [] }
        return text[start.upperBound...].components(separatedBy: "\n").prefix { !$0.hasPrefix("  See '") }
            .compactMap { line -> String? in
                let words = line.split(separator: " ")
                guard line.hasPrefix("  "), !line.hasPrefix("    "), let first = words.first, first != "help" else { return nil }
                return String(first)
            }
    }

    /// Every command path (`[]`, `["import"]`, `["explain", "pair"]`, …) with its help at `columns`.
    static func helps(columns: Int) throws -> [(path: [String], text: String)] {
        var found: [(path: [String], text: String)] = []
        var queue: [[String]] = [[]]
        let directory = try workspace()
        while !queue.isEmpty {
            let path = queue.removeFirst()
            let result = try shell((["scicollab", "help"] + path).joined(separator: " "), in: directory, columns: columns)
            let text = result.stdout + result.stderr
            found.append((path, text))
            queue += subcommands(inHelp: text).map { path + [$0] }
        }
        return found
    }

    @Test("every example in the help runs as written")
    func helpExamples() throws {
        let helps = try Self.helps(columns: 200)
        #expect(helps.count > 20)
        var examples: [Example] = []
        for help in helps {
            let overview = help.text.components(separatedBy: "USAGE:").first ?? ""
            for line in overview.components(separatedBy: "\n") {
                let command = line.trimmingCharacters(in: .whitespaces)
                if command.hasPrefix("scicollab ") {
                    examples.append(Example(command: command, line: 0, status: Self.statedStatus(command)))
                }
            }
        }
        #expect(examples.count > 40)
        // In the order of the help (the root's `scicollab import Fixtures/` first), in one folder.
        try check(examples, in: try Self.workspace())
    }

    @Test("help text wraps to the terminal: no line breaks inside a paragraph, no line wider than the terminal")
    func helpWraps() throws {
        for help in try Self.helps(columns: 200) {
            let overview = (help.text.components(separatedBy: "USAGE:").first ?? "").components(separatedBy: "\n")
            for (line, next) in zip(overview, overview.dropFirst()) {
                let prose = { (text: String) in !text.trimmingCharacters(in: .whitespaces).isEmpty && !text.trimmingCharacters(in: .whitespaces).hasPrefix("scicollab ") && !text.hasPrefix("    ") }
                if prose(line) && prose(next) && !line.hasPrefix("OVERVIEW:") {
                    #expect(line.count > 150, "scicollab help \(help.path.joined(separator: " ")): a paragraph broken after \"\(line)\"")
                }
            }
        }
        for help in try Self.helps(columns: 70) {
            // The usage line is the argument parser's own, and an example is not broken.
            for line in help.text.components(separatedBy: "\n")
            where line.count > 70 && !line.hasPrefix("USAGE:") && !line.trimmingCharacters(in: .whitespaces).hasPrefix("scicollab ") {
                Issue.record("scicollab help \(help.path.joined(separator: " ")): a line of \(line.count) characters: \(line)")
            }
        }
    }
}
