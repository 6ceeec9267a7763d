-- Telling the arbeidsdeskundige what arrived (issue 20). Portable between SQLite and PostgreSQL.
-- One row per expert who changed a setting or looked at a screen; an expert without a row has
-- seen nothing yet and gets the digest at 08:00. What was seen is a moment per kind, so every
-- instance counts the same. The feed's secret is kept only as its SHA-256. `digest_sent_on` (the
-- local date) makes "at most one a day" hold across instances: claiming it is the update.
CREATE TABLE expert_notifications (
    user_id TEXT PRIMARY KEY REFERENCES users (id),
    shares_seen_at BIGINT NOT NULL DEFAULT 0,
    appointments_seen_at BIGINT NOT NULL DEFAULT 0,
    digest_on BIGINT NOT NULL DEFAULT 1,
    digest_hour BIGINT NOT NULL DEFAULT 8,
    digest_sent_on TEXT,
    digest_sent_at BIGINT NOT NULL DEFAULT 0,
    feed_token_hash TEXT UNIQUE,
    feed_created_at BIGINT
);
