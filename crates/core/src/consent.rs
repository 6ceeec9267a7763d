//! The consent a person gives before anything leaves the phone: the text they read, and the
//! choices they make.
//!
//! The text is data, not markup in the app, so that the exact wording a person agreed to can be
//! identified by a version (its content hash) and stored with what was shared. Every choice says
//! what is shared, with whom, why and for how long. None is pre-ticked, and "Niets delen" is an
//! equal choice, not a missing one.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::text::Text;

/// SHA-256 (hex) of the canonical JSON of [`consent_document`] (both languages).
///
/// A constant rather than computed at run time so that the browser needs no hashing code. The
/// core's integration tests recompute it (with the `authoring` feature's SHA-256) and fail when
/// a text changed without this constant, so the version always is the content hash.
pub const CONSENT_VERSION: &str = "ec19db32b66fb89a07027419bdf6946801f068e1becc12e8be88204ef8ce1087";

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
    /// (d) Count my result anonymously in my employer's group figures.
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
    /// (d) Count my result anonymously in the group figures.
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

/// The complete consent text, in Dutch and English.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ConsentDocument {
    /// Heading of the consent step.
    pub title: Text,
    /// What this step is about, before the choices.
    pub intro: Text,
    /// The four choices, in the order shown.
    pub items: Vec<ConsentItem>,
    /// The label of the "Niets delen" choice.
    pub nothing_label: Text,
    /// What "Niets delen" means.
    pub nothing: Text,
    /// Shown with choice (d): why the employer never sees a person.
    pub group_note: Text,
    /// How to take consent back, and what happens then.
    pub withdrawal: Text,
}

impl ConsentDocument {
    /// The text of one choice.
    pub fn item(&self, key: ConsentKey) -> Option<&ConsentItem> {
        self.items.iter().find(|item| item.key == key)
    }
}

fn t(nl: &str, en: &str) -> Text {
    Text::new(nl, en)
}

/// The consent text of this version of Werkscan. Its version is [`CONSENT_VERSION`].
pub fn consent_document() -> ConsentDocument {
    let how_long = t(
        "Tot de bewaartermijn van deze campagne voorbij is. Daarna wissen we het vanzelf. U kunt het ook eerder laten wissen.",
        "Until this campaign's retention period ends. Then it is deleted automatically. You can also have it deleted earlier.",
    );
    ConsentDocument {
        title: t("Wat wilt u delen?", "What would you like to share?"),
        intro: t(
            "Uw uitslag staat nu alleen op deze telefoon. U kiest zelf of u iets deelt, en wat. Niets is al aangevinkt. Deelt u niets, dan blijft alles hier. Dat is net zo goed.",
            "Your result is only on this phone now. You decide whether you share anything, and what. Nothing is ticked yet. If you share nothing, everything stays here. That is just as fine.",
        ),
        items: vec![
            ConsentItem {
                key: ConsentKey::ShareScores,
                label: t(
                    "Deel mijn uitslag met de arbeidsdeskundige van deze campagne",
                    "Share my result with this campaign's labour expert (arbeidsdeskundige)",
                ),
                what: t(
                    "Uw scores per thema en de signalen uit uw uitslag. Niet uw antwoorden.",
                    "Your scores per theme and the signals in your result. Not your answers.",
                ),
                with_whom: t(
                    "Alleen met de arbeidsdeskundige(n) van deze campagne. Niet met uw werkgever.",
                    "Only with this campaign's labour expert(s). Not with your employer.",
                ),
                why: t(
                    "Zo kan de arbeidsdeskundige u een goed gesprek aanbieden en meedenken over wat helpt.",
                    "So the labour expert can offer you a good conversation and think along about what helps.",
                ),
                how_long: how_long.clone(),
                requires: None,
            },
            ConsentItem {
                key: ConsentKey::ShareAnswers,
                label: t("Deel ook mijn antwoorden", "Also share my answers"),
                what: t(
                    "Uw antwoord op elke vraag, ook wat u zelf hebt geschreven.",
                    "Your answer to every question, including what you wrote yourself.",
                ),
                with_whom: t(
                    "Alleen met de arbeidsdeskundige(n) van deze campagne. Niet met uw werkgever.",
                    "Only with this campaign's labour expert(s). Not with your employer.",
                ),
                why: t(
                    "Zo kan de arbeidsdeskundige het gesprek beter voorbereiden. Dit kan alleen als u ook uw uitslag deelt.",
                    "So the labour expert can prepare the conversation better. This is only possible if you also share your result.",
                ),
                how_long: how_long.clone(),
                requires: Some(ConsentKey::ShareScores),
            },
            ConsentItem {
                key: ConsentKey::ContactMe,
                label: t(
                    "De arbeidsdeskundige mag contact met mij opnemen",
                    "The labour expert may contact me",
                ),
                what: t(
                    "Uw naam en de contactgegevens die u hierna invult.",
                    "Your name and the contact details you fill in next.",
                ),
                with_whom: t(
                    "Alleen met de arbeidsdeskundige(n) van deze campagne. Niet met uw werkgever.",
                    "Only with this campaign's labour expert(s). Not with your employer.",
                ),
                why: t(
                    "Zo kan de arbeidsdeskundige u bellen of mailen om een gesprek af te spreken, als u dat wilt.",
                    "So the labour expert can call or email you to arrange a conversation, if you want that.",
                ),
                how_long,
                requires: None,
            },
            ConsentItem {
                key: ConsentKey::GroupFigures,
                label: t(
                    "Tel mijn uitslag anoniem mee in de cijfers voor de hele groep",
                    "Count my result anonymously in the figures for the whole group",
                ),
                what: t(
                    "Uw scores, zonder naam en zonder antwoorden, samen met die van collega's.",
                    "Your scores, without your name and without your answers, together with those of colleagues.",
                ),
                with_whom: t(
                    "Uw werkgever ziet alleen cijfers over de hele groep of afdeling. Nooit uw eigen uitslag.",
                    "Your employer only sees figures about the whole group or department. Never your own result.",
                ),
                why: t(
                    "Zo ziet uw werkgever wat er in de groep speelt en kan hij het werk voor iedereen beter maken.",
                    "So your employer sees what is going on in the group and can make work better for everyone.",
                ),
                how_long: t(
                    "Tot de bewaartermijn van deze campagne voorbij is. Daarna wissen we uw uitslag vanzelf.",
                    "Until this campaign's retention period ends. Then your result is deleted automatically.",
                ),
                requires: None,
            },
        ],
        nothing_label: t("Niets delen", "Share nothing"),
        nothing: t(
            "Er gaat niets van deze telefoon af. Uw uitslag blijft alleen voor u. Niemand ziet dat u de scan hebt gedaan.",
            "Nothing leaves this phone. Your result is for you alone. Nobody sees that you took the scan.",
        ),
        group_note: t(
            "Groepscijfers tonen we alleen als genoeg mensen meedoen (minstens het aantal dat bij de campagne staat). Zo is niemand in de cijfers te herkennen.",
            "Group figures are only shown when enough people take part (at least the number stated with the campaign). That way nobody can be recognised in the figures.",
        ),
        withdrawal: t(
            "U kunt altijd van gedachten veranderen. Na het delen bewaart deze telefoon een bewijs. Daarmee kunt u alles wat u deelde laten wissen, zonder uitleg. Dan wissen we het meteen en helemaal.",
            "You can always change your mind. After sharing, this phone keeps a receipt. With it you can have everything you shared deleted, without giving a reason. We then delete it at once and completely.",
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
