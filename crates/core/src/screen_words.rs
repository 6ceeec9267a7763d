//! The sentences of the employee's first screens that two programs show: the scan app draws them,
//! and the server draws the same screen into the page it sends (`crates/server/src/first_screen.rs`),
//! so the largest paint is the first one and the app can take the screen over without a change.
//! One copy here, read by both: the scan app's sentence table (`src/i18n.rs`) takes these fields
//! from here, and the kit's frame (`werkscan_kit::i18n`) re-exports [`FrameUi`]. The constants
//! cost the scan module nothing beyond the sentences it already carried.

use crate::Lang;

/// The sentences of the frame around the employee's pages (the scan and report apps show the
/// same frame).
pub struct FrameUi {
    /// The product's name in the header.
    pub app_name: &'static str,
    /// The skip link.
    pub skip_to_content: &'static str,
    /// The language button's text (the other language's own name).
    pub language_switch: &'static str,
    /// The language button's accessible name.
    pub other_language_name: &'static str,
    /// The link to what the device holds.
    pub my_data: &'static str,
}

const FRAME_NL: FrameUi = FrameUi {
    app_name: "Werkscan",
    skip_to_content: "Ga naar de inhoud",
    language_switch: "English",
    other_language_name: "Switch to English",
    my_data: "Mijn gegevens",
};

const FRAME_EN: FrameUi = FrameUi {
    app_name: "Work Scan",
    skip_to_content: "Skip to content",
    language_switch: "Nederlands",
    other_language_name: "Wissel naar Nederlands",
    my_data: "My data",
};

/// The frame's sentences for a language.
pub fn frame_ui(lang: Lang) -> &'static FrameUi {
    match lang {
        Lang::Nl => &FRAME_NL,
        Lang::En => &FRAME_EN,
    }
}

/// The scan app's sentences on a campaign's invitation and a scan's introduction.
pub struct FirstScreenUi {
    /// Above the campaign's name.
    pub campaign_invited: &'static str,
    /// Before the organisation's name.
    pub campaign_by: &'static str,
    /// The invitation's privacy promise.
    pub campaign_privacy: &'static str,
    /// A campaign that no longer accepts uploads.
    pub campaign_closed: &'static str,
    /// The department question.
    pub department_legend: &'static str,
    /// Why the department is asked.
    pub department_help: &'static str,
    /// The choice not to give the department (or any other answer that offers it).
    pub prefer_not_to_say: &'static str,
    /// The invitation's button.
    pub to_scan: &'static str,
    /// The heading of a page that does not exist.
    pub not_found_title: &'static str,
    /// A campaign code the server does not know.
    pub campaign_not_found: &'static str,
    /// The introduction's privacy promise.
    pub intro_privacy: &'static str,
    /// The introduction's button.
    pub start: &'static str,
    /// "minuten", in the length of a scan.
    pub minutes: &'static str,
    /// "vragen", in the length of a scan.
    pub questions: &'static str,
    /// While something loads; on a drawn screen, the answer to a tap made before the app has
    /// started (the app carries the tap out when it takes the screen over).
    pub loading: &'static str,
}

/// Dutch, at B1 level (questionnaires/README.md).
pub const FIRST_SCREEN_NL: FirstScreenUi = FirstScreenUi {
    campaign_invited: "Je bent uitgenodigd voor",
    campaign_by: "door",
    campaign_privacy: "Ook nu blijven je antwoorden op deze telefoon. Na je uitkomst kies je zelf of je iets deelt.",
    campaign_closed: "Deze campagne is gesloten. Je kunt de scan wel voor jezelf invullen; delen kan niet meer.",
    department_legend: "Op welke afdeling werk je?",
    department_help: "Je afdeling gaat alleen mee als je straks zelf kiest om te delen: met de arbeidsdeskundige, of in groepscijfers als de groep groot genoeg is.",
    prefer_not_to_say: "Zeg ik liever niet",
    to_scan: "Naar de scan",
    not_found_title: "Deze pagina bestaat niet",
    campaign_not_found: "Deze uitnodiging bestaat niet (meer). Kijk of de link goed is.",
    intro_privacy: "Je antwoorden worden bewaard op dit apparaat, meteen na elke vraag. Je kunt stoppen en later verdergaan.",
    start: "Start de scan",
    minutes: "minuten",
    questions: "vragen",
    loading: "Even laden…",
};

/// English.
pub const FIRST_SCREEN_EN: FirstScreenUi = FirstScreenUi {
    campaign_invited: "You are invited to",
    campaign_by: "by",
    campaign_privacy: "Here too your answers stay on this phone. After your result you decide yourself whether to share anything.",
    campaign_closed: "This campaign is closed. You can still do the scan for yourself; sharing is no longer possible.",
    department_legend: "Which department do you work in?",
    department_help: "Your department is only sent if you choose to share later: with the labour expert, or in group figures if the group is large enough.",
    prefer_not_to_say: "I prefer not to say",
    to_scan: "Go to the scan",
    not_found_title: "This page does not exist",
    campaign_not_found: "This invitation does not exist (any more). Please check the link.",
    intro_privacy: "Your answers are kept on this device, right after each question. You can stop and continue later.",
    start: "Start the scan",
    minutes: "minutes",
    questions: "questions",
    loading: "Loading…",
};

/// The first screens' sentences for a language.
pub fn first_screen_ui(lang: Lang) -> &'static FirstScreenUi {
    match lang {
        Lang::Nl => &FIRST_SCREEN_NL,
        Lang::En => &FIRST_SCREEN_EN,
    }
}

/// "± 12 minuten · 42 vragen": how long a scan takes and how many questions it has.
pub fn length_of_scan(lang: Lang, minutes: u32, questions: usize) -> String {
    let ui = first_screen_ui(lang);
    format!("± {minutes} {} · {questions} {}", ui.minutes, ui.questions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_length_of_a_scan_reads_as_on_the_introduction() {
        assert_eq!(length_of_scan(Lang::Nl, 12, 42), "± 12 minuten · 42 vragen");
        assert_eq!(length_of_scan(Lang::En, 3, 9), "± 3 minutes · 9 questions");
    }
}
