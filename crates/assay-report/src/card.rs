//! The system card: what the system is for, what it is built from, how well
//! it works and how it is overseen, gathered from the project's answers.
//!
//! The card reads the `system-card` interview, the EU AI Act verdict and the
//! risk registers; it never fills a gap. A fact nobody recorded stays `None`
//! and every renderer (PDF section, Markdown, CycloneDX) shows it as missing.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::content::plain;
use crate::data::{AssessmentReport, ReportData};

/// The questionnaire whose answers fill the card.
pub const CARD_QUESTIONNAIRE: &str = "system-card";

#[derive(Debug, Clone, Serialize)]
pub struct SystemCard {
    pub system_name: String,
    pub client: String,
    pub description: Option<String>,
    pub intended_use: Option<String>,
    pub out_of_scope: Option<String>,
    pub users: Option<String>,
    pub affected: Option<String>,
    /// `None` when the question is unanswered; empty when answered "none".
    pub models: Option<Vec<CardModel>>,
    pub datasets: Option<Vec<CardDataset>>,
    pub services: Option<Vec<CardService>>,
    pub metrics: Option<Vec<CardMetric>>,
    pub limitations: Option<String>,
    pub fairness: Option<String>,
    pub oversight: Option<String>,
    pub risks: Vec<CardRisk>,
    pub classification: Option<CardClassification>,
}

/// A model as the card lists it. Option values are kept (`fine_tuned`) for
/// machine formats; `*_label` fields carry the words a reader sees.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CardModel {
    pub name: String,
    pub version: Option<String>,
    pub supplier: Option<String>,
    pub origin: String,
    pub origin_label: String,
    pub task: String,
    pub task_label: String,
    pub approach: Option<String>,
    pub architecture: Option<String>,
    pub licence: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CardDataset {
    pub name: String,
    pub used_for: String,
    pub used_for_label: String,
    pub source: Option<String>,
    pub provenance: Option<String>,
    /// `yes`, `no`, `not_sure`, or `None` when not recorded.
    pub personal_data: Option<String>,
    pub licence: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CardService {
    pub name: String,
    pub supplier: String,
    pub purpose: Option<String>,
    pub endpoint: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CardMetric {
    pub metric: String,
    pub value: String,
    pub slice: Option<String>,
    pub interval: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CardRisk {
    pub title: String,
    /// What is done about it, or `None` when no treatment is recorded.
    pub mitigation: Option<String>,
    /// Where the risk comes from: the risk register or the risk profile.
    pub source: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CardClassification {
    pub risk_class: String,
    pub final_verdict: bool,
    pub open_questions: usize,
    pub legal_basis: Vec<String>,
    pub roles: String,
}

impl SystemCard {
    pub fn from_report(data: &ReportData) -> SystemCard {
        let card = data
            .assessments
            .iter()
            .find(|a| a.questionnaire == CARD_QUESTIONNAIRE);
        let answers = card.map(|a| &a.raw_answers);
        let text = |q: &str| answers.and_then(|a| text_answer(a, q));
        let list = |q: &str| answers.and_then(|a| a.get(q)?.as_array().cloned());
        let description = non_empty(&data.engagement.system_description);
        SystemCard {
            system_name: data.engagement.system_name.clone(),
            client: data.engagement.client.clone(),
            description,
            intended_use: text("card_intended_use"),
            out_of_scope: text("card_out_of_scope"),
            users: text("card_users"),
            affected: text("card_affected"),
            models: list("card_models").map(|l| records(&l, |r| model(r, card))),
            datasets: list("card_datasets").map(|l| records(&l, |r| dataset(r, card))),
            services: list("card_services").map(|l| records(&l, service)),
            metrics: list("card_metrics").map(|l| records(&l, metric)),
            limitations: text("card_limitations"),
            fairness: text("card_fairness"),
            oversight: text("card_oversight"),
            risks: risks(data),
            classification: classification(data),
        }
    }

    /// The card's facts nobody recorded, as headings a reader knows.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        let checks: [(&str, bool); 11] = [
            ("Intended use", self.intended_use.is_none()),
            ("Uses out of scope", self.out_of_scope.is_none()),
            ("Users", self.users.is_none()),
            ("Affected people", self.affected.is_none()),
            ("Models", self.models.is_none()),
            ("Data", self.datasets.is_none()),
            ("Outside services", self.services.is_none()),
            ("Performance", self.metrics.is_none()),
            ("Limitations", self.limitations.is_none()),
            ("Fairness and bias", self.fairness.is_none()),
            ("Human oversight", self.oversight.is_none()),
        ];
        out.extend(checks.iter().filter(|(_, m)| *m).map(|(name, _)| *name));
        if self.classification.is_none() {
            out.push("EU AI Act classification");
        }
        out
    }
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn text_answer(answers: &Map<String, Value>, question: &str) -> Option<String> {
    answers.get(question)?.as_str().and_then(non_empty)
}

fn field(record: &Map<String, Value>, name: &str) -> Option<String> {
    text_answer(record, name)
}

fn records<T>(list: &[Value], build: impl Fn(&Map<String, Value>) -> Option<T>) -> Vec<T> {
    list.iter()
        .filter_map(Value::as_object)
        .filter_map(build)
        .collect()
}

/// The label the questionnaire gives an option of a record field.
fn option_label(card: Option<&AssessmentReport>, value: &str) -> String {
    card.and_then(|a| a.labels.get(value))
        .cloned()
        .unwrap_or_else(|| value.replace('_', " "))
}

fn model(r: &Map<String, Value>, card: Option<&AssessmentReport>) -> Option<CardModel> {
    let origin = field(r, "origin")?;
    let task = field(r, "task")?;
    Some(CardModel {
        name: field(r, "name")?,
        version: field(r, "version"),
        supplier: field(r, "supplier"),
        origin_label: option_label(card, &format!("model.origin.{origin}")),
        task_label: option_label(card, &format!("model.task.{task}")),
        origin,
        task,
        approach: field(r, "approach"),
        architecture: field(r, "architecture"),
        licence: field(r, "licence"),
    })
}

fn dataset(r: &Map<String, Value>, card: Option<&AssessmentReport>) -> Option<CardDataset> {
    let used_for = field(r, "use")?;
    Some(CardDataset {
        name: field(r, "name")?,
        used_for_label: option_label(card, &format!("dataset.use.{used_for}")),
        used_for,
        source: field(r, "source"),
        provenance: field(r, "provenance"),
        personal_data: field(r, "personal_data"),
        licence: field(r, "licence"),
    })
}

fn service(r: &Map<String, Value>) -> Option<CardService> {
    Some(CardService {
        name: field(r, "name")?,
        supplier: field(r, "supplier")?,
        purpose: field(r, "purpose"),
        endpoint: field(r, "endpoint"),
    })
}

fn metric(r: &Map<String, Value>) -> Option<CardMetric> {
    Some(CardMetric {
        metric: field(r, "metric")?,
        value: field(r, "value")?,
        slice: field(r, "slice"),
        interval: field(r, "interval"),
    })
}

/// The risk register's risks, then the risk profile's treatments.
fn risks(data: &ReportData) -> Vec<CardRisk> {
    let mut out: Vec<CardRisk> = data
        .risks
        .iter()
        .map(|r| CardRisk {
            title: r.title.clone(),
            mitigation: non_empty(&r.treatment),
            source: "Risk register".into(),
        })
        .collect();
    for a in &data.assessments {
        let Some(profile) = &a.profile else { continue };
        for item in &profile.treatment_plan {
            let actions = item.actions.join("; ");
            out.push(CardRisk {
                title: item.title.clone(),
                mitigation: non_empty(&actions),
                source: format!("Risk profile ({} risk)", item.band.to_lowercase()),
            });
        }
    }
    out
}

fn classification(data: &ReportData) -> Option<CardClassification> {
    let (_, v) = crate::content::eu_verdicts(data).into_iter().next()?;
    Some(CardClassification {
        risk_class: v.risk_class.label().to_owned(),
        final_verdict: v.status == assay_engine::eu_ai_act::VerdictStatus::Final,
        open_questions: v.open_questions.len(),
        legal_basis: v.legal_basis.clone(),
        roles: plain::roles(&v.roles),
    })
}
