-- What the employer sees of the response while a campaign runs (issue 19). Portable between
-- SQLite and PostgreSQL.

-- Once a day, at 06:00 Europe/Amsterdam, the number of group-figure uploads made before that
-- moment is kept here, and the employer sees only this number, rounded down to a multiple of k
-- (or "fewer than k"). Uploads, shares with the expert only and withdrawals after that moment
-- change nothing the employer sees until the next day. `taken_for` is the 06:00 boundary (Unix
-- seconds); the first instance to store a boundary's number wins, so every instance shows the
-- same. Only the latest boundary per campaign is kept.
CREATE TABLE response_counts (
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    taken_for BIGINT NOT NULL,
    group_uploads BIGINT NOT NULL,
    taken_at BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, taken_for)
);
