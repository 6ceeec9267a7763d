-- Personal invitations (issue 19). Portable between SQLite and PostgreSQL.

-- How people take part: 'open' (anyone holding the campaign's link; the employer sees the
-- total only, since anyone could upload and name any department) or 'personal' (a roster of
-- invited people per department, each with a single-use link; the department comes from the
-- invitation, and figures per department can be shown).
ALTER TABLE campaigns ADD COLUMN invitations TEXT NOT NULL DEFAULT 'open';
-- The roster of a personal campaign: NULL (none yet), 'submitted' (by the employer, waiting for
-- the practice), 'approved' (by the practice; the invitations went out) or 'rejected' (with the
-- practice's reason in roster_note; the addresses are deleted).
ALTER TABLE campaigns ADD COLUMN roster_state TEXT;
ALTER TABLE campaigns ADD COLUMN roster_note TEXT;
-- The day (YYYY-MM-DD, Europe/Amsterdam) the last reminder went to everyone invited: at most
-- one a day.
ALTER TABLE campaigns ADD COLUMN reminded_on TEXT;

-- One invited person. `email` is NULL for a printed letter (`letter` 1), and for everyone once
-- the campaign has ended (the addresses are only for sending). `used` is 1 once an upload was made with it:
-- no time, no upload id, nothing that ties it to the upload (which keeps no trace of it either).
CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id),
    department TEXT NOT NULL,
    email TEXT,
    letter BIGINT NOT NULL DEFAULT 0,
    used BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX invitations_campaign ON invitations (campaign_id, department);

-- The links of an invitation: SHA-256 of each token sent (the first mail or letter, and one
-- per reminder, so that a link opened earlier on the phone keeps working). The tokens
-- themselves are only in the mail or on the letter.
CREATE TABLE invitation_links (
    token_hash TEXT PRIMARY KEY,
    invitation_id TEXT NOT NULL REFERENCES invitations (id)
);
CREATE INDEX invitation_links_invitation ON invitation_links (invitation_id);
