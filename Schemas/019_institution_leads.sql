-- scicollab schema, version 19. Never edited once shipped.
--
-- Leadership of institutions (definitions §6): the lead author is the one of countries, the first corresponding
-- author in byline order with a resolved affiliation, else the first author, and the institutions of that author's
-- resolved affiliations lead. The institution rows used to mark the institutions of every corresponding author as
-- leading. Only a work with several corresponding authors can have a wrong flag: its flags are recomputed here; new
-- works get them as they are written. No kept table depends on the flags (the pair sums hold no leadership).
CREATE TEMP TABLE institution_lead_positions AS
SELECT au.work_id, coalesce(min(CASE WHEN au.is_corresponding = 1 THEN au.position END), 1) AS position
FROM authorships au
WHERE au.work_id IN (SELECT work_id FROM authorships WHERE is_corresponding = 1 GROUP BY work_id HAVING count(*) > 1)
  AND EXISTS (SELECT 1 FROM authorship_affiliations x JOIN affiliations af ON af.id = x.affiliation_id
              WHERE x.authorship_id = au.id AND af.country IS NOT NULL)
GROUP BY au.work_id;

UPDATE work_institutions SET is_lead = CASE WHEN EXISTS (
    SELECT 1 FROM temp.institution_lead_positions lp
    JOIN authorships au ON au.work_id = lp.work_id AND au.position = lp.position
    JOIN authorship_affiliations x ON x.authorship_id = au.id
    JOIN affiliations af ON af.id = x.affiliation_id
    WHERE lp.work_id = work_institutions.work_id AND af.country IS NOT NULL AND af.institution_key = work_institutions.institution)
    THEN 1 ELSE 0 END
WHERE work_id IN (SELECT work_id FROM temp.institution_lead_positions);

DROP TABLE temp.institution_lead_positions;
