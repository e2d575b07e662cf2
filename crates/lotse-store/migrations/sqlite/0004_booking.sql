-- Booking: registrations of people on sessions, with a FIFO waitlist per session.
-- A session's confirmed_count and waitlist_count are kept in the same transaction as
-- the registrations they count; waitlist_next numbers waitlist entries in arrival order.

ALTER TABLE sessions ADD COLUMN waitlist_next BIGINT NOT NULL DEFAULT 1;
-- Participants may cancel until this many hours before the start.
ALTER TABLE sessions ADD COLUMN cancellation_cutoff_hours BIGINT NOT NULL DEFAULT 24;

CREATE TABLE registrations (
    id BLOB PRIMARY KEY NOT NULL,
    session_id BLOB NOT NULL REFERENCES sessions (id),
    person_id BLOB NOT NULL REFERENCES people (id),
    -- Who booked: the person, or their company admin.
    booked_by BLOB REFERENCES people (id),
    status TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled', 'attended', 'no_show')),
    waitlist_seq BIGINT,
    ticket_code TEXT UNIQUE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK ((status = 'waitlisted') = (waitlist_seq IS NOT NULL))
);
-- A person is on a session at most once (cancelled registrations do not count).
CREATE UNIQUE INDEX registrations_once ON registrations (session_id, person_id) WHERE status <> 'cancelled';
CREATE INDEX registrations_waitlist ON registrations (session_id, status, waitlist_seq);
CREATE INDEX registrations_person ON registrations (person_id);
