-- The action plan of a campaign (issue 21). Portable between SQLite and PostgreSQL.
--
-- What the organisation chose to do per theme after reading the published group figures: the
-- employer's own words, who takes it on and by when. No figure and nothing from an upload. Kept
-- as long as the campaign (campaigns are not deleted; their uploads are, at the retention date),
-- so the next campaign's dashboard can show what was done.
CREATE TABLE plan_actions (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id),
    -- The theme's score id.
    score TEXT NOT NULL,
    action TEXT NOT NULL,
    -- A role or the name of a member of staff who takes it on.
    owner TEXT NOT NULL,
    -- YYYY-MM-DD.
    due_on TEXT NOT NULL,
    done BIGINT NOT NULL DEFAULT 0,
    -- The order the actions were added in (timestamps are whole seconds).
    position BIGINT NOT NULL DEFAULT 0,
    -- The previous campaign's action this one carries on, each at most once per campaign (no
    -- foreign key: removing the earlier action later leaves this one as it is).
    carried_from TEXT,
    created_by TEXT REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (campaign_id, carried_from)
);
CREATE INDEX plan_actions_campaign ON plan_actions (campaign_id, position);
