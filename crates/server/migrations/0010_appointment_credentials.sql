-- Appointment links the server makes (issue 17). Portable between SQLite and PostgreSQL.

-- Until now the phone's Idempotency-Key was the appointment's credential (`key_hash`). From now
-- on the server makes the credential (256 random bits; `key_hash` keeps its hash, so links given
-- out before stay valid) and the phone's key only recognises a retried booking: only its hash is
-- kept. A retry gets the same credential back, so it is kept sealed with the phone's key
-- (`credential_seal`: the credential XOR a hash of that key; see booking.rs), which the server
-- alone cannot open. Appointments booked before have no seal: their key is their credential.
ALTER TABLE appointments ADD COLUMN retry_key_hash TEXT;
ALTER TABLE appointments ADD COLUMN credential_seal TEXT;
UPDATE appointments SET retry_key_hash = key_hash;
CREATE UNIQUE INDEX appointments_retry_key ON appointments (retry_key_hash);
