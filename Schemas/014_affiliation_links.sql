-- scicollab schema, version 14. Never edited once shipped.
--
-- Whether a work's export said which author has which affiliation. Scopus RIS and BibTeX exports list the
-- work's affiliations apart from its authors (RIS `AD`, BibTeX `affiliations = {A; B}`): every author is then
-- given every affiliation of the work (SPEC 4), and fractional counts of such works say so.
-- 0: each author's own affiliations (or no affiliations at all); 1: affiliations shared by every author.
ALTER TABLE works ADD COLUMN affiliations_shared INTEGER NOT NULL DEFAULT 0 CHECK (affiliations_shared IN (0, 1));
CREATE INDEX works_affiliations_shared ON works (affiliations_shared) WHERE affiliations_shared = 1;
