import Foundation
import Testing

extension CommandLineTests {
    @Test("every command whose figures count works says how its works were formed (merging, citations_from)")
    func mergingParameters() throws {
        let db = scratchDatabase()
        #expect(try run(["import", "Fixtures/openalex_webui_csv_sample_8rec.csv", "Fixtures/wos_txt_2026_bibliometrix_8rec.txt"], database: db).status == 0)
        for arguments in [["network"], ["authors"], ["countries"], ["pairs"], ["network", "--citations-from", "wos"]] {
            let result = try run(arguments + ["--format", "json"], database: db)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            let parameters = try #require(try json(result.stdout)["parameters"] as? [String: Any], "\(arguments)")
            #expect((parameters["merging"] as? String)?.hasPrefix("on (") == true, "\(arguments)")
            #expect(parameters["citation_source"] as? String == (arguments.contains("wos") ? "wos" : "precedence"), "\(arguments)")
        }
    }
}
