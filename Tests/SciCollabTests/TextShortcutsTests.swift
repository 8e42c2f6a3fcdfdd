import Foundation
import Testing
@testable import SciCollab

/// The byte-level shortcuts of the importers' text handling give what the character-level (or Foundation)
/// definitions give, on text built from the awkward pieces: white space of every kind, CR LF, combining marks
/// after a space or a comma, controls, non-ASCII letters.
struct TextShortcutsTests {
    private static let pieces = ["a", "Z", "0", " ", "\t", "\n", "\r\n", "\r", ",", ".", ";", ":", "é", "e\u{301}",
                                 " \u{301}", ",\u{301}", "\u{301}", "\u{00A0}", "\u{2003}", "\u{85}", "\u{2028}", "ß",
                                 "Ø", "\u{1}", "\u{7F}", "'", "-", "\u{0600}", "Ж"]

    /// Strings of 0–8 pieces, the same on every run.
    private static let samples: [String] = {
        var state: UInt64 = 2026
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var samples = pieces + pieces.map { " \($0) " } + pieces.map { "x\($0)x" }
        for _ in 0..<6000 {
            samples.append((0..<next(9)).map { _ in pieces[next(pieces.count)] }.joined())
        }
        return samples
    }()

    @Test func trimmedIsTheCharacterDefinition() {
        func reference(_ text: String) -> Substring {
            let string = Substring(text)
            guard let first = string.firstIndex(where: { !$0.isWhitespace }) else { return "" }
            return string[first...string.lastIndex(where: { !$0.isWhitespace })!]
        }
        for sample in Self.samples {
            #expect(TextFolding.trimmed(sample) == reference(sample), "\(sample.unicodeScalars.map(\.value))")
        }
        #expect(TextFolding.trimmed(" \u{301}a ") == "a")
        #expect(TextFolding.trimmed("\r\n a\t") == "a")
    }

    @Test func whitespaceTrimmingIsFoundations() {
        let edges = CharacterSet(charactersIn: ".,;:").union(.whitespacesAndNewlines)
        for sample in Self.samples {
            let scalars = "\(sample.unicodeScalars.map(\.value))"
            #expect(sample.trimmingWhitespace() == sample.trimmingCharacters(in: .whitespaces), "\(scalars)")
            #expect(sample.trimmingWhitespace(newlines: true) == sample.trimmingCharacters(in: .whitespacesAndNewlines), "\(scalars)")
            #expect(sample.trimming(edges) == sample.trimmingCharacters(in: edges), "\(scalars)")
            #expect(sample.hasNonWhitespace == !sample.trimmingCharacters(in: .whitespaces).isEmpty, "\(scalars)")
        }
        #expect("\u{2003}x\u{00A0}".trimmingWhitespace() == "x")
        #expect(!" \t\u{2003}".hasNonWhitespace)
        #expect("\n".hasNonWhitespace)
    }

    @Test func firstFoldedCharacterIsTheFoldsFirst() {
        for sample in Self.samples {
            #expect(TextFolding.firstFoldedCharacter(of: sample) == TextFolding.fold(sample).first, "\(sample.unicodeScalars.map(\.value))")
        }
        #expect(TextFolding.firstFoldedCharacter(of: "..J.-H.") == "j")
        #expect(TextFolding.firstFoldedCharacter(of: "Ørsted") == "o")
    }

    @Test func commaComponentsSplitCharactersAsBefore() {
        func reference(_ text: String) -> [Substring] {
            text.split(separator: ",", omittingEmptySubsequences: true).map { TextFolding.trimmed($0) }.filter { !$0.isEmpty }
        }
        for sample in Self.samples + Self.samples.map({ $0 + ", b ,c" }) {
            #expect(TextFolding.commaComponents(sample) == reference(sample), "\(sample.unicodeScalars.map(\.value))")
        }
        #expect(TextFolding.commaComponents(" Univ X ,, Paris,\r\nFrance ") == ["Univ X", "Paris", "France"])
    }
}
