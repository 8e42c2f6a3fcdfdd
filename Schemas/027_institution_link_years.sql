-- scicollab schema, version 27. Never edited once shipped.
--
-- Per institution and publication year (NULL: works without a year): the works with another institution, and
-- Σ (I_p − 1) over them (I_p the work's institutions). These are an institution's total link strength in the
-- institution network under fractional and full counting, so that `network --level institutions --top N` ranks the
-- institutions from them instead of reading every institution row of every work. Integers: a period's sum is exact.
-- Filled with the pair sums of 016 when an institution figure is first asked for, kept until the data change
-- (store_state 'institution_generation').
CREATE TABLE institution_link_years (
    institution  TEXT    NOT NULL,
    year         INTEGER,
    linked_works INTEGER NOT NULL CHECK (linked_works >= 1),
    link_ends    INTEGER NOT NULL CHECK (link_ends >= linked_works)
);
CREATE INDEX institution_link_years_institution ON institution_link_years (institution, year);

UPDATE store_state SET value = -1 WHERE name = 'institution_generation';
