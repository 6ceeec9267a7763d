//! Integration tests of the core crate: the shipped definitions, golden WAI cases, properties of
//! scoring, and broken definitions with their exact diagnostics.

mod changes;
mod compare;
mod consent;
mod definitions;
mod dependencies;
mod disclosure;
mod fixtures;
mod fuzz;
mod json;
mod previous;
mod properties;
mod report;
mod submission;
mod support;
mod wai;
mod withdrawal_code;
mod wording;
