-- Werkscan schema, version 1. Portable between SQLite and PostgreSQL: only TEXT, BIGINT and
-- DOUBLE PRECISION columns (booleans are 0/1, times are Unix seconds, dates are 'YYYY-MM-DD'),
-- so that one set of queries runs on both through sqlx's Any driver.

CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

-- role: 'admin' (platform), 'employer' (organisation admin), 'expert' (arbeidsdeskundige).
-- Experts may work for several organisations, so org_id is optional for them.
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    org_id TEXT REFERENCES organisations (id),
    role TEXT NOT NULL CHECK (role IN ('admin', 'employer', 'expert')),
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- Only the SHA-256 of a session token is stored: a copy of the database does not log anyone in.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Failed logins, for rate limiting across server instances.
CREATE TABLE login_failures (
    account TEXT NOT NULL,
    ip TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (account, ip, at);

-- Every definition version ever loaded, so an upload scored against an older version can still
-- be checked after the files were updated.
CREATE TABLE definitions (
    content_hash TEXT PRIMARY KEY,
    id TEXT NOT NULL,
    version TEXT NOT NULL,
    json TEXT NOT NULL,
    first_loaded_at BIGINT NOT NULL
);
CREATE INDEX definitions_id_version ON definitions (id, version);

CREATE TABLE campaigns (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    definition_id TEXT NOT NULL,
    definition_version TEXT NOT NULL,
    content_hash TEXT NOT NULL REFERENCES definitions (content_hash),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    min_group_size BIGINT NOT NULL CHECK (min_group_size >= 5),
    retention_days BIGINT NOT NULL CHECK (retention_days >= 1),
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX campaigns_org ON campaigns (org_id);

CREATE TABLE campaign_departments (
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, name)
);

-- The arbeidsdeskundigen who receive what people chose to share in this campaign.
CREATE TABLE campaign_experts (
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (campaign_id, user_id)
);
CREATE INDEX campaign_experts_user ON campaign_experts (user_id);

-- One upload. Consent (text version, language, the four choices) is stored with it; the parts
-- below exist only where consented. No person identifier: contact details live apart and only
-- with contact_me.
CREATE TABLE submissions (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id),
    department TEXT,
    definition_id TEXT NOT NULL,
    definition_version TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    consent_version TEXT NOT NULL,
    consent_lang TEXT NOT NULL,
    share_scores BIGINT NOT NULL,
    share_answers BIGINT NOT NULL,
    contact_me BIGINT NOT NULL,
    group_figures BIGINT NOT NULL,
    withdrawal_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX submissions_campaign ON submissions (campaign_id);
CREATE INDEX submissions_expires ON submissions (expires_at);

-- One row per score, so group figures can be aggregated in SQL later.
CREATE TABLE submission_scores (
    submission_id TEXT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    score_id TEXT NOT NULL,
    value DOUBLE PRECISION,
    band TEXT,
    answered BIGINT NOT NULL,
    needed BIGINT NOT NULL,
    PRIMARY KEY (submission_id, score_id)
);

CREATE TABLE submission_flags (
    submission_id TEXT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    flag_id TEXT NOT NULL,
    PRIMARY KEY (submission_id, flag_id)
);

CREATE TABLE submission_answers (
    submission_id TEXT PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
    answers TEXT NOT NULL
);

CREATE TABLE submission_contacts (
    submission_id TEXT PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    note TEXT
);

-- Who read what, when. Rows outlive the submission (no foreign key); withdrawal and retention
-- clear `detail`, the only column that could carry content.
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_user_id TEXT,
    action TEXT NOT NULL,
    submission_id TEXT,
    campaign_id TEXT,
    detail TEXT
);
CREATE INDEX audit_log_submission ON audit_log (submission_id);
