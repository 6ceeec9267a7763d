-- Booking the adviesgesprek (issue #11). Shared by both databases; the PostgreSQL file adds the
-- exclusion constraint on top (0003_booking.postgres.sql).

-- Each arbeidsdeskundige's availability: a werkscan_booking::Schedule (weekly hours, days off,
-- slot length, buffer, notice, window, time zone) and the kinds of conversation they offer, both
-- as JSON.
CREATE TABLE expert_schedules (
    user_id TEXT PRIMARY KEY REFERENCES users (id),
    schedule TEXT NOT NULL,
    kinds TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- One conversation. Times are Unix seconds (UTC instants); [starts_at, blocked_until) is the
-- time it holds in the expert's agenda: the conversation plus the expert's buffer after it, so
-- that a constraint on overlapping ranges also keeps the buffer. `active` is 1 while it holds
-- that time (not cancelled). The person's key authorises moving and cancelling and makes a
-- retried booking the same booking; only its hash is stored. Contact details go with the
-- campaign's data (`expires_at`).
CREATE TABLE appointments (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id),
    expert_id TEXT NOT NULL REFERENCES users (id),
    kind TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    blocked_until BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('booked', 'held', 'no_show', 'cancelled')),
    active BIGINT NOT NULL,
    name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    lang TEXT NOT NULL,
    submission_id TEXT,
    key_hash TEXT NOT NULL UNIQUE,
    request_hash TEXT NOT NULL,
    ics_uid TEXT NOT NULL UNIQUE,
    sequence BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    cancelled_at BIGINT,
    cancelled_by TEXT,
    outcome_at BIGINT,
    expires_at BIGINT NOT NULL
);
-- On SQLite this and the overlap check inside the write transaction (which holds SQLite's write
-- lock from its first statement) make booking atomic.
CREATE UNIQUE INDEX appointments_expert_start ON appointments (expert_id, starts_at) WHERE active = 1;
CREATE INDEX appointments_expert ON appointments (expert_id, starts_at);
CREATE INDEX appointments_campaign ON appointments (campaign_id);
CREATE INDEX appointments_expires ON appointments (expires_at);

-- "Herinner mij als ik nog niet heb gepland": one reminder per address and campaign, ever.
ALTER TABLE campaigns ADD COLUMN reminder_days BIGINT NOT NULL DEFAULT 10;
CREATE TABLE booking_reminders (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id),
    email TEXT NOT NULL,
    lang TEXT NOT NULL,
    due_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX booking_reminders_once ON booking_reminders (campaign_id, email);

-- E-mail waits here until a sender delivers it (over SMTP, when configured), so nothing is lost
-- without one and a failure is retried. A message about an appointment names the appointment's
-- sequence it was written for: when it is due, the sender checks that the appointment is still
-- booked at that sequence, so nothing goes out about a cancelled or moved conversation.
CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    appointment_id TEXT,
    appointment_sequence BIGINT,
    reminder_id TEXT,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    calendar TEXT,
    calendar_method TEXT,
    due_at BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL,
    claimed_until BIGINT,
    last_error TEXT,
    sent_at BIGINT,
    skipped_at BIGINT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX outbox_waiting ON outbox (sent_at, skipped_at, next_attempt_at);
CREATE INDEX outbox_appointment ON outbox (appointment_id);
