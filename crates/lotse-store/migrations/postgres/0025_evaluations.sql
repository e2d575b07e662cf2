-- Evaluations after a session. An invitation belongs to an attended registration and
-- holds the hash of the secret its mail links to; once answered it only says so. The
-- answer itself names the session and nothing else: no registration, no person, no
-- time, and a random id, so that nobody can find out who gave which answer.
CREATE TABLE evaluation_invitations (
    registration_id UUID PRIMARY KEY NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    session_id UUID NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    secret_hash TEXT NOT NULL UNIQUE,
    sent_at BIGINT NOT NULL,
    answered BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX evaluation_invitations_session ON evaluation_invitations (session_id);

CREATE TABLE evaluation_answers (
    id UUID PRIMARY KEY NOT NULL,
    session_id UUID NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    relevance SMALLINT NOT NULL CHECK (relevance BETWEEN 1 AND 5),
    quality SMALLINT NOT NULL CHECK (quality BETWEEN 1 AND 5),
    applicability SMALLINT NOT NULL CHECK (applicability BETWEEN 1 AND 5),
    will_apply TEXT NOT NULL,
    comment TEXT NOT NULL
);
CREATE INDEX evaluation_answers_session ON evaluation_answers (session_id);
