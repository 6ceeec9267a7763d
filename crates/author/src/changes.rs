//! The differences between the version opened and the text in the editor, in words for the
//! author: what `werkscan_core::changes::compare` finds, per kind of element (questions first),
//! each added, removed or changed with what changed. A new kind of change in the core without
//! words here does not compile.

use werkscan_core::changes::{
    BandsChange, Changes, Entry, FlagChange, ItemChange, MetaChange, ScoreChange, SectionChange, Status,
};
use werkscan_core::model::{ItemType, Method};
use werkscan_core::report::format_number;
use werkscan_core::Lang;

fn pick(lang: Lang, nl: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// The kinds of element a definition has, in the order the author reads them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The questions.
    Item,
    /// The themes.
    Section,
    /// The scores.
    Score,
    /// The named band sets.
    Bands,
    /// The flags.
    Flag,
}

/// What happened to an element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    /// Only the text in the editor has it.
    Added,
    /// Only the version opened has it.
    Removed,
    /// Both have it, with changes.
    Changed,
}

/// One element that differs, in words.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Which kind of element.
    pub kind: Kind,
    /// Its id (a band set's name).
    pub id: String,
    /// Added, removed or changed.
    pub what: What,
    /// What changed, one phrase per change (empty when added or removed).
    pub details: Vec<String>,
    /// Whether a change makes the id mean something else (an item) or measure something else
    /// (a score): the id rule then asks for a new id, or for `comparable_with` to go.
    pub meaning: bool,
}

/// The kind's name, plural, for a heading.
pub fn kind_words(lang: Lang, kind: Kind) -> &'static str {
    match kind {
        Kind::Item => pick(lang, "Vragen", "Questions"),
        Kind::Section => pick(lang, "Thema's", "Themes"),
        Kind::Score => pick(lang, "Scores", "Scores"),
        Kind::Bands => pick(lang, "Indelingen in banden", "Band sets"),
        Kind::Flag => pick(lang, "Signalen", "Flags"),
    }
}

/// Added, removed or changed, in words.
pub fn what_words(lang: Lang, what: What) -> &'static str {
    match what {
        What::Added => pick(lang, "toegevoegd", "added"),
        What::Removed => pick(lang, "verwijderd", "removed"),
        What::Changed => pick(lang, "gewijzigd", "changed"),
    }
}

/// Every element that differs, questions first, then themes, scores, band sets and flags.
pub fn lines(lang: Lang, changes: &Changes) -> Vec<Line> {
    let mut out = Vec::new();
    push(&mut out, lang, Kind::Item, &changes.items, item_change, ItemChange::changes_meaning);
    push(&mut out, lang, Kind::Section, &changes.sections, section_change, |_| false);
    push(&mut out, lang, Kind::Score, &changes.scores, score_change, ScoreChange::changes_measure);
    push(&mut out, lang, Kind::Bands, &changes.bands, bands_change, |_| false);
    push(&mut out, lang, Kind::Flag, &changes.flags, flag_change, |_| false);
    out
}

fn push<K>(
    out: &mut Vec<Line>,
    lang: Lang,
    kind: Kind,
    entries: &[Entry<K>],
    words: fn(Lang, &K) -> String,
    meaning: fn(&K) -> bool,
) {
    for entry in entries {
        let (what, details, meaning) = match &entry.status {
            Status::Added => (What::Added, Vec::new(), false),
            Status::Removed => (What::Removed, Vec::new(), false),
            Status::Changed(changes) => {
                (What::Changed, changes.iter().map(|change| words(lang, change)).collect(), changes.iter().any(meaning))
            }
        };
        out.push(Line { kind, id: entry.id.clone(), what, details, meaning });
    }
}

/// The changes to the questionnaire's own fields, one phrase each.
pub fn questionnaire_lines(lang: Lang, changes: &Changes) -> Vec<String> {
    changes.questionnaire.iter().map(|change| meta_change(lang, change)).collect()
}

/// A language's name.
fn language(lang: Lang, of: Lang) -> &'static str {
    match of {
        Lang::Nl => pick(lang, "Nederlands", "Dutch"),
        Lang::En => pick(lang, "Engels", "English"),
    }
}

fn reworded(lang: Lang, what_nl: &str, what_en: &str, of: Lang) -> String {
    match lang {
        Lang::Nl => format!("{what_nl} anders verwoord ({})", language(lang, of)),
        Lang::En => format!("{what_en} reworded ({})", language(lang, of)),
    }
}

fn number(lang: Lang, value: f64) -> String {
    format_number(value, lang)
}

fn optional_number(lang: Lang, value: Option<f64>) -> String {
    value.map_or_else(|| pick(lang, "geen waarde", "no value").to_owned(), |value| number(lang, value))
}

fn list(ids: &[String]) -> String {
    ids.join(", ")
}

fn type_words(lang: Lang, kind: ItemType) -> &'static str {
    match kind {
        ItemType::Likert => pick(lang, "schaal", "scale"),
        ItemType::Single => pick(lang, "één keuze", "single choice"),
        ItemType::Multiple => pick(lang, "meer keuzes", "multiple choice"),
        ItemType::Number => pick(lang, "getal", "number"),
        ItemType::Matrix => pick(lang, "tabel", "matrix"),
        ItemType::Text => pick(lang, "vrije tekst", "free text"),
    }
}

fn method_words(lang: Lang, method: Method) -> &'static str {
    match method {
        Method::Value => pick(lang, "waarde", "value"),
        Method::Sum => pick(lang, "som", "sum"),
        Method::Mean => pick(lang, "gemiddelde", "mean"),
        Method::Lowest => pick(lang, "laagste", "lowest"),
        Method::Count => pick(lang, "aantal", "count"),
        Method::Weighted => pick(lang, "gewogen", "weighted"),
        Method::Total => pick(lang, "totaal", "total"),
    }
}

/// A change to a question, in words.
pub fn item_change(lang: Lang, change: &ItemChange) -> String {
    match change {
        ItemChange::Text(of) => reworded(lang, "Vraag", "Question", *of),
        ItemChange::Help(of) => reworded(lang, "Uitleg", "Help", *of),
        ItemChange::Labels(of) => reworded(lang, "Antwoorden", "Answer labels", *of),
        ItemChange::Kind { was, now } => {
            format!("{} {} → {}", pick(lang, "Soort vraag:", "Type:"), type_words(lang, *was), type_words(lang, *now))
        }
        ItemChange::OptionAdded { key } => {
            format!("{} \"{key}\" {}", pick(lang, "Antwoord", "Option"), pick(lang, "toegevoegd", "added"))
        }
        ItemChange::OptionRemoved { key } => {
            format!("{} \"{key}\" {}", pick(lang, "Antwoord", "Option"), pick(lang, "verwijderd", "removed"))
        }
        ItemChange::OptionValue { key, was, now } => format!(
            "{} \"{key}\" {} {}, {} {}",
            pick(lang, "Antwoord", "Option"),
            pick(lang, "telt nu", "now counts"),
            optional_number(lang, *now),
            pick(lang, "was", "was"),
            optional_number(lang, *was)
        ),
        ItemChange::OptionsReordered => {
            pick(lang, "Antwoorden in een andere volgorde", "Options in another order").to_owned()
        }
        ItemChange::Exclusive { key, now: true } => {
            format!(
                "{} \"{key}\" {}",
                pick(lang, "Antwoord", "Option"),
                pick(lang, "sluit nu de andere uit", "now excludes the others")
            )
        }
        ItemChange::Exclusive { key, now: false } => format!(
            "{} \"{key}\" {}",
            pick(lang, "Antwoord", "Option"),
            pick(lang, "sluit de andere niet meer uit", "no longer excludes the others")
        ),
        ItemChange::Scale { was, now } => {
            let name = |scale: &Option<String>| match scale {
                Some(scale) => format!("{} \"{scale}\"", pick(lang, "schaal", "scale")),
                None => pick(lang, "eigen antwoorden", "its own options").to_owned(),
            };
            format!(
                "{} {}, {} {}",
                pick(lang, "Gebruikt nu", "Now uses"),
                name(now),
                pick(lang, "was", "was"),
                name(was)
            )
        }
        ItemChange::Range { was, now } => {
            let end = |end: &Option<i64>| end.map_or_else(|| "?".to_owned(), |end| end.to_string());
            let range = |(low, high): &(Option<i64>, Option<i64>)| {
                format!("{} {} {}", end(low), pick(lang, "tot en met", "to"), end(high))
            };
            format!(
                "{} {}, {} {}",
                pick(lang, "Antwoorden van", "Answers from"),
                range(now),
                pick(lang, "was", "was"),
                range(was)
            )
        }
        ItemChange::RowAdded { key } => {
            format!("{} \"{key}\" {}", pick(lang, "Rij", "Row"), pick(lang, "toegevoegd", "added"))
        }
        ItemChange::RowRemoved { key } => {
            format!("{} \"{key}\" {}", pick(lang, "Rij", "Row"), pick(lang, "verwijderd", "removed"))
        }
        ItemChange::RowsReordered => pick(lang, "Rijen in een andere volgorde", "Rows in another order").to_owned(),
        ItemChange::Reverse { now: true } => pick(lang, "Telt nu omgekeerd", "Now reverse-coded").to_owned(),
        ItemChange::Reverse { now: false } => {
            pick(lang, "Telt niet meer omgekeerd", "No longer reverse-coded").to_owned()
        }
        ItemChange::Weight { was, now } => format!(
            "{} {}, {} {}",
            pick(lang, "Gewicht", "Weight"),
            number(lang, *now),
            pick(lang, "was", "was"),
            number(lang, *was)
        ),
        ItemChange::Scores { joined, left } => {
            let mut parts = Vec::new();
            if !joined.is_empty() {
                parts.push(format!("{} {}", pick(lang, "Telt nu mee in", "Now counts in"), list(joined)));
            }
            if !left.is_empty() {
                parts.push(format!("{} {}", pick(lang, "telt niet meer mee in", "no longer counts in"), list(left)));
            }
            parts.join("; ")
        }
        ItemChange::Section { was, now } => {
            format!(
                "{} \"{was}\" {} \"{now}\"",
                pick(lang, "Verplaatst van thema", "Moved from theme"),
                pick(lang, "naar", "to")
            )
        }
        ItemChange::Optional { now: true } => pick(lang, "Mag nu overgeslagen worden", "May now be skipped").to_owned(),
        ItemChange::Optional { now: false } => {
            pick(lang, "Mag niet meer overgeslagen worden", "May no longer be skipped").to_owned()
        }
        ItemChange::Condition { was: None, now: Some(_) } => {
            pick(lang, "Alleen nog getoond onder een voorwaarde", "Now shown only under a condition").to_owned()
        }
        ItemChange::Condition { was: Some(_), now: None } => {
            pick(lang, "Nu altijd getoond", "Now always shown").to_owned()
        }
        ItemChange::Condition { .. } => {
            pick(lang, "Getoond onder een andere voorwaarde", "Shown under another condition").to_owned()
        }
    }
}

/// A change to a theme, in words.
pub fn section_change(lang: Lang, change: &SectionChange) -> String {
    match change {
        SectionChange::Title(of) => reworded(lang, "Titel", "Title", *of),
        SectionChange::Intro(of) => reworded(lang, "Inleiding", "Introduction", *of),
        SectionChange::Order => pick(lang, "Vragen in een andere volgorde", "Questions in another order").to_owned(),
    }
}

/// A change to a score, in words.
pub fn score_change(lang: Lang, change: &ScoreChange) -> String {
    match change {
        ScoreChange::Label(of) => reworded(lang, "Naam", "Name", *of),
        ScoreChange::Note(of) => reworded(lang, "Toelichting", "Note", *of),
        ScoreChange::Advice(of) => reworded(lang, "Advies", "Advice", *of),
        ScoreChange::EmployerAdvice(of) => reworded(lang, "Advies voor werkgevers", "Advice for employers", *of),
        ScoreChange::Reads { added, removed } => {
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(format!("{} {}", pick(lang, "Leest nu ook", "Now also reads"), list(added)));
            }
            if !removed.is_empty() {
                parts.push(format!("{} {}", pick(lang, "leest niet meer", "no longer reads"), list(removed)));
            }
            parts.join("; ")
        }
        ScoreChange::Input { id } => format!("\"{id}\" {}", pick(lang, "telt anders mee", "counts differently")),
        ScoreChange::Method { was, now } => format!(
            "{} {} → {}",
            pick(lang, "Berekening:", "Method:"),
            method_words(lang, *was),
            method_words(lang, *now)
        ),
        ScoreChange::Rule => pick(lang, "De rekenregel is anders", "Its rule changed").to_owned(),
        ScoreChange::Range { was, now } => format!(
            "{} {} {} {}, {} {} {} {}",
            pick(lang, "Bereik", "Range"),
            number(lang, now.0),
            pick(lang, "tot", "to"),
            number(lang, now.1),
            pick(lang, "was", "was"),
            number(lang, was.0),
            pick(lang, "tot", "to"),
            number(lang, was.1)
        ),
        ScoreChange::Bands => {
            pick(lang, "Andere banden (sleutels, grenzen of signalen)", "Other bands (keys, bounds or signals)")
                .to_owned()
        }
        ScoreChange::Shown => pick(lang, "Anders of aan anderen getoond", "Shown elsewhere or to others").to_owned(),
        ScoreChange::ComparableWith { was, now } => format!(
            "{} [{}], {} [{}]",
            pick(lang, "Vergelijkbaar met", "Comparable with"),
            list(now),
            pick(lang, "was", "was"),
            list(was)
        ),
    }
}

/// A change to a band set, in words.
pub fn bands_change(lang: Lang, change: &BandsChange) -> String {
    match change {
        BandsChange::Levels => {
            pick(lang, "Sleutels, grenzen of signalen anders", "Keys, bounds or signals changed").to_owned()
        }
        BandsChange::Words(of) => reworded(lang, "Teksten", "Texts", *of),
    }
}

/// A change to a flag, in words.
pub fn flag_change(lang: Lang, change: &FlagChange) -> String {
    match change {
        FlagChange::Text(of) => reworded(lang, "Tekst", "Text", *of),
        FlagChange::Condition => pick(lang, "Onder een andere voorwaarde", "Under another condition").to_owned(),
    }
}

/// A change to the questionnaire's own fields, in words.
pub fn meta_change(lang: Lang, change: &MetaChange) -> String {
    match change {
        MetaChange::Id { was, now } => format!("{} \"{was}\" → \"{now}\"", pick(lang, "Id", "Id")),
        MetaChange::Version { was, now } => format!("{} {was} → {now}", pick(lang, "Versie", "Version")),
        MetaChange::Title(of) => reworded(lang, "Titel", "Title", *of),
        MetaChange::Description(of) => reworded(lang, "Beschrijving", "Description", *of),
        MetaChange::Minutes { was, now } => format!("{} {was} → {now}", pick(lang, "Minuten", "Minutes")),
        MetaChange::Provenance(of) => reworded(lang, "Herkomst", "Provenance", *of),
        MetaChange::Licence(of) => reworded(lang, "Licentie", "Licence", *of),
    }
}
