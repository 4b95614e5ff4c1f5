//! Answers a classifier may rely on while the interview is unfinished, and
//! answers carried over from questions an earlier version asked.
//!
//! A question the person has not answered, or answered "not sure", is
//! given its `presume` value from the questionnaire. The classifier then
//! decides on firm answers only, and every assumption is reported with the
//! verdict; `crate::explore` tries the other values to say what the open
//! answers could change.

use serde::Serialize;
use serde_json::Value;

use crate::engine::{Answers, NOT_SURE, is_asked, prune};
use crate::questionnaire::{Question, Questionnaire};

/// Why an answer was assumed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum OpenState {
    Unanswered,
    NotSure,
}

/// One answer a classifier assumed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Assumption {
    pub question: String,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub value: Value,
    pub state: OpenState,
}

/// Whether `question` is asked and still open (unanswered or "not sure").
pub fn open_state(question: &Question, answers: &Answers) -> Option<OpenState> {
    if !is_asked(question, answers) {
        return None;
    }
    match answers.get(&question.id) {
        None => Some(OpenState::Unanswered),
        Some(Value::String(v)) if v == NOT_SURE => Some(OpenState::NotSure),
        Some(_) => None,
    }
}

/// The asked decisive questions that are still open, in questionnaire
/// order: the ones whose answer could change a verdict.
pub fn open_questions<'q>(
    questionnaire: &'q Questionnaire,
    answers: &Answers,
) -> Vec<&'q Question> {
    questionnaire
        .questions
        .iter()
        .filter(|q| q.decisive && q.is_choice() && open_state(q, answers).is_some())
        .collect()
}

/// `answers` with every open question that has a `presume` value set to
/// it, and the list of what was assumed. Repeats until nothing changes,
/// since an assumed answer can make a further question asked.
pub fn presume(questionnaire: &Questionnaire, answers: &Answers) -> (Answers, Vec<Assumption>) {
    let mut resolved = answers.clone();
    let mut assumed: Vec<Assumption> = Vec::new();
    loop {
        let mut changed = false;
        for question in &questionnaire.questions {
            let Some(value) = &question.presume else {
                continue;
            };
            if assumed.iter().any(|a| a.question == question.id) {
                continue;
            }
            if let Some(state) = open_state(question, &resolved) {
                resolved.insert(question.id.clone(), value.clone());
                assumed.push(Assumption {
                    question: question.id.clone(),
                    value: value.clone(),
                    state,
                });
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let resolved = prune(questionnaire, &resolved);
    assumed.retain(|a| resolved.contains_key(&a.question));
    (resolved, assumed)
}

/// `answers` with answers to retired questions carried over to the
/// questions that replaced them (where the questionnaire says how) and
/// dropped otherwise; the notes say what happened, in plain words.
pub fn upgrade(questionnaire: &Questionnaire, answers: &Answers) -> (Answers, Vec<String>) {
    let mut upgraded = answers.clone();
    let mut notes = Vec::new();
    let mut carried: Vec<String> = Vec::new();
    for retired in &questionnaire.retired {
        let Some(old) = upgraded.remove(&retired.id) else {
            continue;
        };
        match retired.maps.iter().find(|m| m.when == old) {
            Some(mapping) => {
                for (id, value) in &mapping.set {
                    if !upgraded.contains_key(id) {
                        upgraded.insert(id.clone(), value.clone());
                        carried.push(id.clone());
                    }
                }
                notes.push(format!(
                    "{} The earlier answer was carried over.",
                    retired.note
                ));
            }
            None => notes.push(format!(
                "{} The earlier answer could not be carried over; answer the new questions.",
                retired.note
            )),
        }
    }
    // A carried-over answer to a question these answers do not ask (a
    // supplier's question for a deployer, say) says nothing; drop it, and
    // only it: the caller's own answers are checked as given.
    loop {
        let snapshot = upgraded.clone();
        let before = upgraded.len();
        upgraded.retain(|id, _| {
            !carried.contains(id)
                || questionnaire
                    .question(id)
                    .is_some_and(|q| crate::engine::is_asked(q, &snapshot))
        });
        if upgraded.len() == before {
            break;
        }
    }
    (upgraded, notes)
}
