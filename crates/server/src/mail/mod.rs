//! E-mail through an outbox: a message is a row first, written in the same transaction as what
//! it is about, and a sender delivers it over SMTP when an SMTP URL is configured. Without one
//! nothing is lost: the outbox waits, and the expert's view shows what is unsent. Failures are
//! retried with growing pauses.
//!
//! A message about an appointment names the appointment's sequence it was written for. When it
//! is due, the sender checks the appointment again: cancelled or moved since (another sequence),
//! the message is skipped, so a reminder never goes out after a cancellation. A reminder to book
//! is skipped when the person booked meanwhile. Several instances may run senders: each claims a
//! message for a while before sending it.
//!
//! Messages carry contact details; they are deleted with the campaign's data and never logged.

pub mod rows;

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::db::{Db, Tx};
use crate::mail::rows::{AppointmentStateRow, DueRow, MessageRow};
use crate::util::{new_id, now};

/// What kind of message a row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A new appointment, with its calendar invitation.
    Confirmation,
    /// An appointment at another time, with the updated invitation.
    Moved,
    /// A cancelled appointment, with the cancellation for the calendar.
    Cancellation,
    /// A day before the appointment.
    Reminder,
    /// "You asked us to remind you": sent once if the person has not booked.
    BookingReminder,
    /// A one-time link to choose a password, to a staff account's own address.
    PasswordLink,
    /// The arbeidsdeskundige's daily digest: counts and a link, nothing about anyone.
    Digest,
    /// A personal invitation to a campaign, with its single-use link.
    Invitation,
    /// A reminder with a new link, to everyone invited.
    InvitationReminder,
}

impl Kind {
    /// The name stored in the outbox.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Confirmation => "confirmation",
            Kind::Moved => "moved",
            Kind::Cancellation => "cancellation",
            Kind::Reminder => "reminder",
            Kind::BookingReminder => "booking_reminder",
            Kind::PasswordLink => "password_link",
            Kind::Digest => "digest",
            Kind::Invitation => "invitation",
            Kind::InvitationReminder => "invitation_reminder",
        }
    }
}

/// A message to write to the outbox.
#[derive(Clone, Debug)]
pub struct Outgoing {
    /// What it is.
    pub kind: Kind,
    /// The appointment it is about, and its sequence when written.
    pub appointment: Option<(String, i64)>,
    /// The booking reminder it is.
    pub reminder_id: Option<String>,
    /// The address.
    pub recipient: String,
    /// Subject line.
    pub subject: String,
    /// Plain text.
    pub body: String,
    /// A calendar file and its METHOD (`REQUEST`, `CANCEL`).
    pub calendar: Option<(String, &'static str)>,
    /// When it may be sent (Unix seconds).
    pub due_at: i64,
    /// When it is deleted with the data it is about (Unix seconds).
    pub expires_at: i64,
}

/// Writes a message to the outbox inside the caller's transaction.
pub async fn enqueue(tx: &mut Tx, message: &Outgoing) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO outbox (id, kind, appointment_id, appointment_sequence, reminder_id, recipient, subject, body, calendar, calendar_method, \
         due_at, next_attempt_at, attempts, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, 0, $12, $13)",
    )
    .bind(new_id())
    .bind(message.kind.as_str())
    .bind(message.appointment.as_ref().map(|(id, _)| id.clone()))
    .bind(message.appointment.as_ref().map(|(_, sequence)| *sequence))
    .bind(message.reminder_id.clone())
    .bind(&message.recipient)
    .bind(&message.subject)
    .bind(&message.body)
    .bind(message.calendar.as_ref().map(|(ics, _)| ics.clone()))
    .bind(message.calendar.as_ref().map(|(_, method)| (*method).to_owned()))
    .bind(message.due_at)
    .bind(now())
    .bind(message.expires_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Writes many messages without a calendar or appointment (invitations to a whole roster) to
/// the outbox inside the caller's transaction, with as few statements as fit.
pub async fn enqueue_many(tx: &mut Tx, backend: crate::db::Backend, messages: &[Outgoing]) -> Result<(), sqlx::Error> {
    use crate::db::Arg;
    let created_at = now();
    let rows = messages
        .iter()
        .map(|message| {
            debug_assert!(message.calendar.is_none() && message.appointment.is_none() && message.reminder_id.is_none());
            vec![
                Arg::Text(new_id()),
                Arg::Text(message.kind.as_str().to_owned()),
                Arg::Text(message.recipient.clone()),
                Arg::Text(message.subject.clone()),
                Arg::Text(message.body.clone()),
                Arg::Int(message.due_at),
                Arg::Int(message.due_at),
                Arg::Int(0),
                Arg::Int(created_at),
                Arg::Int(message.expires_at),
            ]
        })
        .collect();
    crate::db::insert_rows(
        tx,
        backend,
        "INSERT INTO outbox (id, kind, recipient, subject, body, due_at, next_attempt_at, attempts, created_at, expires_at) VALUES ",
        "",
        10,
        rows,
    )
    .await
}

/// How mail leaves: an SMTP server (`smtp://host:port` plain, `smtp://…?tls=required` with
/// STARTTLS, `smtps://…` with TLS; user and password in the URL) and the sender's address.
#[derive(Clone, Debug)]
pub struct Smtp {
    /// The SMTP URL.
    pub url: String,
    /// The From address, for example `Werkscan <noreply@werkscan.example>`.
    pub from: String,
}

/// What one pass of the sender did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Delivered {
    /// Messages handed to the SMTP server.
    pub sent: u64,
    /// Messages that no longer apply (cancelled, moved, booked meanwhile).
    pub skipped: u64,
    /// Messages that failed this time and will be tried again.
    pub failed: u64,
}

/// How long a sender holds a message it is sending before another may try it.
const CLAIM_SECONDS: i64 = 120;
/// The most attempts for one message; after that it stays unsent, visible to the expert.
pub const MAX_ATTEMPTS: i64 = 8;

/// Sends every message that is due now (or skips it when it no longer applies).
pub async fn send_due(db: &Db, smtp: &Smtp, at: i64) -> Result<Delivered, String> {
    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&smtp.url)
        .map_err(|error| format!("the SMTP URL is not usable: {error}"))?
        .timeout(Some(Duration::from_secs(20)))
        .build();
    let from: Mailbox = smtp.from.parse().map_err(|error| format!("the From address is not usable: {error}"))?;
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM outbox WHERE sent_at IS NULL AND skipped_at IS NULL AND next_attempt_at <= $1 AND attempts < $2 \
         AND (claimed_until IS NULL OR claimed_until < $1) ORDER BY next_attempt_at LIMIT 100",
    )
    .bind(at)
    .bind(MAX_ATTEMPTS)
    .fetch_all(&db.pool)
    .await
    .map_err(|error| error.to_string())?;
    let mut delivered = Delivered::default();
    for id in ids {
        // Claim it: only one sender (of any instance) sends a message.
        let claimed = sqlx::query(
            "UPDATE outbox SET claimed_until = $1 WHERE id = $2 AND sent_at IS NULL AND skipped_at IS NULL AND (claimed_until IS NULL OR claimed_until < $3)",
        )
        .bind(at + CLAIM_SECONDS)
        .bind(&id)
        .bind(at)
        .execute(&db.pool)
        .await
        .map_err(|error| error.to_string())?;
        if claimed.rows_affected() == 0 {
            continue;
        }
        match deliver(db, &transport, &from, &id).await {
            Ok(true) => {
                mark(db, "UPDATE outbox SET sent_at = $1, claimed_until = NULL WHERE id = $2", at, &id).await?;
                delivered.sent += 1;
            }
            Ok(false) => {
                mark(db, "UPDATE outbox SET skipped_at = $1, claimed_until = NULL WHERE id = $2", at, &id).await?;
                delivered.skipped += 1;
            }
            Err(error) => {
                // The error names the SMTP problem only; message contents are never logged.
                tracing::warn!(%error, "an e-mail could not be sent; it will be tried again");
                sqlx::query(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = $1, claimed_until = NULL, \
                     next_attempt_at = $2 + 60 * (attempts + 1) * (attempts + 1) WHERE id = $3",
                )
                .bind(error)
                .bind(at)
                .bind(&id)
                .execute(&db.pool)
                .await
                .map_err(|error| error.to_string())?;
                delivered.failed += 1;
            }
        }
    }
    Ok(delivered)
}

async fn mark(db: &Db, sql: &'static str, at: i64, id: &str) -> Result<(), String> {
    sqlx::query(sql).bind(at).bind(id).execute(&db.pool).await.map_err(|error| error.to_string())?;
    Ok(())
}

/// Sends one message if it still applies: `Ok(true)` sent, `Ok(false)` skipped.
async fn deliver(
    db: &Db,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    from: &Mailbox,
    id: &str,
) -> Result<bool, String> {
    let sql = |error: sqlx::Error| error.to_string();
    let row = sqlx::query_as::<_, DueRow>(
        "SELECT kind, appointment_id, appointment_sequence, reminder_id FROM outbox WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&db.pool)
    .await
    .map_err(sql)?;
    if !still_applies(db, &row).await.map_err(sql)? {
        return Ok(false);
    }
    let message = outbox_message(db, from, id).await?;
    transport.send(message).await.map_err(|error| error.to_string())?;
    Ok(true)
}

/// The e-mail of outbox message `id`, built by [`build_message`] exactly as the sender sends it
/// (whether it still applies is the sender's question, not this one's).
pub async fn outbox_message(db: &Db, from: &Mailbox, id: &str) -> Result<Message, String> {
    let sql = |error: sqlx::Error| error.to_string();
    let row = sqlx::query_as::<_, MessageRow>(
        "SELECT recipient, subject, body, calendar, calendar_method FROM outbox WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&db.pool)
    .await
    .map_err(sql)?;
    let to: Mailbox = row.recipient.parse().map_err(|_| "the recipient's address is not usable".to_owned())?;
    let calendar = row.calendar.map(|ics| (ics, row.calendar_method.unwrap_or_else(|| "REQUEST".into())));
    build_message(from, to, id, row.subject, row.body, calendar)
}

/// Builds the e-mail for one outbox message, as [`send_due`] sends it: `MIME-Version`, the text
/// as `text/plain; charset=utf-8` (names such as "Zoë" arrive as written, the subject encoded
/// per RFC 2047), a calendar file as a `text/calendar` attachment whose `method=` matches its
/// METHOD, and a `Message-ID` made from the outbox row's id, so a retried delivery of the same
/// message keeps its id and mail clients can tell it is one message.
pub fn build_message(
    from: &Mailbox,
    to: Mailbox,
    outbox_id: &str,
    subject: String,
    body: String,
    calendar: Option<(String, String)>,
) -> Result<Message, String> {
    let domain = from.email.domain().to_owned();
    let builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(subject)
        .message_id(Some(format!("<{outbox_id}@{domain}>")));
    match calendar {
        Some((ics, method)) => {
            // The MIME `method=` must match the file's METHOD, or Outlook refuses the invitation.
            let content_type = ContentType::parse(&format!("text/calendar; charset=utf-8; method={method}"))
                .map_err(|error| error.to_string())?;
            builder.multipart(
                MultiPart::mixed()
                    .singlepart(SinglePart::plain(body))
                    .singlepart(Attachment::new("afspraak.ics".into()).body(ics, content_type)),
            )
        }
        None => builder.singlepart(SinglePart::plain(body)),
    }
    .map_err(|error| error.to_string())
}

/// Whether a due message still applies now.
async fn still_applies(db: &Db, row: &DueRow) -> Result<bool, sqlx::Error> {
    let kind = row.kind.as_str();
    if kind == Kind::BookingReminder.as_str() {
        let reminder = row.reminder_id.as_deref();
        let booked: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM booking_reminders r JOIN appointments a ON a.campaign_id = r.campaign_id \
             WHERE r.id = $1 AND LOWER(a.email) = LOWER(r.email) AND a.status <> 'cancelled'",
        )
        .bind(reminder.unwrap_or_default())
        .fetch_one(&db.pool)
        .await?;
        return Ok(booked == 0);
    }
    let Some(appointment) = &row.appointment_id else { return Ok(true) };
    let sequence = row.appointment_sequence;
    let current = sqlx::query_as::<_, AppointmentStateRow>("SELECT status, sequence FROM appointments WHERE id = $1")
        .bind(appointment)
        .fetch_optional(&db.pool)
        .await?;
    let Some(current) = current else { return Ok(false) };
    let AppointmentStateRow { status, sequence: current_sequence } = current;
    Ok(if kind == Kind::Cancellation.as_str() {
        status == "cancelled"
    } else {
        status == "booked" && Some(current_sequence) == sequence
    })
}

/// Runs [`send_due`] now and then every `every`, forever (spawn it).
pub async fn run_sender(db: Db, smtp: Smtp, every: Duration) {
    let mut ticker = tokio::time::interval(every);
    loop {
        ticker.tick().await;
        match send_due(&db, &smtp, now()).await {
            Ok(delivered) if delivered.sent + delivered.failed > 0 => {
                tracing::info!(sent = delivered.sent, skipped = delivered.skipped, failed = delivered.failed, "outbox")
            }
            Ok(_) => {}
            Err(error) => tracing::error!(%error, "the outbox could not be sent"),
        }
    }
}
