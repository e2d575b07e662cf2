-- Reminders: one row per registration reminded, written before the mail is queued,
-- so that several processes never send the same reminder twice.
CREATE TABLE reminders_sent (
    registration_id BLOB PRIMARY KEY NOT NULL REFERENCES registrations (id),
    sent_at BIGINT NOT NULL
);
