//! The mails of a booking (confirmation, move, cancellation, reminders), written to the outbox
//! in the transaction of the change they are about; `crate::mail` sends them.

use werkscan_booking::{Availability, Purpose};
use werkscan_core::when::when_in_words;
use werkscan_core::Lang;

use crate::booking::appointment::Appointment;
use crate::booking::calendar::*;
use crate::db::Tx;
use crate::error::{ApiError, ApiResult};
use crate::mail::{enqueue, Kind as MailKind, Outgoing};
use crate::util::now;

/// The messages for an appointment that was just booked, moved or cancelled: the confirmation
/// (or change, or cancellation) with its calendar file at once, and for a booked one a reminder
/// a day before. Only with an e-mail address. Reads nothing but the transaction (a second
/// connection while holding one could exhaust the pool under load).
pub(super) async fn queue_messages(
    tx: &mut Tx,
    availability: Option<&Availability>,
    appointment: &Appointment,
    kind: MailKind,
    by: ChangedBy<'_>,
) -> ApiResult<()> {
    let Some(email) = appointment.email.clone() else { return Ok(()) };
    let (date, time) = local_times(availability, appointment);
    let lang = appointment.lang;
    let when = when_in_words(lang, date, time);
    let how = appointment.kind.words(lang);
    let with = &appointment.expert_name;
    let place = place_of(availability, appointment).map(|place| format!("\n{place}\n")).unwrap_or_default();
    let (subject, body) = match (kind, lang, by) {
        // Every subject names the expert and the time at most: never health, a scan or a
        // conversation's subject, since a subject shows in lists and notifications. The texts
        // say "je", as the app does.
        //
        // The expert changed it: the person did not ask for this, so the subject and the mail
        // say who did and why (when they said), calmly.
        (MailKind::Moved, Lang::Nl, ChangedBy::Expert { reason }) => (
            format!("{with} heeft je afspraak verplaatst"),
            format!(
                "Beste {},\n\n{with}, de arbeidsdeskundige, heeft je {how} verplaatst. De nieuwe tijd is {when}.\n{place}\n{}De bijlage zet de nieuwe tijd in je agenda. Past deze tijd je niet? Kies dan een ander moment met de link die je bij het plannen kreeg.\n",
                appointment.name,
                reason.map(|reason| format!("De reden: {reason}\n\n")).unwrap_or_default()
            ),
        ),
        (MailKind::Moved, Lang::En, ChangedBy::Expert { reason }) => (
            format!("{with} moved your appointment"),
            format!(
                "Dear {},\n\n{with}, the labour expert, moved your {how}. The new time is {when}.\n{place}\n{}The attachment puts the new time in your calendar. Does this time not suit you? Choose another with the link you got when you booked.\n",
                appointment.name,
                reason.map(|reason| format!("The reason: {reason}\n\n")).unwrap_or_default()
            ),
        ),
        (MailKind::Cancellation, Lang::Nl, ChangedBy::Expert { reason }) => (
            format!("{with} heeft je afspraak afgezegd"),
            format!(
                "Beste {},\n\n{with}, de arbeidsdeskundige, heeft je {how} op {when} afgezegd.\n\n{}De bijlage haalt de afspraak uit je agenda.\n\nWil je toch een gesprek? Je kunt altijd een nieuw moment kiezen bij je uitkomst.\n",
                appointment.name,
                reason.map(|reason| format!("De reden: {reason}\n\n")).unwrap_or_default()
            ),
        ),
        (MailKind::Cancellation, Lang::En, ChangedBy::Expert { reason }) => (
            format!("{with} cancelled your appointment"),
            format!(
                "Dear {},\n\n{with}, the labour expert, cancelled your {how} on {when}.\n\n{}The attachment removes it from your calendar.\n\nWould you like a conversation after all? You can choose a new time with your result.\n",
                appointment.name,
                reason.map(|reason| format!("The reason: {reason}\n\n")).unwrap_or_default()
            ),
        ),
        (MailKind::Confirmation, Lang::Nl, _) => (
            format!("{} op {when}", appointment_with(lang, with)),
            format!("Beste {},\n\nJe hebt een {how} gepland met {with}, op {when}.\n{place}\nIn de bijlage staat de afspraak voor je agenda. Verzetten of afzeggen kan met de link die je bij het plannen kreeg.\n\nDit gesprek is vertrouwelijk. Je werkgever weet niet dat je het hebt gepland.\n", appointment.name),
        ),
        (MailKind::Confirmation, Lang::En, _) => (
            format!("{} on {when}", appointment_with(lang, with)),
            format!("Dear {},\n\nYou booked a {how} with {with}, on {when}.\n{place}\nThe attachment adds it to your calendar. You can move or cancel it with the link you got when you booked.\n\nThis conversation is confidential. Your employer does not know that you booked it.\n", appointment.name),
        ),
        (MailKind::Moved, Lang::Nl, _) => (
            format!("Je afspraak met {with} is verzet naar {when}"),
            format!("Beste {},\n\nJe hebt je {how} met {with} verzet naar {when}.\n{place}\nDe bijlage werkt de afspraak in je agenda bij.\n", appointment.name),
        ),
        (MailKind::Moved, Lang::En, _) => (
            format!("Your appointment with {with} was moved to {when}"),
            format!("Dear {},\n\nYou moved your {how} with {with} to {when}.\n{place}\nThe attachment updates your calendar.\n", appointment.name),
        ),
        (MailKind::Cancellation, Lang::Nl, _) => (
            format!("Afgezegd: je afspraak met {with} op {when}"),
            format!("Beste {},\n\nJe hebt je {how} met {with} op {when} afgezegd. De bijlage haalt de afspraak uit je agenda.\n\nWil je toch een gesprek? Je kunt altijd een nieuw moment kiezen bij je uitkomst.\n", appointment.name),
        ),
        (MailKind::Cancellation, Lang::En, _) => (
            format!("Cancelled: your appointment with {with} on {when}"),
            format!("Dear {},\n\nYou cancelled your {how} with {with} on {when}. The attachment removes it from your calendar.\n\nWould you like a conversation after all? You can choose a new time with your result.\n", appointment.name),
        ),
        _ => return Err(ApiError::internal("no message of this kind for an appointment")),
    };
    let (purpose, method) =
        if kind == MailKind::Cancellation { (Purpose::Cancel, "CANCEL") } else { (Purpose::Request, "REQUEST") };
    let calendar = ics_for(availability, appointment, purpose);
    let now = now();
    enqueue(
        tx,
        &Outgoing {
            kind,
            appointment: Some((appointment.id.clone(), appointment.sequence)),
            reminder_id: None,
            recipient: email.clone(),
            subject,
            body,
            calendar: Some((calendar, method)),
            due_at: now,
            expires_at: appointment.expires_at,
        },
    )
    .await?;
    if kind != MailKind::Cancellation {
        let due_at = appointment.starts_at - 24 * 60 * 60;
        if due_at > now {
            let (subject, body) = match lang {
                Lang::Nl => (
                    format!("Morgen: je afspraak met {with}, {when}"),
                    format!("Beste {},\n\nMorgen heb je je {how} met {with}: {when}.\n{place}\nKun je toch niet? Zeg het gesprek dan af met de link die je bij het plannen kreeg.\n", appointment.name),
                ),
                Lang::En => (
                    format!("Tomorrow: your appointment with {with}, {when}"),
                    format!("Dear {},\n\nTomorrow is your {how} with {with}: {when}.\n{place}\nCan you not make it? Please cancel with the link you got when you booked.\n", appointment.name),
                ),
            };
            enqueue(
                tx,
                &Outgoing {
                    kind: MailKind::Reminder,
                    appointment: Some((appointment.id.clone(), appointment.sequence)),
                    reminder_id: None,
                    recipient: email,
                    subject,
                    body,
                    calendar: None,
                    due_at,
                    expires_at: appointment.expires_at,
                },
            )
            .await?;
        }
    }
    Ok(())
}

/// Who changed an appointment, for the words of the message about it.
#[derive(Clone, Copy, Debug)]
pub(super) enum ChangedBy<'a> {
    /// The person themselves (or nobody: a new booking).
    Person,
    /// The expert, with the reason they gave, if any.
    Expert {
        /// Told to the person as given.
        reason: Option<&'a str>,
    },
}

impl ChangedBy<'_> {
    /// As stored in `cancelled_by` and `moved_by`.
    pub(super) fn as_str(self) -> &'static str {
        match self {
            ChangedBy::Person => "person",
            ChangedBy::Expert { .. } => "expert",
        }
    }

    pub(super) fn reason(self) -> Option<String> {
        match self {
            ChangedBy::Person => None,
            ChangedBy::Expert { reason } => reason.map(str::to_owned),
        }
    }
}
