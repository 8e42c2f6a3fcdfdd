import Testing
@testable import SciCollab

struct InstitutionExtractorTests {
    func institution(_ address: String, _ order: InstitutionExtractor.AddressOrder = .subunitFirst) -> String? {
        InstitutionExtractor.institution(of: address, order: order)?.name
    }

    @Test func subunitsFirstAddresses() {
        #expect(institution("School of Physics, Ningxia University, Yinchuan, 750021, China") == "Ningxia University")
        #expect(institution("School of Chemistry, Ningxia University, Yinchuan, 750021, China") == "Ningxia University")
        #expect(institution("Key Laboratory of Advanced Technologies of Materials (Ministry of Education of China), Superconductivity and New Energy R&D Center, Southwest Jiaotong University, Mail Stop 165, Chengdu, Sichuan, China")
            == "Southwest Jiaotong University")
        #expect(institution("Department of Health & Rehabilitation Sciences, College of Allied Health Professions, University of Nebraska Medical Center, Omaha, NE, United States")
            == "University of Nebraska Medical Center")
        // An organisation word when no institution word is present.
        #expect(institution("Alice Lee Centre for Nursing Studies, Yong Loo Lin School of Medicine, National University of Singapore, Singapore")
            == "National University of Singapore")
        #expect(institution("Beckman Institute, University of Illinois at Urbana-Champaign, Urbana, IL 61801, United States")
            == "Beckman Institute")
        #expect(institution("Division of Y, Fox Chase Cancer Center, Philadelphia, United States") == "Fox Chase Cancer Center")
        // Nothing but sub-units and a country: the first component.
        #expect(institution("Department of Physics, Singapore") == "Department of Physics")
    }

    @Test func organisationFirstAddresses() {
        #expect(institution("Univ Michigan, Dept Sociol, Ann Arbor, MI 48104 USA", .organisationFirst) == "Univ Michigan")
    }

    @Test func keysAreFolded() {
        let a = InstitutionExtractor.institution(of: "Dept A, Université de Montréal, Montréal, Canada", order: .subunitFirst)
        let b = InstitutionExtractor.institution(of: "Dept B, UNIVERSITE DE MONTREAL, Montreal, Canada", order: .subunitFirst)
        #expect(a?.key == "universite de montreal")
        #expect(a?.key == b?.key)
    }
}
