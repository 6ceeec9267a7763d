//! Group figures as the employer reads them: the bars of a distribution (geometry and words),
//! numbers without false precision, what a change means, and the sentences that say why a group
//! or theme is not shown. The numbers themselves come only from a stored, published release; the
//! console computes nothing but how to draw them.

use werkscan_core::Lang;

use crate::api::{BandCount, Group, GroupMeasure, Measure};

/// One band's part of a bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    /// Band key.
    pub band: String,
    /// `attention`, `watch` or `good` (for the colour and icon).
    pub signal: String,
    /// How many people.
    pub count: i64,
    /// Where it starts, in percent of the bar.
    pub start: f64,
    /// Its width, in percent of the bar.
    pub width: f64,
}

/// The segments of a distribution, in the measure's band order; empty without people.
pub fn segments(measure: &Measure, distribution: &[BandCount]) -> Vec<Segment> {
    let total: i64 = distribution.iter().map(|count| count.count).sum();
    if total <= 0 {
        return Vec::new();
    }
    let mut start = 0.0;
    measure
        .bands
        .iter()
        .map(|band| {
            let count = distribution.iter().find(|count| count.band == band.key).map_or(0, |count| count.count);
            let width = 100.0 * count as f64 / total as f64;
            let segment = Segment { band: band.key.clone(), signal: band.signal.clone(), count, start, width };
            start += width;
            segment
        })
        .collect()
}

/// A whole percentage of a count, for words under a bar ("12 (13%)").
pub fn whole_percent(count: i64, total: i64) -> i64 {
    if total <= 0 {
        return 0;
    }
    ((100 * count) as f64 / total as f64).round() as i64
}

/// A number with one decimal in the language's way (`66,4` / `66.4`), whole numbers without.
pub fn one_decimal(value: f64, lang: Lang) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    let text = if rounded.fract() == 0.0 { format!("{rounded:.0}") } else { format!("{rounded:.1}") };
    match lang {
        Lang::Nl => text.replace('.', ","),
        Lang::En => text,
    }
}

/// A difference with its sign (`+5,2`, `−2,5`).
pub fn signed(value: f64, lang: Lang) -> String {
    let text = one_decimal(value.abs(), lang);
    if value > 0.0 {
        format!("+{text}")
    } else if value < 0.0 {
        format!("−{text}")
    } else {
        text
    }
}

/// What a change means, in words.
pub fn change_words(lang: Lang, change: &str) -> &'static str {
    match (change, lang) {
        ("higher", Lang::Nl) => "Gunstiger",
        ("lower", Lang::Nl) => "Minder gunstig",
        (_, Lang::Nl) => "Geen betekenisvol verschil",
        ("higher", Lang::En) => "More favourable",
        ("lower", Lang::En) => "Less favourable",
        (_, Lang::En) => "No meaningful change",
    }
}

/// A group's name: the department, "Hele organisatie" or "Afdeling niet genoemd".
pub fn group_name(lang: Lang, kind: &str, name: Option<&str>) -> String {
    match (kind, name, lang) {
        ("total", _, Lang::Nl) => "Hele organisatie".into(),
        ("total", _, Lang::En) => "Whole organisation".into(),
        ("no_department", _, Lang::Nl) => "Afdeling niet genoemd".into(),
        ("no_department", _, Lang::En) => "Department not given".into(),
        (_, Some(name), _) => name.to_owned(),
        (_, None, Lang::Nl) => "Afdeling".into(),
        (_, None, Lang::En) => "Department".into(),
    }
}

/// The measure of a group, if the release has it.
pub fn measure_of<'a>(group: &'a Group, score: &str) -> Option<&'a GroupMeasure> {
    group.measures.iter().find(|measure| measure.score == score)
}

/// The groups a release shows, organisation first; and how many it hides.
pub fn shown_groups(groups: &[Group]) -> (Vec<&Group>, usize) {
    let shown: Vec<&Group> = groups.iter().filter(|group| group.shown).collect();
    (shown.clone(), groups.len() - shown.len())
}

/// Why some groups are not shown. Deliberately one sentence for every hidden group: saying which
/// is "too small" and which is "hidden to protect another" would itself tell something.
pub fn hidden_groups_note(lang: Lang, hidden: usize, k: i64) -> Option<String> {
    if hidden == 0 {
        return None;
    }
    Some(match lang {
        Lang::Nl => format!(
            "{hidden} {} niet getoond. Een groep is alleen te zien als er minstens {k} mensen in zitten, en soms wordt een groep extra verborgen zodat niemand de cijfers van een kleine groep kan uitrekenen.",
            if hidden == 1 { "groep wordt" } else { "groepen worden" }
        ),
        Lang::En => format!(
            "{hidden} {} not shown. A group is shown only with at least {k} people in it, and sometimes another group is hidden as well, so that no one can work out a small group's figures.",
            if hidden == 1 { "group is" } else { "groups are" }
        ),
    })
}

/// Why a theme is not shown for a group that is shown.
pub fn hidden_measure_note(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "Niet getoond: iedereen in deze groep valt in dezelfde uitkomst, of het cijfer zou een verborgen groep verraden.",
        Lang::En => "Not shown: everyone in this group has the same outcome, or the figure would give away a hidden group.",
    }
}

/// The bar as words, for a screen reader and the table beside it ("Goed: 47 (53%)").
pub fn distribution_words(lang: Lang, measure: &Measure, distribution: &[BandCount]) -> String {
    let total: i64 = distribution.iter().map(|count| count.count).sum();
    measure
        .bands
        .iter()
        .map(|band| {
            let count = distribution.iter().find(|count| count.band == band.key).map_or(0, |count| count.count);
            format!("{}: {count} ({}%)", band.label.get(lang), whole_percent(count, total))
        })
        .collect::<Vec<_>>()
        .join("; ")
}
