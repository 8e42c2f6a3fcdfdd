/// The mean impact of every institution's works over every year under a kept impact model, kept beside the model
/// (`Schemas/023_pair_coauthors_institution_impact.sql`): `institutions` reads one row per institution instead of
/// joining every row of `work_institutions` with the model's values on each call.
extension Store {
    /// The SQL of the mean impact (full counting) of every entity of `sources` in `scope` under the kept model
    /// `modelID`: rows (entity, mean), for the entities with a defined value.
    static func meanImpactByEntitySQL(_ sources: DerivedSources, modelID: Int64, scope: AnalysisScope) -> String {
        """
        SELECT wc.country, avg(wi.value) FROM \(sources.countries) wc
        JOIN work_impact wi ON wi.model_id = \(modelID) AND wi.work_id = wc.work_id
        WHERE \(scope.yearCondition("wc.year")) AND wi.value IS NOT NULL AND wi.fields <> ''
        GROUP BY wc.country
        """
    }

    /// Whether the institutions' means over `scope` under the kept model `modelID` can be read from
    /// `institution_impact`, computed now (with the statement of `meanImpactByEntitySQL`, so that every value is the
    /// one computed on each call) when they were never computed under the model or are older than the data. False
    /// over a period, for another level, with a transaction open, or where the store cannot be written and they are
    /// not current.
    /// - Complexity: one join of the institutions' work rows with the model's values the first time; then one lookup.
    func keptInstitutionImpact(_ sources: DerivedSources, modelID: Int64, scope: AnalysisScope) throws -> Bool {
        guard scope.level == .institution, scope.from == nil, scope.to == nil, database.isAutocommit else { return false }
        return try keptSet { generation in
            try database.scalar("SELECT data_generation FROM institution_impact_models WHERE model_id = ?", [.integer(modelID)]).int == generation
        } fill: { generation in
            try database.prepare("DELETE FROM institution_impact WHERE model_id = ?").run([.integer(modelID)])
            try database.prepare("DELETE FROM institution_impact_models WHERE model_id = ?").run([.integer(modelID)])
            try database.prepare("INSERT INTO institution_impact_models (model_id, data_generation) VALUES (?, ?)")
                .run([.integer(modelID), .integer(Int64(generation))])
            try database.execute("""
                INSERT INTO institution_impact (model_id, institution, mean)
                SELECT \(modelID), m.* FROM (\(Self.meanImpactByEntitySQL(sources, modelID: modelID, scope: scope))) m
                """)
        }
    }
}
