-- Wrong withdrawal codes per address (issue 17): each attempt at a code is recorded before the
-- code is looked up and taken back only when that one attempt turned out right, so a right code
-- never clears the wrong ones sent with it. `key_hash` is a hash of the address; kept an hour.
-- Portable between SQLite and PostgreSQL like the earlier changes.
CREATE TABLE withdrawal_code_attempts (
    id TEXT PRIMARY KEY,
    key_hash TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX withdrawal_code_attempts_key ON withdrawal_code_attempts (key_hash, at);
