/// The `auto` subject areas of every work (definitions §8), the one classification `fields` and the impact cohorts
/// share: `asjc-area` where the work has it, else its OpenAlex field (ids 11–36 are the ASJC areas), else its Web of
/// Science categories mapped through `WoSCrosswalk`. Works with none of them (a PubMed record with MeSH headings
/// only) are unclassified.
///
/// Computed once (one pass over `work_fields`) into `work_automatic_areas (work_id, code, pos)` —
/// `pos`: the first code of the source scheme that gives the area, the order a work's areas are listed in — and
/// kept in the store for the data generation it was computed at, so that `fields` reads a work's areas through
/// its primary key. A store that cannot be written gets the table as a temporary one for the connection.
extension Store {
    /// The kept table's name in the store.
    static let automaticAreasName = "work_automatic_areas"
    /// The `store_state` counter that records the data generation the kept table was computed at.
    static let automaticAreasGeneration = "automatic_areas_generation"

    /// The name of a table of every work's `auto` areas (work_id, code, pos) for the current data, computed now
    /// when none is kept for them.
    func automaticAreasTable() throws -> String {
        let generation = try Store.dataGeneration(database)
        let kept = try database.scalar("SELECT value FROM store_state WHERE name = ?", [.text(Store.automaticAreasGeneration)]).int
        if kept == generation, (try? database.scalar("SELECT count(*) FROM \(Store.automaticAreasName) WHERE work_id = 0")) != nil {
            return Store.automaticAreasName
        }
        let temporary = "temp." + Store.automaticAreasName
        if (try? database.scalar("SELECT count(*) FROM \(temporary) WHERE work_id = 0")) != nil { return temporary }
        try fillAutomaticAreaFields()
        defer { try? database.execute("DROP TABLE IF EXISTS temp.automatic_area_fields") }
        do {
            try database.transaction {
                try database.execute("DROP TABLE IF EXISTS \(Store.automaticAreasName)")
                try fillAutomaticAreas(create: "CREATE TABLE \(Store.automaticAreasName)", into: Store.automaticAreasName)
                try database.prepare("""
                    INSERT INTO store_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value
                    """).run([.text(Store.automaticAreasGeneration), .integer(Int64(generation))])
            }
            return Store.automaticAreasName
        } catch {
            // A read-only file or another writer: the areas for this connection only.
            try fillAutomaticAreas(create: "CREATE TEMP TABLE \(Store.automaticAreasName)", into: temporary)
            return temporary
        }
    }

    /// Creates the table (`create`: the statement's start) and fills it from `work_fields`: per work, the smallest rank
    /// of its fields, then its fields of that rank, an area given by several of them listed at its smallest code. On
    /// SQLite (unless `inSQL`) the works' fields are read once in work order, each work's areas chosen as it ends and
    /// written in key order; otherwise, and on PostgreSQL, one grouped statement chooses them.
    func fillAutomaticAreas(create: String, into table: String, inSQL: Bool = false) throws {
        try database.execute("\(create) (work_id INTEGER NOT NULL, code TEXT NOT NULL, pos TEXT NOT NULL, PRIMARY KEY (work_id, code)) WITHOUT ROWID")
        guard database.engine == .sqlite, !inSQL else {
            try database.execute("""
                INSERT INTO \(table) (work_id, code, pos) SELECT b.work_id, af.area, min(af.code)
                FROM (SELECT wf.work_id, min(af.rank) AS best FROM work_fields wf
                      JOIN temp.automatic_area_fields af ON af.field_id = wf.field_id GROUP BY wf.work_id) b
                JOIN work_fields wf ON wf.work_id = b.work_id
                JOIN temp.automatic_area_fields af ON af.field_id = wf.field_id AND af.rank = b.best
                GROUP BY b.work_id, af.area
                """)
            return
        }
        var fields: [Int64: (rank: Int, area: String, code: String)] = [:]
        for row in try database.rows("SELECT field_id, rank, area, code FROM temp.automatic_area_fields") {
            guard case .integer(let id) = row[0], let rank = row[1].int, let area = row[2].string, let code = row[3].string else { continue }
            fields[id] = (rank, area, code)
        }
        let insert = try database.prepare("INSERT INTO \(table) (work_id, code, pos) VALUES (?, ?, ?)")
        var work: Int64 = 0, best = Int.max
        var areas: [(area: String, code: String)] = []
        func flush() throws {
            // By area, then code (bytes, as SQLite compares them): the first row of each area holds its smallest code.
            areas.sort {
                $0.area.utf8.elementsEqual($1.area.utf8) ? $0.code.utf8.lexicographicallyPrecedes($1.code.utf8)
                    : $0.area.utf8.lexicographicallyPrecedes($1.area.utf8)
            }
            for (index, area) in areas.enumerated() where index == 0 || !areas[index - 1].area.utf8.elementsEqual(area.area.utf8) {
                try insert.bind(work, at: 1)
                try insert.bind(area.area, at: 2)
                try insert.bind(area.code, at: 3)
                try insert.execute()
            }
            areas.removeAll(keepingCapacity: true)
        }
        // The fields of the scheme's sources only, each work's in a row (`work_fields` read in key order).
        let read = try database.prepare("""
            SELECT wf.work_id, wf.field_id FROM work_fields wf CROSS JOIN temp.automatic_area_fields af ON af.field_id = wf.field_id
            ORDER BY wf.work_id
            """)
        defer { read.reset() }
        while try read.step() {
            guard case .integer(let id) = read.value(at: 0), case .integer(let fieldID) = read.value(at: 1), let field = fields[fieldID] else { continue }
            if id != work {
                if !areas.isEmpty { try flush() }
                work = id
                best = .max
            }
            if field.rank < best {
                best = field.rank
                areas.removeAll(keepingCapacity: true)
            }
            if field.rank == best { areas.append((field.area, field.code)) }
        }
        if !areas.isEmpty { try flush() }
    }

    /// Fills `temp.automatic_area_fields` (field id, rank, area, code): the fields of the `auto` scheme's sources with
    /// the rank of their source in `FieldSchemes.automaticSources`, the ASJC area they stand for and their own code;
    /// Web of Science categories the crosswalk does not map are left out.
    func fillAutomaticAreaFields() throws {
        try database.execute("DROP TABLE IF EXISTS temp.automatic_area_fields")
        try database.execute("CREATE TEMP TABLE automatic_area_fields (field_id INTEGER PRIMARY KEY, rank INTEGER NOT NULL, area TEXT NOT NULL, code TEXT NOT NULL)")
        let insert = try database.prepare("INSERT INTO temp.automatic_area_fields (field_id, rank, area, code) VALUES (?, ?, ?, ?)")
        for (rank, scheme) in FieldSchemes.automaticSources.enumerated() {
            for row in try database.rows("SELECT id, code FROM fields WHERE scheme = ?", [.text(scheme)]) {
                guard case .integer(let id) = row[0], let code = row[1].string,
                      let area = scheme == "wos-category" ? WoSCrosswalk.standard.area(of: code) : code else { continue }
                try insert.run([.integer(id), .integer(Int64(rank)), .text(area), .text(code)])
            }
        }
    }
}
