-- Reminders: one row per registration reminded, written before the mail is queued,
-- so that several processes never send the same reminder twice.
CREATE TABLE reminders_sent (
    registration_id UUID PRIMARY KEY NOT NULL REFERENCES registrations (id),
    sent_at BIGINT NOT NULL
);

-- A calendar file (.ics) sent along with a mail, if any.
ALTER TABLE outbox ADD COLUMN ics TEXT;

-- Personal calendar feeds: a secret address per person, revocable; stored hashed.
CREATE TABLE calendar_feeds (
    person_id UUID PRIMARY KEY NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    secret_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
