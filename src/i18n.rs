//! The scan app's own words, in Dutch (B1, first) and English. Questionnaire text comes from the
//! definitions, the frame's words from the kit; the report's words live in the report app, so
//! this app does not carry them (it has a byte budget). The sentences of the invitation and the
//! introduction come from `werkscan_core::screen_words`, because the server draws those screens
//! into the page it sends with the same words.

use leptos::prelude::*;
use werkscan_core::screen_words::{FIRST_SCREEN_EN, FIRST_SCREEN_NL};
use werkscan_core::Lang;

/// Every sentence the scan app itself shows.
#[cfg_attr(test, derive(Debug))]
pub(crate) struct Ui {
    pub(crate) home_title: &'static str,
    pub(crate) home_lead: &'static str,
    pub(crate) what_it_is: &'static str,
    pub(crate) what_it_is_text: &'static str,
    pub(crate) what_it_is_not: &'static str,
    pub(crate) what_it_is_not_text: &'static str,
    pub(crate) privacy_title: &'static str,
    pub(crate) privacy_text: &'static str,
    pub(crate) choose_scan: &'static str,
    pub(crate) open_scan: &'static str,
    pub(crate) resume_scan: &'static str,
    pub(crate) loading: &'static str,
    pub(crate) load_failed: &'static str,
    pub(crate) try_again: &'static str,
    pub(crate) start: &'static str,
    pub(crate) intro_privacy: &'static str,
    pub(crate) older_version_note: &'static str,
    pub(crate) question_of: &'static str,
    pub(crate) next: &'static str,
    pub(crate) back: &'static str,
    pub(crate) to_report: &'static str,
    pub(crate) prefer_not_to_say: &'static str,
    pub(crate) optional_hint: &'static str,
    pub(crate) needs_answer: &'static str,
    pub(crate) saved_on_device: &'static str,
    pub(crate) your_answer: &'static str,
    pub(crate) text_answer_hint: &'static str,
    pub(crate) ticks_removed: &'static str,
    pub(crate) not_found_title: &'static str,
    pub(crate) not_found_text: &'static str,
    pub(crate) go_home: &'static str,
    pub(crate) campaign_closed: &'static str,
    pub(crate) campaign_invited: &'static str,
    pub(crate) campaign_by: &'static str,
    pub(crate) campaign_not_found: &'static str,
    pub(crate) department_legend: &'static str,
    pub(crate) department_help: &'static str,
    pub(crate) campaign_privacy: &'static str,
    pub(crate) to_scan: &'static str,
    pub(crate) offline_title: &'static str,
    pub(crate) campaign_needs_connection: &'static str,
    pub(crate) campaign_kept_offline: &'static str,
}

/// Dutch, at B1 level: short sentences, everyday words, calm, and "je" (questionnaires/README.md
/// says why).
pub(crate) const NL: Ui = Ui {
    home_title: "Hoe gaat het met je werk?",
    home_lead: "Met de Werkscan zie je hoe het gaat met je werkvermogen: wat je werk van je vraagt en wat je aankunt, nu en later.",
    what_it_is: "Wat is het?",
    what_it_is_text: "Een vragenlijst over zes thema's van je werk en een korte vragenlijst over je werkvermogen. Je krijgt meteen een overzicht: wat goed gaat en waar je op kunt letten.",
    what_it_is_not: "Wat is het niet?",
    what_it_is_not_text: "Geen test en geen diagnose. De uitkomst geeft een richting. Je bepaalt zelf wat je ermee doet.",
    privacy_title: "Je antwoorden blijven op deze telefoon",
    privacy_text: "Je antwoorden en je uitkomst worden alleen op dit apparaat bewaard. Niemand anders ziet ze, ook je werkgever niet. Alleen als je daar later zelf voor kiest, deel je iets.",
    choose_scan: "Kies een scan",
    open_scan: "Begin",
    resume_scan: "Verder waar je was",
    loading: FIRST_SCREEN_NL.loading,
    load_failed: "De vragenlijst kon niet worden geladen. Controleer je internetverbinding.",
    try_again: "Probeer opnieuw",
    start: FIRST_SCREEN_NL.start,
    intro_privacy: FIRST_SCREEN_NL.intro_privacy,
    older_version_note: "Je gaat verder met de versie van de vragenlijst waarmee je begon.",
    question_of: "Vraag {n} van {total}",
    next: "Volgende",
    back: "Vorige",
    to_report: "Naar mijn uitkomst",
    prefer_not_to_say: FIRST_SCREEN_NL.prefer_not_to_say,
    optional_hint: "Je mag deze vraag overslaan.",
    needs_answer: "Kies eerst een antwoord. Wil je dit liever niet zeggen? Dan kun je die keuze maken als die er staat.",
    saved_on_device: "Bewaard op dit apparaat",
    your_answer: "Je antwoord",
    text_answer_hint: "Dit wordt nooit gescoord en blijft op dit apparaat.",
    ticks_removed: "Vinkje weggehaald bij:",
    not_found_title: FIRST_SCREEN_NL.not_found_title,
    not_found_text: "Misschien is de link niet helemaal goed.",
    go_home: "Naar de startpagina",
    campaign_closed: FIRST_SCREEN_NL.campaign_closed,
    campaign_invited: FIRST_SCREEN_NL.campaign_invited,
    campaign_by: FIRST_SCREEN_NL.campaign_by,
    campaign_not_found: FIRST_SCREEN_NL.campaign_not_found,
    department_legend: FIRST_SCREEN_NL.department_legend,
    department_help: FIRST_SCREEN_NL.department_help,
    campaign_privacy: FIRST_SCREEN_NL.campaign_privacy,
    to_scan: FIRST_SCREEN_NL.to_scan,
    offline_title: "Geen verbinding",
    campaign_needs_connection: "Om deze uitnodiging de eerste keer te openen, is internet nodig. Probeer het opnieuw als je weer verbinding hebt.",
    campaign_kept_offline: "Je hebt nu geen verbinding. Je ziet de uitnodiging zoals deze telefoon haar eerder bewaarde.",
};

/// English.
pub(crate) const EN: Ui = Ui {
    home_title: "How is your work going?",
    home_lead: "The Work Scan shows how your work ability is doing: what your work asks of you and what you can manage, now and later.",
    what_it_is: "What is it?",
    what_it_is_text: "A questionnaire on six themes of your work and a short questionnaire on your work ability. You get an overview straight away: what goes well and what to keep an eye on.",
    what_it_is_not: "What is it not?",
    what_it_is_not_text: "Not a test and not a diagnosis. The result gives a direction. You decide what to do with it.",
    privacy_title: "Your answers stay on this phone",
    privacy_text: "Your answers and your result are only kept on this device. Nobody else sees them, not your employer either. You only share something if you later choose to.",
    choose_scan: "Choose a scan",
    open_scan: "Start",
    resume_scan: "Continue where you were",
    loading: FIRST_SCREEN_EN.loading,
    load_failed: "The questionnaire could not be loaded. Please check your internet connection.",
    try_again: "Try again",
    start: FIRST_SCREEN_EN.start,
    intro_privacy: FIRST_SCREEN_EN.intro_privacy,
    older_version_note: "You are continuing with the version of the questionnaire you started with.",
    question_of: "Question {n} of {total}",
    next: "Next",
    back: "Back",
    to_report: "See my result",
    prefer_not_to_say: FIRST_SCREEN_EN.prefer_not_to_say,
    optional_hint: "You may skip this question.",
    needs_answer: "Please choose an answer first. Prefer not to say? Then pick that option where it is offered.",
    saved_on_device: "Saved on this device",
    your_answer: "Your answer",
    text_answer_hint: "This is never scored and stays on this device.",
    ticks_removed: "Tick removed from:",
    not_found_title: FIRST_SCREEN_EN.not_found_title,
    not_found_text: "Perhaps the link is not quite right.",
    go_home: "Go to the start page",
    campaign_closed: FIRST_SCREEN_EN.campaign_closed,
    campaign_invited: FIRST_SCREEN_EN.campaign_invited,
    campaign_by: FIRST_SCREEN_EN.campaign_by,
    campaign_not_found: FIRST_SCREEN_EN.campaign_not_found,
    department_legend: FIRST_SCREEN_EN.department_legend,
    department_help: FIRST_SCREEN_EN.department_help,
    campaign_privacy: FIRST_SCREEN_EN.campaign_privacy,
    to_scan: FIRST_SCREEN_EN.to_scan,
    offline_title: "No connection",
    campaign_needs_connection: "Opening this invitation for the first time needs the internet. Try again when you are connected.",
    campaign_kept_offline: "You are not connected right now. You see the invitation as this phone kept it earlier.",
};

/// The sentences for a language.
pub(crate) fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

/// One of the scan app's sentences in the current language.
pub(crate) fn t(pick: fn(&Ui) -> &'static str) -> Signal<&'static str> {
    werkscan_kit::i18n::text(ui, pick)
}

pub(crate) use werkscan_kit::i18n::{tx, use_lang};

pub(crate) use werkscan_core::screen_words::length_of_scan;

/// Fills `{n}` and `{total}` in a template; any other text, braces included, stays as it is.
pub(crate) fn fill(template: &str, n: usize, total: usize) -> String {
    // By hand rather than with `str::replace`: this was the scan's only search for a piece of
    // text, and `replace` brought the general substring search (about 1.8 KB of WebAssembly)
    // into a module with a byte budget. Splitting at a brace is a search for one character.
    let mut out = String::new();
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let (value, after) = match after.split_once('}') {
            Some(("n", after)) => (n, after),
            Some(("total", after)) => (total, after),
            _ => {
                out.push('{');
                rest = after;
                continue;
            }
        };
        out.push_str(&value.to_string());
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::NL;

    /// `fill` puts the numbers where `{n}` and `{total}` are, as `str::replace` did, in both
    /// languages, and leaves other braces alone.
    #[test]
    fn fill_puts_the_numbers_in_place() {
        use super::{fill, EN};
        assert_eq!(fill(NL.question_of, 7, 42), "Vraag 7 van 42");
        assert_eq!(fill(EN.question_of, 1, 1), "Question 1 of 1");
        for template in ["{n}/{total}", "{{n}}", "{x} {n", "{total}{n}{", "", "no braces"] {
            let replaced = template.replace("{n}", "3").replace("{total}", "12");
            assert_eq!(fill(template, 3, 12), replaced, "{template}");
        }
    }

    /// The Dutch says "je" throughout (questionnaires/README.md gives the reason), never "u".
    #[test]
    fn the_dutch_says_je_not_u() {
        let all = format!("{NL:?}");
        let formal: Vec<&str> = all
            .split(|c: char| !c.is_alphabetic())
            .filter(|word| ["u", "uw", "uzelf"].contains(&word.to_lowercase().as_str()))
            .collect();
        assert_eq!(formal, Vec::<&str>::new(), "{all}");
        assert!(all.contains("je "), "{all}");
    }
}
