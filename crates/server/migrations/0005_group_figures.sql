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
    UNIQUE (campaign_id, sequence)
);
CREATE INDEX releases_definition ON releases (definition_id, status);

-- Who counted in a release, for the re-release rule (werkscan_core::disclosure::suppress_after):
-- one line per upload, "<token> <group> <measures>", where the token is 16 hex characters of a
-- hash of the submission id and measures a bit mask of the measures it has a value for. No
-- content. A withdrawal replaces the upload's token by a random one, so what remains cannot be
-- tied to the withdrawn upload; the lines go when the campaign's data does (`expires_at`).
CREATE TABLE release_members (
    release_id TEXT PRIMARY KEY REFERENCES releases (id),
    campaign_id TEXT NOT NULL REFERENCES campaigns (id),
    members TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX release_members_campaign ON release_members (campaign_id);
CREATE INDEX release_members_expires ON release_members (expires_at);

-- The group-figure uploads of a campaign, read when a release is computed.
CREATE INDEX submissions_campaign_group ON submissions (campaign_id, group_figures);
