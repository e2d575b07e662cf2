-- An offering can be withdrawn: it leaves the catalogue, its planned sessions are
-- cancelled, and the row stays for the records and statistics.
ALTER TABLE offerings ADD COLUMN withdrawn_at BIGINT;
