-- Templates of documents (the certificate, the check report) as staff changed them in
-- the browser. A row replaces the operator's file and the built-in template until
-- staff reset it (the row is deleted).
CREATE TABLE document_templates (
    name TEXT PRIMARY KEY NOT NULL CHECK (name IN ('zertifikat', 'check-bericht')),
    source TEXT NOT NULL,
    changed_at BIGINT NOT NULL,
    changed_by UUID REFERENCES people (id) ON DELETE SET NULL
);
