import Testing
@testable import SciCollab

struct CountryResolverTests {
    let resolver = CountryResolver.standard

    @Test("definitions §2 and fixture addresses", arguments: [
        // Last component, exact.
        ("School of Physics, Ningxia University, Yinchuan, 750021, China", "CN"),
        ("Saratov State University, Saratov, 410012, Russian Federation", "RU"),
        ("Dept of Physics, Hanoi University, Hanoi, Viet Nam", "VN"),
        ("Seoul National University, Seoul, South Korea", "KR"),
        ("KAIST, Daejeon, Korea, Republic of", "KR"),
        ("University of Tehran, Tehran, Iran, Islamic Republic of", "IR"),
        ("Faculty of Education, University of Macau, Macao", "MO"),
        ("The Chinese University of Hong Kong, Hong Kong, Hong Kong", "HK"),
        ("City University, Kowloon, Hong Kong, China", "HK"),
        ("National Taiwan University, Taipei, Taiwan", "TW"),
        ("University of Oxford, Oxford, United Kingdom", "GB"),
        ("Univ Oxford, Oxford OX1 3PU, England", "GB"),
        ("Univ Edinburgh, Edinburgh, Midlothian, Scotland", "GB"),
        ("Queens Univ Belfast, Belfast, North Ireland", "GB"),
        ("Cardiff Univ, Cardiff, Wales", "GB"),
        // Web of Science spellings.
        ("Tsinghua Univ, Beijing 100084, Peoples R China", "CN"),
        ("Khalifa Univ, Abu Dhabi, U Arab Emirates", "AE"),
        ("Univ Sarajevo, Sarajevo, Bosnia & Herceg", "BA"),
        ("Univ Kinshasa, Kinshasa, Dem Rep Congo", "CD"),
        ("Marien Ngouabi Univ, Brazzaville, Rep Congo", "CG"),
        ("Pontificia Univ Catolica Madre, Santiago, Dominican Rep", "DO"),
        ("Middle East Tech Univ, Ankara, Turkiye", "TR"),
        ("CNRS, Paris, FRANCE", "FR"),
        // Postal codes: tokens with a digit dropped from the end.
        ("Natl Univ Singapore, Singapore 609606", "SG"),
        ("Texas A&M University, College Station, Texas 78957", "US"),
        // US states with and without a ZIP, with and without USA.
        ("Stanford Univ, Stanford, CA 94305 USA", "US"),
        ("Harvard Med Sch, Boston, MA 02115", "US"),
        ("UNIV ROCHESTER, ROCHESTER, NY 14627", "US"),
        ("Univ Illinois, Urbana, IL 61801, United States", "US"),
        ("Georgia Inst Technol, Atlanta, GA 30332 USA", "US"),
        // Canadian provinces.
        ("McGill Univ, Montreal, PQ H3A 2T5, Canada", "CA"),
        ("Univ Toronto, Toronto, ON M5S 1A1", "CA"),
        // E-mails, electronic addresses, trailing punctuation, a dangling "and".
        ("School of Nursing, Jinan University, Guangzhou, China;, Email: someone@163.com", "CN"),
        ("Atlantic Technological University, Letterkenny, Donegal, Ireland l00163548@atu.ie", "IE"),
        ("Dept of Surgery, McGill University, Montreal, Canada. Electronic address: a.b@mcgill.ca.", "CA"),
        ("Karolinska Institutet, Stockholm, Sweden (e-mail: x@ki.se)", "SE"),
        ("University of Toronto, Toronto, Canada, and.", "CA"),
        ("İstanbul Üniversitesi, İstanbul, Turkey. Electronic address: a@b.tr", "TR"),
        ("Carrer de Palau, Barcelona, Spain", "ES"),
        ("UMR CNRS/UHP 7565, Université Henri Poincaré, 54506 Vandaeuvre-les-Nancy, Cedex, France", "FR"),
        // Dissolved states map to their successor.
        ("Univ Belgrade, Belgrade, YUGOSLAVIA", "RS"),
        ("Moscow MV Lomonosov State Univ, Moscow, USSR", "RU"),
    ])
    func resolves(address: String, code: String) {
        #expect(resolver.country(ofAddress: address) == code, "\(address)")
    }

    @Test("never reads a country name from inside the string", arguments: [
        "Department of Sociology, University of Georgia Research Unit",
        "Netherlands Cancer Institute",
        "Dana-Farber Cancer Institute, Boston",
        "Christian Doppler Laboratory for Nonvolatile Magnetoresistive Memory and Logic",
        "",
    ])
    func unresolved(address: String) {
        #expect(resolver.country(ofAddress: address) == nil, "\(address)")
    }

    @Test func mergesChinaRegionsOnlyWhenAsked() {
        #expect(CountryResolver.merged("HK", mergeChinaRegions: true) == "CN")
        #expect(CountryResolver.merged("TW", mergeChinaRegions: true) == "CN")
        #expect(CountryResolver.merged("MO", mergeChinaRegions: false) == "MO")
        #expect(CountryResolver.merged("RU", mergeChinaRegions: true) == "RU")
    }

    @Test func aliasTableCoversEveryISOName() {
        // 249 ISO 3166-1 entries plus variants; every value is a two-letter upper-case code.
        #expect(resolver.aliases.count > 600)
        #expect(resolver.aliases.values.allSatisfy { $0.count == 2 && $0 == $0.uppercased() })
        #expect(resolver.code(forName: "Åland Islands") == "AX")
        #expect(resolver.code(forName: "Côte d'Ivoire") == "CI")
        #expect(resolver.code(forName: "Georgia") == "GE")
    }
}
