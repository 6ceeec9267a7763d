-- The arbeidsdeskundige's inbox (issue #12): the page and the counts per status are read from
-- this index alone, so a request sorts and counts small index entries instead of whole
-- submission rows (measured in docs/PERFORMANCE.md, "The arbeidsdeskundige's inbox").
-- Portable between SQLite and PostgreSQL like the earlier changes.
CREATE INDEX submissions_inbox ON submissions (campaign_id, created_at, id, share_scores, contact_me, status, signal, department);
