-- A counter that moves with every change to what the catalogue filters on: offerings,
-- their topics and audiences, and sessions' dates, places and status. Each process
-- keeps the live catalogue in memory for filtering and counting and rebuilds it only
-- when this counter has moved (decision record 0006). Bookings do not move it.
CREATE TABLE catalogue_version (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO catalogue_version (id, version) VALUES (1, 0);

CREATE TRIGGER offerings_inserted AFTER INSERT ON offerings
BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER offerings_updated AFTER UPDATE ON offerings
BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER offerings_deleted AFTER DELETE ON offerings
BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER offering_topics_inserted AFTER INSERT ON offering_topics
BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER offering_topics_updated AFTER UPDATE ON offering_topics
BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER offering_topics_deleted AFTER DELETE ON offering_topics
BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER offering_audiences_inserted AFTER INSERT ON offering_audiences
BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER offering_audiences_updated AFTER UPDATE ON offering_audiences
BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER offering_audiences_deleted AFTER DELETE ON offering_audiences
BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER sessions_inserted AFTER INSERT ON sessions
BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER sessions_moved AFTER UPDATE OF offering_id, place_id, starts_at, status ON sessions
BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER sessions_deleted AFTER DELETE ON sessions
BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
