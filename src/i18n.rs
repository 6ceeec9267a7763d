//! The app's own words, in Dutch (B1, first) and English. Questionnaire text comes from the
//! definitions; this is only the frame around it.

use leptos::prelude::*;
use werkscan_core::Lang;

/// Every sentence the app itself shows.
pub struct Ui {
    pub app_name: &'static str,
    pub skip_to_content: &'static str,
    pub language_switch: &'static str,
    pub other_language_name: &'static str,
    pub home_title: &'static str,
    pub home_lead: &'static str,
    pub what_it_is: &'static str,
    pub what_it_is_text: &'static str,
    pub what_it_is_not: &'static str,
    pub what_it_is_not_text: &'static str,
    pub privacy_title: &'static str,
    pub privacy_text: &'static str,
    pub choose_scan: &'static str,
    pub minutes: &'static str,
    pub questions: &'static str,
    pub open_scan: &'static str,
    pub resume_scan: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub try_again: &'static str,
    pub start: &'static str,
    pub intro_privacy: &'static str,
    pub older_version_note: &'static str,
    pub question_of: &'static str,
    pub next: &'static str,
    pub back: &'static str,
    pub to_report: &'static str,
    pub prefer_not_to_say: &'static str,
    pub optional_hint: &'static str,
    pub needs_answer: &'static str,
    pub saved_on_device: &'static str,
    pub your_answer: &'static str,
    pub text_answer_hint: &'static str,
    pub my_data: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub go_home: &'static str,
    pub campaign_closed: &'static str,
    pub campaign_invited: &'static str,
    pub campaign_by: &'static str,
    pub campaign_not_found: &'static str,
    pub department_legend: &'static str,
    pub department_help: &'static str,
    pub campaign_privacy: &'static str,
    pub to_scan: &'static str,
}

/// Dutch, at B1 level: short sentences, everyday words, calm.
pub const NL: Ui = Ui {
    app_name: "Werkscan",
    skip_to_content: "Ga naar de inhoud",
    language_switch: "English",
    other_language_name: "Switch to English",
    home_title: "Hoe gaat het met uw werk?",
    home_lead: "Met de Werkscan ziet u hoe het gaat met uw werkvermogen: wat uw werk van u vraagt en wat u aankunt, nu en later.",
    what_it_is: "Wat is het?",
    what_it_is_text: "Een vragenlijst over zes thema's van uw werk en een korte vragenlijst over uw werkvermogen. U krijgt meteen een overzicht: wat goed gaat en waar u op kunt letten.",
    what_it_is_not: "Wat is het niet?",
    what_it_is_not_text: "Geen test en geen diagnose. De uitkomst geeft een richting. U bepaalt zelf wat u ermee doet.",
    privacy_title: "Uw antwoorden blijven op deze telefoon",
    privacy_text: "Uw antwoorden en uw uitkomst worden alleen op dit apparaat bewaard. Niemand anders ziet ze, ook uw werkgever niet. Alleen als u daar later zelf voor kiest, deelt u iets.",
    choose_scan: "Kies een scan",
    minutes: "minuten",
    questions: "vragen",
    open_scan: "Begin",
    resume_scan: "Verder waar u was",
    loading: "Even laden…",
    load_failed: "De vragenlijst kon niet worden geladen. Controleer uw internetverbinding.",
    try_again: "Probeer opnieuw",
    start: "Start de scan",
    intro_privacy: "Uw antwoorden worden bewaard op dit apparaat, meteen na elke vraag. U kunt stoppen en later verdergaan.",
    older_version_note: "U gaat verder met de versie van de vragenlijst waarmee u begon.",
    question_of: "Vraag {n} van {total}",
    next: "Volgende",
    back: "Vorige",
    to_report: "Naar mijn uitkomst",
    prefer_not_to_say: "Zeg ik liever niet",
    optional_hint: "U mag deze vraag overslaan.",
    needs_answer: "Kies eerst een antwoord. Wilt u dit liever niet zeggen? Dan kunt u die keuze maken als die er staat.",
    saved_on_device: "Bewaard op dit apparaat",
    your_answer: "Uw antwoord",
    text_answer_hint: "Dit wordt nooit gescoord en blijft op dit apparaat.",
    my_data: "Mijn gegevens",
    not_found_title: "Deze pagina bestaat niet",
    not_found_text: "Misschien is de link niet helemaal goed.",
    go_home: "Naar de startpagina",
    campaign_closed: "Deze campagne is gesloten. U kunt de scan wel voor uzelf invullen; delen kan niet meer.",
    campaign_invited: "U bent uitgenodigd voor",
    campaign_by: "door",
    campaign_not_found: "Deze uitnodiging bestaat niet (meer). Kijk of de link goed is.",
    department_legend: "Op welke afdeling werkt u?",
    department_help: "Uw afdeling telt alleen mee in groepscijfers als u dat later zelf kiest, en alleen als de groep groot genoeg is.",
    campaign_privacy: "Ook nu blijven uw antwoorden op deze telefoon. Na uw uitkomst kiest u zelf of u iets deelt.",
    to_scan: "Naar de scan",
};

/// English.
pub const EN: Ui = Ui {
    app_name: "Work Scan",
    skip_to_content: "Skip to content",
    language_switch: "Nederlands",
    other_language_name: "Wissel naar Nederlands",
    home_title: "How is your work going?",
    home_lead: "The Work Scan shows how your work ability is doing: what your work asks of you and what you can manage, now and later.",
    what_it_is: "What is it?",
    what_it_is_text: "A questionnaire on six themes of your work and a short questionnaire on your work ability. You get an overview straight away: what goes well and what to keep an eye on.",
    what_it_is_not: "What is it not?",
    what_it_is_not_text: "Not a test and not a diagnosis. The result gives a direction. You decide what to do with it.",
    privacy_title: "Your answers stay on this phone",
    privacy_text: "Your answers and your result are only kept on this device. Nobody else sees them, not your employer either. You only share something if you later choose to.",
    choose_scan: "Choose a scan",
    minutes: "minutes",
    questions: "questions",
    open_scan: "Start",
    resume_scan: "Continue where you were",
    loading: "Loading…",
    load_failed: "The questionnaire could not be loaded. Please check your internet connection.",
    try_again: "Try again",
    start: "Start the scan",
    intro_privacy: "Your answers are kept on this device, right after each question. You can stop and continue later.",
    older_version_note: "You are continuing with the version of the questionnaire you started with.",
    question_of: "Question {n} of {total}",
    next: "Next",
    back: "Back",
    to_report: "See my result",
    prefer_not_to_say: "I prefer not to say",
    optional_hint: "You may skip this question.",
    needs_answer: "Please choose an answer first. Prefer not to say? Then pick that option where it is offered.",
    saved_on_device: "Saved on this device",
    your_answer: "Your answer",
    text_answer_hint: "This is never scored and stays on this device.",
    my_data: "My data",
    not_found_title: "This page does not exist",
    not_found_text: "Perhaps the link is not quite right.",
    go_home: "Go to the start page",
    campaign_closed: "This campaign is closed. You can still do the scan for yourself; sharing is no longer possible.",
    campaign_invited: "You are invited to",
    campaign_by: "by",
    campaign_not_found: "This invitation does not exist (any more). Please check the link.",
    department_legend: "Which department do you work in?",
    department_help: "Your department only counts in group figures if you choose that later, and only if the group is large enough.",
    campaign_privacy: "Here too your answers stay on this phone. After your result you decide yourself whether to share anything.",
    to_scan: "Go to the scan",
};

/// The sentences of the report module's screens (report, sharing, "mijn gegevens"), apart from
/// [`Ui`] so that the scan module does not carry them (it has a size budget).
pub struct ReportUi {
    pub report_title: &'static str,
    pub report_lead: &'static str,
    pub headline_title: &'static str,
    pub strengths_title: &'static str,
    pub watch_title: &'static str,
    pub attention_title: &'static str,
    pub out_of_100: &'static str,
    pub too_few_answers: &'static str,
    pub what_could_help: &'static str,
    pub goal: &'static str,
    pub flags_title: &'static str,
    pub direction_not_diagnosis: &'static str,
    pub talk_title: &'static str,
    pub talk_normal: &'static str,
    pub talk_strong: &'static str,
    pub print: &'static str,
    pub new_scan: &'static str,
    pub history_title: &'static str,
    pub history_empty: &'static str,
    pub change_since: &'static str,
    pub my_data_title: &'static str,
    pub my_data_text: &'static str,
    pub wipe: &'static str,
    pub wipe_confirm: &'static str,
    pub wipe_done: &'static str,
    pub cancel: &'static str,
    pub share_chosen: &'static str,
    pub share_reconsider: &'static str,
    pub share_queued: &'static str,
    pub share_sent: &'static str,
    pub share_withdraw: &'static str,
    pub share_withdrawn: &'static str,
    pub share_withdraw_failed: &'static str,
    pub consent_what: &'static str,
    pub consent_with_whom: &'static str,
    pub consent_why: &'static str,
    pub consent_how_long: &'static str,
    pub contact_legend: &'static str,
    pub contact_name: &'static str,
    pub contact_email: &'static str,
    pub contact_phone: &'static str,
    pub contact_note: &'static str,
    pub contact_need_name: &'static str,
    pub contact_need_way: &'static str,
    pub contact_bad_email: &'static str,
    pub contact_bad_phone: &'static str,
    pub contact_bad_character: &'static str,
    pub contact_too_long: &'static str,
    pub no_report_yet: &'static str,
}

/// The report module's sentences in Dutch.
pub const REPORT_NL: ReportUi = ReportUi {
    report_title: "Uw Werkscan-uitkomst",
    report_lead: "Dit overzicht is gemaakt op dit apparaat. Het is alleen voor u.",
    headline_title: "Uw werkvermogen nu",
    strengths_title: "Wat goed gaat",
    watch_title: "Om op te letten",
    attention_title: "Wat aandacht vraagt",
    out_of_100: "van 100",
    too_few_answers: "Te weinig antwoorden om hier iets over te zeggen.",
    what_could_help: "Wat kan helpen",
    goal: "Doel",
    flags_title: "Om over te praten",
    direction_not_diagnosis: "Deze uitkomst geeft een richting aan. Het is geen diagnose en geen oordeel over u.",
    talk_title: "Praat erover met een arbeidsdeskundige",
    talk_normal: "Een gesprek met een arbeidsdeskundige helpt om te zien wat u kunt doen om uw werk goed te blijven doen. Dat is voor iedereen zinvol, ook als het goed gaat.",
    talk_strong: "Uw uitkomst laat zien dat een gesprek u echt kan helpen. Een arbeidsdeskundige denkt met u mee. U houdt zelf de regie.",
    print: "Afdrukken of bewaren als pdf",
    new_scan: "Opnieuw beginnen",
    history_title: "Eerdere scans op dit apparaat",
    history_empty: "Dit is uw eerste scan op dit apparaat.",
    change_since: "Verschil met vorige keer",
    my_data_title: "Uw gegevens op dit apparaat",
    my_data_text: "Op dit apparaat staan uw antwoorden, uw uitkomsten en uw taalkeuze. Met de knop hieronder wist u alles wat deze app hier heeft bewaard.",
    wipe: "Wis mijn gegevens",
    wipe_confirm: "Weet u het zeker? Alles wat deze app op dit apparaat bewaarde, wordt gewist.",
    wipe_done: "Alles is gewist. Er staat niets meer van u op dit apparaat.",
    cancel: "Niet wissen",
    share_chosen: "Deel wat ik heb aangevinkt",
    share_reconsider: "Toch iets delen",
    share_queued: "U bent nu offline. Wat u wilt delen, staat klaar op dit apparaat. Het wordt verstuurd als er weer verbinding is en deze pagina open is, of als u hem later weer opent.",
    share_sent: "Gedeeld op",
    share_withdraw: "Trek mijn deelname in en wis mijn gegevens",
    share_withdrawn: "Ingetrokken. Wat u had gedeeld, is gewist.",
    share_withdraw_failed: "Intrekken lukte nu niet. Controleer uw verbinding en probeer het opnieuw.",
    consent_what: "Wat",
    consent_with_whom: "Met wie",
    consent_why: "Waarom",
    consent_how_long: "Hoe lang",
    contact_legend: "Hoe kan de arbeidsdeskundige u bereiken?",
    contact_name: "Uw naam",
    contact_email: "E-mailadres",
    contact_phone: "Telefoonnummer",
    contact_note: "Wanneer schikt het u? (mag leeg blijven)",
    contact_need_name: "Vul uw naam in, zodat de arbeidsdeskundige weet wie u bent.",
    contact_need_way: "Vul een e-mailadres of een telefoonnummer in.",
    contact_bad_email: "Dit e-mailadres klopt niet helemaal. Kijkt u het nog even na?",
    contact_bad_phone: "Dit telefoonnummer klopt niet helemaal. Kijkt u het nog even na?",
    contact_bad_character: "Er staat een teken in dat we niet kunnen bewaren. Kijkt u het nog even na?",
    contact_too_long: "Een van de velden is te lang. Maakt u het wat korter?",
    no_report_yet: "Op dit apparaat is nog geen afgeronde scan. Maak de scan af, dan ziet u hier uw uitkomst.",
};

/// The report module's sentences in English.
pub const REPORT_EN: ReportUi = ReportUi {
    report_title: "Your Work Scan result",
    report_lead: "This overview was made on this device. It is for you only.",
    headline_title: "Your work ability now",
    strengths_title: "What goes well",
    watch_title: "Worth keeping an eye on",
    attention_title: "What needs attention",
    out_of_100: "out of 100",
    too_few_answers: "Too few answers to say anything about this.",
    what_could_help: "What could help",
    goal: "Goal",
    flags_title: "Worth talking about",
    direction_not_diagnosis: "This result gives a direction. It is not a diagnosis and not a judgement of you.",
    talk_title: "Talk it over with a labour expert",
    talk_normal: "A conversation with a labour expert helps you see what you can do to keep doing your work well. That is worthwhile for everyone, also when things go well.",
    talk_strong: "Your result shows that a conversation could really help you. A labour expert thinks along with you. You stay in charge.",
    print: "Print or save as PDF",
    new_scan: "Start again",
    history_title: "Earlier scans on this device",
    history_empty: "This is your first scan on this device.",
    change_since: "Change since last time",
    my_data_title: "Your data on this device",
    my_data_text: "This device holds your answers, your results and your language choice. The button below erases everything this app stored here.",
    wipe: "Erase my data",
    wipe_confirm: "Are you sure? Everything this app stored on this device will be erased.",
    wipe_done: "Everything has been erased. Nothing of yours is left on this device.",
    cancel: "Don't erase",
    share_chosen: "Share what I ticked",
    share_reconsider: "Share something after all",
    share_queued: "You are offline. What you want to share is waiting on this device. It is sent when there is a connection again and this page is open, or when you open it again later.",
    share_sent: "Shared on",
    share_withdraw: "Withdraw and delete what I shared",
    share_withdrawn: "Withdrawn. What you had shared has been deleted.",
    share_withdraw_failed: "Withdrawing did not work just now. Check your connection and try again.",
    consent_what: "What",
    consent_with_whom: "With whom",
    consent_why: "Why",
    consent_how_long: "How long",
    contact_legend: "How can the labour expert reach you?",
    contact_name: "Your name",
    contact_email: "E-mail address",
    contact_phone: "Phone number",
    contact_note: "When suits you? (may stay empty)",
    contact_need_name: "Please fill in your name, so the labour expert knows who you are.",
    contact_need_way: "Please fill in an e-mail address or a phone number.",
    contact_bad_email: "This e-mail address does not look quite right. Could you check it?",
    contact_bad_phone: "This phone number does not look quite right. Could you check it?",
    contact_bad_character: "There is a character in it that we cannot store. Could you check it?",
    contact_too_long: "One of the fields is too long. Could you make it a little shorter?",
    no_report_yet: "There is no finished scan on this device yet. Finish the scan and your result will appear here.",
};

/// The strings for a language.
pub fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

/// The current language, provided at the start of either module (`App`, `ReportApp`).
#[derive(Clone, Copy)]
pub struct Language(pub RwSignal<Lang>);

/// The language signal from context.
pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<Language>().0
}

/// One of the app's own sentences in the current language. Returned as a `Signal` so that all
/// of them share one render path in the WebAssembly (a closure per call would each be compiled
/// separately, and the bundle has a size budget).
pub fn t(pick: fn(&Ui) -> &'static str) -> Signal<&'static str> {
    let lang = use_lang();
    Signal::derive(move || pick(ui(lang.get())))
}

/// The report module's sentences for a language.
pub fn report_ui(lang: Lang) -> &'static ReportUi {
    match lang {
        Lang::Nl => &REPORT_NL,
        Lang::En => &REPORT_EN,
    }
}

/// One of the report module's sentences in the current language (see [`t`]).
pub fn tr(pick: fn(&ReportUi) -> &'static str) -> Signal<&'static str> {
    let lang = use_lang();
    Signal::derive(move || pick(report_ui(lang.get())))
}

/// A definition text in the current language (see [`t`] for why a `Signal`).
pub fn tx(text: &werkscan_core::Text) -> Signal<String> {
    let lang = use_lang();
    let text = text.clone();
    Signal::derive(move || text.get(lang.get()).to_owned())
}

/// "± 12 minuten · 42 vragen": how long a scan takes and how many questions it has.
pub fn length_of_scan(lang: Lang, minutes: u32, questions: usize) -> String {
    let ui = ui(lang);
    format!("± {minutes} {} · {questions} {}", ui.minutes, ui.questions)
}

/// Fills `{n}` and `{total}` in a template.
pub fn fill(template: &str, n: usize, total: usize) -> String {
    template.replace("{n}", &n.to_string()).replace("{total}", &total.to_string())
}
