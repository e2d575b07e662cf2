-- The catalogue index now holds the cards themselves, and a card shows its partner's
-- name: a change to a partner moves the catalogue version too (decision record 0007).
CREATE TRIGGER partners_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON partners
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changed();
