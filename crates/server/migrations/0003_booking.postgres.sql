-- PostgreSQL only: no two active appointments of one expert may overlap, including the buffer,
-- whatever the application does. Concurrent bookings of one time are then decided by the
-- database: the second waits for the first and fails (SQLSTATE 23P01), which the server answers
-- with 409. btree_gist gives text equality in a GiST index; it is a trusted extension.
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;
ALTER TABLE appointments ADD CONSTRAINT appointments_no_overlap
    EXCLUDE USING gist (expert_id WITH =, int8range(starts_at, blocked_until) WITH &&) WHERE (active = 1);
