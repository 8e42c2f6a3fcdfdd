/// The mean impact of every institution's (`Schemas/023_pair_coauthors_institution_impact.sql`) and every country's
/// (`029_country_impact.sql`) works over every year under a kept impact model, kept beside the model: `institutions`
/// and `countries` read one row per entity instead of joining every row of `work_institutions` or `work_countries`
/// with the model's values on each call.
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

    /// The tables of the kept means, each with its table of models: removed where a model's rows are removed.
    static let keptMeanTables = ["institution_impact", "institution_impact_models", "country_impact", "country_impact_models", "group_impact",
                                 "impact_summaries", "field_breakdown_rows", "field_breakdowns",
                                 "collaboration_impact"]

    /// The table from which the entities' means over `scope` under the kept model `modelID` can be read (`institution_impact`
    /// or `country_impact`, rows (entity, mean)), computed now (with the statement of `meanImpactByEntitySQL`, so that every
    /// value is the one computed on each call) when they were never computed under the model or are older than the data.
    /// Nil over a period, for countries over other rows than the stored ones (merged regions, groups), with a transaction
    /// open, or where the store cannot be written and they are not current.
    /// - Complexity: one join of the entities' work rows with the model's values the first time; then one lookup.
    func keptEntityImpact(_ sources: DerivedSources, modelID: Int64, scope: AnalysisScope) throws -> String? {
        guard scope.from == nil, scope.to == nil, database.isAutocommit,
              scope.level == .institution || sources.countries == "work_countries" else { return nil }
        let (table, entity) = scope.level == .institution ? ("institution_impact", "institution") : ("country_impact", "country")
        let kept = try keptSet { generation in
            try database.scalar("SELECT data_generation FROM \(table)_models WHERE model_id = ?", [.integer(modelID)]).int == generation
        } fill: { generation in
            try database.prepare("DELETE FROM \(table) WHERE model_id = ?").run([.integer(modelID)])
            try database.prepare("DELETE FROM \(table)_models WHERE model_id = ?").run([.integer(modelID)])
            try database.prepare("INSERT INTO \(table)_models (model_id, data_generation) VALUES (?, ?)")
                .run([.integer(modelID), .integer(Int64(generation))])
            try database.execute("""
                INSERT INTO \(table) (model_id, \(entity), mean)
                SELECT \(modelID), m.* FROM (\(Self.meanImpactByEntitySQL(sources, modelID: modelID, scope: scope))) m
                """)
        }
        return kept ? "SELECT \(entity), mean FROM \(table) WHERE model_id = \(modelID)" : nil
    }
}
