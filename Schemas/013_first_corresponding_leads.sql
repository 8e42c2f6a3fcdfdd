-- scicollab schema, version 13. Never edited once shipped.
--
-- Leadership (definitions §6): with several corresponding authors, the first of them in byline order leads (the
-- derived rows used to mark every corresponding author's countries as leading). The lead flags of the works
-- already stored with more than one corresponding author are recomputed here; new works get them as they
-- are written. The lead is the first corresponding author with a resolved affiliation, else the first author.
CREATE TEMP TABLE lead_positions AS
SELECT au.work_id, coalesce(min(CASE WHEN au.is_corresponding = 1 THEN au.position END), 1) AS position
FROM authorships au
WHERE au.work_id IN (SELECT work_id FROM authorships WHERE is_corresponding = 1 GROUP BY work_id HAVING count(*) > 1)
  AND EXISTS (SELECT 1 FROM authorship_affiliations x JOIN affiliations af ON af.id = x.affiliation_id
              WHERE x.authorship_id = au.id AND af.country IS NOT NULL)
GROUP BY au.work_id;

UPDATE work_countries SET is_lead = EXISTS (
    SELECT 1 FROM temp.lead_positions lp
    JOIN authorships au ON au.work_id = lp.work_id AND au.position = lp.position
    JOIN authorship_affiliations x ON x.authorship_id = au.id
    JOIN affiliations af ON af.id = x.affiliation_id
    WHERE lp.work_id = work_countries.work_id AND af.country = work_countries.country)
WHERE work_id IN (SELECT work_id FROM temp.lead_positions);

UPDATE work_country_pairs SET
    lead_a = (SELECT wc.is_lead FROM work_countries wc WHERE wc.work_id = work_country_pairs.work_id AND wc.country = work_country_pairs.a),
    lead_b = (SELECT wc.is_lead FROM work_countries wc WHERE wc.work_id = work_country_pairs.work_id AND wc.country = work_country_pairs.b)
WHERE work_id IN (SELECT work_id FROM temp.lead_positions);

DROP TABLE temp.lead_positions;
