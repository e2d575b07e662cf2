-- The catalogue's live offerings in title order: the list pages through this index
-- without sorting, and counting (with a kind, partner or topic filter) reads it alone
-- instead of every offering's full row (docs/performance.md).
CREATE INDEX offerings_live ON offerings (withdrawn_at, sort_key, id, kind, partner_id);

-- The funder report counts seats per topic, county of the participant's company and
-- quarter over every registration: these let it read indexes only, instead of each
-- registration's, membership's and company's row (4.0 s down to 2.3 s over 1,000,000
-- registrations on SQLite, docs/performance.md).
CREATE INDEX registrations_session_people ON registrations (session_id, status, person_id);
CREATE INDEX memberships_person_company ON memberships (person_id, company_id);
CREATE INDEX companies_county ON companies (id, county);
