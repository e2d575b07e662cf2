-- The funder's readers: a center role that reads the figures and changes nothing.
-- SQLite cannot change a CHECK constraint, so memberships is built anew (nothing
-- refers to it) with the same columns, rows and indexes.
CREATE TABLE memberships_new (
    id BLOB PRIMARY KEY NOT NULL,
    person_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('learner', 'company_admin', 'partner_editor', 'social_partner', 'staff', 'admin', 'funder')),
    company_id BLOB REFERENCES companies (id) ON DELETE CASCADE,
    partner_id BLOB REFERENCES partners (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    CHECK (
        (role IN ('learner', 'company_admin') AND company_id IS NOT NULL AND partner_id IS NULL)
        OR (role IN ('partner_editor', 'social_partner') AND partner_id IS NOT NULL AND company_id IS NULL)
        OR (role IN ('staff', 'admin', 'funder') AND company_id IS NULL AND partner_id IS NULL)
    )
);
INSERT INTO memberships_new (id, person_id, role, company_id, partner_id, created_at)
    SELECT id, person_id, role, company_id, partner_id, created_at FROM memberships;
DROP TABLE memberships;
ALTER TABLE memberships_new RENAME TO memberships;
CREATE INDEX memberships_person ON memberships (person_id);
CREATE INDEX memberships_company ON memberships (company_id);
CREATE INDEX memberships_person_company ON memberships (person_id, company_id);
