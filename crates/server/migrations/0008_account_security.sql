-- A second security review (issue #17): second-factor codes counted per account, devices that
-- logged in before, one-time links instead of passwords an admin could know.

-- Wrong second-factor codes, per account and from any address. A right password or a right code
-- never removes them: only the window ends them, so guessing cannot be restarted by logging in
-- again (the login failures of an account and address are cleared by a right password).
CREATE TABLE second_factor_failures (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    recovery BIGINT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX second_factor_failures_user ON second_factor_failures (user_id, at);

-- Browsers whose owner logged in with the right password (a device cookie, only its hash here).
-- From such a browser the owner is not locked out by failures that strangers cause elsewhere;
-- its own failures are counted on their own (`login_failures.device`).
CREATE TABLE trusted_devices (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX trusted_devices_user ON trusted_devices (user_id);
ALTER TABLE login_failures ADD COLUMN device TEXT;
CREATE INDEX login_failures_device ON login_failures (device, at);

-- One-time links to choose a password, sent to the account's own address: for a new account and
-- after a reset. The admin who asks for one never sees it; only its hash is kept.
CREATE TABLE password_links (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    purpose TEXT NOT NULL,
    created_by TEXT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX password_links_user ON password_links (user_id);
