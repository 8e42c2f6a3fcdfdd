-- scicollab schema, version 38. Never edited once shipped.
--
-- The works that carry a source's FWCI (OpenAlex), by id: the impact model keeps a row for each of them besides the
-- classified works, and found them by reading every work (1.2 s on a million works, 88,055 of them with a value).
CREATE INDEX works_source_fwci ON works (id) WHERE source_fwci IS NOT NULL;
