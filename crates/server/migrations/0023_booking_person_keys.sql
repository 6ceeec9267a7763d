-- Booking (issue #23): who booked, as keys the database can look up, so that counting a
-- person's open bookings in a campaign reads only that person's bookings instead of every open
-- booking of the campaign (`booking::routes::open_bookings_check`; docs/PERFORMANCE.md,
-- "Booking"). Each key is the SHA-256 of the contact detail as the limit compares it: the e-mail
-- address in lower case, the phone number's digits with +31 written as 0
-- (`booking::routes::person_key`). Set when the appointment is written (bookings made before
-- this change are given theirs when the server starts, `booking::routes::fill_person_keys`)
-- and deleted with the appointment. Portable between SQLite and PostgreSQL.
ALTER TABLE appointments ADD COLUMN email_key TEXT;
ALTER TABLE appointments ADD COLUMN phone_key TEXT;
-- The three lookups the limit makes, each led by its key: only that person's bookings are read,
-- and no database needs statistics to see which index fits (a fresh table has none). The linked
-- result's index also serves a withdrawal, which unlinks the result from its appointments.
CREATE INDEX appointments_open_email ON appointments (email_key, campaign_id, ends_at) WHERE status = 'booked';
CREATE INDEX appointments_open_phone ON appointments (phone_key, campaign_id, ends_at) WHERE status = 'booked';
CREATE INDEX appointments_submission ON appointments (submission_id, campaign_id, status, ends_at);
