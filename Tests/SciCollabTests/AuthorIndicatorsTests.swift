import Foundation
import Testing
@testable import SciCollab

struct AuthorIndicatorsTests {
    @Test("the five indicators of the toy corpus, worked out by hand (n_p = 3, 2, 1, 2, 1)")
    func toyCorpus() throws {
        let all = try ToyCorpus.store().authorIndicators()
        #expect(all.works == 5 && all.worksWithoutAuthors == 0)
        #expect(all.authorsPerPaper == 9.0 / 5)                         // (3 + 2 + 1 + 2 + 1) / 5
        #expect(all.coauthorsPerPaper == 4.0 / 5)                       // (2 + 1 + 0 + 1 + 0) / 5
        #expect(all.collaborationIndex == 7.0 / 3)                      // (3 + 2 + 2) / 3
        #expect(all.degreeOfCollaboration == 3.0 / 5)
        let inverse: Double = 1.0 / 3 + 1.0 / 2 + 1 + 1.0 / 2 + 1
        #expect(abs((all.collaborationCoefficient ?? 0) - (1 - inverse / 5)) < 1e-12)   // 1/3
    }

    @Test("on a set: the works of a country, of a group, of a pair")
    func sets() throws {
        let store = try ToyCorpus.store()
        let russia = try store.authorIndicators(of: .country("RU"))    // W1 (3), W2 (2), W5 (1)
        #expect(russia.authorsPerPaper == 2)
        #expect(russia.collaborationIndex == 2.5)
        let scope = try AnalysisScope().with([.group(ToyCorpus.brics), .country("US")])
        let joint = try store.authorIndicators(of: .pair("BRICS", "US"), scope: scope)   // W1 (3), W5 (1)
        #expect(joint.works == 2 && joint.degreeOfCollaboration == 0.5)
        let empty = try store.authorIndicators(of: .country("JP"))
        #expect(empty.works == 0 && empty.authorsPerPaper == nil && empty.collaborationCoefficient == nil)
    }

    @Test("on a real fixture: the sums behind the indicators match the authorships table")
    func fixture() throws {
        let store = try TestSupport.makeStore()
        _ = try store.importFile(TestSupport.fixture("scopus_2023_litstudy_88rec.csv"))
        let all = try store.authorIndicators()
        let authorships = try store.database.scalar("SELECT count(*) FROM authorships").int ?? -1
        let withAuthors = try store.database.scalar("SELECT count(DISTINCT work_id) FROM authorships").int ?? -1
        #expect(all.authorships == authorships)
        #expect(all.works == withAuthors)
        #expect(all.works + all.worksWithoutAuthors == 88)
    }
}

struct CorrespondingAuthorTableTests {
    @Test("SCP, MCP and the MCP ratio by the corresponding (else first) author's country, worked out by hand")
    func toyCorpus() throws {
        let rows = try ToyCorpus.store().correspondingAuthorTable()
        let us = try #require(rows.first { $0.country == "US" })
        #expect(us.works == 3 && us.singleCountry == 0 && us.multipleCountry == 3 && us.mcpRatio == 1)   // W1 (corresponding), W4, W5
        let ru = try #require(rows.first { $0.country == "RU" })
        #expect(ru.works == 2 && ru.multipleCountry == 2 && ru.allAuthorWorks == 3)                      // W2, W5; N_RU: W1, W2, W5
        let cn = try #require(rows.first { $0.country == "CN" })
        #expect(cn.works == 1 && cn.singleCountry == 1 && cn.mcpRatio == 0 && cn.allAuthorInternational == 1)
        let br = try #require(rows.first { $0.country == "BR" })
        #expect(br.works == 0 && br.mcpRatio == nil && br.allAuthorWorks == 1)
        #expect(rows.first?.country == "US")
    }
}

struct YearSeriesTests {
    @Test("one row per year and entity; the rows of a year add up to the year's works")
    func entities() throws {
        let store = try ToyCorpus.store()
        let rows = try store.yearSeries()
        let us2022 = try #require(rows.first { $0.year == 2022 && $0.entity == "US" })
        #expect(us2022.works == 2 && us2022.worksFractional == 1 && us2022.authors == 2)   // W4 1/2, W5 1/2; authors 3 and 6
        #expect(us2022.citationsPerPublication == 3 && us2022.internationalWorks == 2)
        #expect(rows.map(\.year) == rows.map(\.year).sorted())
        // Fractional weights of each year's works sum to its works with a country.
        for year in Set(rows.map(\.year)) {
            let total = rows.filter { $0.year == year }.map(\.worksFractional).reduce(0, +)
            let works = try store.workCounts(scope: AnalysisScope(from: year, to: year)).withCountry
            #expect(abs(total - Double(works)) < 1e-12)
        }
        let brics = try store.yearSeries(entities: ["BRICS"], scope: AnalysisScope().with([.group(ToyCorpus.brics)]))
        #expect(brics.map(\.year) == [2020, 2021, 2022])
        #expect(brics.map(\.works) == [1, 2, 1])                     // W1; W2, W3; W5
        let institutions = try store.yearSeries(entities: ["inst a"], scope: AnalysisScope(level: .institution))
        #expect(institutions.map(\.works) == [1, 1, 1])
    }

    @Test("pairs and collaboration types by year")
    func pairsAndTypes() throws {
        let store = try ToyCorpus.store()
        let pairs = try store.pairYearSeries(entity: "US")
        let ru = try #require(pairs.first { $0.year == 2022 && $0.b == "RU" })
        #expect(ru.a == "US" && ru.coauthored == 1 && ru.outputA == 2 && ru.outputB == 1)   // W5; N_US 2022: W4, W5
        #expect(pairs.filter { $0.year == 2020 }.count == 2)         // W1: US–RU, US–CN
        let types = try store.collaborationYearSeries()
        let y2021 = types.filter { $0.year == 2021 }
        #expect(y2021.map(\.works) == [1, 0, 0, 1])                  // W2 international, W3 single
        #expect(y2021.first?.share == 50)
        #expect(types.count == 3 * CollaborationType.allCases.count)
    }
}
