-- Accounts and organizations: people, companies, memberships with roles, sign-in
-- sessions, API tokens, one-time e-mail links, the mail outbox, consent records, login
-- throttling and the audit log. Secrets (session ids, tokens, link tokens) are stored
-- only as SHA-256 hashes; passwords only as argon2id hashes.

CREATE TABLE people (
    id UUID PRIMARY KEY NOT NULL,
    -- Lower-cased. On erasure replaced by an address that cannot receive mail.
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT,
    email_confirmed_at BIGINT,
    language TEXT NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en')),
    created_at BIGINT NOT NULL,
    erased_at BIGINT
);

CREATE TABLE companies (
    id UUID PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    sector TEXT NOT NULL CHECK (sector IN ('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U')),
    staff_count BIGINT NOT NULL CHECK (staff_count >= 0),
    county TEXT NOT NULL REFERENCES counties (key),
    address TEXT,
    created_at BIGINT NOT NULL
);

CREATE TABLE memberships (
    id UUID PRIMARY KEY NOT NULL,
    person_id UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('learner', 'company_admin', 'partner_editor', 'social_partner', 'staff', 'admin')),
    company_id UUID REFERENCES companies (id) ON DELETE CASCADE,
    partner_id UUID REFERENCES partners (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    CHECK (
        (role IN ('learner', 'company_admin') AND company_id IS NOT NULL AND partner_id IS NULL)
        OR (role IN ('partner_editor', 'social_partner') AND partner_id IS NOT NULL AND company_id IS NULL)
        OR (role IN ('staff', 'admin') AND company_id IS NULL AND partner_id IS NULL)
    )
);
CREATE INDEX memberships_person ON memberships (person_id);
CREATE INDEX memberships_company ON memberships (company_id);

CREATE TABLE auth_sessions (
    id_hash TEXT PRIMARY KEY NOT NULL,
    person_id UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    ip TEXT NOT NULL,
    user_agent TEXT NOT NULL
);
CREATE INDEX auth_sessions_person ON auth_sessions (person_id);

CREATE TABLE api_tokens (
    id UUID PRIMARY KEY NOT NULL,
    person_id UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX api_tokens_person ON api_tokens (person_id);

-- One-time links sent by e-mail: address confirmation, password reset, invitation.
CREATE TABLE email_links (
    token_hash TEXT PRIMARY KEY NOT NULL,
    purpose TEXT NOT NULL CHECK (purpose IN ('confirm', 'reset', 'invite')),
    person_id UUID REFERENCES people (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    company_id UUID REFERENCES companies (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

CREATE TABLE outbox (
    id UUID PRIMARY KEY NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    -- Set while one sender works on the mail, so several processes never send it twice.
    claimed_until BIGINT,
    sent_at BIGINT,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);

CREATE TABLE consents (
    id UUID PRIMARY KEY NOT NULL,
    person_id UUID NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    notice TEXT NOT NULL,
    version TEXT NOT NULL,
    accepted_at BIGINT NOT NULL
);

CREATE TABLE login_failures (
    id UUID PRIMARY KEY NOT NULL,
    email TEXT NOT NULL,
    ip TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email, at);
CREATE INDEX login_failures_ip ON login_failures (ip, at);

CREATE TABLE audit_log (
    id UUID PRIMARY KEY NOT NULL,
    at BIGINT NOT NULL,
    -- No foreign key: entries outlive erased people.
    actor_id UUID,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    ip TEXT NOT NULL,
    details TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
