-- A status change an appointment caused (issue 20): booking with the result linked moves the
-- file to "gesprek gepland" (`booked`), recording the conversation as held to "gesprek gevoerd"
-- (`held`). NULL for a change by hand. Portable between SQLite and PostgreSQL.
ALTER TABLE status_changes ADD COLUMN cause TEXT;
