-- The company a participation counts for, fixed when the booking is made: the company
-- of the company admin who booked, else the participant's earliest company. The funder
-- report counts reach per company, county and size class at the time of participation,
-- and reads it here instead of joining every registration to memberships (1.3 s down
-- to about 0.5 s over 1,000,000 registrations on SQLite, docs/performance.md).
ALTER TABLE registrations ADD COLUMN company_id UUID REFERENCES companies (id);
-- Booked by a company admin of a company the participant belongs to: that company.
UPDATE registrations SET company_id = (
    SELECT m.company_id FROM memberships m
    JOIN memberships b ON b.company_id = m.company_id AND b.role = 'company_admin'
    WHERE m.person_id = registrations.person_id AND b.person_id = registrations.booked_by
    ORDER BY m.created_at, m.company_id
    LIMIT 1
) WHERE booked_by IS NOT NULL AND booked_by <> person_id;
-- Otherwise the participant's earliest company.
UPDATE registrations SET company_id = (
    SELECT m.company_id FROM memberships m
    WHERE m.person_id = registrations.person_id AND m.company_id IS NOT NULL
    ORDER BY m.created_at, m.company_id
    LIMIT 1
) WHERE company_id IS NULL;
DROP INDEX registrations_session_people;
CREATE INDEX registrations_session_company ON registrations (session_id, status, company_id);
