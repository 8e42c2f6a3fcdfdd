-- scicollab schema, version 31. Never edited once shipped.
--
-- The authors of greatest total link strength over every year (definitions §4 with authors in place of countries), per
-- `--max-authors` limit (-1: none) and counting method, kept until the data change: `network --level authors --top N`
-- ranks its nodes from them instead of reading every authorship (2.2 s on a million works). The first such network after
-- a data change computes every author's strength as before and keeps the first `kept_top` authors with every author
-- tied with the last (strengths are integers, exact as REAL); a --top N up to `kept_top` reads them, a larger one
-- computes the strengths again.
CREATE TABLE author_link_rankings (
    max_authors     INTEGER NOT NULL,
    counting        TEXT    NOT NULL CHECK (counting IN ('full', 'fractional')),
    kept_top        INTEGER NOT NULL,
    data_generation INTEGER NOT NULL,
    PRIMARY KEY (max_authors, counting)
);

CREATE TABLE author_link_ranked (
    max_authors INTEGER NOT NULL,
    counting    TEXT    NOT NULL,
    author_id   INTEGER NOT NULL,
    strength    REAL    NOT NULL,
    PRIMARY KEY (max_authors, counting, author_id),
    FOREIGN KEY (max_authors, counting) REFERENCES author_link_rankings (max_authors, counting) ON DELETE CASCADE
);
