/// The impact model of every work (definitions §7) computed in SQL: temporary tables hold each classified work's
/// cohorts, the cohorts' expected citations and top-10% thresholds and each work's values, so that memory stays
/// bounded by the page caches whatever the size of the database. `keptRows` selects the values the store keeps in the
/// columns of `work_impact`, which the caller copies into it; `rows` selects every work's, in work order, for a model
/// read without being kept.
///
/// The temporary tables (all `temp.impact_*`) are dropped by `drop()`.
struct ImpactComputation {
    let database: SQLiteDatabase
    let window: CitationWindow
    /// The scheme of the cohorts' keys: the chosen scheme, or `asjc-area` for `auto`.
    let cohortScheme: String
    let citationSource: CitationSource
    let currentYear: Int

    /// Runs the computation; `baseline`: expected citations from a file instead of the corpus.
    init(_ store: Store, scheme: String?, window: CitationWindow, baseline: Baseline?, citationSource: CitationSource,
         currentYear: Int) throws {
        self.database = store.database
        self.window = window
        self.cohortScheme = scheme ?? FieldSchemes.automaticCohortScheme
        self.citationSource = citationSource
        self.currentYear = currentYear
        drop()
        // `auto` (definitions §8): the areas `fields` counts the works in, one table for both.
        let fields = try scheme.map { try fillFields(scheme: $0) } ?? store.automaticAreasTable()
        try fillMembers(fields: fields)
        try fillCohorts(baseline: baseline)
        try fillWorkValues()
    }

    /// The SQL of a work's citation count `c_p` in the window (a REAL, NULL when unknown) for the `works` row `w`.
    private func citationsSQL() throws -> String {
        try Self.citationsSQL(database, window: window, citationSource: citationSource)
    }

    /// The SQL of a work's citation count `c_p` in `window` under `citationSource` (a REAL, NULL when unknown) for the
    /// `works` row `w`.
    static func citationsSQL(_ database: SQLiteDatabase, window: CitationWindow, citationSource: CitationSource) throws -> String {
        let total = citationSource.worksSQL("w")
        switch window {
        case .total:
            return "CAST(\(total) AS REAL)"
        case .fourYears:
            // Per-year counts cover only recent years: a window that starts before the first year any work has is
            // unknown, not zero; a work cited 0 times has 0 in every window.
            let perYear = "WHERE \(citationSource.perYearSQL(workID: "cy.work_id"))"
            guard let start = try database.scalar("SELECT min(cy.year) FROM citations_by_year cy \(perYear)").int else {
                return "CASE WHEN \(total) = 0 THEN 0.0 END"
            }
            return """
                CASE WHEN \(total) = 0 THEN 0.0
                     WHEN w.year IS NULL OR w.year < \(start) THEN NULL
                     WHEN NOT EXISTS (SELECT 1 FROM citations_by_year cy WHERE cy.work_id = w.id AND \(citationSource.perYearSQL(workID: "w.id"))) THEN NULL
                     ELSE CAST((SELECT coalesce(sum(cy.citations), 0) FROM citations_by_year cy
                                WHERE cy.work_id = w.id AND cy.year BETWEEN w.year AND w.year + 3) AS REAL) END
                """
        }
    }

    /// `temp.impact_fields` (work_id, code, pos): each classified work's fields in `scheme`, listed by code.
    private func fillFields(scheme: String) throws -> String {
        try database.execute("""
            CREATE TEMP TABLE impact_fields (work_id INTEGER NOT NULL, code TEXT NOT NULL, pos TEXT NOT NULL,
                                             PRIMARY KEY (work_id, code)) WITHOUT ROWID
            """)
        try database.prepare("""
            INSERT INTO temp.impact_fields (work_id, code, pos)
            SELECT wf.work_id, f.code, f.code FROM work_fields wf JOIN fields f ON f.id = wf.field_id WHERE f.scheme = ?
            """).run([.text(scheme)])
        return "temp.impact_fields"
    }

    /// `temp.impact_members`: one row per classified work and field (of the table `fields`: work_id, code, pos),
    /// with the work's year, document type, `c_p` and its number of fields `k` (each field weighs 1/k in its cohort).
    private func fillMembers(fields: String) throws {
        try database.execute("""
            CREATE TEMP TABLE impact_members (work_id INTEGER NOT NULL, pos TEXT NOT NULL, field TEXT NOT NULL, year INTEGER,
                                              doc_type TEXT, c REAL, k INTEGER NOT NULL, PRIMARY KEY (work_id, pos, field)) WITHOUT ROWID
            """)
        try database.execute("""
            INSERT INTO temp.impact_members (work_id, pos, field, year, doc_type, c, k)
            SELECT f.work_id, f.pos, f.code, w.year, w.doc_type, \(try citationsSQL()),
                   (SELECT count(*) FROM \(fields) f2 WHERE f2.work_id = f.work_id)
            FROM \(fields) f JOIN works w ON w.id = f.work_id
            """)
    }

    /// The cohorts (scheme field × year × document-type group) of the works with a count and a year: their
    /// weighted citation values, expected citations (`temp.impact_expected`, or the baseline file's) and the
    /// top-10% threshold with the share of the works at it (`temp.impact_cohorts`, ties split as
    /// Waltman & Schreiber 2013).
    private func fillCohorts(baseline: Baseline?) throws {
        // Document types as written → their group (few distinct values).
        try database.execute("CREATE TEMP TABLE impact_doc_groups (doc_type TEXT NOT NULL PRIMARY KEY, grp TEXT NOT NULL)")
        let insertGroup = try database.prepare("INSERT INTO temp.impact_doc_groups (doc_type, grp) VALUES (?, ?)")
        for row in try database.rows("SELECT DISTINCT doc_type FROM temp.impact_members WHERE doc_type IS NOT NULL") {
            guard let type = row[0].string else { continue }
            try insertGroup.run([.text(type), .text(DocumentTypeGroup.of(type).rawValue)])
        }
        // One lookup per member row, joined once (not a subquery in both the grouping and the result).
        let group = "coalesce(g.grp, '\(DocumentTypeGroup.other.rawValue)')"
        try database.execute("""
            CREATE TEMP TABLE impact_values (field TEXT NOT NULL, year INTEGER NOT NULL, grp TEXT NOT NULL, c REAL NOT NULL, at REAL NOT NULL,
                                             PRIMARY KEY (field, year, grp, c)) WITHOUT ROWID
            """)
        try database.execute("""
            INSERT INTO temp.impact_values (field, year, grp, c, at)
            SELECT m.field, m.year, \(group), m.c, sum(1.0 / m.k)
            FROM temp.impact_members m LEFT JOIN temp.impact_doc_groups g ON g.doc_type = m.doc_type
            WHERE m.c IS NOT NULL AND m.year IS NOT NULL
            GROUP BY m.field, m.year, \(group), m.c
            """)
        try database.execute("""
            CREATE TEMP TABLE impact_expected (scheme TEXT NOT NULL, field TEXT NOT NULL, year INTEGER NOT NULL, grp TEXT NOT NULL,
                                               expected REAL NOT NULL, PRIMARY KEY (scheme, field, year, grp)) WITHOUT ROWID
            """)
        if let baseline {
            let insert = try database.prepare("INSERT INTO temp.impact_expected (scheme, field, year, grp, expected) VALUES (?, ?, ?, ?, ?)")
            for (key, value) in baseline.expected {
                try insert.run([.text(key.scheme), .text(key.field), .integer(Int64(key.year)), .text(key.group.rawValue), .real(value)])
            }
        } else {
            try database.prepare("""
                INSERT INTO temp.impact_expected (scheme, field, year, grp, expected)
                SELECT ?, field, year, grp, sum(c * at) / sum(at) FROM temp.impact_values GROUP BY field, year, grp
                """).run([.text(cohortScheme)])
        }
        // Per cohort: its expected citations (NULL without a baseline entry) and its top-10% threshold, the highest
        // value at which the works at or above it reach 10% of the cohort's weight, with the share of the works at it.
        try database.execute("""
            CREATE TEMP TABLE impact_cohorts (field TEXT NOT NULL, year INTEGER NOT NULL, grp TEXT NOT NULL, expected REAL,
                                              threshold REAL NOT NULL, at_share REAL NOT NULL, PRIMARY KEY (field, year, grp)) WITHOUT ROWID
            """)
        try database.prepare("""
            INSERT INTO temp.impact_cohorts (field, year, grp, expected, threshold, at_share)
            SELECT q.field, q.year, q.grp, e.expected, q.c, CASE WHEN q.share < 0 THEN 0.0 WHEN q.share > 1 THEN 1.0 ELSE q.share END
            FROM (SELECT field, year, grp, c, (0.1 * total - above) / at AS share,
                         row_number() OVER (PARTITION BY field, year, grp ORDER BY c DESC) AS n
                  FROM (SELECT field, year, grp, c, at,
                               coalesce(sum(at) OVER (PARTITION BY field, year, grp ORDER BY c DESC
                                                      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS above,
                               sum(at) OVER (PARTITION BY field, year, grp) AS total
                        FROM temp.impact_values) v
                  WHERE above + at >= 0.1 * total - 1e-12) q
            LEFT JOIN temp.impact_expected e ON e.scheme = ? AND e.field = q.field AND e.year = q.year AND e.grp = q.grp
            WHERE q.n = 1
            """).run([.text(cohortScheme)])
    }

    /// `temp.impact_work_values`: each classified work's value (the mean of `c_p / e` over its cohorts, NULL when
    /// a cohort has no positive expectation, the count or the year is unknown), its top-10% share and its fields
    /// as `work_impact` keeps them (`scheme<TAB>code` lines in the order of `pos`).
    private func fillWorkValues() throws {
        try database.execute("""
            CREATE TEMP TABLE impact_work_values (work_id INTEGER PRIMARY KEY, value REAL, top10 REAL, fields TEXT NOT NULL)
            """)
        try database.prepare("""
            INSERT INTO temp.impact_work_values (work_id, value, top10, fields)
            SELECT m.work_id,
                   CASE WHEN count(*) = count(CASE WHEN t.expected > 0 THEN 1 END) THEN sum(m.c / nullif(t.expected, 0)) / count(*) END,
                   CASE WHEN max(m.c) IS NOT NULL AND max(m.year) IS NOT NULL
                        THEN sum(CASE WHEN m.c > t.threshold THEN 1.0 WHEN m.c = t.threshold THEN t.at_share ELSE 0.0 END) / count(*) END,
                   ? || group_concat(m.field, ?)
            FROM temp.impact_members m
            LEFT JOIN temp.impact_doc_groups g ON g.doc_type = m.doc_type
            LEFT JOIN temp.impact_cohorts t ON t.field = m.field AND t.year = m.year AND t.grp = coalesce(g.grp, '\(DocumentTypeGroup.other.rawValue)')
            GROUP BY m.work_id
            """).run([.text(cohortScheme + "\t"), .text("\n" + cohortScheme + "\t")])
    }

    /// Every work's values in the columns of `work_impact` after `model_id`: work_id, citations, value, top10,
    /// provisional, source_fwci, fields; in work order.
    func rows() throws -> String {
        """
        SELECT w.id, \(try citationsSQL()), v.value, v.top10, \(provisional), w.source_fwci, coalesce(v.fields, '')
        FROM works w LEFT JOIN temp.impact_work_values v ON v.work_id = w.id ORDER BY w.id
        """
    }

    /// The rows `work_impact` keeps, in the columns of `rows()`, as two queries: the classified works, each read
    /// through the primary key of `works`, then the other works that are provisional or have a source fwci (one pass
    /// over `works`, with a lookup among the classified ones for those only). A work without a row is unclassified,
    /// not provisional, without a source fwci, and its count is read from `works` (`ImpactCache`), which spares the
    /// store a row for most works of a large corpus.
    func keptRows() throws -> [String] {
        let citations = try citationsSQL()
        return [
            """
            SELECT w.id, \(citations), v.value, v.top10, \(provisional), w.source_fwci, v.fields
            FROM temp.impact_work_values v JOIN works w ON w.id = v.work_id
            """,
            """
            SELECT w.id, \(citations), NULL, NULL, \(provisional), w.source_fwci, ''
            FROM works w WHERE (w.source_fwci IS NOT NULL OR \(provisional) = 1)
              AND NOT EXISTS (SELECT 1 FROM temp.impact_work_values v WHERE v.work_id = w.id)
            """,
        ]
    }

    /// The SQL of a work's flag `provisional` (its 4-year window not over by `currentYear`) for the `works` row `w`.
    private var provisional: String {
        window == .fourYears ? "CASE WHEN w.year + 3 >= \(currentYear) THEN 1 ELSE 0 END" : "0"
    }

    /// Every cohort's expected citations: scheme, field, year, doc_group, expected.
    static let expectedRows = "SELECT scheme, field, year, grp, expected FROM temp.impact_expected"

    /// Drops the temporary tables.
    func drop() {
        for table in ["impact_fields", "impact_members", "impact_doc_groups", "impact_values", "impact_expected", "impact_cohorts",
                      "impact_work_values"] {
            try? database.execute("DROP TABLE IF EXISTS temp.\(table)")
        }
    }
}
