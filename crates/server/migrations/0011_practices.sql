-- The practice holds the data (issue #18): an arbodienst or an independent arbeidsdeskundige
-- practice is the controller (verwerkingsverantwoordelijke) of everything shared with its
-- experts, and the consent text names it. Its details are entered by the practice or the
-- platform admin, never by the employer. Portable between SQLite and PostgreSQL.

CREATE TABLE practices (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    -- How people reach the practice about what they shared. Required by the API; practices
    -- made below from campaigns without a contact have none.
    contact TEXT,
    -- The data protection officer (functionaris gegevensbescherming), where there is one.
    privacy_officer_name TEXT,
    privacy_officer_contact TEXT,
    website TEXT,
    created_at BIGINT NOT NULL
);

-- The practices an employer organisation works with; a campaign of the organisation is run by
-- one of them.
CREATE TABLE practice_organisations (
    practice_id TEXT NOT NULL REFERENCES practices (id),
    org_id TEXT NOT NULL REFERENCES organisations (id),
    linked_at BIGINT NOT NULL,
    PRIMARY KEY (practice_id, org_id)
);
CREATE INDEX practice_organisations_org ON practice_organisations (org_id);

-- An arbeidsdeskundige (and a practice admin) belongs to one practice; a campaign is run by one.
ALTER TABLE users ADD COLUMN practice_id TEXT REFERENCES practices (id);
ALTER TABLE campaigns ADD COLUMN practice_id TEXT REFERENCES practices (id);
CREATE INDEX users_practice ON users (practice_id);
CREATE INDEX campaigns_practice ON campaigns (practice_id);

-- The role `practice_admin`: the role's CHECK is part of the column, and neither database can
-- widen it in place portably, so the column is replaced by one with the wider CHECK.
ALTER TABLE users ADD COLUMN account_role TEXT NOT NULL DEFAULT 'employer'
    CHECK (account_role IN ('admin', 'employer', 'expert', 'practice_admin'));
UPDATE users SET account_role = role;
ALTER TABLE users DROP COLUMN role;
ALTER TABLE users RENAME COLUMN account_role TO role;

-- Existing campaigns move over: one practice for each distinct set of controller details they
-- named, with exactly those details, so the consent values of running campaigns (and so what a
-- phone in the middle of a scan checks against) do not change. Its id is derived from the
-- oldest campaign's, since SQL has no portable way to make a random one.
INSERT INTO practices (id, name, contact, privacy_officer_name, privacy_officer_contact, website, created_at)
    SELECT 'practice-' || MIN(id), COALESCE(MIN(controller_name), ''), MIN(controller_contact), MIN(privacy_officer_name),
           MIN(privacy_officer_contact), NULL, MIN(created_at)
    FROM campaigns
    GROUP BY COALESCE(controller_name, ''), COALESCE(controller_contact, ''), COALESCE(privacy_officer_name, ''),
             COALESCE(privacy_officer_contact, '');
UPDATE campaigns SET practice_id = (
    SELECT 'practice-' || MIN(o.id) FROM campaigns o
    WHERE COALESCE(o.controller_name, '') = COALESCE(campaigns.controller_name, '')
      AND COALESCE(o.controller_contact, '') = COALESCE(campaigns.controller_contact, '')
      AND COALESCE(o.privacy_officer_name, '') = COALESCE(campaigns.privacy_officer_name, '')
      AND COALESCE(o.privacy_officer_contact, '') = COALESCE(campaigns.privacy_officer_contact, ''));
INSERT INTO practice_organisations (practice_id, org_id, linked_at)
    SELECT practice_id, org_id, MIN(created_at) FROM campaigns GROUP BY practice_id, org_id;
-- An expert without a practice joins the practice of the newest campaign that names them.
UPDATE users SET practice_id = (
    SELECT c.practice_id FROM campaign_experts e JOIN campaigns c ON c.id = e.campaign_id
    WHERE e.user_id = users.id ORDER BY c.created_at DESC, c.id LIMIT 1)
    WHERE role = 'expert' AND practice_id IS NULL;

-- The controller details now live with the practice only: a copy on the campaign could drift
-- from what the consent text says.
ALTER TABLE campaigns DROP COLUMN controller_name;
ALTER TABLE campaigns DROP COLUMN controller_contact;
ALTER TABLE campaigns DROP COLUMN privacy_officer_name;
ALTER TABLE campaigns DROP COLUMN privacy_officer_contact;

-- The one rule of who receives what a campaign's people share: an expert named in the campaign
-- who belongs to the campaign's practice. Every read of shared results goes through it, so a
-- named expert who is not (or no longer) of the practice reads nothing.
CREATE VIEW practice_campaign_experts AS
    SELECT e.campaign_id, e.user_id FROM campaign_experts e
    JOIN campaigns c ON c.id = e.campaign_id
    JOIN users u ON u.id = e.user_id
    WHERE u.practice_id IS NOT NULL AND u.practice_id = c.practice_id AND u.role = 'expert';
