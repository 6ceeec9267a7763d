-- The staff console (issue #12): account life cycle, a second factor, the arbeidsdeskundige's
-- working notes on a person, and the strongest signal of each shared result for the inbox.

-- Accounts can be deactivated (never deleted: the audit log names them), made to choose a new
-- password at their next login, and hold a TOTP secret (pending until the first code confirms
-- it). `totp_last_step` refuses a code that was used before.
ALTER TABLE users ADD COLUMN active BIGINT NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN must_change_password BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_pending TEXT;
ALTER TABLE users ADD COLUMN totp_enabled_at BIGINT;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;

-- One-time recovery codes, only as hashes.
CREATE TABLE recovery_codes (
    user_id TEXT NOT NULL REFERENCES users (id),
    code_hash TEXT NOT NULL,
    used_at BIGINT,
    PRIMARY KEY (user_id, code_hash)
);

-- Sessions get an id that can be shown and ended (the token's hash must not leave the server),
-- what the browser called itself, and whether the second factor was given in this session.
ALTER TABLE sessions ADD COLUMN id TEXT;
ALTER TABLE sessions ADD COLUMN device TEXT;
ALTER TABLE sessions ADD COLUMN second_factor_at BIGINT;
CREATE UNIQUE INDEX sessions_id ON sessions (id);
CREATE INDEX sessions_user ON sessions (user_id);

-- Where the arbeidsdeskundige is with a person, and since when.
ALTER TABLE submissions ADD COLUMN status TEXT NOT NULL DEFAULT 'nieuw';
ALTER TABLE submissions ADD COLUMN status_changed_at BIGINT;
-- The strongest signal of the shared result (good, watch, attention; attention also for a flag),
-- set at upload from the same core code the report uses, so the inbox can filter without
-- reading every result.
ALTER TABLE submissions ADD COLUMN signal TEXT;
CREATE INDEX submissions_campaign_created ON submissions (campaign_id, created_at);

CREATE TABLE status_changes (
    id TEXT PRIMARY KEY,
    submission_id TEXT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    changed_by TEXT NOT NULL REFERENCES users (id),
    changed_at BIGINT NOT NULL,
    -- The order of the changes (several can fall in one second).
    seq BIGINT NOT NULL
);
CREATE INDEX status_changes_submission ON status_changes (submission_id);

-- Private notes: seen by the experts of the person's campaign only.
CREATE TABLE notes (
    id TEXT PRIMARY KEY,
    submission_id TEXT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES users (id),
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    seq BIGINT NOT NULL
);
CREATE INDEX notes_submission ON notes (submission_id);

-- Agreed action points, each with an owner and a date.
CREATE TABLE action_points (
    id TEXT PRIMARY KEY,
    submission_id TEXT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    owner TEXT NOT NULL CHECK (owner IN ('employee', 'employer', 'expert')),
    description TEXT NOT NULL,
    due_on TEXT,
    done_at BIGINT,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    seq BIGINT NOT NULL
);
CREATE INDEX action_points_submission ON action_points (submission_id);

CREATE INDEX audit_log_actor ON audit_log (actor_user_id, at);
CREATE INDEX audit_log_at ON audit_log (at);
