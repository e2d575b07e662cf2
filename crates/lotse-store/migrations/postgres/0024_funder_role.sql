-- The funder's readers: a center role that reads the figures and changes nothing.
ALTER TABLE memberships DROP CONSTRAINT memberships_role_check;
ALTER TABLE memberships DROP CONSTRAINT memberships_check;
ALTER TABLE memberships ADD CONSTRAINT memberships_role_check
    CHECK (role IN ('learner', 'company_admin', 'partner_editor', 'social_partner', 'staff', 'admin', 'funder'));
ALTER TABLE memberships ADD CONSTRAINT memberships_check CHECK (
    (role IN ('learner', 'company_admin') AND company_id IS NOT NULL AND partner_id IS NULL)
    OR (role IN ('partner_editor', 'social_partner') AND partner_id IS NOT NULL AND company_id IS NULL)
    OR (role IN ('staff', 'admin', 'funder') AND company_id IS NULL AND partner_id IS NULL)
);
