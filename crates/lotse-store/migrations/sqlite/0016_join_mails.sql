-- The mail with the join link shortly before an online session: one row per
-- registration told, written before the mail is queued, so that several processes
-- never send it twice (as reminders_sent does for the reminder two days ahead).
CREATE TABLE join_mails_sent (
    registration_id BLOB PRIMARY KEY NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    sent_at BIGINT NOT NULL
);
