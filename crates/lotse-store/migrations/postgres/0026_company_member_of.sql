-- Which chambers and associations (unions, employer federations) a company says it is
-- a member of: optional, declared by its admins in the company profile. A social
-- partner's reach report counts the participations of these companies, in any
-- offering, aggregated and with small cells suppressed.
CREATE TABLE company_member_of (
    company_id UUID NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    partner_id UUID NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    declared_at BIGINT NOT NULL,
    PRIMARY KEY (company_id, partner_id)
);
CREATE INDEX company_member_of_partner ON company_member_of (partner_id);
