-- Search finds offerings by the titles of the qualifications they count towards, and
-- lists qualifications themselves: a change to either moves the catalogue version too
-- (decision record 0011).
CREATE TRIGGER qualifications_inserted AFTER INSERT ON qualifications
BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER qualifications_updated AFTER UPDATE ON qualifications
BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER qualifications_deleted AFTER DELETE ON qualifications
BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER qualification_modules_inserted AFTER INSERT ON qualification_modules
BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER qualification_modules_updated AFTER UPDATE ON qualification_modules
BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER qualification_modules_deleted AFTER DELETE ON qualification_modules
BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
