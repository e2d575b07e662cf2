-- Qualifications become versioned and are walked: each version's rules are frozen in
-- qualification_versions and qualification_version_modules (module hours included),
-- so editing a qualification never changes what someone already completed. A module
-- is completed by an attended registration; a qualification completion points at the
-- version it was reached under. Both are kept in the transaction that changes the
-- attendance they rest on.

ALTER TABLE qualifications ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE qualifications ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
UPDATE qualifications SET updated_at = created_at;

-- The partners responsible for a qualification.
CREATE TABLE qualification_partners (
    qualification_id UUID NOT NULL REFERENCES qualifications (id) ON DELETE CASCADE,
    partner_id UUID NOT NULL REFERENCES partners (id),
    PRIMARY KEY (qualification_id, partner_id)
);
CREATE INDEX qualification_partners_partner ON qualification_partners (partner_id);

CREATE TABLE qualification_versions (
    qualification_id UUID NOT NULL REFERENCES qualifications (id),
    version BIGINT NOT NULL CHECK (version > 0),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    minimum_hours BIGINT NOT NULL CHECK (minimum_hours > 0),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (qualification_id, version)
);

CREATE TABLE qualification_version_modules (
    qualification_id UUID NOT NULL,
    version BIGINT NOT NULL,
    offering_id UUID NOT NULL REFERENCES offerings (id),
    required BOOLEAN NOT NULL,
    hours BIGINT NOT NULL CHECK (hours >= 0),
    position BIGINT NOT NULL,
    PRIMARY KEY (qualification_id, version, offering_id),
    FOREIGN KEY (qualification_id, version) REFERENCES qualification_versions (qualification_id, version)
);
CREATE INDEX qualification_version_modules_offering ON qualification_version_modules (offering_id);

INSERT INTO qualification_versions (qualification_id, version, title, description, minimum_hours, created_at)
    SELECT id, 1, title, description, minimum_hours, created_at FROM qualifications;
INSERT INTO qualification_version_modules (qualification_id, version, offering_id, required, hours, position)
    SELECT m.qualification_id, 1, m.offering_id, m.required, o.duration_hours, m.position
    FROM qualification_modules m JOIN offerings o ON o.id = m.offering_id;

-- A person's completed modules: one row per module, resting on one attended
-- registration (the earliest session, when there are several).
CREATE TABLE module_completions (
    person_id UUID NOT NULL REFERENCES people (id),
    offering_id UUID NOT NULL REFERENCES offerings (id),
    registration_id UUID NOT NULL REFERENCES registrations (id),
    hours BIGINT NOT NULL,
    completed_at BIGINT NOT NULL,
    PRIMARY KEY (person_id, offering_id)
);
CREATE INDEX module_completions_registration ON module_completions (registration_id);
CREATE INDEX module_completions_offering ON module_completions (offering_id);

CREATE TABLE qualification_completions (
    person_id UUID NOT NULL REFERENCES people (id),
    qualification_id UUID NOT NULL,
    version BIGINT NOT NULL,
    completed_at BIGINT NOT NULL,
    PRIMARY KEY (person_id, qualification_id),
    FOREIGN KEY (qualification_id, version) REFERENCES qualification_versions (qualification_id, version)
);
CREATE INDEX qualification_completions_qualification ON qualification_completions (qualification_id);

-- Attendances recorded before this version count: their modules are completed.
INSERT INTO module_completions (person_id, offering_id, registration_id, hours, completed_at)
    SELECT r.person_id, s.offering_id, r.id, o.duration_hours, s.starts_at
    FROM registrations r
    JOIN sessions s ON s.id = r.session_id
    JOIN offerings o ON o.id = s.offering_id
    WHERE r.status = 'attended' AND o.kind = 'module'
      AND NOT EXISTS (
          SELECT 1 FROM registrations r2 JOIN sessions s2 ON s2.id = r2.session_id
          WHERE r2.person_id = r.person_id AND s2.offering_id = s.offering_id
            AND r2.status = 'attended'
            AND (s2.starts_at < s.starts_at OR (s2.starts_at = s.starts_at AND r2.id < r.id)));

-- And the qualifications those modules already add up to, under version 1.
INSERT INTO qualification_completions (person_id, qualification_id, version, completed_at)
    SELECT mc.person_id, v.qualification_id, v.version, MAX(mc.completed_at)
    FROM qualification_version_modules v
    JOIN module_completions mc ON mc.offering_id = v.offering_id
    GROUP BY mc.person_id, v.qualification_id, v.version
    HAVING SUM(v.hours) >= (SELECT q.minimum_hours FROM qualification_versions q
                            WHERE q.qualification_id = v.qualification_id AND q.version = v.version)
       AND SUM(CASE WHEN v.required THEN 1 ELSE 0 END)
           = (SELECT COUNT(*) FROM qualification_version_modules w
              WHERE w.qualification_id = v.qualification_id AND w.version = v.version AND w.required);
