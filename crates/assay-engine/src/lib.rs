//! The questionnaire engine and the classifiers. Given a questionnaire (data)
//! and answers, the engine says which questions are asked, what is wrong with
//! the answers and how far the interview is; a classifier turns the answers
//! into a verdict whose every step cites the knowledge base.
//!
//! Pure: no I/O, no clock, no IDs. The caller hands in the knowledge base,
//! the questionnaire and the answers.

pub mod engine;
pub mod eu_ai_act;
pub mod explore;
pub mod presume;
pub mod questionnaire;
pub mod risk_profile;
pub mod soc2;
mod validate;

use assay_kb::{AssetFile, Diagnostic, KnowledgeBase};

pub use engine::{
    AnswerProblem, Answers, Progress, View, check, check_answer, is_asked, progress, prune,
};
pub use presume::{Assumption, OpenState, presume, upgrade};
pub use questionnaire::{AnswerType, Condition, Question, Questionnaire, RecordField, RecordType};
pub use validate::validate_questionnaires;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("no questionnaire has the ID `{0}`")]
    UnknownQuestionnaire(String),
    #[error("the questionnaires do not validate:\n{}", .0.iter().map(|d| format!("  {d}")).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Diagnostic>),
    #[error("the answers have {} problem(s):\n{}", .0.len(), .0.iter().map(|p| format!("  {}: {}", p.question, p.message)).collect::<Vec<_>>().join("\n"))]
    BadAnswers(Vec<AnswerProblem>),
}

/// The questionnaires among `files` (paths `questionnaires/<id>.json`),
/// parsed and validated against the knowledge base.
pub fn load_questionnaires(
    kb: &KnowledgeBase,
    files: &[AssetFile<'_>],
) -> Result<Vec<Questionnaire>, EngineError> {
    let (questionnaires, diagnostics) = validate::parse_questionnaires(kb, files);
    if diagnostics.is_empty() {
        Ok(questionnaires)
    } else {
        Err(EngineError::Invalid(diagnostics))
    }
}
