//! Runs the cases files next to each questionnaire (semgrep-style: answers
//! in, the outcome the law requires out) and tests the engine's behaviour on
//! malformed answers.

mod cases;
mod engine;
mod risk_profile;
mod semantics;
mod snapshots;
mod soc2;

use assay_engine::{Questionnaire, load_questionnaires};
use assay_kb::{KnowledgeBase, bundled_files};

pub(crate) fn setup() -> (KnowledgeBase, Vec<Questionnaire>) {
    let kb = KnowledgeBase::bundled().unwrap();
    let questionnaires = load_questionnaires(&kb, &bundled_files()).unwrap();
    (kb, questionnaires)
}

pub(crate) fn eu_ai_act(questionnaires: &[Questionnaire]) -> &Questionnaire {
    questionnaires.iter().find(|q| q.id == "eu-ai-act").unwrap()
}
