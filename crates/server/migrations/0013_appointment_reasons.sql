-- The expert moves or cancels an appointment with a reason (issue 20). Portable between SQLite
-- and PostgreSQL. The reasons are the expert's words to the person, told in the e-mail and kept
-- with the appointment (and deleted with it); who moved it last is `moved_by` (`person` or
-- `expert`), as `cancelled_by` already says who cancelled.
ALTER TABLE appointments ADD COLUMN cancel_reason TEXT;
ALTER TABLE appointments ADD COLUMN moved_by TEXT;
ALTER TABLE appointments ADD COLUMN move_reason TEXT;
