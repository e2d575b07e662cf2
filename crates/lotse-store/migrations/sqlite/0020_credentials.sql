-- Credentials: the center's signing keys, one credential per completed module or
-- qualification, and the status lists that publish revocations.

-- The current key (retired_at NULL) signs; retired keys keep only their public side, so
-- that credentials they signed still verify.
CREATE TABLE signing_keys (
    id BLOB PRIMARY KEY NOT NULL,
    -- did:key:z6Mk…#z6Mk…
    verification_method TEXT NOT NULL UNIQUE,
    -- The Ed25519 seed (base64url) while the key is current; emptied when it retires.
    secret TEXT,
    created_at BIGINT NOT NULL,
    retired_at BIGINT,
    CHECK (retired_at IS NULL OR secret IS NULL)
);

-- Issued in the transaction that completes the module or qualification; signed right
-- after (document and verification_method set), revoked when the completion is
-- withdrawn or by staff.
CREATE TABLE credentials (
    id BLOB PRIMARY KEY NOT NULL,
    person_id BLOB NOT NULL REFERENCES people (id),
    offering_id BLOB REFERENCES offerings (id),
    qualification_id BLOB,
    qualification_version BIGINT,
    -- The revocation bit: list status_index / 131072, bit status_index % 131072; chosen
    -- at random within the list, as the Bitstring Status List specification advises.
    status_index BIGINT NOT NULL UNIQUE,
    issued_at BIGINT NOT NULL,
    document TEXT,
    verification_method TEXT,
    revoked_at BIGINT,
    revocation_reason TEXT,
    -- The credential issued in its place after a correction.
    replaced_by BLOB REFERENCES credentials (id),
    CHECK ((offering_id IS NULL) <> (qualification_id IS NULL)),
    CHECK ((qualification_id IS NULL) = (qualification_version IS NULL)),
    CHECK ((document IS NULL) = (verification_method IS NULL)),
    FOREIGN KEY (qualification_id, qualification_version) REFERENCES qualification_versions (qualification_id, version)
);
CREATE INDEX credentials_person ON credentials (person_id, issued_at);
CREATE INDEX credentials_unsigned ON credentials (issued_at) WHERE document IS NULL;
CREATE UNIQUE INDEX credentials_one_valid_module ON credentials (person_id, offering_id)
    WHERE revoked_at IS NULL AND offering_id IS NOT NULL;
CREATE UNIQUE INDEX credentials_one_valid_qualification ON credentials (person_id, qualification_id)
    WHERE revoked_at IS NULL AND qualification_id IS NOT NULL;

-- A published status list: its signed BitstringStatusListCredential, re-signed when a
-- bit changed after it was signed.
CREATE TABLE status_lists (
    number BIGINT PRIMARY KEY NOT NULL,
    changed_at BIGINT NOT NULL,
    document TEXT,
    signed_at BIGINT
);

-- credential.issued for webhooks, when a credential is signed (the moment it can be
-- verified): a module's for its partner's subscriptions, a qualification's for the
-- center's.
ALTER TABLE webhook_events ADD COLUMN credential_id BLOB;
CREATE TRIGGER webhook_credential_issued AFTER UPDATE OF document ON credentials
WHEN OLD.document IS NULL AND NEW.document IS NOT NULL AND EXISTS (SELECT 1 FROM webhooks WHERE active)
BEGIN
    INSERT INTO webhook_events (type, partner_id, offering_id, credential_id, status, occurred_at)
    VALUES ('credential.issued',
            (SELECT partner_id FROM offerings WHERE id = NEW.offering_id),
            NEW.offering_id, NEW.id, 'issued', CAST(strftime('%s', 'now') AS INTEGER));
END;
