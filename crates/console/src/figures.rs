//! Group figures as the employer reads them: the heatmap of themes × groups (the band of each
//! shown mean, with the norm and the trend beside it), "waar beginnen", the action plan grouped
//! per theme, the bars of a distribution (geometry and words), numbers without false precision,
//! what a change means, and the sentences that say why a group or theme is not shown. The
//! numbers themselves come only from a stored, published release; the console computes nothing
//! but how to draw them (a band is looked up, a difference from the norm is one subtraction of
//! two published means).

use chrono::NaiveDate;
use werkscan_api::error::FieldError;
use werkscan_api::expert::StrongestSignal;
use werkscan_api::figures::{
    BandCount, BandInfo, Change, GroupFigures, GroupKind, Measure, MeasureFigures, MeasureKind, Norm, StartHere, Trend,
    TrendMeasure,
};
use werkscan_api::plan::{NewPlanAction, PlanAction, PlanActionChange};
use werkscan_api::releases::Dashboard;
use werkscan_core::model::Signal;
use werkscan_core::Lang;

use crate::api::ApiError;

/// One band's part of a bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    /// Band key.
    pub band: String,
    /// Its signal (for the colour and icon).
    pub signal: Signal,
    /// How many people.
    pub count: u64,
    /// Where it starts, in percent of the bar.
    pub start: f64,
    /// Its width, in percent of the bar.
    pub width: f64,
}

/// The segments of a distribution, in the measure's band order; empty without people.
pub fn segments(measure: &Measure, distribution: &[BandCount]) -> Vec<Segment> {
    let total: u64 = distribution.iter().map(|count| count.count).sum();
    if total == 0 {
        return Vec::new();
    }
    let mut start = 0.0;
    measure
        .bands
        .iter()
        .map(|band| {
            let count = distribution.iter().find(|count| count.band == band.key).map_or(0, |count| count.count);
            let width = 100.0 * count as f64 / total as f64;
            let segment = Segment { band: band.key.clone(), signal: band.signal, count, start, width };
            start += width;
            segment
        })
        .collect()
}

/// A whole percentage of a count, for words under a bar ("12 (13%)").
pub fn whole_percent(count: u64, total: u64) -> u64 {
    if total == 0 {
        return 0;
    }
    ((100 * count) as f64 / total as f64).round() as u64
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

/// What a change means, in words (the CSV's words first: `hoger`, `lower`, `geen duidelijke
/// verandering`; higher theme scores are more favourable).
pub fn change_words(lang: Lang, change: Change) -> &'static str {
    match (change, lang) {
        (Change::Higher, Lang::Nl) => "Hoger (gunstiger)",
        (Change::Lower, Lang::Nl) => "Lager (minder gunstig)",
        (Change::NoClearChange, Lang::Nl) => "Geen duidelijke verandering",
        (Change::Higher, Lang::En) => "Higher (more favourable)",
        (Change::Lower, Lang::En) => "Lower (less favourable)",
        (Change::NoClearChange, Lang::En) => "No clear change",
    }
}

/// The icon of a signal, so that colour is never the only carrier.
pub fn signal_icon(signal: Signal) -> &'static str {
    match signal {
        Signal::Attention => "◆",
        Signal::Watch => "!",
        Signal::Good => "✓",
    }
}

/// A group's name: the department, "Hele organisatie" or "Afdeling niet genoemd".
pub fn group_name(lang: Lang, kind: GroupKind, name: Option<&str>) -> String {
    match (kind, name, lang) {
        (GroupKind::Total, _, Lang::Nl) => "Hele organisatie".into(),
        (GroupKind::Total, _, Lang::En) => "Whole organisation".into(),
        (GroupKind::NoDepartment, _, Lang::Nl) => "Afdeling niet genoemd".into(),
        (GroupKind::NoDepartment, _, Lang::En) => "Department not given".into(),
        (GroupKind::Department, Some(name), _) => name.to_owned(),
        (GroupKind::Department, None, Lang::Nl) => "Afdeling".into(),
        (GroupKind::Department, None, Lang::En) => "Department".into(),
    }
}

/// The measure of a group, if the release shows the group (shown or not for the measure).
pub fn measure_of<'a>(group: &'a GroupFigures, score: &str) -> Option<&'a MeasureFigures> {
    group.figures.as_ref()?.measures.iter().find(|measure| measure.score == score)
}

/// The groups a release shows, organisation first; and how many it hides.
pub fn shown_groups(groups: &[GroupFigures]) -> (Vec<&GroupFigures>, usize) {
    let shown: Vec<&GroupFigures> = groups.iter().filter(|group| group.shown).collect();
    (shown.clone(), groups.len() - shown.len())
}

/// Names as a list in words: "Zorg", "Directie en Staf", "Directie, Staf en Zorg".
pub fn names_in_words(lang: Lang, names: &[String]) -> String {
    let and = match lang {
        Lang::Nl => "en",
        Lang::En => "and",
    };
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [first @ .., last] => format!("{} {and} {last}", first.join(", ")),
    }
}

/// Why some groups are not shown: the hidden groups named together in one line. Deliberately
/// one sentence for all of them: saying which is too small and which is hidden to protect
/// another would itself tell something.
pub fn hidden_groups_note(lang: Lang, groups: &[GroupFigures], k: i64) -> Option<String> {
    let names: Vec<String> = groups
        .iter()
        .filter(|group| !group.shown)
        .map(|group| group_name(lang, group.kind, group.name.as_deref()))
        .collect();
    if names.is_empty() {
        return None;
    }
    let list = names_in_words(lang, &names);
    Some(match (lang, names.len()) {
        (Lang::Nl, 1) => format!("{list}: te klein om te tonen. Een groep is alleen te zien met minstens {k} mensen."),
        (Lang::Nl, _) => format!(
            "{list}: samen te klein om te tonen. Een groep is alleen te zien met minstens {k} mensen, en soms blijft een groep extra verborgen, zodat niemand de cijfers van een kleine groep kan uitrekenen."
        ),
        (Lang::En, 1) => format!("{list}: too small to show. A group is shown only with at least {k} people."),
        (Lang::En, _) => format!(
            "{list}: together too small to show. A group is shown only with at least {k} people, and sometimes another group stays hidden as well, so that no one can work out a small group's figures."
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
    let total: u64 = distribution.iter().map(|count| count.count).sum();
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

// --- The heatmap ------------------------------------------------------------------------------

/// The band a mean falls in: the last band whose `from` is at most the mean. `None` when the
/// server did not say where the bands start.
pub fn band_of(measure: &Measure, mean: f64) -> Option<&BandInfo> {
    if measure.bands.iter().any(|band| band.from.is_none()) {
        return None;
    }
    measure.bands.iter().rfind(|band| band.from.is_some_and(|from| from <= mean))
}

/// A shown mean of one group and theme, with what it is compared with.
#[derive(Clone, Debug, PartialEq)]
pub struct CellFigures {
    /// The group's mean.
    pub mean: f64,
    /// Its band.
    pub band: Option<BandInfo>,
    /// People with a value.
    pub respondents: u64,
    /// The mean minus the mean at other organisations, where there is a norm for the theme.
    pub norm_difference: Option<f64>,
    /// The change since the previous campaign, where the group and theme are in both.
    pub trend: Option<TrendMeasure>,
}

/// A cell of the heatmap.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Shown.
    Shown(CellFigures),
    /// Not shown for this group (everyone in one band, or it would give a hidden group away).
    Hidden,
}

/// A theme's row of the heatmap: one cell per shown group, in the order of the columns.
#[derive(Clone, Debug, PartialEq)]
pub struct HeatRow {
    /// The theme.
    pub measure: Measure,
    /// Per column.
    pub cells: Vec<Cell>,
}

/// Themes × shown groups: the organisation first, then the departments as the release orders
/// them.
#[derive(Clone, Debug, PartialEq)]
pub struct Heatmap {
    /// The shown groups.
    pub columns: Vec<GroupFigures>,
    /// One row per theme (headline measures have no mean and stay in the details).
    pub rows: Vec<HeatRow>,
}

/// The trend of a group and theme, if the trend has it.
pub fn trend_of<'a>(trend: Option<&'a Trend>, group: &GroupFigures, score: &str) -> Option<&'a TrendMeasure> {
    trend?
        .groups
        .iter()
        .find(|other| other.kind == group.kind && other.name == group.name)?
        .measures
        .iter()
        .find(|measure| measure.score == score)
}

/// The heatmap of a dashboard.
pub fn heatmap(dashboard: &Dashboard) -> Heatmap {
    let (shown, _) = shown_groups(&dashboard.figures.groups);
    let columns: Vec<GroupFigures> = shown.into_iter().cloned().collect();
    let norm_mean = |score: &str| dashboard.norm.as_ref()?.measures.iter().find(|measure| measure.score == score)?.mean;
    let rows = dashboard
        .figures
        .measures
        .iter()
        .filter(|measure| measure.kind == MeasureKind::Theme)
        .map(|measure| HeatRow {
            measure: measure.clone(),
            cells: columns
                .iter()
                .map(|group| {
                    match group.shown_measure(&measure.score).and_then(|figure| figure.mean.map(|mean| (figure, mean)))
                    {
                        Some((figure, mean)) => Cell::Shown(CellFigures {
                            mean,
                            band: band_of(measure, mean).cloned(),
                            respondents: figure.respondents,
                            norm_difference: norm_mean(&measure.score)
                                .map(|norm| ((mean - norm) * 10.0).round() / 10.0),
                            trend: trend_of(dashboard.trend.as_ref(), group, &measure.score).cloned(),
                        }),
                        None => Cell::Hidden,
                    }
                })
                .collect(),
        })
        .collect();
    Heatmap { columns, rows }
}

/// The difference from other organisations, in words for a cell ("Andere organisaties: +3").
pub fn norm_words(lang: Lang, difference: f64) -> String {
    match lang {
        Lang::Nl => format!("Andere organisaties: {}", signed(difference, lang)),
        Lang::En => format!("Other organisations: {}", signed(difference, lang)),
    }
}

/// The change since the previous campaign, in words for a cell
/// ("Vorige campagne: geen duidelijke verandering (−1)").
pub fn trend_words(lang: Lang, trend: &TrendMeasure) -> String {
    let words = change_words(lang, trend.change).to_lowercase();
    match lang {
        Lang::Nl => format!("Vorige campagne: {words} ({})", signed(trend.difference, lang)),
        Lang::En => format!("Previous campaign: {words} ({})", signed(trend.difference, lang)),
    }
}

/// How the trend is to be read: with which group it compares (not necessarily the same people)
/// and, in one plain sentence, when a difference counts as clear.
pub fn trend_explanation(lang: Lang, trend: &Trend) -> String {
    let previous = &trend.previous;
    let (start, end) =
        (crate::words::iso_day(lang, &previous.starts_on), crate::words::iso_day(lang, &previous.ends_on));
    match lang {
        Lang::Nl => format!(
            "Vergeleken met de groep van {} ({start} – {end}). Dat zijn niet per se dezelfde mensen. Een verschil heet pas duidelijk als het groter is dan wat twee groepen van deze grootte ook door toeval kunnen verschillen.",
            previous.campaign_name
        ),
        Lang::En => format!(
            "Compared with the group of {} ({start} – {end}). These are not necessarily the same people. A difference counts as clear only when it is larger than two groups of these sizes could differ by chance.",
            previous.campaign_name
        ),
    }
}

/// What "andere organisaties" is, in one sentence: other organisations only, with the number of
/// organisations and respondents, the questionnaire version, the date, and the largest share one
/// organisation may have.
pub fn norm_explanation(lang: Lang, norm: &Norm) -> String {
    let as_of = norm.as_of.as_deref().map(|at| {
        chrono::DateTime::parse_from_rfc3339(at)
            .map(|at| crate::words::day(lang, at.date_naive()))
            .unwrap_or_else(|_| at.to_owned())
    });
    let (nl_day, en_day) = match &as_of {
        Some(day) => (format!(", stand van {day}"), format!(", as of {day}")),
        None => (String::new(), String::new()),
    };
    let version = format!(" {}", norm.version);
    let share = (norm.max_share * 100.0).round() as i64;
    match lang {
        Lang::Nl => format!(
            "„Andere organisaties” is het gemiddelde bij andere organisaties: {} organisaties met samen {} deelnemers, met dezelfde vragenlijst (versie{version}){nl_day}. Je eigen organisatie telt niet mee. Geen organisatie telt voor meer dan {share}% van de deelnemers.",
            norm.organisations,
            norm.respondents,
        ),
        Lang::En => format!(
            "“Other organisations” is the mean at other organisations: {} organisations with {} respondents together, with the same questionnaire (version{version}){en_day}. Your own organisation does not count. No organisation counts for more than {share}% of the respondents.",
            norm.organisations,
            norm.respondents,
        ),
    }
}

// --- Waar beginnen ----------------------------------------------------------------------------

/// How many people of the total are in "vraagt aandacht" for a theme to start with
/// ("12 van de 58 mensen (21%) vallen in „Vraagt aandacht”.").
pub fn start_here_words(lang: Lang, item: &StartHere, measure: Option<&Measure>) -> String {
    let band = measure
        .and_then(|measure| measure.bands.iter().find(|band| band.signal == Signal::Attention))
        .map(|band| band.label.get(lang).to_owned())
        .unwrap_or_else(|| crate::words::signal(lang, StrongestSignal::Attention).to_owned());
    let percent = whole_percent(item.attention, item.respondents);
    match lang {
        Lang::Nl => format!("{} van de {} mensen ({percent}%) vallen in „{band}”.", item.attention, item.respondents),
        Lang::En => format!("{} of the {} people ({percent}%) are in “{band}”.", item.attention, item.respondents),
    }
}

/// Where a theme to start with is strongest ("Het sterkst bij: Zorg en Thuiszorg."); nothing
/// when no department is shown.
pub fn strongest_words(lang: Lang, departments: &[String]) -> Option<String> {
    if departments.is_empty() {
        return None;
    }
    let list = names_in_words(lang, departments);
    Some(match lang {
        Lang::Nl => format!("Het sterkst bij: {list}."),
        Lang::En => format!("Strongest in: {list}."),
    })
}

// --- The action plan --------------------------------------------------------------------------

/// An action with its number in the plan, as the CSV numbers them ("Actie 1" is the first the
/// server lists).
#[derive(Clone, Debug, PartialEq)]
pub struct Numbered {
    /// From 1.
    pub number: usize,
    /// The action.
    pub action: PlanAction,
}

/// The plan per theme, in the order of the measures; themes without actions left out, and an
/// action of a theme this release does not know at the end under its own id.
pub fn plan_by_theme(measures: &[Measure], actions: &[PlanAction]) -> Vec<(String, Vec<Numbered>)> {
    let numbered: Vec<Numbered> = actions
        .iter()
        .enumerate()
        .map(|(index, action)| Numbered { number: index + 1, action: action.clone() })
        .collect();
    let mut scores: Vec<String> = measures.iter().map(|measure| measure.score.clone()).collect();
    for action in actions {
        if !scores.contains(&action.score) {
            scores.push(action.score.clone());
        }
    }
    scores
        .into_iter()
        .map(|score| {
            let of_theme: Vec<Numbered> = numbered.iter().filter(|item| item.action.score == score).cloned().collect();
            (score, of_theme)
        })
        .filter(|(_, of_theme)| !of_theme.is_empty())
        .collect()
}

/// The previous plan's actions that are not done and not yet carried into this plan.
pub fn carryable<'a>(previous: &'a [PlanAction], current: &[PlanAction]) -> Vec<&'a PlanAction> {
    previous
        .iter()
        .filter(|old| !old.done && !current.iter().any(|new| new.carried_from.as_deref() == Some(old.id.as_str())))
        .collect()
}

/// An action as typed in the form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ActionForm {
    /// Theme score id.
    pub score: String,
    /// What will be done.
    pub action: String,
    /// Who takes it on.
    pub owner: String,
    /// By when, as the date input gives it (`YYYY-MM-DD`).
    pub due_on: String,
    /// Done.
    pub done: bool,
    /// The previous campaign's action it carries on.
    pub carried_from: Option<String>,
}

/// The longest description of an action the server takes.
pub const ACTION_MAX: usize = 500;
/// The longest owner the server takes.
pub const OWNER_MAX: usize = 100;

impl ActionForm {
    /// The form of an existing action, to change it.
    pub fn of(action: &PlanAction) -> ActionForm {
        ActionForm {
            score: action.score.clone(),
            action: action.action.clone(),
            owner: action.owner.clone(),
            due_on: action.due_on.clone(),
            done: action.done,
            carried_from: action.carried_from.clone(),
        }
    }

    /// A new action that carries on one of the previous plan (a new date is chosen: the old one
    /// has usually passed).
    pub fn carrying(action: &PlanAction) -> ActionForm {
        ActionForm {
            due_on: String::new(),
            done: false,
            carried_from: Some(action.id.clone()),
            ..ActionForm::of(action)
        }
    }

    /// The fields that are not right, by the server's rules, checked before sending (the server
    /// checks the same and has the last word): a theme of these figures; texts of 1 to their
    /// maximum characters without control characters (a line break too: the plan is a table);
    /// a date from the campaign's first day `starts_on`, within five years.
    pub fn problems(&self, themes: &[String], starts_on: NaiveDate) -> Vec<&'static str> {
        let mut problems = Vec::new();
        if !themes.contains(&self.score) {
            problems.push("score");
        }
        let text_ok = |text: &str, max: usize| {
            let text = text.trim();
            !text.is_empty() && text.chars().count() <= max && !text.chars().any(char::is_control)
        };
        if !text_ok(&self.action, ACTION_MAX) {
            problems.push("action");
        }
        if !text_ok(&self.owner, OWNER_MAX) {
            problems.push("owner");
        }
        let latest = starts_on.checked_add_days(chrono::Days::new(5 * 366)).unwrap_or(starts_on);
        match NaiveDate::parse_from_str(self.due_on.trim(), "%Y-%m-%d") {
            Ok(day) if day >= starts_on && day <= latest => {}
            _ => problems.push("due_on"),
        }
        problems
    }

    /// The request to add it.
    pub fn new_action(&self) -> NewPlanAction {
        NewPlanAction {
            score: self.score.clone(),
            action: self.action.trim().to_owned(),
            owner: self.owner.trim().to_owned(),
            due_on: self.due_on.clone(),
            carried_from: self.carried_from.clone(),
        }
    }

    /// The request to change it.
    pub fn change(&self) -> PlanActionChange {
        PlanActionChange {
            action: self.action.trim().to_owned(),
            owner: self.owner.trim().to_owned(),
            due_on: self.due_on.clone(),
            done: self.done,
        }
    }
}

/// The same action marked done or open.
pub fn toggled(action: &PlanAction) -> PlanActionChange {
    PlanActionChange {
        action: action.action.clone(),
        owner: action.owner.clone(),
        due_on: action.due_on.clone(),
        done: !action.done,
    }
}

/// The form field a refusal of the server is about: the field it names, or, for
/// `invalid_action` without one, the field its message names.
pub fn refused_field(error: &ApiError, fields: &[FieldError]) -> Option<&'static str> {
    const FIELDS: [&str; 4] = ["due_on", "score", "owner", "action"];
    let known = |name: &str| FIELDS.iter().copied().find(|field| *field == name);
    if let Some(problem) = fields.first() {
        // A field the form does not have (`carried_from`) is said above the button instead.
        return known(problem.field.as_str());
    }
    match error {
        ApiError::Refused { code, message, .. } if code == "invalid_action" => {
            let message = message.to_lowercase();
            // `due_on` before `action`: "action" is also a word of many messages.
            FIELDS.iter().copied().find(|field| message.contains(field)).or_else(|| {
                [("date", "due_on"), ("theme", "score"), ("text", "action")]
                    .into_iter()
                    .find(|(word, _)| message.contains(word))
                    .map(|(_, field)| field)
            })
        }
        _ => None,
    }
}

/// Whether an open action's date has passed (for "te laat" beside it).
pub fn overdue(action: &PlanAction, today: NaiveDate) -> bool {
    !action.done && NaiveDate::parse_from_str(&action.due_on, "%Y-%m-%d").is_ok_and(|due| due < today)
}
