import Foundation
import Testing

/// `--citations-from`: every figure says whose counts it used and how many works have none (definitions §9).
struct CitationsFromCommandTests {
    let cli = CommandLineTests()

    @Test("countries and pair --citations-from wos: the parameters name the source, the notes count the works without its record")
    func parametersAndNotes() throws {
        let database = cli.scratchDatabase()
        // 8 OpenAlex and 8 WoS records, 2 of them the same papers: 14 works, 6 without a WoS record.
        let imported = try cli.run(["import", "Fixtures/openalex_webui_csv_sample_8rec.csv", "Fixtures/wos_txt_2026_bibliometrix_8rec.txt"],
                                   database: database)
        #expect(imported.status == 0)
        for command in [["countries", "--no-impact"], ["collaboration"], ["pairs"]] {
            let result = try cli.run(command + ["--citations-from", "wos", "--format", "json"], database: database)
            #expect(result.status == 0, "\(command)")
            let json = try cli.json(result.stdout)
            let parameters = try #require(json["parameters"] as? [String: Any])
            #expect(parameters["citation_source"] as? String == "wos", "\(command)")
            #expect((parameters["citations_from"] as? String)?.hasPrefix("wos: ") == true, "\(command)")
            let notes = try #require(json["notes"] as? [String])
            #expect(notes.contains { $0.hasPrefix("Citations from wos") && $0.contains("6 of the 14 works of the period have no wos count (6 hold no record of wos)") },
                    "\(command)")
        }
        let precedence = try cli.json(try cli.run(["countries", "--no-impact", "--format", "json"], database: database).stdout)
        #expect((precedence["parameters"] as? [String: Any])?["citation_source"] as? String == "precedence")
        #expect((precedence["notes"] as? [String])?.contains { $0.hasPrefix("Citations from") } == false)
    }
}
