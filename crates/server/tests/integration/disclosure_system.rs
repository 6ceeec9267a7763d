//! Everything an employer sees of a roster campaign, solved as one linear system (issue 19).
//!
//! A random roster campaign (2 to 4 departments of 1 to 30 people, 2 or 3 theme measures with
//! three bands, k from 5 to 15) runs through this timeline:
//!
//! ```text
//! L1 ─ L2 ─ R1 ─ (extension) ─ L3 ─ R2
//! ```
//!
//! People upload (or not) before any of these moments, some withdraw later, and some first
//! upload during the extension after release 1. At L1, L2 and L3 the employer reads the live
//! response (rounded down to a multiple of k, or "fewer than k", as `response::shown_count`
//! shows it); at R1 and R2 the expert publishes a release computed by `figures::compute`, the
//! second one against the first. Everything shown is collected: counts, band counts and means
//! of every shown group and measure, and the three live numbers.
//!
//! Two employers are modelled. For counts, the employer does not know who uploaded: the
//! unknowns are the numbers of people in atoms. For values (bands and sums), the stronger one
//! who knows who counted where (colleagues told them), as the core's `find_disclosure` does: the
//! atoms with people and their sizes are known, the values are not.
//!
//! What `everything_published_about_a_roster_campaign_determines_nothing_below_k` proves, for
//! the cases it runs (640, about 20 s in a debug build):
//!
//! 1. *Exact equations.* Atoms are "department × in which releases a person counted (R1 only,
//!    R2 only, both)". Counts: the unknowns are every atom's size, empty ones included, the
//!    equations the published counts. Bands: per measure the people of each known atom in each
//!    band, with the equations "an atom's bands add up to its size" and the published band
//!    counts. Sums: per measure each known atom's sum, with (conservatively) every shown mean as
//!    if it gave its group's sum exactly. Finer atoms are not needed: every exact equation is
//!    about R1 or R2, so a set that splits such an atom is never determined. Every union of atoms
//!    that the equations determine is enumerated; none holds 1 to k − 1 people, for its count,
//!    any band count or any measure's sum. Sets of k or more whose band is derived for everyone
//!    in them (k newcomers in one band, which the core documents as unchecked) are counted, not
//!    refused.
//! 2. *Intervals.* The live numbers give the count present at L1, L2 and L3 only within
//!    [c, c + k − 1] (or [0, k − 1]). With the exact counts and those intervals, over finer atoms
//!    (department × the moments a person was present), every set an employer can name from what
//!    they see (per department or organisation-wide: present at one moment, at two, or at one
//!    and not another) that holds 1 to k − 1 people can still have another whole number of
//!    people, by a linear programme.
//! 3. *Means.* Every shown mean is a multiple of its `mean_step`, holds the true sum, and gives a
//!    sum interval at least half the narrowest band wide (10 points of 0–100).
//!
//! Two more properties over the same campaigns came from findings of this test (issue 19, see
//! their docs): `the_roster_headcounts_pin_no_count_below_k` (part 2 with the roster's
//! headcounts known: a count at 100 % of its headcount pinned every hidden department's count,
//! now hidden by `figures::nobody_all_in`) and
//! `a_shown_mean_places_nobody_within_half_a_band_except_inside_the_end_band_they_are_in` (the
//! interval of part 3 cut off at 0 or 100, which no rounding avoids: stated in ARCHITECTURE.md).
//!
//! The second release is computed by `compute` as the server does for a campaign with personal
//! invitations (`Input::personal`: no upload could be the employer's own).
//!
//! What it does not cover: the employer's own uploads (in a roster campaign every upload needs a
//! personal invitation the employer never holds), missing values (everyone has a value for every
//! measure; a measure's respondents differing from its group's is a documented, accepted
//! difference), the headline measure, appointments, third releases, and people who did not
//! upload (response rates show how many by design). The interval check uses the linear
//! relaxation: it asks for another whole number inside the relaxation's range, not for a
//! whole-number solution reaching it (over these cases the extreme points found were whole for
//! about 88 % of the sets). Means are taken as exact sums in part 1 and bounded only by 0 and 100
//! in the ends property; that a value lies inside its band is not used. Department-level sets
//! are checked against the live numbers only through the organisation-wide totals they add up
//! to, which is all the live numbers are.

use std::cell::RefCell;

use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestRunner};
use werkscan_core::disclosure::{mean_step, MinGroupSize};
use werkscan_core::model::Signal;
use werkscan_core::Text;
use werkscan_server::releases::figures::Uptake;
use werkscan_server::releases::figures::{
    compute, BandInfo, Decisions, DepartmentInfo, Earlier, Figures, GroupKind, Input, Measure, MeasureCell,
    MeasureKind, Member,
};
use werkscan_server::releases::response::shown_count;

// ---------------------------------------------------------------------------------------------
// The campaign.

/// The moments the employer sees something: three live numbers and two releases.
const L1: usize = 0;
const L2: usize = 1;
const R1: usize = 2;
const L3: usize = 3;
const R2: usize = 4;
const MOMENTS: usize = 5;
/// The moments of the live numbers.
const LIVE: [usize; 3] = [L1, L2, L3];
/// The moments of the releases, in order.
const RELEASES: [usize; 2] = [R1, R2];

/// The three bands of every measure: 0–50, 50–70, 70–100, as the questionnaires' theme scales.
const BANDS: [(f64, f64); 3] = [(0.0, 50.0), (50.0, 70.0), (70.0, 100.0)];
/// Half the narrowest band: the mean rule promises nobody is placed more precisely.
const HALF_NARROWEST_BAND: f64 = 10.0;

/// A small deterministic generator, so that the strategies stay flat and shrink well.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % sides.max(1)
    }
}

/// One person on the roster who uploaded at some point.
#[derive(Clone, Debug)]
struct Person {
    department: usize,
    /// The upload arrived before moment `arrives` (0..=4) and after the one before it.
    arrives: usize,
    /// The upload was withdrawn before moment `leaves` (`MOMENTS`: never).
    leaves: usize,
    /// Per measure: band and value.
    bands: Vec<usize>,
    values: Vec<f64>,
}

impl Person {
    fn present(&self, moment: usize) -> bool {
        self.arrives <= moment && moment < self.leaves
    }
}

#[derive(Clone, Debug)]
struct Campaign {
    k: u64,
    roster: Vec<usize>,
    measures: usize,
    people: Vec<Person>,
}

/// The knobs of a random campaign; the people themselves come from `seed`.
#[derive(Clone, Debug)]
struct Knobs {
    k: u64,
    roster: Vec<usize>,
    measures: usize,
    /// Out of 10: how many on the roster upload before release 1.
    early: u64,
    /// Out of 10: how many of the rest upload during the extension.
    late: u64,
    /// Out of 20: how many withdraw at some point.
    withdraw: u64,
    seed: u64,
}

fn knobs() -> impl Strategy<Value = Knobs> {
    (
        5u64..=15,
        prop::collection::vec(prop_oneof![1 => 1usize..=8, 3 => 5usize..=40], 2..=4),
        2usize..=3,
        1u64..=9,
        prop_oneof![1 => 0u64..=10, 1 => 5u64..=10],
        prop_oneof![2 => Just(0u64), 2 => 1u64..=3, 1 => 4u64..=10],
        any::<u64>(),
    )
        .prop_map(|(k, roster, measures, early, late, withdraw, seed)| Knobs {
            k,
            roster,
            measures,
            early,
            late,
            withdraw,
            seed,
        })
}

impl Campaign {
    fn new(knobs: &Knobs) -> Campaign {
        let mut dice = Dice(knobs.seed);
        let mut people = Vec::new();
        for (department, &size) in knobs.roster.iter().enumerate() {
            // A quarter of the departments mostly answer in one band per measure.
            let home: Vec<Option<usize>> =
                (0..knobs.measures).map(|_| (dice.roll(4) == 0).then(|| dice.roll(3) as usize)).collect();
            for _ in 0..size {
                let arrives = if dice.roll(10) < knobs.early {
                    dice.roll(3) as usize
                } else if dice.roll(10) < knobs.late {
                    L3 + dice.roll(2) as usize
                } else {
                    continue;
                };
                let leaves = if dice.roll(20) < knobs.withdraw && arrives < R2 {
                    arrives + 1 + dice.roll((R2 - arrives) as u64) as usize
                } else {
                    MOMENTS
                };
                let bands: Vec<usize> = home
                    .iter()
                    .map(|home| match home {
                        Some(band) if dice.roll(8) != 0 => *band,
                        _ => dice.roll(3) as usize,
                    })
                    .collect();
                let values = bands
                    .iter()
                    .map(|&band| {
                        let (low, high) = BANDS[band];
                        let steps = ((high - low) * 10.0) as u64 + u64::from(band == 2);
                        low + dice.roll(steps) as f64 / 10.0
                    })
                    .collect();
                people.push(Person { department, arrives, leaves, bands, values });
            }
        }
        Campaign { k: knobs.k, roster: knobs.roster.clone(), measures: knobs.measures, people }
    }

    fn departments(&self) -> usize {
        self.roster.len()
    }

    fn min_group_size(&self) -> MinGroupSize {
        MinGroupSize::new(self.k).unwrap()
    }

    fn measures(&self) -> Vec<Measure> {
        let band = |key: &str, signal, from| BandInfo {
            key: key.into(),
            label: Text { nl: key.into(), en: key.into() },
            signal,
            from: Some(from),
        };
        (0..self.measures)
            .map(|index| Measure {
                score: format!("thema{index}"),
                kind: MeasureKind::Theme,
                label: Text { nl: format!("Thema {index}"), en: format!("Theme {index}") },
                min: 0.0,
                max: 100.0,
                bands: vec![
                    band("laag", Signal::Attention, 0.0),
                    band("midden", Signal::Watch, 50.0),
                    band("hoog", Signal::Good, 70.0),
                ],
            })
            .collect()
    }

    /// What `compute` is given at a release moment. The roster gives the departments, so
    /// nobody is without one; that group is passed, empty, as the server does.
    fn input(&self, moment: usize, earlier: Vec<Earlier>) -> Input {
        let groups = self.departments() + 1;
        let mut input = Input {
            k: self.min_group_size(),
            measures: self.measures(),
            departments: self
                .roster
                .iter()
                .enumerate()
                .map(|(index, &size)| DepartmentInfo {
                    name: format!("Afdeling {index}"),
                    headcount: Some(size as i64),
                })
                .collect(),
            counts: vec![0; groups],
            cells: vec![vec![MeasureCell::new(3); groups]; self.measures],
            current: Vec::new(),
            appointments: Uptake { booked: 0, held: 0 },
            earlier,
            // Every upload used a personal invitation of the roster.
            personal: true,
        };
        for (index, person) in self.people.iter().enumerate().filter(|(_, person)| person.present(moment)) {
            input.counts[person.department] += 1;
            for measure in 0..self.measures {
                input.cells[measure][person.department].add(person.values[measure], person.bands[measure]);
            }
            input.current.push(Member {
                id: format!("p{index}"),
                group: person.department,
                mask: (1 << self.measures) - 1,
            });
        }
        input
    }
}

// ---------------------------------------------------------------------------------------------
// What the employer sees.

/// One published row: a group's count (`measure` `None`) or a measure of a group.
#[derive(Clone, Debug, PartialEq)]
struct Figure {
    /// 0 for release 1, 1 for release 2.
    release: usize,
    /// A department, or `None` for the organisation.
    group: Option<usize>,
    measure: Option<usize>,
    respondents: u64,
    bands: Vec<u64>,
    mean: Option<f64>,
}

/// The rows of a release as the employer's dashboard has them.
fn seen_in(figures: &Figures, release: usize, departments: usize) -> Vec<Figure> {
    let mut seen = Vec::new();
    let mut department = 0;
    for group in &figures.groups {
        let index = match group.kind {
            GroupKind::Total => None,
            GroupKind::Department => {
                department += 1;
                Some(department - 1)
            }
            GroupKind::NoDepartment => Some(departments),
        };
        let Some(shown) = group.figures.as_ref().filter(|_| group.shown) else { continue };
        seen.push(Figure {
            release,
            group: index,
            measure: None,
            respondents: shown.respondents,
            bands: Vec::new(),
            mean: None,
        });
        for (measure, figures) in shown.measures.iter().enumerate() {
            let Some(values) = figures.figures.as_ref().filter(|_| figures.shown) else { continue };
            seen.push(Figure {
                release,
                group: index,
                measure: Some(measure),
                respondents: values.respondents,
                bands: values.distribution.iter().map(|band| band.count).collect(),
                mean: values.mean,
            });
        }
    }
    seen
}

/// The rows the decisions of a release publish, computed from the people: what `figures_of`
/// shows. Checked against `seen_in` for every release `compute` makes.
fn rows_of(campaign: &Campaign, input: &Input, decisions: &Decisions, release: usize) -> Vec<Figure> {
    let mut rows = Vec::new();
    if !decisions.groups.total {
        return rows;
    }
    let groups = input.counts.len();
    let row = |group: Option<usize>, rows: &mut Vec<Figure>| {
        let members = |index: usize| group.is_none_or(|group| group == index);
        rows.push(Figure {
            release,
            group,
            measure: None,
            respondents: (0..groups).filter(|&index| members(index)).map(|index| input.counts[index]).sum(),
            bands: Vec::new(),
            mean: None,
        });
        for measure in 0..campaign.measures {
            let flags = &decisions.by_measure[measure];
            let shown = match group {
                None => flags.total,
                Some(group) => flags.groups[group],
            };
            if !shown {
                continue;
            }
            let mut cell = MeasureCell::new(3);
            for (_, part) in input.cells[measure].iter().enumerate().filter(|(index, _)| members(*index)) {
                cell.respondents += part.respondents;
                cell.sum += part.sum;
                for (into, count) in cell.bands.iter_mut().zip(&part.bands) {
                    *into += count;
                }
            }
            rows.push(Figure {
                release,
                group,
                measure: Some(measure),
                respondents: cell.respondents,
                mean: werkscan_core::disclosure::shown_mean(cell.sum, cell.respondents, input.k),
                bands: cell.bands,
            });
        }
    };
    row(None, &mut rows);
    for group in 0..groups {
        if decisions.groups.groups[group] {
            row(Some(group), &mut rows);
        }
    }
    rows
}

/// How the second release came about, for the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Second {
    /// `compute` published it.
    Computed,
    /// Nothing new was published.
    Refused,
}

/// Both releases' rows, and how the second came about.
fn releases(campaign: &Campaign) -> Result<(Vec<Figure>, Second), TestCaseError> {
    let departments = campaign.departments();
    let first_input = campaign.input(R1, Vec::new());
    let first = compute(&first_input)
        .map_err(|refused| TestCaseError::fail(format!("a first release is refused: {refused:?}")))?;
    let mut rows = seen_in(&first.figures, 0, departments);
    prop_assert_eq!(
        &rows,
        &rows_of(campaign, &first_input, &first.decisions, 0),
        "the model of a release differs from compute"
    );
    let earlier = vec![Earlier { members: first_input.current.clone(), decisions: first.decisions.clone() }];
    let second_input = campaign.input(R2, earlier);
    let second = match compute(&second_input) {
        Ok(second) => {
            let seen = seen_in(&second.figures, 1, departments);
            prop_assert_eq!(&seen, &rows_of(campaign, &second_input, &second.decisions, 1));
            rows.extend(seen);
            Second::Computed
        }
        Err(_) => Second::Refused,
    };
    Ok((rows, second))
}

/// A live number as the interval of true counts that show as it (`shown_count`, with the
/// roster's size as the server knows it): c for c..c+k-1, the cap for everything from it up to
/// the roster's size, "fewer than k" for 0..k-1 (or everything, when the roster is below 2k).
fn live_interval(count: u64, k: u64, roster: u64) -> (f64, f64) {
    let (count, k, roster) = (count as i64, k as i64, roster as i64);
    let cap = (roster - k).div_euclid(k) * k;
    match shown_count(count, k, Some(roster)) {
        Some(shown) if shown == cap => (shown as f64, roster as f64),
        Some(shown) => (shown as f64, (shown + k - 1) as f64),
        None if cap < k => (0.0, roster as f64),
        None => (0.0, (k - 1) as f64),
    }
}

// ---------------------------------------------------------------------------------------------
// Exact equations: fraction-free elimination over i128.

/// The 0/1 vectors over `targets` (column indices) that are combinations of `rows` and are 0 on
/// every other column: the sets over those columns whose sum the equations determine.
///
/// In reduced echelon form with the target columns last, the rows whose pivot is a target
/// column span exactly the combinations that vanish elsewhere; a 0/1 vector in that span has 0
/// or 1 at each pivot, so trying every 0/1 choice at the pivots finds all of them.
fn determined_sets(rows: &[Vec<i128>], targets: &[usize]) -> Result<Vec<Vec<bool>>, TestCaseError> {
    let width = rows.first().map_or(0, Vec::len);
    let others: Vec<usize> = (0..width).filter(|column| !targets.contains(column)).collect();
    let order: Vec<usize> = others.iter().chain(targets).copied().collect();
    let mut matrix: Vec<Vec<i128>> = rows.iter().map(|row| order.iter().map(|&column| row[column]).collect()).collect();
    let mut pivots = Vec::new();
    for column in 0..width {
        let next = pivots.len();
        let Some(found) = (next..matrix.len()).find(|&index| matrix[index][column] != 0) else { continue };
        matrix.swap(next, found);
        let pivot = matrix[next].clone();
        for (index, row) in matrix.iter_mut().enumerate() {
            if index != next && row[column] != 0 {
                let factor = row[column];
                let combined: Vec<i128> = row.iter().zip(&pivot).map(|(x, y)| pivot[column] * x - factor * y).collect();
                *row = reduced(combined);
            }
        }
        if matrix[next][column] < 0 {
            matrix[next].iter_mut().for_each(|value| *value = -*value);
        }
        pivots.push(column);
    }
    let basis: Vec<(usize, &Vec<i128>)> = pivots
        .iter()
        .zip(&matrix)
        .filter(|(&pivot, _)| pivot >= others.len())
        .map(|(&pivot, row)| (pivot, row))
        .collect();
    prop_assert!(basis.len() <= 16, "{} independent determined directions: too many to enumerate", basis.len());
    let scale = basis.iter().fold(1i128, |scale, (pivot, row)| lcm(scale, row[*pivot]));
    let mut found = Vec::new();
    for choice in 1u32..(1 << basis.len()) {
        let mut vector = vec![0i128; targets.len()];
        for (bit, (pivot, row)) in basis.iter().enumerate() {
            if choice & (1 << bit) != 0 {
                let weight = scale / row[*pivot];
                for (into, value) in vector.iter_mut().zip(&row[others.len()..]) {
                    *into += weight * value;
                }
            }
        }
        if vector.iter().all(|&value| value == 0 || value == scale) {
            found.push(vector.iter().map(|&value| value == scale).collect());
        }
    }
    Ok(found)
}

fn reduced(mut vector: Vec<i128>) -> Vec<i128> {
    let divisor = vector.iter().fold(0i128, |divisor, &value| gcd(divisor, value));
    if divisor > 1 {
        vector.iter_mut().for_each(|value| *value /= divisor);
    }
    vector
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

fn lcm(a: i128, b: i128) -> i128 {
    a / gcd(a, b) * b.abs()
}

/// The three ways a person can count in the releases: R1 only, R2 only, both.
const COHORTS: usize = 3;

fn cohort(person: &Person) -> Option<usize> {
    match (person.present(R1), person.present(R2)) {
        (true, false) => Some(0),
        (false, true) => Some(1),
        (true, true) => Some(2),
        (false, false) => None,
    }
}

fn cohort_counts_in(cohort: usize, release: usize) -> bool {
    match release {
        0 => cohort != 1,
        _ => cohort != 0,
    }
}

/// The atoms of the exact system: department × cohort.
struct Atoms {
    /// People per atom.
    people: Vec<u64>,
    /// Per measure, per atom: people per band.
    bands: Vec<Vec<[u64; 3]>>,
}

impl Atoms {
    fn new(campaign: &Campaign) -> Atoms {
        let count = campaign.departments() * COHORTS;
        let mut atoms = Atoms { people: vec![0; count], bands: vec![vec![[0; 3]; count]; campaign.measures] };
        for person in &campaign.people {
            let Some(cohort) = cohort(person) else { continue };
            let atom = person.department * COHORTS + cohort;
            atoms.people[atom] += 1;
            for (measure, &band) in person.bands.iter().enumerate() {
                atoms.bands[measure][atom][band] += 1;
            }
        }
        atoms
    }

    fn len(&self) -> usize {
        self.people.len()
    }

    /// 1 for every atom inside a published row's group and release.
    fn row(&self, figure: &Figure) -> Vec<i128> {
        (0..self.len())
            .map(|atom| {
                let inside = figure.group.is_none_or(|group| group == atom / COHORTS)
                    && cohort_counts_in(atom % COHORTS, figure.release);
                i128::from(inside)
            })
            .collect()
    }

    fn describe(&self, set: &[bool]) -> String {
        let names = ["left before R2", "joined after R1", "in both"];
        let parts: Vec<String> = set
            .iter()
            .enumerate()
            .filter(|(_, inside)| **inside)
            .map(|(atom, _)| {
                format!("dept {} {} ({} people)", atom / COHORTS, names[atom % COHORTS], self.people[atom])
            })
            .collect();
        format!("{{{}}}", parts.join(", "))
    }

    fn size(&self, set: &[bool]) -> u64 {
        set.iter().zip(&self.people).filter(|(inside, _)| **inside).map(|(_, people)| people).sum()
    }
}

/// What the exact checks met, for the report.
#[derive(Default, Debug)]
struct Found {
    /// Sets of k or more people whose every member's band follows, per measure.
    large_one_band: usize,
}

/// Part 1 of the module docs.
fn check_exact(campaign: &Campaign, rows: &[Figure], found: &mut Found) -> Result<(), TestCaseError> {
    let k = campaign.k;
    let atoms = Atoms::new(campaign);
    let n = atoms.len();
    let small = |size: u64| (1..k).contains(&size);
    // The respondents of a measure are the group's people here (everyone has every value), so
    // they are count equations too.
    let count_rows: Vec<Vec<i128>> = rows.iter().map(|figure| atoms.row(figure)).collect();
    for (figure, row) in rows.iter().zip(&count_rows) {
        let truth: u64 =
            row.iter().zip(&atoms.people).filter(|(inside, _)| **inside == 1).map(|(_, people)| people).sum();
        prop_assert_eq!(truth, figure.respondents, "the model's atoms disagree with {:?}", figure);
    }
    let counts =
        if count_rows.is_empty() { Vec::new() } else { determined_sets(&count_rows, &(0..n).collect::<Vec<_>>())? };
    for set in &counts {
        let size = atoms.size(set);
        prop_assert!(!small(size), "the count of {} is determined: {} people, k = {}", atoms.describe(set), size, k);
    }
    // Values (bands and sums) against an employer who knows who counted where (colleagues
    // told them): the atoms with people are known, and so is each one's size.
    let known: Vec<usize> = (0..n).filter(|&atom| atoms.people[atom] > 0).collect();
    let widen = |set: Vec<bool>| -> Vec<bool> {
        let mut full = vec![false; n];
        for (inside, &atom) in set.into_iter().zip(&known) {
            full[atom] = inside;
        }
        full
    };
    let narrow = |row: Vec<i128>| -> Vec<i128> { known.iter().map(|&atom| row[atom]).collect() };
    let m = known.len();
    for measure in 0..campaign.measures {
        let published: Vec<&Figure> = rows.iter().filter(|figure| figure.measure == Some(measure)).collect();
        if published.is_empty() || m == 0 {
            continue;
        }
        // Columns: per known atom its three bands; the three add up to the atom's known size.
        let mut system: Vec<Vec<i128>> = Vec::new();
        for index in 0..m {
            let mut size = vec![0i128; 3 * m];
            (0..3).for_each(|band| size[3 * index + band] = 1);
            system.push(size);
        }
        for figure in &published {
            let inside = narrow(atoms.row(figure));
            for (band, &count) in figure.bands.iter().enumerate() {
                let mut row = vec![0i128; 3 * m];
                let mut truth = 0;
                for index in (0..m).filter(|&index| inside[index] == 1) {
                    row[3 * index + band] = 1;
                    truth += atoms.bands[measure][known[index]][band];
                }
                prop_assert_eq!(truth, count, "band counts of the model disagree with {:?}", figure);
                system.push(row);
            }
        }
        for band in 0..3 {
            let targets: Vec<usize> = (0..m).map(|index| 3 * index + band).collect();
            for set in determined_sets(&system, &targets)? {
                let set = widen(set);
                let size = atoms.size(&set);
                prop_assert!(
                    !small(size),
                    "measure {measure} band {band}: the band count of {} is determined ({} people, k = {})",
                    atoms.describe(&set),
                    size,
                    k
                );
                let in_band: u64 = set
                    .iter()
                    .enumerate()
                    .filter(|(_, inside)| **inside)
                    .map(|(atom, _)| atoms.bands[measure][atom][band])
                    .sum();
                if size > 0 && in_band == size {
                    found.large_one_band += 1;
                }
            }
        }
        // Sums: each shown mean taken as its group's exact sum (conservative).
        let sums: Vec<Vec<i128>> =
            published.iter().filter(|figure| figure.mean.is_some()).map(|figure| narrow(atoms.row(figure))).collect();
        if !sums.is_empty() {
            for set in determined_sets(&sums, &(0..m).collect::<Vec<_>>())? {
                let set = widen(set);
                let size = atoms.size(&set);
                prop_assert!(
                    !small(size),
                    "measure {measure}: the sum of {} is determined ({} people, k = {})",
                    atoms.describe(&set),
                    size,
                    k
                );
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Intervals: a small simplex over finer atoms.

/// Intervals of a person's presence: arrived before moment `a`, gone before moment `w`.
fn spans() -> Vec<(usize, usize)> {
    (0..MOMENTS).flat_map(|a| (a + 1..=MOMENTS).map(move |w| (a, w))).collect()
}

const EPS: f64 = 1e-9;

/// The largest value of `objective · x` over `x ≥ 0` with `low ≤ row · x ≤ high` for every
/// row (`high` may be infinite), and whether the optimal point found is whole; `None` when
/// unbounded. Two-phase tableau simplex with Bland's rule (no cycling); the rows are feasible
/// by construction (the true counts satisfy them), checked.
fn lp_max(objective: &[f64], rows: &[(Vec<f64>, f64, f64)]) -> Result<Option<(f64, bool)>, TestCaseError> {
    let n = objective.len();
    // Equalities: row · x (+/- slack) = bound.
    let mut equalities: Vec<(Vec<f64>, Option<f64>, f64)> = Vec::new();
    for (row, low, high) in rows {
        if (high - low).abs() < EPS {
            equalities.push((row.clone(), None, *low));
        } else {
            if *low > 0.0 {
                equalities.push((row.clone(), Some(-1.0), *low));
            }
            if high.is_finite() {
                equalities.push((row.clone(), Some(1.0), *high));
            }
        }
    }
    let m = equalities.len();
    let slacks: usize = equalities.iter().filter(|(_, slack, _)| slack.is_some()).count();
    let columns = n + slacks + m;
    let rhs = columns;
    let mut table = vec![vec![0.0; columns + 1]; m + 1];
    let mut basis = vec![0usize; m];
    let mut slack_column = n;
    for (index, (row, slack, bound)) in equalities.iter().enumerate() {
        let sign = if *bound < 0.0 { -1.0 } else { 1.0 };
        for (column, value) in row.iter().enumerate() {
            table[index][column] = sign * value;
        }
        if let Some(slack) = slack {
            table[index][slack_column] = sign * slack;
            slack_column += 1;
        }
        table[index][n + slacks + index] = 1.0;
        table[index][rhs] = sign * bound;
        basis[index] = n + slacks + index;
    }
    // Phase 1: maximise minus the artificial variables.
    for index in 0..m {
        let row = table[index].clone();
        table[m].iter_mut().zip(&row).for_each(|(into, value)| *into -= value);
        table[m][n + slacks + index] += 1.0;
    }
    if !simplex(&mut table, &mut basis, columns) {
        return Err(TestCaseError::fail("phase 1 cannot be unbounded"));
    }
    prop_assert!(table[m][rhs] > -1e-6, "the true counts satisfy the rows, so they are feasible");
    for index in 0..m {
        if basis[index] >= n + slacks {
            if let Some(column) = (0..n + slacks).find(|&column| table[index][column].abs() > EPS) {
                pivot(&mut table, &mut basis, index, column);
            }
        }
    }
    // Phase 2.
    table[m].iter_mut().for_each(|value| *value = 0.0);
    for (column, value) in objective.iter().enumerate() {
        table[m][column] = -value;
    }
    for index in 0..m {
        let cost = if basis[index] < n { objective[basis[index]] } else { 0.0 };
        if cost != 0.0 {
            let row = table[index].clone();
            table[m].iter_mut().zip(&row).for_each(|(into, value)| *into += cost * value);
        }
    }
    if !simplex(&mut table, &mut basis, n + slacks) {
        return Ok(None);
    }
    let whole = (0..m)
        .filter(|&index| basis[index] < n)
        .all(|index| (table[index][rhs] - table[index][rhs].round()).abs() < 1e-6);
    Ok(Some((table[m][rhs], whole)))
}

/// Pivots until no column below `entering` improves; false when unbounded.
fn simplex(table: &mut [Vec<f64>], basis: &mut [usize], entering: usize) -> bool {
    let m = basis.len();
    let rhs = table[0].len() - 1;
    loop {
        let Some(column) = (0..entering).find(|&column| table[m][column] < -EPS) else { return true };
        let mut leave: Option<(usize, f64)> = None;
        for index in 0..m {
            if table[index][column] > EPS {
                let ratio = table[index][rhs] / table[index][column];
                let better = match leave {
                    None => true,
                    Some((best, value)) => ratio < value - EPS || (ratio < value + EPS && basis[index] < basis[best]),
                };
                if better {
                    leave = Some((index, ratio));
                }
            }
        }
        let Some((row, _)) = leave else { return false };
        pivot(table, basis, row, column);
    }
}

fn pivot(table: &mut [Vec<f64>], basis: &mut [usize], row: usize, column: usize) {
    let value = table[row][column];
    table[row].iter_mut().for_each(|entry| *entry /= value);
    let pivot_row = table[row].clone();
    for (index, other) in table.iter_mut().enumerate() {
        if index != row && other[column].abs() > 0.0 {
            let factor = other[column];
            other.iter_mut().zip(&pivot_row).for_each(|(entry, pivot)| *entry -= factor * pivot);
        }
    }
    basis[row] = column;
}

/// What the interval checks met, for the report.
#[derive(Default, Debug)]
struct Intervals {
    sets: usize,
    whole: usize,
}

/// Part 2 of the module docs.
fn check_intervals(
    campaign: &Campaign,
    rows: &[Figure],
    roster: bool,
    intervals: &mut Intervals,
) -> Result<(), TestCaseError> {
    let k = campaign.k;
    let spans = spans();
    let departments = campaign.departments();
    let atom_count = departments * spans.len();
    let atom = |department: usize, span: usize| department * spans.len() + span;
    let mut truth = vec![0u64; atom_count];
    for person in &campaign.people {
        let span = spans.iter().position(|&(a, w)| a == person.arrives && w == person.leaves).expect("a span");
        truth[atom(person.department, span)] += 1;
    }
    let inside = |group: Option<usize>, moment: usize| -> Vec<f64> {
        (0..atom_count)
            .map(|index| {
                let (a, w) = spans[index % spans.len()];
                let member = group.is_none_or(|group| group == index / spans.len()) && a <= moment && moment < w;
                if member {
                    1.0
                } else {
                    0.0
                }
            })
            .collect()
    };
    let mut system: Vec<(Vec<f64>, f64, f64)> = Vec::new();
    for figure in rows.iter().filter(|figure| figure.measure.is_none()) {
        let value = figure.respondents as f64;
        system.push((inside(figure.group, RELEASES[figure.release]), value, value));
    }
    for moment in LIVE {
        let count = campaign.people.iter().filter(|person| person.present(moment)).count() as u64;
        let (low, high) = live_interval(count, k, campaign.roster.iter().map(|&size| size as u64).sum());
        system.push((inside(None, moment), low, high));
    }
    // The roster: each invitation makes at most one upload, so a department has at most as
    // many uploaders as people (the employer gave the addresses).
    for (department, &size) in campaign.roster.iter().enumerate().filter(|_| roster) {
        let everyone: Vec<f64> =
            (0..atom_count).map(|index| if index / spans.len() == department { 1.0 } else { 0.0 }).collect();
        system.push((everyone, 0.0, size as f64));
    }
    // The sets an employer can name: per department or in all, present at one moment, at two,
    // or at one and not at another.
    let mut candidates: Vec<(String, Vec<f64>)> = Vec::new();
    for group in std::iter::once(None).chain((0..departments).map(Some)) {
        let name = group.map_or("all".to_owned(), |group| format!("dept {group}"));
        for one in 0..MOMENTS {
            let first = inside(group, one);
            candidates.push((format!("{name}: present at {one}"), first.clone()));
            for other in 0..MOMENTS {
                if other == one {
                    continue;
                }
                let second = inside(group, other);
                let minus: Vec<f64> =
                    first.iter().zip(&second).map(|(a, b)| if *a == 1.0 && *b == 0.0 { 1.0 } else { 0.0 }).collect();
                candidates.push((format!("{name}: present at {one}, not at {other}"), minus));
                if other > one {
                    let both: Vec<f64> = first.iter().zip(&second).map(|(a, b)| a * b).collect();
                    candidates.push((format!("{name}: present at {one} and {other}"), both));
                }
            }
        }
    }
    for (name, set) in candidates {
        let size: u64 = set.iter().zip(&truth).filter(|(inside, _)| **inside == 1.0).map(|(_, count)| count).sum();
        if !(1..k).contains(&size) {
            continue;
        }
        intervals.sets += 1;
        let highest = lp_max(&set, &system)?;
        let negated: Vec<f64> = set.iter().map(|value| -value).collect();
        let lowest = lp_max(&negated, &system)?.map(|(value, whole)| (-value, whole));
        let another_above = highest.is_none_or(|(value, _)| (value + 1e-6).floor() >= (size + 1) as f64);
        let another_below = lowest.is_some_and(|(value, _)| (value - 1e-6).ceil() <= (size - 1) as f64);
        if highest.is_some_and(|(_, whole)| whole) && lowest.is_some_and(|(_, whole)| whole) {
            intervals.whole += 1;
        }
        prop_assert!(
            another_above || another_below,
            "{name}: {size} people, pinned by the published counts and live numbers (range {:?}..{:?}, k = {k})",
            lowest,
            highest
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Means.

/// The members of a shown mean's group (their values for its measure), the mean's step, and
/// the interval of their sum that the shown mean gives.
fn mean_interval(campaign: &Campaign, figure: &Figure, mean: f64, measure: usize) -> (Vec<f64>, f64, f64, f64) {
    let members: Vec<f64> = campaign
        .people
        .iter()
        .filter(|person| {
            person.present(RELEASES[figure.release]) && figure.group.is_none_or(|group| group == person.department)
        })
        .map(|person| person.values[measure])
        .collect();
    let n = members.len() as f64;
    let step = mean_step(members.len() as u64, campaign.min_group_size());
    (members, step, n * (mean - step / 2.0), n * (mean + step / 2.0))
}

/// Part 3 of the module docs: the rule as `mean_step` states it (the sum interval of a shown
/// mean, and so the last member's, is at least half a band wide), and that the mean is shown
/// on that step, not more precisely.
fn check_means(campaign: &Campaign, rows: &[Figure]) -> Result<(), TestCaseError> {
    for figure in rows {
        let (Some(measure), Some(mean)) = (figure.measure, figure.mean) else { continue };
        let (members, step, low, high) = mean_interval(campaign, figure, mean, measure);
        let n = members.len();
        prop_assert!(
            ((mean / step) - (mean / step).round()).abs() < 1e-9,
            "a mean of {n} shown as {mean}, finer than its step {step}"
        );
        let sum: f64 = members.iter().sum();
        prop_assert!(
            low - 1e-6 <= sum && sum <= high + 1e-6,
            "the shown mean {mean} does not hold the sum {sum} of {n}"
        );
        prop_assert!(
            high - low >= HALF_NARROWEST_BAND - 1e-6,
            "a mean of {n} shown to a step of {step} places the last member within {:.1} points",
            high - low
        );
    }
    Ok(())
}

/// The promise of `mean_step` with the scale's ends taken into account. The unknown members'
/// sum lies in the mean's interval minus the known values, and each of them between 0 and 100;
/// near an end of the scale that range is cut off, and can be narrower than half a band (k = 5,
/// four members known at 65 and the fifth at 1.0: the mean shows as 50, so the fifth lies in
/// -22.5..2.5, that is 0..2.5). No rounding of a mean avoids that, so the promise is what
/// ARCHITECTURE.md states: someone who knows the values of k - 1 members of a shown group places
/// none of the others within less than half a band, or only within the band at the end of the
/// scale that the person is in, which that someone reads from the group's band counts anyway.
/// The worst cases are tried: every member as the last one when k - 1 others are all there is,
/// else the lowest and the highest values as the unknown ones.
fn check_means_at_the_ends(campaign: &Campaign, rows: &[Figure]) -> Result<(), TestCaseError> {
    let k = campaign.k as usize;
    for figure in rows {
        let (Some(measure), Some(mean)) = (figure.measure, figure.mean) else { continue };
        let (mut members, step, low, high) = mean_interval(campaign, figure, mean, measure);
        members.sort_by(f64::total_cmp);
        let n = members.len();
        // Fewer than k in a shown group is the exact check's failure; here it is one unknown.
        let unknown = (n + 1).saturating_sub(k).max(1);
        let mut tries: Vec<Vec<usize>> = vec![(0..unknown).collect(), (n - unknown..n).collect()];
        if unknown == 1 {
            tries = (0..n).map(|member| vec![member]).collect();
        }
        let sum: f64 = members.iter().sum();
        for unknowns in tries {
            let known: f64 = sum - unknowns.iter().map(|&member| members[member]).sum::<f64>();
            let others_most = 100.0 * (unknowns.len() - 1) as f64;
            // One unknown member lies between the sum's lowest minus the others at most, and
            // the sum's highest minus the others at least (0), within the scale.
            let from = (low - known - others_most).max(0.0);
            let to = (high - known).min(100.0);
            let value = members[unknowns[0]];
            let in_end_band =
                |(low, high): (f64, f64)| from >= low - 1e-6 && to <= high + 1e-6 && (low..=high).contains(&value);
            let at_an_end =
                (from <= 1e-6 && in_end_band(BANDS[0])) || (to >= 100.0 - 1e-6 && in_end_band(BANDS[BANDS.len() - 1]));
            prop_assert!(
                to - from >= HALF_NARROWEST_BAND - 1e-6 || at_an_end,
                "k = {k}: a mean of {n} shown as {mean} (step {step}); knowing the other {} values ({:?}), the value {value} of one of {} unknown is placed within {from:.2}..{to:.2}",
                n - unknowns.len(),
                members.iter().enumerate().filter(|(index, _)| !unknowns.contains(index)).map(|(_, value)| *value).collect::<Vec<_>>(),
                unknowns.len()
            );
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The property.

/// How many random campaigns the property runs; about 30 s in a debug build.
const CASES: u32 = 640;

/// `CASES` cases; a failing case is printed in full rather than saved (the runner is driven by
/// hand, so it knows no source file to save next to).
fn config() -> ProptestConfig {
    ProptestConfig { failure_persistence: None, ..ProptestConfig::with_cases(CASES) }
}

/// See the module docs: the linear system of everything an employer sees of a roster campaign
/// determines nothing about fewer than k people. Run by hand rather than with `proptest!` so
/// that it can say how many second releases and intervals it checked, and fail when random
/// campaigns stop reaching them.
#[test]
fn everything_published_about_a_roster_campaign_determines_nothing_below_k() {
    let stats = RefCell::new(Stats::default());
    let mut runner = TestRunner::new_with_rng(
        config(),
        proptest::test_runner::TestRng::deterministic_rng(proptest::test_runner::RngAlgorithm::ChaCha),
    );
    let outcome = runner.run(&knobs(), |knobs| {
        let campaign = Campaign::new(&knobs);
        let (rows, second) = releases(&campaign)?;
        let mut found = Found::default();
        check_exact(&campaign, &rows, &mut found)?;
        let mut intervals = Intervals::default();
        check_intervals(&campaign, &rows, false, &mut intervals)?;
        check_means(&campaign, &rows)?;
        let mut stats = stats.borrow_mut();
        stats.cases += 1;
        stats.second[second as usize] += 1;
        let published = |release: usize| rows.iter().any(|figure| figure.release == release);
        stats.both_published += usize::from(published(0) && published(1));
        stats.large_one_band += found.large_one_band;
        stats.interval_sets += intervals.sets;
        stats.whole += intervals.whole;
        Ok(())
    });
    let stats = stats.into_inner();
    eprintln!("{stats:?}");
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
    // A property that never reaches a second release after a first that showed something, or a
    // small set, proves little.
    assert!(stats.both_published >= stats.cases / 10, "{stats:?}");
    assert!(stats.interval_sets >= stats.cases, "{stats:?}");
}

/// Part 2 of the module docs with the roster's headcounts added to what the employer knows:
/// no department has more uploaders than people on its roster.
///
/// It failed before `figures::nobody_all_in` (issue 19 finding): when a shown group, or the
/// hidden rest of a release (the total minus the shown departments), held as many people as the
/// roster gives it, every department in it was at 100 %, so its count and each member's
/// participation followed. Smallest case: k = 5, departments of 3, 3 and 1 on the roster, all
/// seven upload; release 1 showed only the total, 7 of 7, and so that the one-person
/// department's one person took part. Without a full group shown: roster 7, 7 and 21, k = 11,
/// release 1 showed the total (30) and the third department (16); the hidden rest of 14 was both
/// hidden departments' whole roster. Now a full group is hidden like a small one, a full hidden
/// rest takes one more group, and a full organisation shows nothing.
#[test]
fn the_roster_headcounts_pin_no_count_below_k() {
    let mut runner = TestRunner::new_with_rng(
        config(),
        proptest::test_runner::TestRng::deterministic_rng(proptest::test_runner::RngAlgorithm::ChaCha),
    );
    let outcome = runner.run(&knobs(), |knobs| {
        let campaign = Campaign::new(&knobs);
        let (rows, _) = releases(&campaign)?;
        check_intervals(&campaign, &rows, true, &mut Intervals::default())
    });
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
}

/// See `check_means_at_the_ends`: the same random campaigns, the mean rule near 0 and 100,
/// where the scale cuts the range off: then only within the end band the person is in.
#[test]
fn a_shown_mean_places_nobody_within_half_a_band_except_inside_the_end_band_they_are_in() {
    let mut runner = TestRunner::new_with_rng(
        config(),
        proptest::test_runner::TestRng::deterministic_rng(proptest::test_runner::RngAlgorithm::ChaCha),
    );
    let outcome = runner.run(&knobs(), |knobs| {
        let campaign = Campaign::new(&knobs);
        let (rows, _) = releases(&campaign)?;
        check_means_at_the_ends(&campaign, &rows)
    });
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
}

/// What the property met, over all cases.
#[derive(Default, Debug)]
struct Stats {
    cases: usize,
    /// Second releases computed, refused.
    second: [usize; 2],
    /// Cases where both releases showed something.
    both_published: usize,
    /// Sets of k or more people whose band is derived for everyone in them.
    large_one_band: usize,
    /// Sets of 1..k-1 people checked against the intervals.
    interval_sets: usize,
    /// Of those, how many had whole extreme points on both sides.
    whole: usize,
}
