//! The console's words for the server's keys (statuses, signals, roles, reasons, refusals) and
//! times as staff read them. Plain functions of the language, so that every key is tested to
//! have words in both languages.

use chrono::{DateTime, Local, NaiveDate, Timelike};
use werkscan_api::accounts::Role;
use werkscan_api::audit::{AuditAction, AuditEntry};
use werkscan_api::author::VersionSource;
use werkscan_api::booking::{AppointmentStatus, FollowUpReason};
use werkscan_api::campaigns::DailyResponse;
use werkscan_api::expert::{
    Cause, LinkedAppointment, Outcome, Owner, Referral, StatusChange, StrongestSignal, SubmissionStatus,
};
use werkscan_api::figures::{Appointments, NormMissing};
use werkscan_core::model::Signal;
use werkscan_core::when::date_in_words;
use werkscan_core::Lang;
use werkscan_kit::refusals;

use crate::api::ApiError;

fn pick(lang: Lang, nl: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// A status in words.
pub fn status(lang: Lang, status: SubmissionStatus) -> &'static str {
    match status {
        SubmissionStatus::Nieuw => pick(lang, "Nieuw", "New"),
        SubmissionStatus::ContactGezocht => pick(lang, "Contact gezocht", "Contact sought"),
        SubmissionStatus::GesprekGepland => pick(lang, "Gesprek gepland", "Conversation planned"),
        SubmissionStatus::GesprekGevoerd => pick(lang, "Gesprek gevoerd", "Conversation held"),
        SubmissionStatus::Doorverwezen => pick(lang, "Doorverwezen", "Referred"),
        SubmissionStatus::GeenContactGewenst => pick(lang, "Geen contact gewenst", "No contact wanted"),
        SubmissionStatus::Afgerond => pick(lang, "Afgerond", "Closed"),
    }
}

/// To whom a person was referred, in words.
pub fn referral(lang: Lang, referral: Referral) -> &'static str {
    match referral {
        Referral::Bedrijfsarts => pick(lang, "Bedrijfsarts", "Company doctor (bedrijfsarts)"),
        Referral::Huisarts => pick(lang, "Huisarts", "GP (huisarts)"),
        Referral::Vertrouwenspersoon => pick(lang, "Vertrouwenspersoon", "Confidential adviser (vertrouwenspersoon)"),
    }
}

/// How the work with a person ended, in words.
pub fn outcome(lang: Lang, outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::AfsprakenGemaakt => pick(lang, "Afspraken gemaakt", "Agreements made"),
        Outcome::GeenActieNodig => pick(lang, "Geen actie nodig", "No action needed"),
        Outcome::Doorverwezen => pick(lang, "Doorverwezen", "Referred"),
        Outcome::Anders => pick(lang, "Anders", "Other"),
    }
}

/// A status change in words, with to whom the person was referred or how it ended:
/// "Doorverwezen: Huisarts", "Afgerond: Geen actie nodig".
pub fn status_change(lang: Lang, change: &StatusChange) -> String {
    let status = status(lang, change.status);
    let said = match (change.referred_to, change.outcome) {
        (Some(to), _) => format!("{status}: {}", referral(lang, to)),
        (None, Some(outcome)) => format!("{status}: {}", self::outcome(lang, outcome)),
        (None, None) => status.to_owned(),
    };
    match change.cause {
        Some(Cause::Booked) => {
            format!("{said} {}", pick(lang, "(de persoon plande een gesprek)", "(the person booked a conversation)"))
        }
        Some(Cause::Held) => {
            format!("{said} {}", pick(lang, "(gesprek vastgelegd als gehouden)", "(conversation recorded as held)"))
        }
        None => said,
    }
}

/// The history of a booked conversation in short lines, oldest first: booked, moved (by whom,
/// why), cancelled (by whom, why), held or not come. Times in words are the caller's.
pub fn appointment_history(lang: Lang, appointment: &LinkedAppointment) -> Vec<String> {
    let who = |by: &str| {
        if by == "expert" {
            pick(lang, "door de arbeidsdeskundige", "by the labour expert")
        } else {
            pick(lang, "door de persoon", "by the person")
        }
    };
    let with_reason = |text: String, reason: &Option<String>| match reason {
        Some(reason) => format!("{text}: {reason}"),
        None => text,
    };
    let mut lines = vec![format!("{} {}", pick(lang, "Gepland op", "Booked on"), moment(lang, &appointment.booked_at))];
    if let Some(by) = &appointment.moved_by {
        lines.push(with_reason(format!("{} {}", pick(lang, "Verplaatst", "Moved"), who(by)), &appointment.move_reason));
    }
    if let Some(at) = &appointment.cancelled_at {
        let by = appointment.cancelled_by.as_deref().map(who).unwrap_or_default();
        lines.push(with_reason(
            format!("{} {} {by}", pick(lang, "Afgezegd op", "Cancelled on"), moment(lang, at)),
            &appointment.cancel_reason,
        ));
    }
    if let Some(at) = &appointment.outcome_at {
        let what = if appointment.status == AppointmentStatus::NoShow {
            pick(lang, "Niet gekomen", "Did not come")
        } else {
            pick(lang, "Gehouden", "Held")
        };
        lines.push(format!("{what} ({} {})", pick(lang, "vastgelegd op", "recorded on"), moment(lang, at)));
    }
    lines
}

/// A signal in words: a result's strongest, or a band's ([`StrongestSignal::from`]).
pub fn signal(lang: Lang, signal: StrongestSignal) -> &'static str {
    match signal {
        StrongestSignal::Attention => pick(lang, "Vraagt aandacht", "Needs attention"),
        StrongestSignal::Watch => pick(lang, "Let op", "Worth watching"),
        StrongestSignal::Good => pick(lang, "Goed", "Good"),
        StrongestSignal::None => pick(lang, "Geen uitkomst gedeeld", "No result shared"),
    }
}

/// Who carries out an action point, in words.
pub fn owner(lang: Lang, owner: Owner) -> &'static str {
    match owner {
        Owner::Employee => pick(lang, "Werknemer", "Employee"),
        Owner::Employer => pick(lang, "Werkgever", "Employer"),
        Owner::Expert => pick(lang, "Arbeidsdeskundige", "Labour expert"),
    }
}

/// A role in words.
pub fn role(lang: Lang, role: Role) -> &'static str {
    match role {
        Role::Admin => pick(lang, "Beheerder", "Administrator"),
        Role::Employer => pick(lang, "Werkgever", "Employer"),
        Role::Expert => pick(lang, "Arbeidsdeskundige", "Labour expert"),
        Role::PracticeAdmin => pick(lang, "Praktijkbeheerder", "Practice administrator"),
        Role::DefinitionAuthor => pick(lang, "Auteur vragenlijsten", "Questionnaire author"),
    }
}

/// Where a questionnaire version came from, in words.
pub fn version_source(lang: Lang, source: VersionSource) -> &'static str {
    match source {
        VersionSource::File => pick(lang, "Bestanden", "Files"),
        VersionSource::Published => pick(lang, "Gepubliceerd door een auteur", "Published by an author"),
    }
}

/// A questionnaire version's licence in the reader's language, or that it names none.
pub fn licence(lang: Lang, licence: &werkscan_core::Text) -> String {
    match licence.get(lang).trim() {
        "" => pick(lang, "Geen opgegeven", "None given").to_owned(),
        text => text.to_owned(),
    }
}

/// An appointment's status in words.
pub fn appointment_status(lang: Lang, status: AppointmentStatus) -> &'static str {
    match status {
        AppointmentStatus::Booked => pick(lang, "Gepland", "Booked"),
        AppointmentStatus::Held => pick(lang, "Gevoerd", "Held"),
        AppointmentStatus::NoShow => pick(lang, "Niet verschenen", "Did not come"),
        AppointmentStatus::Cancelled => pick(lang, "Afgezegd", "Cancelled"),
    }
}

/// Why someone is on the follow-up list, in words.
pub fn follow_up_reason(lang: Lang, reason: FollowUpReason) -> &'static str {
    match reason {
        FollowUpReason::AskedContact => {
            pick(lang, "Vroeg om contact, nog geen afspraak", "Asked for contact, no appointment yet")
        }
        FollowUpReason::Cancelled => pick(lang, "Zegde af en plande niet opnieuw", "Cancelled and did not book again"),
        FollowUpReason::NoShow => pick(lang, "Niet verschenen", "Did not come"),
    }
}

/// An audit action in words, by the name the trail recorded; a name this console does not know
/// (from an older server) reads as "another action".
pub fn audit_action(lang: Lang, key: &str) -> &'static str {
    AuditAction::parse(key)
        .map_or_else(|| pick(lang, "Andere handeling", "Other action"), |action| action_words(lang, action))
}

/// An audit action in words.
pub fn action_words(lang: Lang, action: AuditAction) -> &'static str {
    match action {
        AuditAction::ReadSubmission => pick(lang, "Uitkomst geopend", "Opened a result"),
        AuditAction::ListSubmissions => pick(lang, "Lijst met uitkomsten bekeken", "Viewed the list of results"),
        AuditAction::Export => pick(lang, "Export gemaakt", "Made an export"),
        AuditAction::AddNote => pick(lang, "Notitie geschreven", "Wrote a note"),
        AuditAction::AddAction => pick(lang, "Actiepunt toegevoegd", "Added an action point"),
        AuditAction::CompleteAction => pick(lang, "Actiepunt afgerond", "Completed an action point"),
        AuditAction::SetStatus => pick(lang, "Status gewijzigd", "Changed a status"),
        AuditAction::ListAppointments => pick(lang, "Afspraken bekeken", "Viewed appointments"),
        AuditAction::ListFollowUp => pick(lang, "Opvolglijst bekeken", "Viewed the follow-up list"),
        AuditAction::CreateOrganisation => pick(lang, "Organisatie aangemaakt", "Created an organisation"),
        AuditAction::LinkExpert => pick(lang, "Arbeidsdeskundige gekoppeld", "Linked a labour expert"),
        AuditAction::CreateUser => pick(lang, "Account aangemaakt", "Created an account"),
        AuditAction::DeactivateUser => pick(lang, "Account geblokkeerd", "Deactivated an account"),
        AuditAction::ActivateUser => pick(lang, "Account weer actief", "Activated an account"),
        AuditAction::ResetPassword => {
            pick(lang, "Link voor nieuw wachtwoord gestuurd", "Sent a link for a new password")
        }
        AuditAction::UsePasswordLink => pick(lang, "Wachtwoord gekozen met een link", "Chose a password with a link"),
        AuditAction::ResetSecondFactor => pick(lang, "Tweede stap opnieuw ingesteld", "Reset a second factor"),
        AuditAction::CloseCampaign => pick(lang, "Campagne gesloten", "Closed a campaign"),
        AuditAction::ExtendCampaign => pick(lang, "Campagne verlengd", "Extended a campaign"),
        AuditAction::PublishRelease => pick(lang, "Groepscijfers vrijgegeven", "Published group figures"),
        AuditAction::AddPlanAction => {
            pick(lang, "Actie aan het actieplan toegevoegd", "Added an action to the action plan")
        }
        AuditAction::ChangePlanAction => {
            pick(lang, "Actie in het actieplan gewijzigd", "Changed an action of the action plan")
        }
        AuditAction::RemovePlanAction => {
            pick(lang, "Actie uit het actieplan verwijderd", "Removed an action from the action plan")
        }
        AuditAction::CreatePractice => pick(lang, "Praktijk aangemaakt", "Created the practice"),
        AuditAction::UpdatePractice => {
            pick(lang, "Gegevens van de praktijk gewijzigd", "Changed the practice's details")
        }
        AuditAction::LinkPracticeOrganisation => {
            pick(lang, "Organisatie gekoppeld aan de praktijk", "Linked an organisation to the practice")
        }
        AuditAction::SetPracticeMember => pick(lang, "Account bij de praktijk gezet", "Put an account in the practice"),
        AuditAction::RenewCalendarFeed => pick(lang, "Nieuw agenda-adres gemaakt", "Made a new calendar address"),
        AuditAction::StopCalendarFeed => pick(lang, "Agenda-adres gestopt", "Stopped the calendar address"),
        AuditAction::PersonDownload => {
            pick(lang, "De persoon haalde de eigen gegevens op", "The person downloaded their own data")
        }
        AuditAction::RosterSubmitted => {
            pick(lang, "Lijst met e-mailadressen gegeven", "Gave the list of e-mail addresses")
        }
        AuditAction::RosterApproved => {
            pick(lang, "Lijst goedgekeurd en uitnodigingen verstuurd", "Approved the list and sent the invitations")
        }
        AuditAction::RosterRejected => {
            pick(lang, "Lijst met e-mailadressen afgekeurd", "Refused the list of e-mail addresses")
        }
        AuditAction::LettersMade => pick(lang, "Uitnodigingsbrieven gemaakt", "Made invitation letters"),
        AuditAction::InvitationsReminded => {
            pick(lang, "Herinnering gestuurd aan iedereen die is uitgenodigd", "Sent a reminder to everyone invited")
        }
        AuditAction::DefinitionPublished => {
            pick(lang, "Nieuwe versie van een vragenlijst gepubliceerd", "Published a new questionnaire version")
        }
    }
}

/// What an audited action concerned, in words: the staff account (name and e-mail address),
/// organisation, practice, campaign and shared result it names; for an action on the actor's
/// own things (their list of results, their agenda address), what that was. Never "–" for an
/// action of [`AuditAction`] (a native test goes through every one).
pub fn audit_target(lang: Lang, entry: &AuditEntry) -> String {
    let mut parts = Vec::new();
    if let Some(account) = &entry.account {
        parts.push(format!("{} {} ({})", pick(lang, "Account", "Account"), account.name, account.email));
    }
    if let Some(practice) = &entry.practice {
        parts.push(format!("{} {practice}", pick(lang, "Praktijk", "Practice")));
    }
    if let Some(organisation) = &entry.organisation {
        parts.push(format!("{} {organisation}", pick(lang, "Organisatie", "Organisation")));
    }
    if let Some(questionnaire) = &entry.questionnaire {
        parts.push(format!("{} {questionnaire}", pick(lang, "Vragenlijst", "Questionnaire")));
    }
    if let Some(submission) = &entry.submission_id {
        parts.push(format!("{} {}", pick(lang, "Uitkomst", "Result"), submission.get(..8).unwrap_or(submission)));
    }
    match (&entry.campaign_name, &entry.campaign_id) {
        (Some(name), _) => parts.push(format!("{} {name}", pick(lang, "Campagne", "Campaign"))),
        (None, Some(id)) => parts.push(format!("{} {}", pick(lang, "Campagne", "Campaign"), id.get(..8).unwrap_or(id))),
        (None, None) => {}
    }
    if !parts.is_empty() {
        return parts.join(" · ");
    }
    // Nothing recorded by name: the action concerned the actor's own things, or a thing that is
    // gone (a withdrawn result keeps its row but not its campaign, an account its id only).
    match entry.action.as_str() {
        "list_submissions" => pick(lang, "Eigen lijst met gedeelde uitkomsten", "Own list of shared results"),
        "list_appointments" => pick(lang, "Eigen afspraken", "Own appointments"),
        "list_follow_up" => pick(lang, "Eigen opvolglijst", "Own follow-up list"),
        "export" => pick(lang, "Alle eigen campagnes", "All own campaigns"),
        "renew_calendar_feed" | "stop_calendar_feed" => pick(lang, "Eigen agenda-adres", "Own calendar address"),
        _ => pick(lang, "Niet meer te vinden", "No longer to be found"),
    }
    .to_owned()
}

/// What went wrong, in words for the screen: the refusals a person can do something about
/// have their own sentence, the rest a general one with the code (for the helpdesk).
pub fn error(lang: Lang, error: &ApiError) -> String {
    let Some(code) = error.code() else { return refusals::offline(lang).to_owned() };
    if let Some(words) = refusals::account_refusal(lang, code) {
        return words.to_owned();
    }
    let known = match code {
        "forbidden" => pick(lang, "Dit mag je account niet.", "Your account may not do this."),
        "not_agreed_with_person" => pick(
            lang,
            "Een actie voor de werkgever leg je pas vast als je die met de persoon hebt afgesproken. Vink dat aan als het zo is.",
            "You record an action for the employer only once you agreed it with the person. Tick the box if so.",
        ),
        "invalid_referral" => pick(lang, "Kies naar wie je de persoon hebt doorverwezen.", "Choose to whom you referred the person."),
        "invalid_outcome" => pick(lang, "Kies hoe het is afgerond.", "Choose how it ended."),
        "submission_not_found" => pick(
            lang,
            "Deze uitkomst is er niet (meer). Misschien heeft de persoon het delen ingetrokken.",
            "This result is not (or no longer) there. The person may have withdrawn it.",
        ),
        "invalid_text" => pick(lang, "Vul tekst in (niet te lang, zonder speciale tekens).", "Enter text (not too long, without special characters)."),
        "invalid_name" => pick(lang, "Vul een naam in van hooguit 200 tekens.", "Enter a name of at most 200 characters."),
        "name_taken" => pick(lang, "Die naam bestaat al.", "That name exists already."),
        "email_taken" => pick(lang, "Er is al een account met dit e-mailadres.", "There is an account with this e-mail address already."),
        "invalid_account" => pick(lang, "Controleer het e-mailadres, de naam en de organisatie.", "Check the e-mail address, the name and the organisation."),
        "own_account" => pick(lang, "Dit kan niet met je eigen account.", "This cannot be done with your own account."),
        "not_an_expert" => pick(lang, "Dit account is geen arbeidsdeskundige.", "This account is not a labour expert."),
        "appointment_not_changeable" => pick(
            lang,
            "Deze afspraak kan niet (meer) worden gewijzigd.",
            "This appointment cannot be changed (any more).",
        ),
        "invalid_kinds" => pick(
            lang,
            "Bied minstens één soort gesprek aan; een videogesprek heeft een link (https://…) en een gesprek op locatie een adres.",
            "Offer at least one kind of conversation; a video call needs a link (https://…) and a meeting in person an address.",
        ),
        "end_not_after_start" => pick(lang, "Een eindtijd moet na de begintijd liggen.", "An end time must come after the start time."),
        "shorter_than_slot" => pick(lang, "Een blok tijd is korter dan één gesprek.", "A block of time is shorter than one conversation."),
        "overlap" => pick(lang, "Twee blokken tijd op dezelfde dag overlappen.", "Two blocks of time on the same day overlap."),
        "duplicate_override" => pick(lang, "Een datum staat twee keer in de uitzonderingen.", "A date is listed twice in the exceptions."),
        "slot_length" => pick(lang, "Een gesprek duurt 10 tot 240 minuten.", "A conversation lasts 10 to 240 minutes."),
        "buffer" => pick(lang, "De pauze is 0 tot 120 minuten.", "The pause is 0 to 120 minutes."),
        "notice" => pick(lang, "De voorbereidingstijd is 0 tot 720 uur.", "The notice is 0 to 720 hours."),
        "window" => pick(lang, "Vooruit plannen kan 1 tot 365 dagen.", "Booking ahead is 1 to 365 days."),
        "too_many_rules" | "too_many_overrides" | "too_many_hours" => {
            pick(lang, "Dit zijn te veel tijdblokken of uitzonderingen.", "These are too many blocks of time or exceptions.")
        }
        "unknown_time_zone" => pick(lang, "Deze tijdzone is onbekend.", "This time zone is unknown."),
        "roster_approved" => pick(
            lang,
            "De praktijk heeft de lijst al goedgekeurd en de uitnodigingen verstuurd. De lijst kan niet meer worden vervangen.",
            "The practice has approved the list and sent the invitations already. The list can no longer be replaced.",
        ),
        "roster_not_submitted" => pick(lang, "Er is geen lijst die op controle wacht.", "There is no list waiting to be checked."),
        "roster_not_approved" => pick(lang, "Dit kan pas als de lijst is goedgekeurd.", "This is only possible once the list is approved."),
        "campaign_closed" => pick(lang, "De campagne is afgelopen.", "The campaign has ended."),
        "campaign_not_personal" => pick(lang, "Deze campagne heeft een open link, geen persoonlijke uitnodigingen.", "This campaign has an open link, not personal invitations."),
        "reminded_today" => pick(
            lang,
            "Vandaag is er al een herinnering gestuurd. Dat kan één keer per dag.",
            "A reminder was sent today already. That is possible once a day.",
        ),
        "invalid_reason" => pick(lang, "Schrijf een reden van 1 tot 500 tekens.", "Write a reason of 1 to 500 characters."),
        "invalid_count" => pick(lang, "Maak 1 tot 500 brieven tegelijk.", "Make 1 to 500 letters at a time."),
        "invalid_action" => pick(lang, "Een veld van de actie klopt niet. Kijk de velden na.", "A field of the action is not right. Check the fields."),
        "too_many_actions" => pick(
            lang,
            "Een actieplan heeft hooguit 50 acties. Verwijder eerst een actie die niet meer nodig is.",
            "An action plan has at most 50 actions. First remove an action that is no longer needed.",
        ),
        "already_carried" => pick(
            lang,
            "Deze actie van de vorige campagne staat al in dit actieplan.",
            "This action of the previous campaign is already in this action plan.",
        ),
        "action_not_found" => pick(
            lang,
            "Deze actie bestaat niet meer. Misschien is hij net verwijderd. Laad de pagina opnieuw.",
            "This action no longer exists. Perhaps it was just removed. Reload the page.",
        ),
        _ => "",
    };
    if !known.is_empty() {
        return known.to_owned();
    }
    refusals::general(lang, code)
}

/// A moment from the server (RFC 3339) in this browser's time: `1 december 2026, 14.30` or
/// `1 December 2026, 14:30`; the text as given if it does not read as a moment.
pub fn moment(lang: Lang, rfc3339: &str) -> String {
    let Ok(at) = DateTime::parse_from_rfc3339(rfc3339) else { return rfc3339.to_owned() };
    let local = at.with_timezone(&Local);
    let date = date_in_words(lang, local.date_naive());
    match lang {
        Lang::Nl => format!("{date}, {}.{:02}", local.hour(), local.minute()),
        Lang::En => format!("{date}, {:02}:{:02}", local.hour(), local.minute()),
    }
}

/// The day of a moment from the server (RFC 3339) in this browser's time, without the time:
/// `6 december 2028`, for a moment whose hour means nothing to the reader: a result's deletion
/// falls at midnight of its campaign's last day of keeping, which reads as a stray "1.00" in
/// Dutch winter time. The text as given if it does not read as a moment.
pub fn moment_day(lang: Lang, rfc3339: &str) -> String {
    moment_date(rfc3339).map_or_else(|| rfc3339.to_owned(), |date| date_in_words(lang, date))
}

/// The date of a moment from the server (RFC 3339), in this browser's time.
pub fn moment_date(rfc3339: &str) -> Option<NaiveDate> {
    DateTime::parse_from_rfc3339(rfc3339).ok().map(|at| at.with_timezone(&Local).date_naive())
}

/// The response of a running campaign as the employer sees it: the day's number, rounded down
/// to a multiple of k, or "fewer than k".
pub fn response(lang: Lang, response: &DailyResponse) -> String {
    let k = response.min_group_size;
    match (response.at_least, lang) {
        (None, Lang::Nl) => format!("Nog minder dan {k} reacties (bijgewerkt om 6.00 uur)"),
        (None, Lang::En) => format!("Fewer than {k} responses so far (updated at 6:00)"),
        (Some(count), Lang::Nl) => format!("{count} reacties of meer (bijgewerkt om 6.00 uur)"),
        (Some(count), Lang::En) => format!("{count} responses or more (updated at 6:00)"),
    }
}

/// The response in a campaign list's cell: "minder dan 10", "20 of meer".
pub fn response_short(lang: Lang, response: &DailyResponse) -> String {
    match (response.at_least, lang) {
        (None, Lang::Nl) => format!("minder dan {}", response.min_group_size),
        (None, Lang::En) => format!("fewer than {}", response.min_group_size),
        (Some(count), Lang::Nl) => format!("{count} of meer"),
        (Some(count), Lang::En) => format!("{count} or more"),
    }
}

/// Conversations in a release: a number only from k, else "fewer than k" (held conversations
/// too close to the booked number are "not shown").
pub fn appointments(lang: Lang, appointments: &Appointments, k: i64) -> String {
    let fewer = match lang {
        Lang::Nl => format!("minder dan {k}"),
        Lang::En => format!("fewer than {k}"),
    };
    let booked = appointments.booked.map(|count| count.to_string()).unwrap_or_else(|| fewer.clone());
    let held = match (appointments.held, appointments.booked, lang) {
        (Some(count), _, _) => count.to_string(),
        (None, None, _) => fewer,
        (None, Some(_), Lang::Nl) => "niet getoond".to_owned(),
        (None, Some(_), Lang::En) => "not shown".to_owned(),
    };
    match lang {
        Lang::Nl => format!("gepland: {booked}, gevoerd: {held}"),
        Lang::En => format!("booked: {booked}, held: {held}"),
    }
}

/// A date in words (`1 december 2026`).
pub fn day(lang: Lang, date: NaiveDate) -> String {
    date_in_words(lang, date)
}

/// A date from the server (`2026-12-01`) in words; the text as given if it is not a date.
pub fn iso_day(lang: Lang, iso: &str) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d").map(|date| day(lang, date)).unwrap_or_else(|_| iso.to_owned())
}

/// What a band of a group's mean means for the organisation (not for the person: the
/// employee's report has its own words), by its signal.
pub fn band_for_employer(lang: Lang, signal: Signal) -> &'static str {
    match signal {
        Signal::Attention => pick(
            lang,
            "Hier is het meest te winnen. Bespreek het met de groep en kies samen een actie.",
            "Here is the most to gain. Discuss it with the group and choose an action together.",
        ),
        Signal::Watch => pick(
            lang,
            "Niet slecht, niet goed. Houd het in de gaten en vraag wat beter kan.",
            "Not bad, not good. Keep an eye on it and ask what could be better.",
        ),
        Signal::Good => pick(lang, "Dit gaat goed. Houd vast wat werkt.", "This goes well. Keep what works."),
    }
}

/// Why there is no comparison with other organisations (the server's `norm_missing`).
pub fn norm_missing(lang: Lang, missing: Option<NormMissing>) -> &'static str {
    match missing {
        Some(NormMissing::TooFewOrganisations | NormMissing::TooFewRespondents) => pick(
            lang,
            "Er is nog geen vergelijking met andere organisaties. Daarvoor moeten minstens 5 andere organisaties met samen 100 deelnemers dezelfde versie van de vragenlijst hebben gebruikt.",
            "There is no comparison with other organisations yet. That needs at least 5 other organisations with 100 respondents together that used the same version of the questionnaire.",
        ),
        Some(NormMissing::OneOrganisationTooLarge) => pick(
            lang,
            "Er is nog geen vergelijking met andere organisaties. Eén organisatie zou er een te groot deel van bepalen, en dan zegt de vergelijking vooral iets over die ene organisatie.",
            "There is no comparison with other organisations yet. One organisation would make up too large a part of it, and then it would mostly say something about that one organisation.",
        ),
        None => pick(lang, "Er is geen vergelijking met andere organisaties.", "There is no comparison with other organisations."),
    }
}

/// What is wrong with a field of an action of the action plan (`score`, `action`, `owner`,
/// `due_on`), for the words beside it.
pub fn action_problem(lang: Lang, field: &str) -> &'static str {
    match field {
        "score" => pick(lang, "Kies een thema uit deze groepscijfers.", "Choose a theme of these group figures."),
        "action" => pick(
            lang,
            "Beschrijf de actie in 1 tot 500 tekens, zonder tabs of regeleinden.",
            "Describe the action in 1 to 500 characters, without tabs or line breaks.",
        ),
        "owner" => pick(
            lang,
            "Vul in wie de actie oppakt, in 1 tot 100 tekens, zonder tabs of regeleinden.",
            "Fill in who takes the action on, in 1 to 100 characters, without tabs or line breaks.",
        ),
        "due_on" => pick(
            lang,
            "Kies een datum waarop de actie klaar is: niet vóór de eerste dag van de campagne, en binnen vijf jaar.",
            "Choose a date by which the action is done: not before the campaign's first day, and within five years.",
        ),
        _ => pick(lang, "Dit veld klopt niet.", "This field is not right."),
    }
}
