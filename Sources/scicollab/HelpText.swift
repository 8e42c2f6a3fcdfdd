/// A command's discussion as written in the source, made to wrap at any width: consecutive lines of prose are
/// joined into one paragraph (the help then wraps it to the terminal), while indented lines (examples) and
/// blank lines stay as they are.
func helpText(_ text: String) -> String {
    var lines: [String] = []
    var paragraph: [String] = []
    func flush() {
        if !paragraph.isEmpty { lines.append(paragraph.joined(separator: " ")) }
        paragraph = []
    }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
        if line.isEmpty || line.first == " " {
            flush()
            lines.append(line)
        } else {
            paragraph.append(line)
        }
    }
    flush()
    return lines.joined(separator: "\n")
}
