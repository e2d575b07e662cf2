-- A company's county, sector and staff as they were before each change of them.
-- Reports count a participation for the company as it was on the day its session
-- started: the row with the earliest `valid_until` after that moment, or the
-- company's current row when there is none. So last year's figures do not change when
-- a company moves or grows.
CREATE TABLE company_history (
    company_id BLOB NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    valid_until BIGINT NOT NULL,
    county TEXT NOT NULL,
    sector TEXT NOT NULL,
    staff_count BIGINT NOT NULL,
    PRIMARY KEY (company_id, valid_until)
);
