//! Determinacy: would any answer still open change the outcome?
//!
//! A verdict is final only when nothing unknown could change it. Rather than
//! guessing which questions matter, [`explore`] decides it in principle: for
//! every asked choice question that is unanswered or answered "not sure", it
//! tries every value, and (to a bounded depth) the questions that value makes
//! asked, and compares the outcome with the baseline. Generic over the
//! outcome, so every classifier and scorer can use it.

use serde_json::Value;

use crate::engine::Answers;
use crate::presume::open_questions;
use crate::questionnaire::{AnswerType, Question, Questionnaire};

/// How far follow-up questions are explored, and how many evaluations the
/// exploration may spend before it stops (and says so).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub depth: usize,
    pub evaluations: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            depth: 3,
            evaluations: 4_000,
        }
    }
}

/// One way an open question could change the outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Change<O> {
    /// The open question.
    pub question: String,
    /// The value tried for it.
    pub value: Value,
    /// Follow-up answers that were also needed (question, value).
    pub via: Vec<(String, Value)>,
    pub outcome: O,
}

/// What the exploration found.
#[derive(Debug, Clone)]
pub struct Exploration<O> {
    /// Every distinct changed outcome per open question, in questionnaire
    /// order; open questions that can change nothing are absent.
    pub changes: Vec<Change<O>>,
    /// False when the evaluation budget ran out before every branch was tried.
    pub complete: bool,
    pub evaluations: usize,
}

/// The values worth trying for an open question: yes and no; each option;
/// each option alone for a multiple choice.
pub fn alternatives(question: &Question) -> Vec<Value> {
    match question.answer_type {
        AnswerType::YesNoUnsure => vec![Value::from("yes"), Value::from("no")],
        AnswerType::Single => question
            .options
            .iter()
            .map(|o| Value::from(o.value.as_str()))
            .collect(),
        AnswerType::Multi => question
            .options
            .iter()
            .map(|o| Value::Array(vec![Value::from(o.value.as_str())]))
            .collect(),
        _ => Vec::new(),
    }
}

/// Tries the open questions of `answers` against `evaluate` (which must
/// resolve open questions itself, for instance with `presume`) and reports
/// each value that yields an outcome different from `baseline`.
pub fn explore<O: PartialEq + Clone>(
    questionnaire: &Questionnaire,
    answers: &Answers,
    baseline: &O,
    limits: Limits,
    evaluate: &mut dyn FnMut(&Answers) -> O,
) -> Exploration<O> {
    let mut run = Run {
        questionnaire,
        baseline,
        evaluate,
        spent: 0,
        limits,
        complete: true,
        changes: Vec::new(),
    };
    let open: Vec<&Question> = open_questions(questionnaire, answers);
    for question in &open {
        run.branch(answers, question, &[], limits.depth);
    }
    Exploration {
        changes: run.changes,
        complete: run.complete,
        evaluations: run.spent,
    }
}

struct Run<'a, O> {
    questionnaire: &'a Questionnaire,
    baseline: &'a O,
    evaluate: &'a mut dyn FnMut(&Answers) -> O,
    spent: usize,
    limits: Limits,
    complete: bool,
    changes: Vec<Change<O>>,
}

impl<O: PartialEq + Clone> Run<'_, O> {
    /// Tries every value of `question` (reached through `via` when it is a
    /// follow-up of an earlier open question).
    fn branch(
        &mut self,
        answers: &Answers,
        question: &Question,
        via: &[(String, Value)],
        depth: usize,
    ) {
        let before: Vec<&str> = open_questions(self.questionnaire, answers)
            .iter()
            .map(|q| q.id.as_str())
            .collect();
        for value in alternatives(question) {
            if self.spent >= self.limits.evaluations {
                self.complete = false;
                return;
            }
            let mut tried = answers.clone();
            tried.insert(question.id.clone(), value.clone());
            self.spent += 1;
            let outcome = (self.evaluate)(&tried);
            if &outcome != self.baseline {
                self.record(question, &value, via, outcome);
            }
            // Follow-up questions this value makes asked may change the
            // outcome again (a listed area's specific use, an exception).
            let follow_ups: Vec<&Question> = open_questions(self.questionnaire, &tried)
                .into_iter()
                .filter(|f| !before.contains(&f.id.as_str()))
                .collect();
            if follow_ups.is_empty() {
                continue;
            }
            if depth <= 1 {
                self.complete = false;
                continue;
            }
            let mut path = via.to_vec();
            path.push((question.id.clone(), value.clone()));
            for follow_up in follow_ups {
                self.branch(&tried, follow_up, &path, depth - 1);
            }
        }
    }

    fn record(&mut self, question: &Question, value: &Value, via: &[(String, Value)], outcome: O) {
        let (root, root_value, chain) = match via.split_first() {
            Some(((q, v), rest)) => {
                let mut chain = rest.to_vec();
                chain.push((question.id.clone(), value.clone()));
                (q.clone(), v.clone(), chain)
            }
            None => (question.id.clone(), value.clone(), Vec::new()),
        };
        let seen = self
            .changes
            .iter()
            .any(|c| c.question == root && c.outcome == outcome);
        if !seen {
            self.changes.push(Change {
                question: root,
                value: root_value,
                via: chain,
                outcome,
            });
        }
    }
}
