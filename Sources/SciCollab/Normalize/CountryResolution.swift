/// What the country resolver read from one address, and the rule that decided (definitions §2).
///
/// `scicollab resolve` prints it; the importers keep only `country`.
public struct CountryResolution: Sendable, Equatable {
    /// The rule of definitions §2 that gave the country, in the order the resolver tries them.
    public enum Rule: String, Sendable, CaseIterable, Codable {
        /// A country code given by the source (OpenAlex `country_code`).
        case structured
        /// A country in parentheses after a postal code: `Texas, 77005 (United States)`.
        case parenthesisedCountry = "parenthesised-country"
        /// The last two components together are an alias: `Korea, Republic of`, `Hong Kong, China`.
        case lastTwoComponents = "last-two-components"
        /// The last component is an alias as it stands: `…, Peoples R China`.
        case lastComponent = "last-component"
        /// A US state name or postal code followed by a ZIP: `Savannah, Georgia 31401`, `…, GA 30332`.
        case stateZIP = "state-zip"
        /// A US state name as its own component before a ZIP component: `Lexington, Kentucky, 40506`.
        case stateComponentZIP = "state-component-zip"
        /// The last component without its trailing tokens that contain a digit: `Singapore 609606`.
        case digitTokensRemoved = "digit-tokens-removed"
        /// The longest alias that ends the last component once its digit tokens are gone: `Xi'an, 710049 China`.
        case trailingAlias = "trailing-alias"
        /// A component holding only a postal code is passed over: `…, Singapore, 609606`.
        case postalComponentRemoved = "postal-component-removed"
        /// The corresponding author's address, used when no affiliation of the work resolves.
        case correspondence
        /// No rule gave a country.
        case unresolved
    }

    /// ISO 3166-1 alpha-2, or nil when unresolved.
    public var country: String?
    public var rule: Rule
    /// The text the rule matched, folded (`peoples r china`, `georgia 31401`), when a rule matched.
    public var matched: String?
    /// The region named before `China` that decided the code (`hong kong` in `Hong Kong, Peoples R China`).
    public var chinaRegion: String?
    /// The dissolved state that was mapped to its successor (`ussr`), when one was.
    public var dissolvedState: String?

    public init(country: String?, rule: Rule, matched: String? = nil, chinaRegion: String? = nil,
                dissolvedState: String? = nil) {
        self.country = country
        self.rule = rule
        self.matched = matched
        self.chinaRegion = chinaRegion
        self.dissolvedState = dissolvedState
    }

    /// Nothing resolved.
    public static let unresolved = CountryResolution(country: nil, rule: .unresolved)
}
