//! What the open answers could change. Every unanswered or "not sure"
//! question the interview asks is tried with each of its values (and the
//! follow-up questions a value opens); each value that changes the class,
//! the roles or the duties becomes an effect of that open question.

use std::collections::BTreeSet;

use assay_kb::{KnowledgeBase, Role};
use serde_json::Value;

use super::verdict::{OpenEffect, OpenQuestion, RiskClass};
use super::{Assessment, assess};
use crate::engine::Answers;
use crate::explore::{Change, Limits, explore};
use crate::presume::{open_state, presume};
use crate::questionnaire::Questionnaire;

/// What decides whether a verdict changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Outcome {
    class: RiskClass,
    roles: BTreeSet<Role>,
    duties: BTreeSet<String>,
}

impl Outcome {
    pub(crate) fn of(a: &Assessment<'_>) -> Self {
        Outcome {
            class: a.class,
            roles: a.findings.roles.clone(),
            duties: a.obligations.iter().map(|(ob, _)| ob.id.clone()).collect(),
        }
    }
}

pub(crate) struct Open {
    pub(crate) questions: Vec<OpenQuestion>,
    /// Classes some open answer would lead to (besides the assumed one).
    pub(crate) classes: BTreeSet<RiskClass>,
    pub(crate) complete: bool,
}

pub(crate) fn open_questions(
    kb: &KnowledgeBase,
    questionnaire: &Questionnaire,
    answers: &Answers,
    baseline: &Assessment<'_>,
) -> Open {
    let base = Outcome::of(baseline);
    let mut evaluate = |tried: &Answers| {
        let (resolved, _) = presume(questionnaire, tried);
        Outcome::of(&assess(kb, questionnaire, &resolved))
    };
    let found = explore(
        questionnaire,
        answers,
        &base,
        Limits::default(),
        &mut evaluate,
    );
    let mut questions: Vec<OpenQuestion> = Vec::new();
    let mut classes = BTreeSet::new();
    for change in &found.changes {
        if change.outcome.class != base.class {
            classes.insert(change.outcome.class);
        }
        let effect = effect(kb, questionnaire, &base, change);
        match questions.iter_mut().find(|q| q.question == change.question) {
            Some(q) => q.effects.push(effect),
            None => questions.push(open_question(
                kb,
                questionnaire,
                answers,
                &change.question,
                effect,
            )),
        }
    }
    for q in &mut questions {
        q.why = why(&q.effects);
        // One effect per resulting class is enough to read; the sentence
        // above already counts the duties every effect could touch.
        let mut seen: Vec<Option<RiskClass>> = Vec::new();
        q.effects.retain(|e| {
            let new = !seen.contains(&e.class);
            seen.push(e.class);
            new
        });
    }
    Open {
        questions,
        classes,
        complete: found.complete,
    }
}

fn open_question(
    kb: &KnowledgeBase,
    questionnaire: &Questionnaire,
    answers: &Answers,
    id: &str,
    effect: OpenEffect,
) -> OpenQuestion {
    let question = questionnaire.question(id);
    OpenQuestion {
        question: id.to_owned(),
        prompt: question.map_or_else(|| id.to_owned(), |q| q.prompt.clone()),
        state: question
            .and_then(|q| open_state(q, answers))
            .unwrap_or(crate::presume::OpenState::Unanswered),
        why: String::new(),
        effects: vec![effect],
        citation: question
            .map(|q| {
                q.cites
                    .iter()
                    .map(|c| kb.item(c).map_or_else(|| c.clone(), |i| i.label.clone()))
                    .collect()
            })
            .unwrap_or_default(),
    }
}

fn effect(
    kb: &KnowledgeBase,
    questionnaire: &Questionnaire,
    base: &Outcome,
    change: &Change<Outcome>,
) -> OpenEffect {
    let out = &change.outcome;
    let duty = |id: &String| {
        kb.obligations()
            .obligations
            .iter()
            .find(|o| &o.id == id)
            .map_or_else(
                || id.clone(),
                |o| {
                    let article = kb
                        .item(&o.article)
                        .map_or(o.article.as_str(), |i| i.label.as_str());
                    format!("{} ({article})", o.title)
                },
            )
    };
    let role_names = |roles: Vec<&Role>| roles.into_iter().map(|r| r.label().to_owned()).collect();
    OpenEffect {
        answer: answer_label(questionnaire, &change.question, &change.value),
        with: change
            .via
            .iter()
            .map(|(q, v)| {
                let prompt = questionnaire
                    .question(q)
                    .map_or(q.as_str(), |x| x.prompt.as_str());
                format!("{prompt} {}", answer_label(questionnaire, q, v))
            })
            .collect(),
        class: (out.class != base.class).then_some(out.class),
        roles_added: role_names(out.roles.difference(&base.roles).collect()),
        roles_removed: role_names(base.roles.difference(&out.roles).collect()),
        duties_added: out.duties.difference(&base.duties).map(duty).collect(),
        duties_removed: base.duties.difference(&out.duties).map(duty).collect(),
    }
}

/// The plain-words label of an answer value.
fn answer_label(questionnaire: &Questionnaire, question: &str, value: &Value) -> String {
    let values: Vec<&str> = match value {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let q = questionnaire.question(question);
    let labels: Vec<String> = values
        .iter()
        .map(|v| {
            q.and_then(|q| q.option(v))
                .map_or_else(|| (*v).to_owned(), |o| o.label.clone())
        })
        .collect();
    labels.join("; ")
}

/// One sentence on what the question could change and how to settle it.
fn why(effects: &[OpenEffect]) -> String {
    let classes: BTreeSet<&str> = effects
        .iter()
        .filter_map(|e| e.class)
        .map(RiskClass::label)
        .collect();
    let added: usize = effects
        .iter()
        .map(|e| e.duties_added.len())
        .max()
        .unwrap_or(0);
    let removed: usize = effects
        .iter()
        .map(|e| e.duties_removed.len())
        .max()
        .unwrap_or(0);
    let roles = effects
        .iter()
        .any(|e| !e.roles_added.is_empty() || !e.roles_removed.is_empty());
    let mut parts = Vec::new();
    if !classes.is_empty() {
        parts.push(format!(
            "could change the classification to: {}",
            classes.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    if roles {
        parts.push("could change the organisation's role".to_owned());
    }
    if added > 0 {
        parts.push(format!("could add up to {added} {}", duties(added)));
    }
    if removed > 0 {
        parts.push(format!("could remove up to {removed} {}", duties(removed)));
    }
    format!(
        "This answer {}. A firm answer, backed by the system's documentation or the provider's statement, settles it.",
        parts.join("; ")
    )
}

fn duties(n: usize) -> &'static str {
    if n == 1 { "duty" } else { "duties" }
}
