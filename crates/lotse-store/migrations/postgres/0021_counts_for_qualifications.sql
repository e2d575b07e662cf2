-- Besides modules, any offering (a workshop, a webinar) may count toward
-- qualifications when its editor marks it so. Modules always count; the column keeps
-- both cases so completion asks one question of the offering.
ALTER TABLE offerings ADD COLUMN counts_for_qualifications BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE offerings SET counts_for_qualifications = TRUE WHERE kind = 'module';
