-- scicollab schema, version 5: the Scopus source list that gives Scopus works their ASJC codes (SPEC 8).

-- A source of the list by ISSN (`issn:2211-1247`) or folded title (`title:cell reports`), with its ASJC
-- codes (`2210 2211 3104`). Works are matched by ISSN, then eISSN, then title.
CREATE TABLE source_asjc (
    key   TEXT PRIMARY KEY,
    codes TEXT NOT NULL
) WITHOUT ROWID;
