/// One address read as an importer of a given source reads it: the country, the rule that decided, the
/// institution (definitions §1–§2). `scicollab resolve` lists these.
public struct ResolvedAddress: Sendable, Equatable {
    public var address: String
    public var resolution: CountryResolution
    public var institution: InstitutionExtractor.Institution?

    /// Reads `address` as an export of `source` writes it: Web of Science puts the organisation first.
    public init(_ address: String, source: SourceDatabase, resolver: CountryResolver = .standard) {
        self.address = address
        self.resolution = resolver.resolve(address)
        self.institution = InstitutionExtractor.institution(of: address, order: source.addressOrder)
    }
}

extension SourceDatabase {
    /// How this source's exports order an address's components.
    public var addressOrder: InstitutionExtractor.AddressOrder {
        self == .wos ? .organisationFirst : .subunitFirst
    }
}
