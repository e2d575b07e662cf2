-- A counter that moves with every change to what the catalogue filters on: offerings,
-- their topics and audiences, and sessions' dates, places and status. Each process
-- keeps the live catalogue in memory for filtering and counting and rebuilds it only
-- when this counter has moved (decision record 0006). Bookings do not move it.
CREATE TABLE catalogue_version (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO catalogue_version (id, version) VALUES (1, 0);

CREATE FUNCTION catalogue_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE catalogue_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER offerings_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON offerings
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changed();
CREATE TRIGGER offering_topics_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON offering_topics
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changed();
CREATE TRIGGER offering_audiences_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON offering_audiences
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changed();
CREATE TRIGGER sessions_changed
    AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF offering_id, place_id, starts_at, status ON sessions
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changed();
