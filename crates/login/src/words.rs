//! The login's refusals in words: each one a person can do something about (a wrong password,
//! a lock-out, a used link) has its own sentence, the rest a general one with the code for the
//! helpdesk. The sentences are the kit's (`werkscan_kit::refusals`), which the console uses too.

use werkscan_core::Lang;
use werkscan_kit::refusals;

use crate::api::ApiError;

/// What went wrong, in words for the screen.
pub fn error(lang: Lang, error: &ApiError) -> String {
    let code = match error {
        ApiError::Offline => return refusals::offline(lang).to_owned(),
        ApiError::Refused { code, .. } => code.as_str(),
    };
    match refusals::account_refusal(lang, code) {
        Some(words) => words.to_owned(),
        None => refusals::general(lang, code),
    }
}
