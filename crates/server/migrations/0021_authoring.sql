-- Questionnaire versions written in the browser (issue 24). Portable between SQLite and
-- PostgreSQL; the rule that a stored version never changes is a trigger, written for each
-- database (0021_authoring.sqlite.sql, 0021_authoring.postgres.sql).

-- The role `definition_author`: the role's CHECK is part of the column, and neither database can
-- widen it in place portably, so the column is replaced by one with the wider CHECK (as in 0011).
-- The view of 0011 reads the column, so it goes first and comes back unchanged.
DROP VIEW practice_campaign_experts;
ALTER TABLE users ADD COLUMN account_role TEXT NOT NULL DEFAULT 'employer'
    CHECK (account_role IN ('admin', 'employer', 'expert', 'practice_admin', 'definition_author'));
UPDATE users SET account_role = role;
ALTER TABLE users DROP COLUMN role;
ALTER TABLE users RENAME COLUMN account_role TO role;
CREATE VIEW practice_campaign_experts AS
    SELECT e.campaign_id, e.user_id FROM campaign_experts e
    JOIN campaigns c ON c.id = e.campaign_id
    JOIN users u ON u.id = e.user_id
    WHERE u.practice_id IS NOT NULL AND u.practice_id = c.practice_id AND u.role = 'expert';

-- Where a version came from: read from `questionnaires/` at a server's start ('file'), or
-- published by a definition author ('published'). The licence is part of the definition
-- (`json`, questionnaire.licence), so it cannot disagree with what phones are shown.
ALTER TABLE definitions ADD COLUMN source TEXT NOT NULL DEFAULT 'file' CHECK (source IN ('file', 'published'));
-- The TOML files the version was read from (the definition's own file first, then each part it
-- includes), as a JSON array of {"path", "contents"}: what an author opens and exports. NULL
-- for a file version recorded before this change that no server has read from files since.
ALTER TABLE definitions ADD COLUMN sources TEXT;
-- Who published it and when (Unix seconds); NULL for file versions.
ALTER TABLE definitions ADD COLUMN published_at BIGINT;
ALTER TABLE definitions ADD COLUMN published_by TEXT REFERENCES users (id);
-- The order in which versions were introduced (first read from files, or published): of each
-- questionnaire, the highest among the versions a server serves is its current one. Timestamps
-- are whole seconds, too coarse to order a publication right after a start.
ALTER TABLE definitions ADD COLUMN introduced BIGINT NOT NULL DEFAULT 0;
UPDATE definitions SET introduced = (
    SELECT COUNT(*) FROM definitions earlier
    WHERE earlier.first_loaded_at < definitions.first_loaded_at
       OR (earlier.first_loaded_at = definitions.first_loaded_at AND earlier.content_hash <= definitions.content_hash)
);
CREATE UNIQUE INDEX definitions_introduced ON definitions (introduced);
-- One published version per id and version (two authors publishing the same one at once: the
-- second is refused). Versions read from files may repeat an id and version, as they could before.
CREATE UNIQUE INDEX definitions_published_version ON definitions (id, version) WHERE source = 'published';
