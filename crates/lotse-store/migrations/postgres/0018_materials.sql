-- Materials of an offering (session_id NULL) or of one of its sessions: a file kept
-- in the materials folder under the material's id, or a link. Each is for everyone
-- or for participants (people with a seat, confirmed or attended).
CREATE TABLE materials (
    id UUID PRIMARY KEY NOT NULL,
    offering_id UUID NOT NULL REFERENCES offerings (id) ON DELETE CASCADE,
    session_id UUID REFERENCES sessions (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    audience TEXT NOT NULL CHECK (audience IN ('everyone', 'participants')),
    -- A link material has a url; a file material a name, type, size and checksum.
    url TEXT,
    file_name TEXT,
    content_type TEXT,
    size_bytes BIGINT,
    sha256 TEXT,
    -- Who added it; emptied when that person is erased.
    created_by UUID REFERENCES people (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    CHECK ((url IS NULL) <> (file_name IS NULL))
);
CREATE INDEX materials_by_offering ON materials (offering_id, created_at);
CREATE INDEX materials_by_session ON materials (session_id);
