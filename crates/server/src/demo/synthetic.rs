//! Synthetic group-figure uploads: made-up people for the demo, the tests and the benchmark. They
//! go through the same core code as a phone's upload (`score`, `build_submission` for group
//! figures alone) and the same writer, so a release cannot tell them apart, which is the point.

use werkscan_core::answers::prune_hidden;
use werkscan_core::model::ItemType;
use werkscan_core::{build_submission, score, AnswerValue, Answers, ConsentChoices, Definition, Lang};

use werkscan_server::db::Db;
use werkscan_server::models::campaign::Campaign;
use werkscan_server::submissions::store::{write_batch, Pending};
use werkscan_server::util::{new_id, sha256_hex};

/// A small deterministic generator, so the same seed gives the same people.
#[derive(Clone, Debug)]
pub struct Dice(u64);

impl Dice {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Dice {
        Dice(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    /// A number from 0 to `sides - 1`.
    pub fn roll(&mut self, sides: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % sides.max(1)
    }
}

/// Answers to every question, leaning towards the favourable end of each scale by `mood`
/// (0.0: everything goes badly, 1.0: everything goes well), with some spread. Free text is
/// left empty: synthetic people have nothing to say.
pub fn answers(definition: &Definition, dice: &mut Dice, mood: f64) -> Answers {
    let mut answers = Answers::new();
    for item in definition.items() {
        let options = definition.options_of(item);
        // Reverse-coded items are favourable at the other end of their scale.
        let lean = if item.reverse { 1.0 - mood } else { mood };
        let near = |dice: &mut Dice, count: usize| -> usize {
            let centre = lean * (count.saturating_sub(1)) as f64;
            let spread = dice.roll(5) as f64 - 2.0;
            (centre + spread * 0.6).round().clamp(0.0, count.saturating_sub(1) as f64) as usize
        };
        let pick = |dice: &mut Dice| {
            options.get(near(dice, options.len())).map(|option| option.key.clone()).unwrap_or_default()
        };
        let value = match item.kind {
            ItemType::Likert => AnswerValue::Text(pick(dice)),
            ItemType::Single => AnswerValue::Text(
                options
                    .get(dice.roll(options.len() as u64) as usize)
                    .map(|option| option.key.clone())
                    .unwrap_or_default(),
            ),
            ItemType::Number => {
                let (min, max) = (item.min.unwrap_or(0), item.max.unwrap_or(0));
                AnswerValue::Number(min + near(dice, (max - min + 1).max(1) as usize) as i64)
            }
            ItemType::Multiple => AnswerValue::List(vec![pick(dice)]),
            ItemType::Matrix => AnswerValue::Grid(
                item.rows
                    .iter()
                    .map(|row| (row.key.clone(), options.first().map(|option| option.key.clone()).unwrap_or_default()))
                    .collect(),
            ),
            ItemType::Text => continue,
        };
        answers.insert(item.id.clone(), value);
    }
    prune_hidden(definition, &mut answers);
    answers
}

/// One made-up person's upload.
#[derive(Clone, Debug)]
pub struct Person {
    /// The department they name, if any.
    pub department: Option<String>,
    /// How well things go (0.0 to 1.0).
    pub mood: f64,
    /// When the upload arrived (Unix seconds).
    pub created_at: i64,
    /// Its origin bucket.
    pub origin: i64,
    /// The seed of their answers.
    pub seed: u64,
}

/// Stores group-figure uploads for these people in `campaign` (whatever its dates), in
/// batches. Returns each upload's id and withdrawal token.
pub async fn add(
    db: &Db,
    definition: &Definition,
    campaign: &Campaign,
    people: &[Person],
) -> Result<Vec<(String, String)>, String> {
    add_sharing(db, definition, campaign, people, ConsentChoices { group_figures: true, ..Default::default() }).await
}

/// [`add`] with other consent choices, for example results shared with the campaign's
/// arbeidsdeskundige (the inbox benchmark). Contact details are never made up: `contact_me`
/// must be off, since a synthetic person has no address to be reached at.
pub async fn add_sharing(
    db: &Db,
    definition: &Definition,
    campaign: &Campaign,
    people: &[Person],
    choices: ConsentChoices,
) -> Result<Vec<(String, String)>, String> {
    if choices.contact_me {
        return Err("synthetic people have no contact details to share".into());
    }
    // The words of the campaign's consent text, as a phone fills them in.
    let values =
        werkscan_server::models::campaign::consent_values_in(db, campaign).await.map_err(|error| error.to_string())?;
    let stored_values = serde_json::to_string(&values).map_err(|error| error.to_string())?;
    let mut receipts = Vec::with_capacity(people.len());
    for chunk in people.chunks(500) {
        let mut pending = Vec::with_capacity(chunk.len());
        for person in chunk {
            let mut dice = Dice::new(person.seed);
            let answers = answers(definition, &mut dice, person.mood);
            let result =
                score(definition, &answers).map_err(|errors| format!("synthetic answers do not fit: {errors:?}"))?;
            let mut submission = build_submission(
                &campaign.code,
                person.department.clone(),
                definition,
                &result,
                &answers,
                choices,
                Lang::Nl,
                None,
            );
            submission.consent.values = Some(values.clone());
            werkscan_core::check_submission(&submission, definition)
                .map_err(|error| format!("synthetic upload refused: {error}"))?;
            let token = werkscan_server::util::new_token();
            let id = new_id();
            pending.push(Pending {
                id: id.clone(),
                campaign_id: campaign.id.clone(),
                signal: submission
                    .result
                    .as_ref()
                    .map(|result| werkscan_server::submissions::routes::signal_of(result, definition).to_owned()),
                contribution: submission
                    .result
                    .as_ref()
                    .map(|result| werkscan_server::releases::figures::contribution(definition, result)),
                origin_bucket: person.origin,
                withdrawal_hash: sha256_hex(&token),
                withdrawal_code_hash: sha256_hex(&werkscan_core::withdrawal_code::for_token(&token)),
                consent_values: Some(stored_values.clone()),
                request_hash: sha256_hex(&format!("synthetic|{id}")),
                created_at: person.created_at,
                expires_at: campaign.expires_at(),
                // The demo's own uploads, written directly: no address to limit.
                limit: None,
                invitation: None,
                submission,
            });
            receipts.push((id, token));
        }
        let rows: Vec<&Pending> = pending.iter().collect();
        write_batch(db, &rows).await.map_err(|error| format!("cannot store synthetic uploads: {error}"))?;
    }
    Ok(receipts)
}
