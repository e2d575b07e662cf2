-- Webhooks (Standard Webhooks): subscriptions of staff and partner editors, the
-- events they may hear about, and one delivery per event and subscription.
--
-- Events are written by triggers in the same transaction as their cause, so every
-- path (API, pages, the booking lane, check-in) reports them exactly once, and only
-- while some subscription is active. A background job turns each event into
-- deliveries for the subscriptions that may see it (decision record 0012).

CREATE TABLE webhooks (
    id BLOB PRIMARY KEY NOT NULL,
    owner_id BLOB NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    -- The partner whose offerings it hears about; NULL: every partner (staff only).
    partner_id BLOB REFERENCES partners (id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    -- `whsec_` and the base64 key; needed to sign every delivery.
    secret TEXT NOT NULL,
    -- Event types, separated by spaces.
    events TEXT NOT NULL,
    active BOOLEAN NOT NULL,
    -- Failed attempts since the last delivered one; at the limit it is switched off.
    failures_in_a_row BIGINT NOT NULL DEFAULT 0,
    disabled_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX webhooks_owner ON webhooks (owner_id);

CREATE TABLE webhook_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    type TEXT NOT NULL,
    partner_id BLOB,
    offering_id BLOB,
    session_id BLOB,
    registration_id BLOB,
    -- The registration's or session's status after the change.
    status TEXT,
    occurred_at BIGINT NOT NULL,
    dispatched_at BIGINT
);
CREATE INDEX webhook_events_waiting ON webhook_events (dispatched_at, id);

CREATE TABLE webhook_deliveries (
    id BLOB PRIMARY KEY NOT NULL,
    webhook_id BLOB NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    -- The JSON body, the same on every attempt (the signature covers it).
    payload TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    claimed_until BIGINT,
    attempts BIGINT NOT NULL DEFAULT 0,
    delivered_at BIGINT,
    -- Set when every attempt failed.
    given_up_at BIGINT,
    last_status BIGINT,
    last_error TEXT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (delivered_at, given_up_at, next_attempt_at);
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, created_at);

CREATE TRIGGER webhook_registration_created AFTER INSERT ON registrations
WHEN EXISTS (SELECT 1 FROM webhooks WHERE active)
BEGIN
    INSERT INTO webhook_events (type, partner_id, offering_id, session_id, registration_id, status, occurred_at)
    SELECT 'registration.created', o.partner_id, o.id, s.id, NEW.id, NEW.status, CAST(strftime('%s', 'now') AS INTEGER)
    FROM sessions s JOIN offerings o ON o.id = s.offering_id WHERE s.id = NEW.session_id;
END;

CREATE TRIGGER webhook_registration_changed AFTER UPDATE OF status ON registrations
WHEN NEW.status <> OLD.status AND EXISTS (SELECT 1 FROM webhooks WHERE active)
BEGIN
    INSERT INTO webhook_events (type, partner_id, offering_id, session_id, registration_id, status, occurred_at)
    SELECT CASE
               WHEN NEW.status = 'cancelled' THEN 'registration.cancelled'
               WHEN NEW.status = 'attended' THEN 'checkin.created'
               ELSE 'registration.promoted'
           END,
           o.partner_id, o.id, s.id, NEW.id, NEW.status, CAST(strftime('%s', 'now') AS INTEGER)
    FROM sessions s JOIN offerings o ON o.id = s.offering_id
    WHERE s.id = NEW.session_id
      AND (NEW.status IN ('cancelled', 'attended')
           OR (OLD.status = 'waitlisted' AND NEW.status = 'confirmed'));
END;

CREATE TRIGGER webhook_session_changed
AFTER UPDATE OF starts_at, ends_at, registration_deadline, place_id, online_link, capacity, status ON sessions
WHEN EXISTS (SELECT 1 FROM webhooks WHERE active)
  AND (NEW.status <> OLD.status OR NEW.starts_at <> OLD.starts_at OR NEW.ends_at <> OLD.ends_at
       OR NEW.registration_deadline <> OLD.registration_deadline OR NEW.capacity <> OLD.capacity
       OR NEW.place_id IS NOT OLD.place_id OR NEW.online_link IS NOT OLD.online_link)
BEGIN
    INSERT INTO webhook_events (type, partner_id, offering_id, session_id, status, occurred_at)
    SELECT CASE WHEN NEW.status = 'cancelled' AND OLD.status <> 'cancelled'
                THEN 'session.cancelled' ELSE 'session.changed' END,
           o.partner_id, o.id, NEW.id, NEW.status, CAST(strftime('%s', 'now') AS INTEGER)
    FROM offerings o WHERE o.id = NEW.offering_id;
END;
