-- The catalogue index now holds the cards themselves, and a card shows its partner's
-- name: a change to a partner moves the catalogue version too (decision record 0007).
CREATE TRIGGER partners_inserted AFTER INSERT ON partners
BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER partners_updated AFTER UPDATE ON partners
BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER partners_deleted AFTER DELETE ON partners
BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
