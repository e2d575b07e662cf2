-- Bulk import of offerings and sessions (decision record 0013).
--
-- An offering may carry the id it has in the partner's own system or spreadsheet;
-- importing the same file again updates it instead of creating a twin. Unique per
-- partner, since two partners may well both number their offerings from 1.
ALTER TABLE offerings ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX offerings_external_id ON offerings (partner_id, external_id)
    WHERE external_id IS NOT NULL;

-- A file uploaded for a dry run, kept until its uploader confirms the import (or a
-- day has passed), so that the confirmation need not send the file again.
CREATE TABLE catalogue_uploads (
    id UUID PRIMARY KEY NOT NULL,
    person_id UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content BYTEA NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX catalogue_uploads_created ON catalogue_uploads (created_at);
