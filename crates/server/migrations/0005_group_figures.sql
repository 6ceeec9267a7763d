-- Group figures for employers (issue #13): headcounts, closing and extending campaigns, and one
-- stored release of figures per campaign that its arbeidsdeskundige publishes. Portable between
-- SQLite and PostgreSQL like the earlier changes.

-- The number of staff in a department, if the employer gave it: only for the response rate.
ALTER TABLE campaign_departments ADD COLUMN headcount BIGINT;

-- A campaign closed early (before ends_on) refuses uploads from `closed_at` on.
ALTER TABLE campaigns ADD COLUMN closed_at BIGINT;
-- 1 while the campaign changed since its figures were last computed (new, extended): the
-- release task looks at closed campaigns with this set, and clears it.
ALTER TABLE campaigns ADD COLUMN figures_due BIGINT NOT NULL DEFAULT 1;
-- Why the last computation after an extension made no new release (`too_few_new`,
-- `cannot_verify`) as JSON, for the arbeidsdeskundige; NULL otherwise.
ALTER TABLE campaigns ADD COLUMN figures_note TEXT;
-- Grows with every withdrawal or deletion of one of its group-figure uploads: a release being
-- computed meanwhile is computed again rather than stored with the upload in it.
ALTER TABLE campaigns ADD COLUMN figures_changes BIGINT NOT NULL DEFAULT 0;

-- One computed release of a campaign's group figures. `sequence` counts a campaign's releases.
-- A draft is seen only by the campaign's arbeidsdeskundigen; publishing it makes it the one the
-- employer sees and supersedes the earlier published one. `figures` is the dashboard as JSON,
-- exactly what is shown (aggregates over at least min_group_size people only); `totals` the
-- organisation-level part of it that the norm over all organisations reads; `signals` the
-- padding signals for the arbeidsdeskundige (counts only); `decisions` what was shown of each
-- group and measure, for later releases of the same campaign. `revision` grows with each
-- computation of a draft; `stale` grows with each withdrawal of an upload counted in a draft,
-- which is then computed again before anyone sees or publishes it.
CREATE TABLE releases (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id),
    org_id TEXT NOT NULL REFERENCES organisations (id),
    definition_id TEXT NOT NULL,
    sequence BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
    revision BIGINT NOT NULL,
    stale BIGINT NOT NULL,
    computed_at BIGINT NOT NULL,
    respondents BIGINT NOT NULL,
    figures TEXT NOT NULL,
    totals TEXT NOT NULL,
    signals TEXT NOT NULL,
    decisions TEXT NOT NULL,
    published_by TEXT REFERENCES users (id),
    published_at BIGINT,
    members_expire_at BIGINT NOT NULL,
    UNIQUE (campaign_id, sequence)
);
CREATE INDEX releases_definition ON releases (definition_id, status);

-- Who counted in a release, for the re-release rule (werkscan_core::disclosure::suppress_after):
-- one text per release with a line per upload, "<id> TAB <department> TAB <measure mask>", built
-- by the database in one statement. No content. A withdrawal replaces the upload's id by a
-- random one, so what remains cannot be tied to it; the text goes when the campaign's data
-- does (`releases.members_expire_at`).
CREATE TABLE release_members (
    release_id TEXT PRIMARY KEY REFERENCES releases (id),
    campaign_id TEXT NOT NULL REFERENCES campaigns (id),
    members TEXT NOT NULL
);
CREATE INDEX release_members_campaign ON release_members (campaign_id);

-- What a release needs of a group-figure upload, set at upload from the same core code that
-- checked it: which of the definition's measures (theme and headline scores with bands) have a
-- value, as a bit mask, and a fingerprint (a hash of those values and bands) that finds
-- identical results. Rows from before this change get theirs when a release first needs them.
ALTER TABLE submissions ADD COLUMN group_mask BIGINT;
ALTER TABLE submissions ADD COLUMN group_fingerprint TEXT;
CREATE INDEX submissions_campaign_group ON submissions (campaign_id, group_figures, created_at);

-- The sums behind the group figures, per campaign, department ('' for none), measure and band,
-- kept up to date by every group-figure upload, withdrawal and deletion in the same transaction
-- (values in thousandths, so adding and subtracting is exact). A release reads these few rows
-- instead of every upload's scores. Never shown to anyone as they are.
CREATE TABLE group_cells (
    campaign_id TEXT NOT NULL REFERENCES campaigns (id),
    department TEXT NOT NULL,
    score_id TEXT NOT NULL,
    band TEXT NOT NULL,
    respondents BIGINT NOT NULL,
    value_sum BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, department, score_id, band)
);
INSERT INTO group_cells (campaign_id, department, score_id, band, respondents, value_sum)
    SELECT s.campaign_id, COALESCE(s.department, ''), sc.score_id, sc.band, COUNT(*), SUM(CAST(ROUND(sc.value * 1000) AS BIGINT))
    FROM submissions s JOIN submission_scores sc ON sc.submission_id = s.id
    WHERE s.group_figures = 1 AND sc.value IS NOT NULL AND sc.band IS NOT NULL
    GROUP BY s.campaign_id, COALESCE(s.department, ''), sc.score_id, sc.band;
