/// Dissolved states named by a user (definitions §2): their works are counted under the successor, and the
/// outputs say so.
extension CountryResolver {
    /// The name outputs give each dissolved state, by its folded alias in `dissolvedStates`.
    static let dissolvedStateNames = ["ussr": "USSR", "yugoslavia": "Yugoslavia", "czechoslovakia": "Czechoslovakia",
                                      "german democratic republic": "East Germany (GDR)"]

    /// The withdrawn ISO 3166 codes of the dissolved states (ISO 3166-3) and the folded alias of each. `CS` is
    /// read as Czechoslovakia, its meaning until 1993 (from 2003 to 2006 it named Serbia and Montenegro, whose
    /// addresses resolve to RS).
    static let dissolvedStateCodes = ["SU": "ussr", "YU": "yugoslavia", "CS": "czechoslovakia", "DD": "german democratic republic"]

    /// The dissolved state a user's argument names (`SU`, `USSR`, `Soviet Union`, `DD`, `East Germany`), with the
    /// successor its works are counted under; nil for any other text.
    public func dissolvedState(named text: String) -> (state: String, successor: String)? {
        let trimmed = text.trimmedString
        let key = Self.dissolvedStateCodes[trimmed.uppercased()] ?? TextFolding.fold(trimmed)
        guard let successor = dissolvedStates[key] else { return nil }
        // The display name of the state: the one of its main alias (`DDR` and `GDR` are East Germany).
        let main = Self.dissolvedStateNames.keys.first { dissolvedStates[$0] == successor } ?? key
        return (Self.dissolvedStateNames[main] ?? trimmed, successor)
    }

    /// The notes of a figure about `arguments` (as the user wrote them) resolved to `codes`: an argument that
    /// names a dissolved state is counted as its successor, and a successor also counts the dissolved state's
    /// addresses (definitions §2).
    public func dissolvedStateNotes(arguments: [String], codes: [String]) -> [String] {
        let named = arguments.compactMap { argument in
            dissolvedState(named: argument).map { state in
                "\(argument) (\(state.state)) is a dissolved state: its addresses are counted under its successor \(state.successor), so the figures are \(state.successor)'s, works from before and after the dissolution alike (definitions §2)."
            }
        }
        return named + dissolvedStatesNote(for: codes)
    }
}
