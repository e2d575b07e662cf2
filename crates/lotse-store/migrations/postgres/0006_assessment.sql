-- Digitalisierungs-Check: drafts and results. A result keeps the questionnaire version
-- it was answered under, its answers, its scores per dimension and its
-- recommendations, so it stays readable after the questionnaire changes.
CREATE TABLE assessments (
    -- Random (UUID v4), not time-ordered: the id is the link to an anonymous result.
    id UUID PRIMARY KEY NOT NULL,
    questionnaire_version TEXT NOT NULL,
    company_id UUID REFERENCES companies (id) ON DELETE CASCADE,
    person_id UUID REFERENCES people (id) ON DELETE SET NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'completed')),
    -- JSON: {item key: answer} and {dimension key: low|normal|high}.
    answers TEXT NOT NULL,
    importance TEXT NOT NULL,
    -- The peer group: a company's size class and WZ section when it was completed.
    size_class TEXT CHECK (size_class IN ('micro', 'small', 'medium', 'large')),
    sector TEXT,
    overall DOUBLE PRECISION CHECK (overall BETWEEN 0 AND 100),
    band TEXT CHECK (band IN ('basic', 'average', 'moderately_advanced', 'advanced')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    completed_at BIGINT,
    -- A company's results numbered 1, 2, … in the order they were completed (T0, T1, …).
    ordinal BIGINT,
    CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
    CHECK (ordinal IS NULL OR (company_id IS NOT NULL AND status = 'completed')),
    UNIQUE (company_id, ordinal)
);
CREATE INDEX assessments_peers ON assessments (status, size_class, sector);
CREATE INDEX assessments_person ON assessments (person_id, status);

CREATE TABLE assessment_scores (
    assessment_id UUID NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    dimension TEXT NOT NULL,
    -- NULL when every item of the dimension was "not relevant".
    score DOUBLE PRECISION CHECK (score BETWEEN 0 AND 100),
    PRIMARY KEY (assessment_id, dimension)
);

CREATE TABLE assessment_recommendations (
    assessment_id UUID NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    rank BIGINT NOT NULL,
    offering_id UUID NOT NULL REFERENCES offerings (id),
    dimension TEXT NOT NULL,
    topic TEXT NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    target BIGINT NOT NULL,
    importance TEXT NOT NULL CHECK (importance IN ('low', 'normal', 'high')),
    PRIMARY KEY (assessment_id, rank)
);
