//! Werkscan's pure core: the questionnaire definition model, its validation, scoring, and the
//! types that cross the wire (consent, submissions).
//!
//! Nothing here does I/O or depends on a UI or server framework, so the same code compiles to
//! WebAssembly for the phone and natively for the server and the command-line tool. That is what
//! lets the server re-compute a score and reject an upload whose numbers do not match.

pub mod answers;
#[cfg(feature = "authoring")]
pub mod authoring;
pub mod campaign;
pub mod changes;
pub mod compare;
pub mod consent;
pub mod disclosure;
pub mod json;
pub mod model;
pub mod report;
pub mod routes;
pub mod scoring;
pub mod screen_words;
pub mod submission;
pub mod text;
pub mod validate;
pub mod when;
pub mod withdrawal_code;

pub use answers::{check_answers, AnswerError, AnswerProblem, AnswerValue, Answers};
pub use consent::{consent_document, ConsentChoices, ConsentDocument, ConsentValues, CONSENT_VERSION};
pub use model::Definition;
pub use scoring::{score, ScanResult, ScoreResult};
pub use submission::{
    build_submission, check_submission, group_figures_result, ConsentRecord, Contact, Receipt, Submission,
    SubmissionError,
};
pub use text::{Lang, Text};
pub use validate::{validate, Problem};
