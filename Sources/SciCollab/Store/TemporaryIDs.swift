extension Store {
    /// Fills the temporary table `temp.<table> (id INTEGER PRIMARY KEY)` with `ids` (repeats once), replacing it, in
    /// one transaction when none is open: a commit per row would cost more than the row (360,000 ids of a country's
    /// works took seconds).
    /// On PostgreSQL the rows go with one `COPY`.
    func fillTemporaryIDs(_ table: String, _ ids: [Int64]) throws {
        try database.execute("DROP TABLE IF EXISTS temp.\(table)")
        try database.execute("CREATE TEMP TABLE \(table) (id INTEGER PRIMARY KEY)")
        let rows = database.postgres.map(PostgreSQLBulkRows.init(connection:))
        let insert = try database.prepare("INSERT INTO temp.\(table) (id) VALUES (?) ON CONFLICT DO NOTHING", copyingInto: rows)
        func fill() throws {
            for id in ids { try insert.run([.integer(id)]) }
            try rows?.flush()
        }
        if database.isAutocommit { try database.readTransaction(fill) } else { try fill() }
    }
}
