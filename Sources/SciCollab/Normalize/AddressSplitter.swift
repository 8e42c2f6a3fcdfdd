extension CountryResolver {
    /// The affiliations one free-text affiliation string holds (PubMed `Affiliation`, MEDLINE `AD`; definitions §2).
    ///
    /// Addresses joined by `; ` are separate affiliations, except a part that is only an e-mail address or an
    /// `Electronic address: …`, which stays with the address before it (`Univ X, Laramie, WY 82071;
    /// jo@example.edu.` is one affiliation). Two addresses joined by ` and ` are split when both halves resolve
    /// to a country by themselves (`Dept A, Univ B, Austin, Texas 78712 and the Dept C, Univ D, Toronto,
    /// Ontario M5S 1A8, Canada.` → US and CA); `Department of Epidemiology and Biostatistics, …` stays whole.
    public func splitJoinedAddresses(_ text: String) -> [String] {
        var parts: [String] = []
        for piece in text.splitting(on: "; ", omittingEmptySubsequences: true) {
            let part = piece.trimmedString
            guard !part.isEmpty else { continue }
            if let previous = parts.last, !Self.clean(part).contains(where: \.isLetter) {
                parts[parts.count - 1] = previous + "; " + part
            } else {
                parts.append(part)
            }
        }
        return parts.flatMap(splitOnAnd)
    }

    /// `text` split at each ` and ` whose two sides both resolve to a country.
    private func splitOnAnd(_ text: String) -> [String] {
        var result: [String] = []
        var rest = Substring(text)
        var searchStart = rest.startIndex
        while let range = rest[searchStart...].firstUTF8Range(of: " and ") {
            let left = rest[..<range.lowerBound]
            let right = rest[range.upperBound...]
            if right.contains(","), left.contains(","), country(ofAddress: String(left)) != nil,
               country(ofAddress: String(right)) != nil {
                result.append(left.trimmedString)
                rest = right
                searchStart = rest.startIndex
            } else {
                searchStart = range.upperBound
            }
        }
        result.append(rest.trimmedString)
        return result.filter { !$0.isEmpty }
    }
}
