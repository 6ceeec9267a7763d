//! The rows the outbox's sender reads, one struct per query shape. The SQL stays with the
//! sender; a field here is named as the column it reads.

/// What the sender checks of a due message before sending it.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct DueRow {
    /// The message's kind (`Kind::as_str`).
    pub kind: String,
    /// The appointment it is about, if any.
    pub appointment_id: Option<String>,
    /// The appointment's sequence it was written for.
    pub appointment_sequence: Option<i64>,
    /// The reminder to book it is, if it is one.
    pub reminder_id: Option<String>,
}

/// A message as it is sent.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct MessageRow {
    /// The address.
    pub recipient: String,
    /// The subject.
    pub subject: String,
    /// The text.
    pub body: String,
    /// The calendar file, if any.
    pub calendar: Option<String>,
    /// Its METHOD; none for messages from before it was stored (`REQUEST`).
    pub calendar_method: Option<String>,
}

/// An appointment's state now, to tell whether a message about it still applies.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct AppointmentStateRow {
    /// `booked`, `cancelled`, …
    pub status: String,
    /// Its calendar SEQUENCE.
    pub sequence: i64,
}
