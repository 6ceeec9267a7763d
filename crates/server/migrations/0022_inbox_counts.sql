-- The arbeidsdeskundige's inbox (issue #23): how many shared results each campaign has per
-- department, signal and status, kept by the database itself (the triggers below, one file per
-- database) in the transaction of every insert, delete and change of a submission, so that the
-- inbox reads its counts per status from a few rows instead of counting every shared result on
-- every request (docs/PERFORMANCE.md, "The arbeidsdeskundige's inbox").
--
-- Only what the inbox shows is counted: uploads that shared scores or contact details
-- (`expert::inbox::INBOX`). A result without a department is counted under '' (a department's
-- name has 1 to 100 characters, as in `group_cells`), one without a signal under 'none' (the
-- inbox's filter word). A row whose count reaches 0 is deleted. Portable between SQLite and
-- PostgreSQL; the triggers are not.
CREATE TABLE inbox_counts (
    campaign_id TEXT NOT NULL,
    department TEXT NOT NULL,
    signal TEXT NOT NULL,
    status TEXT NOT NULL,
    shared BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, department, signal, status)
);
