extension StandardReports {
    /// `scicollab institutions`: per institution works (full, fractional), authors, partners, citations; the
    /// parameters count every institution, the table shows the first `top`.
    public static func institutions(_ all: [InstitutionRow], top: Int? = nil, country: String?, scope: AnalysisScope) -> Report {
        let byIdentity = Dictionary(grouping: all, by: \.info.identity).mapValues(\.count)
        let rows = top.map { Array(all.prefix($0)) } ?? all
        let nameKeyed = rows.map(\.figures.nameKeyedAuthors).reduce(0, +)
        let identity = nameKeyed == 0 ? "ids" : (nameKeyed == rows.map(\.figures.authors).reduce(0, +) ? "names" : "ids+names")
        let table = ReportTable(
            key: "institutions", title: "Output by institution" + (country.map { " (\($0))" } ?? ""),
            columns: [
                ReportColumn("institution", "Institution key"), ReportColumn("name", "Name"), ReportColumn("country", "Country"),
                ReportColumn("identity", "Identity"), ReportColumn("works", "Works (full)"), ReportColumn("works_fractional", "Works (fractional)"),
                ReportColumn("authors", "Authors"), ReportColumn("partners", "Partners"),
                ReportColumn("citations_per_publication", "Citations/pub"), ReportColumn("works_without_citation_count", "No count"),
                ReportColumn("international_works", "International"), ReportColumn("international_share", "Intl %"),
            ],
            rows: rows.map { row in
                let f = row.figures
                return [.text(f.country), row.info.name.map { .text($0) } ?? .null, row.info.country.map { .text($0) } ?? .null,
                        .text(row.info.identity), .int(f.works), .real(f.worksFractional, decimals: 2), .int(f.authors), .int(row.partners),
                        f.citationsPerPublication.map { .real($0, decimals: 2) } ?? .null, .int(f.worksWithoutCitationCount),
                        .int(f.internationalWorks), f.internationalShare.map { .real($0, decimals: 1) } ?? .null]
            },
            notes: [
                "Institution key: the source's id where the export gives one (identity openalex: OpenAlex I-id; ror: a ROR id), else the folded institution name of definitions §1 (identity name); name variants that fold to one key are one institution, different keys are never merged. Name and Country: those most of its affiliations give.",
                "Only affiliations with a resolved country count (as in the collaboration type, definitions §3).",
                "Works (fractional): f_I(p) = (1/n_p) Σ_a |aff_a at I| / |aff_a| over the resolved affiliations (definitions §4 applied to institutions); an author at an affiliation without an institution gives that share to none.",
                "Authors: distinct authors with an authorship at the institution; author identity: \(identity). Partners: distinct institutions with a joint work.",
                "International: works with at least two countries; Intl %: their share of the institution's works.",
            ])
        return Report(
            command: "institutions",
            parameters: [("period", scope.periodValue), ("level", .text("institution")), ("counting", .text("full and fractional")),
                         ("country", country.map { .text($0) } ?? .null), ("institutions", .int(all.count)),
                         ("identity_openalex", .int(byIdentity["openalex", default: 0])), ("identity_ror", .int(byIdentity["ror", default: 0])),
                         ("identity_name", .int(byIdentity["name", default: 0])), ("author_identity", .text(identity))],
            tables: [table])
    }

    /// Adds the institutions' names beside the keys of a `pairs` report at the institution level.
    public static func addInstitutionNames(_ report: inout Report, info: [String: InstitutionInfo]) {
        guard let index = report.tables.firstIndex(where: { $0.key == "pairs" }),
              let a = report.tables[index].columns.firstIndex(where: { $0.key == "a" }),
              let b = report.tables[index].columns.firstIndex(where: { $0.key == "b" }) else { return }
        report.tables[index].columns += [ReportColumn("name_a", "Name A"), ReportColumn("name_b", "Name B")]
        for row in report.tables[index].rows.indices {
            let cells = report.tables[index].rows[row]
            for column in [a, b] {
                guard case .text(let key) = cells[column] else { report.tables[index].rows[row].append(.null); continue }
                report.tables[index].rows[row].append(info[key]?.name.map { .text($0) } ?? .null)
            }
        }
        report.tables[index].notes.append("At the institution level a and b are institution keys (OpenAlex ids, else folded names, definitions §1); Name A, Name B: the names most of their affiliations give.")
        report.parameters.append(("level", .text("institution")))
    }
}
