//! The state the legal tests share: typed reading of the (resolved) answers,
//! and the findings each test adds — facts, roles, listings, the legal basis
//! and the cited trace.

use std::collections::{BTreeSet, HashSet};

use assay_kb::{Certainty, Fact, KnowledgeBase, Role};

use super::verdict::{HighRiskRoute, TraceStep};
use crate::engine::{Answers, View};
use crate::questionnaire::Questionnaire;

/// Read access to firm answers, and to the knowledge-base items the
/// questionnaire's options name (`kb_item`, `excludes`).
#[derive(Clone, Copy)]
pub(crate) struct Reading<'a> {
    pub(crate) view: View<'a>,
    pub(crate) questionnaire: &'a Questionnaire,
}

impl<'a> Reading<'a> {
    pub(crate) fn new(answers: &'a Answers, questionnaire: &'a Questionnaire) -> Self {
        Reading {
            view: View::new(answers),
            questionnaire,
        }
    }

    pub(crate) fn yes(&self, question: &str) -> bool {
        self.view.yes(question)
    }

    pub(crate) fn is(&self, question: &str, value: &str) -> bool {
        self.view.is(question, value)
    }

    pub(crate) fn includes(&self, question: &str, value: &str) -> bool {
        self.view.includes(question, value)
    }

    pub(crate) fn answered(&self, question: &str) -> bool {
        self.view.answered(question)
    }

    /// The values chosen: the answer of a yes/no or single question, or
    /// every value of a multiple choice.
    fn chosen(&self, question: &str) -> Vec<&'a str> {
        match self.view.choice(question) {
            Some(one) => vec![one],
            None => self.view.many(question),
        }
    }

    /// The `kb_item` of every chosen option of `question`.
    pub(crate) fn items(&self, question: &str) -> Vec<&'a str> {
        let Some(q) = self.questionnaire.question(question) else {
            return Vec::new();
        };
        self.chosen(question)
            .into_iter()
            .filter_map(|v| q.option(v).and_then(|o| o.kb_item.as_deref()))
            .collect()
    }

    /// The `excludes` of every chosen option of `question`.
    pub(crate) fn exclusions(&self, question: &str) -> Vec<&'a str> {
        let Some(q) = self.questionnaire.question(question) else {
            return Vec::new();
        };
        self.chosen(question)
            .into_iter()
            .filter_map(|v| q.option(v).and_then(|o| o.excludes.as_deref()))
            .collect()
    }

    /// Questions of a section, in order.
    pub(crate) fn section(&self, section: &str) -> impl Iterator<Item = &'a str> + 'a {
        let section = section.to_owned();
        self.questionnaire
            .questions
            .iter()
            .filter(move |q| q.section == section)
            .map(|q| q.id.as_str())
    }
}

/// Everything the tests establish, in the order they establish it.
#[derive(Default)]
pub(crate) struct Findings {
    pub(crate) facts: HashSet<Fact>,
    pub(crate) trace: Vec<TraceStep>,
    /// KB IDs the class rests on.
    pub(crate) basis: Vec<String>,
    /// Roles for the system.
    pub(crate) roles: BTreeSet<Role>,
    pub(crate) routes: BTreeSet<HighRiskRoute>,
    /// Annex III points the system is listed in.
    pub(crate) listed: Vec<String>,
    /// Art. 5 points established.
    pub(crate) prohibited: Vec<String>,
    /// Art. 50 paragraphs that apply (KB IDs).
    pub(crate) transparency: Vec<String>,
    pub(crate) profiling: Option<bool>,
    pub(crate) derogation: bool,
    pub(crate) scope_notes: Vec<String>,
}

impl Findings {
    pub(crate) fn fact(&mut self, fact: Fact) {
        self.facts.insert(fact);
    }

    pub(crate) fn has(&self, fact: Fact) -> bool {
        self.facts.contains(&fact)
    }

    pub(crate) fn basis(&mut self, ids: &[&str]) {
        for id in ids {
            if !self.basis.iter().any(|b| b == id) {
                self.basis.push((*id).to_owned());
            }
        }
    }

    /// Records one step of the reasoning with the provisions it relies on.
    pub(crate) fn step(
        &mut self,
        kb: &KnowledgeBase,
        rule: &str,
        answers: &[&str],
        cites: &[&str],
        outcome: impl Into<String>,
    ) {
        let items: Vec<_> = cites.iter().map(|c| (c, kb.item(c))).collect();
        self.trace.push(TraceStep {
            rule: rule.to_owned(),
            answers: answers.iter().map(|a| (*a).to_owned()).collect(),
            citation: items
                .iter()
                .map(|(id, item)| item.map_or_else(|| (**id).to_owned(), |i| i.label.clone()))
                .collect(),
            citation_ids: cites.iter().map(|c| (*c).to_owned()).collect(),
            outcome: outcome.into(),
            reported: items
                .iter()
                .any(|(_, item)| item.is_some_and(|i| i.status == Certainty::Reported)),
        });
    }
}
