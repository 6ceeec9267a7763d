//! Text in the two languages every definition carries.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// A language the app speaks. Dutch comes first: it is the default everywhere.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Lang {
    /// Nederlands (default).
    #[default]
    Nl,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag, for `lang` attributes and storage.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// The other of the two languages: what a language button switches to.
    pub fn other(self) -> Lang {
        match self {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        }
    }

    /// Parses a tag such as `nl`, `en` or `en-GB`; anything else is `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A text in Dutch and English. Both are required; the validator reports a missing one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Text {
    /// Dutch, at B1 level.
    #[cfg_attr(feature = "serde", serde(default))]
    pub nl: String,
    /// English.
    #[cfg_attr(feature = "serde", serde(default))]
    pub en: String,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        }
    }

    /// Builds a text from both translations.
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Text {
        Text { nl: nl.into(), en: en.into() }
    }

    /// The languages whose translation is empty.
    pub fn missing(&self) -> Vec<Lang> {
        [Lang::Nl, Lang::En].into_iter().filter(|lang| self.get(*lang).trim().is_empty()).collect()
    }
}

/// A character that typed text may not contain: control characters (NUL, ESC, DEL, the C1 range)
/// and the Unicode controls that reorder how text is displayed (bidirectional embeddings,
/// overrides and isolates), which can make what an arbeidsdeskundige reads differ from what was
/// stored. Tabs and line breaks are allowed where `multiline` is true. The first offending
/// character, if any.
pub fn forbidden_character(text: &str, multiline: bool) -> Option<char> {
    text.chars().find(|&c| {
        let line_break = matches!(c, '\n' | '\r' | '\t');
        (c.is_control() && !(multiline && line_break)) || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

/// The text without the characters [`forbidden_character`] refuses, for typed or pasted text
/// that would otherwise be refused later, when it is shared.
pub fn without_forbidden_characters(text: &str, multiline: bool) -> String {
    text.chars().filter(|c| forbidden_character(c.encode_utf8(&mut [0; 4]), multiline).is_none()).collect()
}
