//! Interview practice for the "AI security / compliance specialist" role:
//! scenarios and rubrics are data (`assets/practice/scenarios.json`), and an
//! answer is graded here, offline and deterministically, with feedback that
//! quotes the candidate's own sentences and cites the framework.
//!
//! Pure: no I/O, no clock. Attempts are stored by the caller.

mod grade;
mod model;
mod normalise;
mod porter;
mod validate;

use assay_kb::{AssetFile, Diagnostic, KnowledgeBase};

pub use grade::{Band, Grade, PenaltyResult, PointResult, StructureResult, grade};
pub use model::*;

/// Where the scenarios live among the bundled assets.
pub const SCENARIOS_FILE: &str = "practice/scenarios.json";

#[derive(Debug, thiserror::Error)]
pub enum PracticeError {
    #[error("no practice scenario has the ID `{0}`")]
    UnknownScenario(String),
    #[error("the practice scenarios do not validate:\n{}", .0.iter().map(|d| format!("  {d}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Diagnostic>),
}

/// The scenarios among `files`, checked against the knowledge base.
pub fn load(kb: &KnowledgeBase, files: &[AssetFile<'_>]) -> Result<Vec<Scenario>, PracticeError> {
    let (scenarios, problems) = validate::parse(kb, files);
    if problems.is_empty() {
        Ok(scenarios)
    } else {
        Err(PracticeError::Invalid(problems))
    }
}

/// Every problem in the scenario file among `files`.
pub fn validate(kb: &KnowledgeBase, files: &[AssetFile<'_>]) -> Vec<Diagnostic> {
    validate::parse(kb, files).1
}
