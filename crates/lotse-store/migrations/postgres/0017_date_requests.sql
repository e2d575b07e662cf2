-- "Benachrichtigen": people who asked to hear of new dates of an offering. A request
-- counts once its address is confirmed (double opt-in; at once for a signed-in person
-- whose address is confirmed). The secret of its latest link (to confirm, or to
-- unsubscribe in one click) is kept as a SHA-256 hash.
CREATE TABLE date_requests (
    id UUID PRIMARY KEY NOT NULL,
    offering_id UUID NOT NULL REFERENCES offerings (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    language TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    confirmed_at BIGINT,
    created_at BIGINT NOT NULL,
    -- When the last confirmation mail was asked for: at most one per ten minutes.
    mailed_at BIGINT NOT NULL,
    UNIQUE (offering_id, email)
);

-- The address of a mail's one-click unsubscribe (RFC 8058), for its
-- List-Unsubscribe headers.
ALTER TABLE outbox ADD COLUMN list_unsubscribe TEXT;
