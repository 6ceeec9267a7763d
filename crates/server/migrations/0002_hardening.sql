-- What a security review asked for (issue #9). Portable between SQLite and PostgreSQL like the
-- initial schema.

-- An arbeidsdeskundige works for the organisations that linked them; only those organisations
-- can name them in a campaign (and so send them what their staff share). Experts who already had
-- an organisation, or were named in one of its campaigns, are linked to it.
CREATE TABLE organisation_experts (
    org_id TEXT NOT NULL REFERENCES organisations (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    linked_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX organisation_experts_user ON organisation_experts (user_id);
INSERT INTO organisation_experts (org_id, user_id, linked_at)
    SELECT org_id, id, created_at FROM users WHERE role = 'expert' AND org_id IS NOT NULL
    ON CONFLICT DO NOTHING;
INSERT INTO organisation_experts (org_id, user_id, linked_at)
    SELECT DISTINCT c.org_id, e.user_id, 0 FROM campaign_experts e JOIN campaigns c ON c.id = e.campaign_id WHERE 1 = 1
    ON CONFLICT DO NOTHING;

-- Login limits per account over all addresses and per address over all accounts.
CREATE INDEX login_failures_account ON login_failures (account, at);
CREATE INDEX login_failures_ip ON login_failures (ip, at);

-- An upload's key is chosen on the phone and is its withdrawal token (stored as its hash in
-- `withdrawal_hash`); a repeat with the same key and the same content gets the first receipt.
-- `request_hash` tells a repeat from a different upload under the same key.
ALTER TABLE submissions ADD COLUMN request_hash TEXT;
-- 16 bits of a hash of the uploading address and the campaign: enough for a group-figures
-- release to see many uploads from one address, too few to tell which address it was.
ALTER TABLE submissions ADD COLUMN origin_bucket BIGINT;

-- Keys of withdrawn uploads, so that a late repeat of a withdrawn upload is not stored again.
-- Only a hash of a random key; kept until the campaign's data would have been deleted anyway.
CREATE TABLE withdrawn_uploads (
    key_hash TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL
);

-- Attempts at the public actions that are rate limited (uploads, bookings, withdrawal codes), by
-- a hash of what is limited (for example the action, the campaign and the address); kept an
-- hour at most.
CREATE TABLE rate_attempts (
    key_hash TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX rate_attempts_key ON rate_attempts (key_hash, at);
