-- Search finds offerings by the titles of the qualifications they count towards, and
-- lists qualifications themselves: a change to either moves the catalogue version too
-- (decision record 0011).
CREATE TRIGGER qualifications_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON qualifications
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changed();
CREATE TRIGGER qualification_modules_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON qualification_modules
    FOR EACH STATEMENT EXECUTE FUNCTION catalogue_changed();
