-- How to join an online session by phone, beside its join link (`online_link`). Both
-- are shown to participants with a seat only, never on public pages or feeds.
ALTER TABLE sessions ADD COLUMN dial_in TEXT;
