import Foundation
import Testing
@testable import SciCollab

/// When a sample gives no usable interval for an intensive claim (definitions §10).
struct AuditIntervalTests {
    @Test("fewer than 5 units, or fewer than 30 that all give one value, give no interval")
    func rule() {
        #expect(Auditor.noInterval([(1, 1), (2, 1), (0, 1), (1, 1)])?.contains("4 units") == true)
        #expect(Auditor.noInterval([(1, 1), (2, 1), (0, 1), (1, 1), (3, 2)]) == nil)
        // Six works, each alone in its cohort: FWCI 1 each.
        #expect(Auditor.noInterval(Array(repeating: (1.0, 1.0), count: 6))?.contains("each gives 1)") == true)
        // Thirty works that all give 0 do settle a claim of 40%.
        #expect(Auditor.noInterval(Array(repeating: (0.0, 1.0), count: 30)) == nil)
    }

    @Test("the RU–CN claims on the bundled sample: an FWCI of one or two works is not computable, a share of many works keeps its interval")
    func bundled() throws {
        let store = try TestSupport.bundledStore()
        let claims = try ClaimsFile.read(path: TestSupport.packageRoot.appendingPathComponent("Fixtures/claims/ru-cn-2018-2024.yaml").path)
        var auditor = Auditor(store: store)
        let results = Dictionary(uniqueKeysWithValues: auditor.audit(claims).map { ($0.id, $0) })
        for id in ["ru-cn-fwci", "cn-fwci"] {
            let result = try #require(results[id])
            #expect(result.verdict == .notComputable, "\(id): \(result.reason)")
            #expect(result.reason.contains("fewer than the 5"), "\(id): \(result.reason)")
        }
        let share = try #require(results["brics-intl-share"])
        #expect(share.intervalLow != nil && share.verdict != .notComputable, "\(share.reason)")
    }
}
