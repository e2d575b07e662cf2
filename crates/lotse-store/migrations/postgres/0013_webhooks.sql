-- Webhooks (Standard Webhooks): subscriptions of staff and partner editors, the
-- events they may hear about, and one delivery per event and subscription.
--
-- Events are written by triggers in the same transaction as their cause, so every
-- path (API, pages, the booking lane, check-in) reports them exactly once, and only
-- while some subscription is active. A background job turns each event into
-- deliveries for the subscriptions that may see it (decision record 0012).

CREATE TABLE webhooks (
    id UUID PRIMARY KEY NOT NULL,
    owner_id UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    -- The partner whose offerings it hears about; NULL: every partner (staff only).
    partner_id UUID REFERENCES partners (id) ON DELETE CASCADE,
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
    id BIGSERIAL PRIMARY KEY,
    type TEXT NOT NULL,
    partner_id UUID,
    offering_id UUID,
    session_id UUID,
    registration_id UUID,
    -- The registration's or session's status after the change.
    status TEXT,
    occurred_at BIGINT NOT NULL,
    dispatched_at BIGINT
);
CREATE INDEX webhook_events_waiting ON webhook_events (dispatched_at, id);

CREATE TABLE webhook_deliveries (
    id UUID PRIMARY KEY NOT NULL,
    webhook_id UUID NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
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

CREATE FUNCTION webhook_registration_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    -- Not named like any column of the tables read below.
    event_type TEXT;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM webhooks WHERE active) THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        event_type := 'registration.created';
    ELSIF NEW.status = OLD.status THEN
        RETURN NULL;
    ELSIF NEW.status = 'cancelled' THEN
        event_type := 'registration.cancelled';
    ELSIF NEW.status = 'attended' THEN
        event_type := 'checkin.created';
    ELSIF OLD.status = 'waitlisted' AND NEW.status = 'confirmed' THEN
        event_type := 'registration.promoted';
    ELSE
        RETURN NULL;
    END IF;
    INSERT INTO webhook_events (type, partner_id, offering_id, session_id, registration_id, status, occurred_at)
    SELECT event_type, o.partner_id, o.id, s.id, NEW.id, NEW.status, EXTRACT(EPOCH FROM now())::BIGINT
    FROM sessions s JOIN offerings o ON o.id = s.offering_id WHERE s.id = NEW.session_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER webhook_registration_created AFTER INSERT ON registrations
    FOR EACH ROW EXECUTE FUNCTION webhook_registration_event();
CREATE TRIGGER webhook_registration_changed AFTER UPDATE OF status ON registrations
    FOR EACH ROW EXECUTE FUNCTION webhook_registration_event();

CREATE FUNCTION webhook_session_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM webhooks WHERE active) THEN
        RETURN NULL;
    END IF;
    IF NEW.status = OLD.status AND NEW.starts_at = OLD.starts_at AND NEW.ends_at = OLD.ends_at
       AND NEW.registration_deadline = OLD.registration_deadline AND NEW.capacity = OLD.capacity
       AND NEW.place_id IS NOT DISTINCT FROM OLD.place_id
       AND NEW.online_link IS NOT DISTINCT FROM OLD.online_link THEN
        RETURN NULL;
    END IF;
    INSERT INTO webhook_events (type, partner_id, offering_id, session_id, status, occurred_at)
    SELECT CASE WHEN NEW.status = 'cancelled' AND OLD.status <> 'cancelled'
                THEN 'session.cancelled' ELSE 'session.changed' END,
           o.partner_id, o.id, NEW.id, NEW.status, EXTRACT(EPOCH FROM now())::BIGINT
    FROM offerings o WHERE o.id = NEW.offering_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER webhook_session_changed
    AFTER UPDATE OF starts_at, ends_at, registration_deadline, place_id, online_link, capacity, status ON sessions
    FOR EACH ROW EXECUTE FUNCTION webhook_session_event();
