-- The expert's file (issue 18). Portable between SQLite and PostgreSQL.
--
-- An action point for the employer is recorded only when the expert marks it as agreed with
-- the person (the employer never sees action points in Werkscan; the expert passes them on
-- outside it, with the person's agreement). Action points written before this say 0: nobody
-- recorded that agreement for them.
ALTER TABLE action_points ADD COLUMN agreed_with_person BIGINT NOT NULL DEFAULT 0;

-- A status change to `doorverwezen` says to whom (`bedrijfsarts`, `huisarts`,
-- `vertrouwenspersoon`); one to `afgerond` says how it ended (`afspraken_gemaakt`,
-- `geen_actie_nodig`, `doorverwezen`, `anders`). Both are kept in the history with the change
-- and deleted with the submission.
ALTER TABLE status_changes ADD COLUMN referred_to TEXT;
ALTER TABLE status_changes ADD COLUMN outcome TEXT;
