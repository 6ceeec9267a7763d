//! The consent a person gives before anything leaves the phone: the text they read, what the
//! campaign fills into it, and the choices they make.
//!
//! The text is data, not markup in the app, so that the exact words a person agreed to can be
//! identified and stored with what was shared. They are identified by two things together: the
//! text's version ([`CONSENT_VERSION`], the content hash of the template below) and the
//! campaign's [`ConsentValues`] filled into it (who is responsible, the arbeidsdeskundigen's
//! names, the minimum group size, the day the data are deleted). Both are stored with an upload,
//! so a later change to the campaign (an extension that moves the deletion date) never changes
//! the words an earlier upload was given under.
//!
//! Every choice says what is shared, with whom, why and for how long. None is pre-ticked, and
//! "Niets delen" is an equal choice, not a missing one.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::campaign::PublicCampaign;
use crate::text::{Lang, Text};

/// SHA-256 (hex) of the canonical JSON of [`consent_document`] (both languages, placeholders
/// unfilled).
///
/// A constant rather than computed at run time so that the browser needs no hashing code. The
/// core's integration tests recompute it (with the `authoring` feature's SHA-256) and fail when
/// a text changed without this constant, so the version always is the content hash.
pub const CONSENT_VERSION: &str = "6abcfe6c3091901d668ca8d94fc9d064a243cd96df10af8f2d0b73c97e256a4b";

/// Versions of the consent text that came before [`CONSENT_VERSION`], oldest first. An upload
/// given under one of them stays valid: a phone that queued it offline before an update can
/// still send it. Their words are kept in `consent-archive/` (see [`archived_text`]).
pub const EARLIER_CONSENT_VERSIONS: &[&str] = &[
    "ec19db32b66fb89a07027419bdf6946801f068e1becc12e8be88204ef8ce1087",
    "dddc80e458b5b0f2f1660e2f3a0a6913e47b4dcd1e28fec71e7ebecbd3911df6",
];

/// The earlier versions whose words were completed by campaign values, as the current one's
/// are; the ones before them named none, so an upload under them carries none.
const EARLIER_WITH_VALUES: &[&str] = &["dddc80e458b5b0f2f1660e2f3a0a6913e47b4dcd1e28fec71e7ebecbd3911df6"];

/// What the server knows of a consent text version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KnownVersion {
    /// [`CONSENT_VERSION`]: its words are completed by the campaign's [`ConsentValues`].
    Current,
    /// One of [`EARLIER_CONSENT_VERSIONS`] whose words were completed by campaign values too.
    EarlierWithValues,
    /// One of [`EARLIER_CONSENT_VERSIONS`] from before the text named campaign values: complete
    /// as it was.
    EarlierWithoutValues,
}

impl KnownVersion {
    /// Whether an upload under this version carries the campaign's [`ConsentValues`].
    pub fn names_values(self) -> bool {
        self != KnownVersion::EarlierWithoutValues
    }
}

/// Whether a consent text version is known, and which kind it is.
pub fn known_version(version: &str) -> Option<KnownVersion> {
    if version == CONSENT_VERSION {
        Some(KnownVersion::Current)
    } else if EARLIER_WITH_VALUES.contains(&version) {
        Some(KnownVersion::EarlierWithValues)
    } else if EARLIER_CONSENT_VERSIONS.contains(&version) {
        Some(KnownVersion::EarlierWithoutValues)
    } else {
        None
    }
}

/// The canonical JSON of an earlier consent text, exactly as it was shown (its SHA-256 is its
/// version; a test checks that). The current one is [`canonical_json`].
pub fn archived_text(version: &str) -> Option<&'static str> {
    match version {
        "ec19db32b66fb89a07027419bdf6946801f068e1becc12e8be88204ef8ce1087" => Some(include_str!(
            "../consent-archive/ec19db32b66fb89a07027419bdf6946801f068e1becc12e8be88204ef8ce1087.json"
        )),
        "dddc80e458b5b0f2f1660e2f3a0a6913e47b4dcd1e28fec71e7ebecbd3911df6" => Some(include_str!(
            "../consent-archive/dddc80e458b5b0f2f1660e2f3a0a6913e47b4dcd1e28fec71e7ebecbd3911df6.json"
        )),
        _ => None,
    }
}

/// What a campaign fills into the consent text. Together with [`CONSENT_VERSION`] it names the
/// exact words a person read; it is sent and stored with every upload under that version, and
/// the server checks it against the campaign.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ConsentValues {
    /// Who is responsible for what is shared (the verwerkingsverantwoordelijke).
    pub controller: String,
    /// How to reach them (e-mail address, phone number or address); campaigns made before the
    /// consent named the controller have none.
    #[cfg_attr(feature = "serde", serde(default))]
    pub controller_contact: Option<String>,
    /// The data protection officer (functionaris gegevensbescherming), where there is one.
    #[cfg_attr(feature = "serde", serde(default))]
    pub privacy_officer: Option<String>,
    /// How to reach the data protection officer.
    #[cfg_attr(feature = "serde", serde(default))]
    pub privacy_officer_contact: Option<String>,
    /// The names of the arbeidsdeskundigen who receive what is shared.
    pub experts: Vec<String>,
    /// The minimum group size of the group figures.
    pub min_group_size: i64,
    /// The last day shared data are kept (ISO date, `2027-12-01`).
    pub delete_after: String,
}

impl ConsentValues {
    /// The values of a campaign as its public link shows it. The phone and the server both take
    /// them from this one function, so they agree on what the person read.
    pub fn of(campaign: &PublicCampaign) -> ConsentValues {
        ConsentValues {
            controller: campaign.controller.clone(),
            controller_contact: campaign.controller_contact.clone(),
            privacy_officer: campaign.privacy_officer.clone(),
            privacy_officer_contact: campaign.privacy_officer_contact.clone(),
            experts: campaign.experts.clone(),
            min_group_size: campaign.min_group_size,
            delete_after: campaign.delete_after.clone(),
        }
    }
}

/// What a person chose to share. Everything is `false` unless they ticked it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ConsentChoices {
    /// (a) Share my scores with the campaign's arbeidsdeskundige.
    #[cfg_attr(feature = "serde", serde(default))]
    pub share_scores: bool,
    /// (b) Also share my answers (only together with `share_scores`).
    #[cfg_attr(feature = "serde", serde(default))]
    pub share_answers: bool,
    /// (c) The arbeidsdeskundige may contact me (contact details are then given).
    #[cfg_attr(feature = "serde", serde(default))]
    pub contact_me: bool,
    /// (d) Count my result, without my name, in my employer's group figures.
    #[cfg_attr(feature = "serde", serde(default))]
    pub group_figures: bool,
}

impl ConsentChoices {
    /// "Niets delen": no choice ticked. Nothing is uploaded then.
    pub const NOTHING: ConsentChoices =
        ConsentChoices { share_scores: false, share_answers: false, contact_me: false, group_figures: false };

    /// Whether nothing was chosen (the person shares nothing).
    pub fn is_nothing(&self) -> bool {
        *self == ConsentChoices::NOTHING
    }

    /// Whether the result (scores and flags) leaves the phone: for the arbeidsdeskundige, for the
    /// group figures, or both.
    pub fn needs_result(&self) -> bool {
        self.share_scores || self.group_figures
    }

    /// Whether the given choice is ticked.
    pub fn get(&self, key: ConsentKey) -> bool {
        match key {
            ConsentKey::ShareScores => self.share_scores,
            ConsentKey::ShareAnswers => self.share_answers,
            ConsentKey::ContactMe => self.contact_me,
            ConsentKey::GroupFigures => self.group_figures,
        }
    }

    /// Sets the given choice.
    pub fn set(&mut self, key: ConsentKey, value: bool) {
        match key {
            ConsentKey::ShareScores => self.share_scores = value,
            ConsentKey::ShareAnswers => self.share_answers = value,
            ConsentKey::ContactMe => self.contact_me = value,
            ConsentKey::GroupFigures => self.group_figures = value,
        }
    }
}

/// The four choices, by the name of their field in [`ConsentChoices`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ConsentKey {
    /// (a) Share my scores with the arbeidsdeskundige.
    ShareScores,
    /// (b) Also share my answers.
    ShareAnswers,
    /// (c) The arbeidsdeskundige may contact me.
    ContactMe,
    /// (d) Count my result, without my name, in the group figures.
    GroupFigures,
}

/// The text of one choice.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ConsentItem {
    /// Which choice this is.
    pub key: ConsentKey,
    /// The choice itself, as the label of its checkbox.
    pub label: Text,
    /// What is shared.
    pub what: Text,
    /// With whom.
    pub with_whom: Text,
    /// Why.
    pub why: Text,
    /// For how long it is kept.
    pub how_long: Text,
    /// The choice this one needs (answers need scores), if any.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub requires: Option<ConsentKey>,
}

/// The complete consent text, in Dutch and English. In [`consent_document`] it holds
/// placeholders (`{controller}`, `{experts}`, `{k}`, `{delete_after}`, …); [`filled`] puts a
/// campaign's values in.
///
/// [`filled`]: ConsentDocument::filled
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ConsentDocument {
    /// Heading of the consent step.
    pub title: Text,
    /// What this step is about, before the choices.
    pub intro: Text,
    /// The first layer, shown above the choices before anything else: at most five short lines
    /// saying that these are health data and on which legal basis they are used, who may read
    /// them (and that the employer never does), what for, until when, and how to withdraw.
    pub first_layer: Vec<Text>,
    /// The four choices, in the order shown.
    pub items: Vec<ConsentItem>,
    /// The label of the "Niets delen" choice.
    pub nothing_label: Text,
    /// What "Niets delen" means.
    pub nothing: Text,
    /// Shown with choice (d): why the employer never sees a person (the minimum group size).
    pub group_note: Text,
    /// How long anything shared is kept, once for all choices (each choice says it too).
    pub retention: Text,
    /// The purpose limit: what shared data are never used for, and that sharing nothing has no
    /// consequences.
    pub purpose: Text,
    /// That these are health data, and that explicit consent is the basis for using them.
    pub health_data: Text,
    /// Who is responsible (the verwerkingsverantwoordelijke).
    pub controller: Text,
    /// How to reach them; empty once filled when the campaign gives no contact.
    pub controller_contact: Text,
    /// The data protection officer; empty once filled when the campaign has none.
    pub privacy_officer: Text,
    /// The person's rights: see, correct, delete, withdraw, complain.
    pub rights: Text,
    /// How to take consent back, and what happens then.
    pub withdrawal: Text,
}

impl ConsentDocument {
    /// The text of one choice.
    pub fn item(&self, key: ConsentKey) -> Option<&ConsentItem> {
        self.items.iter().find(|item| item.key == key)
    }

    /// The words a person reads for this campaign: every placeholder replaced by the campaign's
    /// values in each language (names joined with "en"/"and", the date in words). A sentence
    /// about something the campaign does not have (no data protection officer, no contact for
    /// the controller) becomes empty, and the app leaves it out.
    pub fn filled(&self, values: &ConsentValues) -> ConsentDocument {
        let fill = |text: &Text| fill_text(text, values);
        let optional = |text: &Text, present: bool| if present { fill(text) } else { Text::default() };
        let has_contact = values.controller_contact.as_deref().is_some_and(|contact| !contact.trim().is_empty());
        let has_officer = values.privacy_officer.as_deref().is_some_and(|name| !name.trim().is_empty())
            && values.privacy_officer_contact.as_deref().is_some_and(|contact| !contact.trim().is_empty());
        ConsentDocument {
            title: fill(&self.title),
            intro: fill(&self.intro),
            first_layer: self.first_layer.iter().map(fill).collect(),
            items: self
                .items
                .iter()
                .map(|item| ConsentItem {
                    key: item.key,
                    label: fill(&item.label),
                    what: fill(&item.what),
                    with_whom: fill(&item.with_whom),
                    why: fill(&item.why),
                    how_long: fill(&item.how_long),
                    requires: item.requires,
                })
                .collect(),
            nothing_label: fill(&self.nothing_label),
            nothing: fill(&self.nothing),
            group_note: fill(&self.group_note),
            retention: fill(&self.retention),
            purpose: fill(&self.purpose),
            health_data: fill(&self.health_data),
            controller: optional(&self.controller, !values.controller.trim().is_empty()),
            controller_contact: optional(&self.controller_contact, has_contact),
            privacy_officer: optional(&self.privacy_officer, has_officer),
            rights: fill(&self.rights),
            withdrawal: fill(&self.withdrawal),
        }
    }
}

/// The placeholders [`ConsentDocument::filled`] replaces.
pub const PLACEHOLDERS: [&str; 7] = [
    "{controller}",
    "{controller_contact}",
    "{privacy_officer}",
    "{privacy_officer_contact}",
    "{experts}",
    "{k}",
    "{delete_after}",
];

fn fill_text(text: &Text, values: &ConsentValues) -> Text {
    let one = |lang: Lang| {
        let value = |placeholder: &str| -> String {
            match placeholder {
                "{controller}" => values.controller.trim().to_owned(),
                "{controller_contact}" => values.controller_contact.clone().unwrap_or_default(),
                "{privacy_officer}" => values.privacy_officer.clone().unwrap_or_default(),
                "{privacy_officer_contact}" => values.privacy_officer_contact.clone().unwrap_or_default(),
                "{experts}" => names_in_words(&values.experts, lang),
                "{k}" => values.min_group_size.to_string(),
                _ => day_in_words(&values.delete_after, lang),
            }
        };
        PLACEHOLDERS.iter().fold(text.get(lang).to_owned(), |filled, placeholder| {
            if filled.contains(placeholder) {
                filled.replace(placeholder, &value(placeholder))
            } else {
                filled
            }
        })
    };
    Text::new(one(Lang::Nl), one(Lang::En))
}

/// "Anna", "Anna en Bo", "Anna, Bo en Cas" (English: "and"), as the consent text names the
/// arbeidsdeskundigen; without names, "de arbeidsdeskundige van deze campagne".
pub fn names_in_words(names: &[String], lang: Lang) -> String {
    let and = match lang {
        Lang::Nl => " en ",
        Lang::En => " and ",
    };
    match names {
        [] => match lang {
            Lang::Nl => "de arbeidsdeskundige van deze campagne".to_owned(),
            Lang::En => "this campaign's labour expert".to_owned(),
        },
        [one] => one.clone(),
        [rest @ .., last] => format!("{}{and}{last}", rest.join(", ")),
    }
}

/// `2027-12-01` as "1 december 2027"; anything else as it is.
fn day_in_words(iso: &str, lang: Lang) -> String {
    let mut parts = iso.splitn(3, '-').map(|part| part.parse::<u32>().ok());
    let date = match (parts.next().flatten(), parts.next().flatten(), parts.next().flatten()) {
        (Some(year), Some(month), Some(day)) => chrono::NaiveDate::from_ymd_opt(year as i32, month, day),
        _ => None,
    };
    date.map_or_else(|| iso.to_owned(), |date| crate::when::date_in_words(lang, date))
}

fn t(nl: &str, en: &str) -> Text {
    Text::new(nl, en)
}

/// The consent text of this version of Werkscan, with placeholders for the campaign's values.
/// Its version is [`CONSENT_VERSION`]. Written with "je", at B1 level; "zonder naam" rather than
/// "anoniem" (an upload with a department that can be withdrawn is not anonymous).
pub fn consent_document() -> ConsentDocument {
    let experts_only = t(
        "Alleen de arbeidsdeskundige: {experts}. Niet je werkgever.",
        "Only the labour expert: {experts}. Not your employer.",
    );
    let how_long = t(
        "Tot en met {delete_after}. Daarna wissen we het vanzelf. Intrekken kan altijd eerder.",
        "Until {delete_after}. Then we delete it automatically. You can always withdraw it earlier.",
    );
    ConsentDocument {
        title: t("Wat wil je delen?", "What would you like to share?"),
        intro: t(
            "Je uitkomst staat nu alleen op deze telefoon. Jij kiest of je iets deelt, en wat. Niets is aangevinkt. Deel je niets, dan blijft alles hier. Dat is net zo goed.",
            "Your result is only on this phone now. You decide whether you share anything, and what. Nothing is ticked. If you share nothing, everything stays here. That is just as fine.",
        ),
        first_layer: vec![
            t(
                "Je uitkomst zegt iets over je gezondheid. Het zijn gezondheidsgegevens. Die gebruiken we alleen als jij daar uitdrukkelijk toestemming voor geeft (artikel 9 lid 2 onder a AVG).",
                "Your result says something about your health: it is health data. We use it only if you explicitly agree (Article 9(2)(a) GDPR).",
            ),
            t(
                "Wat je deelt, lezen alleen {controller} en {experts}. Nooit je werkgever.",
                "What you share is read only by {controller} and {experts}. Never by your employer.",
            ),
            t(
                "Waarvoor: een gesprek over je werk voorbereiden, en groepscijfers zonder namen als je dat kiest.",
                "What for: preparing a conversation about your work, and group figures without names if you choose so.",
            ),
            t(
                "We bewaren het tot en met {delete_after}. Daarna wissen we het vanzelf.",
                "We keep it until {delete_after}. Then we delete it automatically.",
            ),
            t(
                "Je kunt altijd intrekken met je intrekcode. Die krijg je na het delen.",
                "You can always withdraw with your withdrawal code. You get it after sharing.",
            ),
        ],
        items: vec![
            ConsentItem {
                key: ConsentKey::ShareScores,
                label: t(
                    "Deel mijn uitkomst met de arbeidsdeskundige (gezondheidsgegevens)",
                    "Share my result with the labour expert (health data)",
                ),
                what: t(
                    "Je scores per thema, je werkvermogen, de signalen uit je uitkomst en je afdeling als je die koos. Niet je antwoorden.",
                    "Your scores per theme, your work ability, the signals in your result and your department if you chose one. Not your answers.",
                ),
                with_whom: experts_only.clone(),
                why: t(
                    "Zo kan de arbeidsdeskundige een goed gesprek met je voorbereiden.",
                    "So the labour expert can prepare a good conversation with you.",
                ),
                how_long: how_long.clone(),
                requires: None,
            },
            ConsentItem {
                key: ConsentKey::ShareAnswers,
                label: t("Deel ook mijn antwoorden (gezondheidsgegevens)", "Also share my answers (health data)"),
                what: t(
                    "Je antwoord op elke vraag, ook wat je zelf schreef.",
                    "Your answer to every question, including what you wrote yourself.",
                ),
                with_whom: experts_only.clone(),
                why: t(
                    "Zo kan de arbeidsdeskundige het gesprek beter voorbereiden. Dit kan alleen als je ook je uitkomst deelt.",
                    "So the labour expert can prepare the conversation better. This is only possible if you also share your result.",
                ),
                how_long: how_long.clone(),
                requires: Some(ConsentKey::ShareScores),
            },
            ConsentItem {
                key: ConsentKey::ContactMe,
                label: t("De arbeidsdeskundige mag contact met mij opnemen", "The labour expert may contact me"),
                what: t(
                    "Je naam en de contactgegevens die je hierna invult.",
                    "Your name and the contact details you fill in next.",
                ),
                with_whom: experts_only,
                why: t(
                    "Zo kan de arbeidsdeskundige je bellen of mailen om een gesprek af te spreken.",
                    "So the labour expert can call or e-mail you to arrange a conversation.",
                ),
                how_long: how_long.clone(),
                requires: None,
            },
            ConsentItem {
                key: ConsentKey::GroupFigures,
                label: t(
                    "Tel mijn uitkomst zonder naam mee in de groepscijfers (gezondheidsgegevens)",
                    "Count my result, without my name, in the group figures (health data)",
                ),
                what: t(
                    "Alleen je scores per thema, de groep waarin je werkvermogen valt (zoals 'goed') en je afdeling als je die koos. Zonder naam, zonder antwoorden en zonder je precieze werkvermogenscore.",
                    "Only your scores per theme, the band your work ability falls in (such as 'good') and your department if you chose one. Without your name, without your answers and without your exact work ability score.",
                ),
                with_whom: t(
                    "Je werkgever ziet alleen cijfers over groepen van minstens {k} mensen. Nooit je eigen uitkomst.",
                    "Your employer only sees figures about groups of at least {k} people. Never your own result.",
                ),
                why: t(
                    "Zo ziet je werkgever wat er in de groep speelt, en kan hij het werk voor iedereen beter maken.",
                    "So your employer sees what is going on in the group, and can make work better for everyone.",
                ),
                how_long,
                requires: None,
            },
        ],
        nothing_label: t("Niets delen", "Share nothing"),
        nothing: t(
            "Er gaat niets van deze telefoon af. Je uitkomst blijft alleen voor jou. Niemand ziet dat je de scan hebt gedaan.",
            "Nothing leaves this phone. Your result is for you alone. Nobody sees that you took the scan.",
        ),
        group_note: t(
            "Groepscijfers tonen we alleen als minstens {k} mensen meedoen. Zo is niemand in de cijfers te herkennen.",
            "Group figures are only shown when at least {k} people take part. That way nobody can be recognised in the figures.",
        ),
        retention: t(
            "We bewaren alles wat je deelt tot en met {delete_after}. Daarna wissen we het vanzelf.",
            "We keep everything you share until {delete_after}. Then we delete it automatically.",
        ),
        purpose: t(
            "Wat je deelt, gebruiken we alleen om je te helpen met je werk. Nooit om je te beoordelen, en nooit voor besluiten over ziekteverzuim of over je contract. Je werkgever hoort niet of je iets hebt gedeeld. Niets delen heeft geen gevolgen voor je werk.",
            "What you share is used only to help you with your work. Never to judge you, and never for decisions about sick leave or about your contract. Your employer does not learn whether you shared anything. Sharing nothing has no consequences for your work.",
        ),
        health_data: t(
            "Je uitkomst gaat over je gezondheid. Dat zijn gezondheidsgegevens: de wet beschermt ze extra. We gebruiken ze alleen met je uitdrukkelijke toestemming: als jij hierboven iets aanvinkt.",
            "Your result is about your health. That is health data: the law gives it extra protection. We use it only with your explicit consent: when you tick something above.",
        ),
        controller: t(
            "{controller} is verantwoordelijk voor wat je deelt. Dat heet de verwerkingsverantwoordelijke: zij bepalen wat er met je gegevens gebeurt, en zij moeten zich aan de privacywet houden. Je werkgever is dat niet. Wie deze website technisch beheert, werkt alleen in opdracht van {controller}.",
            "{controller} is responsible for what you share. This is called the controller: they decide what happens with your data, and they must keep to the privacy law. Your employer is not. Whoever runs this website technically works only on behalf of {controller}.",
        ),
        controller_contact: t("Je bereikt hen via {controller_contact}.", "You can reach them at {controller_contact}."),
        privacy_officer: t(
            "Een vraag over je privacy? Dan kun je terecht bij {privacy_officer}, via {privacy_officer_contact}. Dat is de functionaris gegevensbescherming: iemand die erop let dat {controller} goed met je gegevens omgaat.",
            "A question about your privacy? Then you can turn to {privacy_officer}, at {privacy_officer_contact}. That is the data protection officer: someone who makes sure {controller} handles your data properly.",
        ),
        rights: t(
            "Je hebt deze rechten, en je vraagt ze aan {controller}. Je mag zien wat er van je is bewaard en er een kopie van krijgen: onder 'Mijn gegevens' kan dat ook zelf, met je intrekcode. Je mag het laten verbeteren of laten wissen. Je mag vragen het even niet te gebruiken (beperken). Je mag het als bestand meenemen naar een ander. En je mag bezwaar maken tegen hoe het wordt gebruikt. Je kunt je toestemming altijd intrekken, zonder uitleg. Ben je het niet eens met hoe er met je gegevens wordt omgegaan? Dan kun je een klacht indienen bij de Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).",
            "You have these rights, and you ask {controller} for them. You may see what is kept about you and get a copy: under 'My data' you can also do that yourself, with your withdrawal code. You may have it corrected or deleted. You may ask for it not to be used for a while (restriction). You may take it with you as a file to someone else. And you may object to how it is used. You can withdraw your consent at any time, without giving a reason. If you disagree with how your data are handled, you can complain to the Dutch Data Protection Authority (Autoriteit Persoonsgegevens, autoriteitpersoonsgegevens.nl).",
        ),
        withdrawal: t(
            "Je kunt altijd van gedachten veranderen. Na het delen krijg je een intrekcode. Daarmee trek je je toestemming in, ook vanaf een ander apparaat. Vanaf dat moment wissen we alles wat je deelde: je uitkomst, je antwoorden, je contactgegevens en wat de arbeidsdeskundige erover schreef. Groepscijfers die al zijn gepubliceerd, blijven zoals ze zijn. Daarin staat niets dat naar jou wijst. Een afspraak die je hebt gemaakt, blijft staan tot je die zelf afzegt.",
            "You can always change your mind. After sharing you get a withdrawal code. With it you withdraw your consent, also from another device. From that moment we delete everything you shared: your result, your answers, your contact details and what the labour expert wrote about it. Group figures that were already published stay as they are. Nothing in them points to you. An appointment you made stays until you cancel it yourself.",
        ),
    }
}

/// The canonical JSON of [`consent_document`], the input of [`CONSENT_VERSION`].
///
/// Struct fields serialise in declaration order and there are no maps, so this is stable.
#[cfg(feature = "serde")]
pub fn canonical_json() -> Vec<u8> {
    serde_json::to_vec(&consent_document()).expect("the consent document always serialises")
}

/// Recomputes the version from the text (SHA-256 hex of [`canonical_json`]). Only with the
/// `authoring` feature, so that the browser never needs hashing code; tests compare it with
/// [`CONSENT_VERSION`].
#[cfg(feature = "authoring")]
pub fn computed_version() -> String {
    crate::authoring::sha256_hex(&canonical_json())
}
