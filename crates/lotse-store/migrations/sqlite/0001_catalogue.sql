-- The catalogue: reference data, partners, places, offerings, qualifications, sessions.
-- Instants are stored as BIGINT seconds since the Unix epoch (UTC): unambiguous, and the
-- same type and comparison on SQLite and PostgreSQL. Sessions are planned in
-- Europe/Berlin; the web layer converts for display.

CREATE TABLE meta (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

CREATE TABLE counties (
    key TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE partners (
    id BLOB PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('consortium_member', 'associated_partner', 'chamber', 'association')),
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL,
    web_address TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE places (
    id BLOB PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    county TEXT NOT NULL REFERENCES counties (key),
    UNIQUE (name, address)
);

CREATE TABLE offerings (
    id BLOB PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('module', 'workshop', 'info_event', 'webinar', 'consultation', 'demonstrator')),
    title TEXT NOT NULL,
    -- Lower-case title with umlauts folded: the catalogue's sort order and cursor.
    sort_key TEXT NOT NULL,
    -- Lower-case title, summary and description for the text filter.
    search_text TEXT NOT NULL,
    summary TEXT NOT NULL,
    description TEXT NOT NULL,
    -- JSON array of strings.
    learning_outcomes TEXT NOT NULL,
    duration_hours BIGINT NOT NULL CHECK (duration_hours > 0),
    format TEXT NOT NULL CHECK (format IN ('presence', 'online', 'blended')),
    partner_id BLOB NOT NULL REFERENCES partners (id),
    price_cents BIGINT NOT NULL CHECK (price_cents >= 0),
    language TEXT NOT NULL CHECK (language IN ('de', 'en')),
    level TEXT NOT NULL CHECK (level IN ('basic', 'intermediate', 'advanced')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX offerings_sort ON offerings (sort_key, id);
CREATE INDEX offerings_partner ON offerings (partner_id);

CREATE TABLE offering_topics (
    offering_id BLOB NOT NULL REFERENCES offerings (id) ON DELETE CASCADE,
    topic TEXT NOT NULL CHECK (topic IN ('arbeit-4-0', 'logistik-4-0', 'strategie', 'it-sicherheit', 'daten-ki', 'produktion-automatisierung', 'nachhaltigkeit')),
    PRIMARY KEY (offering_id, topic)
);
CREATE INDEX offering_topics_topic ON offering_topics (topic, offering_id);

CREATE TABLE offering_audiences (
    offering_id BLOB NOT NULL REFERENCES offerings (id) ON DELETE CASCADE,
    audience TEXT NOT NULL CHECK (audience IN ('geschaeftsfuehrung', 'fach-fuehrungskraefte', 'beschaeftigte', 'betriebsraete', 'auszubildende', 'multiplikatoren')),
    PRIMARY KEY (offering_id, audience)
);
CREATE INDEX offering_audiences_audience ON offering_audiences (audience, offering_id);

CREATE TABLE qualifications (
    id BLOB PRIMARY KEY NOT NULL,
    title TEXT NOT NULL UNIQUE,
    summary TEXT NOT NULL,
    description TEXT NOT NULL,
    minimum_hours BIGINT NOT NULL CHECK (minimum_hours > 0),
    created_at BIGINT NOT NULL
);

CREATE TABLE qualification_modules (
    qualification_id BLOB NOT NULL REFERENCES qualifications (id) ON DELETE CASCADE,
    offering_id BLOB NOT NULL REFERENCES offerings (id),
    required BOOLEAN NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (qualification_id, offering_id)
);
CREATE INDEX qualification_modules_offering ON qualification_modules (offering_id);

CREATE TABLE sessions (
    id BLOB PRIMARY KEY NOT NULL,
    offering_id BLOB NOT NULL REFERENCES offerings (id),
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    registration_deadline BIGINT NOT NULL,
    place_id BLOB REFERENCES places (id),
    online_link TEXT,
    capacity BIGINT NOT NULL CHECK (capacity > 0),
    -- Kept by booking in the same transaction as the registrations it counts.
    confirmed_count BIGINT NOT NULL DEFAULT 0 CHECK (confirmed_count >= 0),
    waitlist_count BIGINT NOT NULL DEFAULT 0 CHECK (waitlist_count >= 0),
    status TEXT NOT NULL CHECK (status IN ('planned', 'cancelled')),
    created_at BIGINT NOT NULL,
    CHECK (ends_at > starts_at),
    CHECK (registration_deadline <= starts_at),
    CHECK (place_id IS NOT NULL OR online_link IS NOT NULL)
);
CREATE INDEX sessions_offering ON sessions (offering_id, starts_at);
CREATE INDEX sessions_starts ON sessions (starts_at);
CREATE INDEX sessions_place ON sessions (place_id, starts_at);

INSERT INTO counties (key, name) VALUES
    ('12051', 'Brandenburg an der Havel'),
    ('12052', 'Cottbus'),
    ('12053', 'Frankfurt (Oder)'),
    ('12054', 'Potsdam'),
    ('12060', 'Barnim'),
    ('12061', 'Dahme-Spreewald'),
    ('12062', 'Elbe-Elster'),
    ('12063', 'Havelland'),
    ('12064', 'Märkisch-Oderland'),
    ('12065', 'Oberhavel'),
    ('12066', 'Oberspreewald-Lausitz'),
    ('12067', 'Oder-Spree'),
    ('12068', 'Ostprignitz-Ruppin'),
    ('12069', 'Potsdam-Mittelmark'),
    ('12070', 'Prignitz'),
    ('12071', 'Spree-Neiße'),
    ('12072', 'Teltow-Fläming'),
    ('12073', 'Uckermark'),
    ('outside', 'außerhalb Brandenburgs');
