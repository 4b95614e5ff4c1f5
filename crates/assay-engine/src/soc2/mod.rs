//! SOC 2 Type II readiness: scoping, a level per control with the rules that
//! set it, readiness for Type I and Type II per category, gaps ranked by
//! what closing them is worth, a timeline to the report, a sampling plan and
//! the crosswalk coverage. The rules are data (`assets/soc2/readiness.json`);
//! the criteria are the knowledge base's.

mod model;
mod score;
mod timeline;
mod validate;

use assay_kb::{AssetFile, KnowledgeBase};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

pub use model::*;
pub use score::{
    AI_CONTROLS, CategoryScore, ControlReadiness, ReadinessGap, SECURITY, StaleEvidence,
};
pub use timeline::Timeline;
pub use validate::validate_rules;

use crate::{Answers, EngineError, Questionnaire, View};

/// A category the answers suggest but the scope leaves out.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Suggestion {
    pub category: String,
    /// The answer that suggests it.
    pub question: String,
    pub guidance: String,
}

/// How many times the auditor will test a control.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SamplePlan {
    pub id: String,
    pub frequency: String,
    pub population: String,
    pub sample: u32,
}

/// The SP 800-53 and ISO/IEC 42001 items the knowledge base maps a
/// criterion to.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Coverage {
    pub criterion: String,
    /// SP 800-53 control, with the baselines it is in.
    pub sp80053: Vec<(String, Vec<String>)>,
    pub iso42001: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReadinessResult {
    pub rules: String,
    pub version: String,
    pub assessed_on: String,
    /// Security first, then each category chosen.
    pub in_scope: Vec<String>,
    pub suggested: Vec<Suggestion>,
    /// The in-scope criteria, then the AI-specific controls.
    pub controls: Vec<ControlReadiness>,
    /// Criteria of categories not in scope.
    pub not_asked: Vec<String>,
    pub stale: Vec<StaleEvidence>,
    pub scores: Vec<CategoryScore>,
    pub overall: CategoryScore,
    pub gaps: Vec<ReadinessGap>,
    pub timeline: Timeline,
    pub sampling_basis: String,
    pub sampling: Vec<SamplePlan>,
    pub coverage: Vec<Coverage>,
}

/// The readiness rules among `files` (`soc2/*.json`), checked.
pub fn load_rules(
    kb: &KnowledgeBase,
    files: &[AssetFile<'_>],
    questionnaires: &[Questionnaire],
) -> Result<Vec<ReadinessRules>, EngineError> {
    let (rules, diagnostics) = validate::parse_rules(kb, files, questionnaires);
    if diagnostics.is_empty() {
        Ok(rules)
    } else {
        Err(EngineError::Invalid(diagnostics))
    }
}

fn category_of(rules: &ReadinessRules, criterion: &str) -> String {
    rules
        .categories
        .iter()
        .find(|c| c.covers(criterion))
        .map_or_else(|| SECURITY.to_owned(), |c| c.id.clone())
}

fn scope(rules: &ReadinessRules, answers: &Answers) -> (Vec<String>, Vec<Suggestion>) {
    let view = View::new(answers);
    let mut in_scope = vec![SECURITY.to_owned()];
    in_scope.extend(
        view.many("categories")
            .into_iter()
            .filter(|c| *c != "none")
            .map(str::to_owned),
    );
    let suggested = rules
        .categories
        .iter()
        .filter(|c| !in_scope.contains(&c.id) && view.yes(&c.expected_when))
        .map(|c| Suggestion {
            category: c.id.clone(),
            question: c.expected_when.clone(),
            guidance: c.guidance.clone(),
        })
        .collect();
    (in_scope, suggested)
}

/// Scores `answers` to the SOC 2 questionnaire against `rules` as of `on`.
pub fn assess(
    kb: &KnowledgeBase,
    rules: &ReadinessRules,
    questionnaire: &Questionnaire,
    answers: &Answers,
    on: NaiveDate,
) -> Result<ReadinessResult, EngineError> {
    let problems = crate::check(questionnaire, answers);
    if !problems.is_empty() {
        return Err(EngineError::BadAnswers(problems));
    }
    let (in_scope, suggested) = scope(rules, answers);
    let mut controls = Vec::new();
    let mut stale = Vec::new();
    let mut not_asked = Vec::new();
    for c in &rules.criteria {
        let category = category_of(rules, &c.criterion);
        if !in_scope.contains(&category) {
            not_asked.push(c.criterion.clone());
            continue;
        }
        let spec = (
            c.criterion.as_str(),
            c.question.as_str(),
            category.as_str(),
            c.weight,
        );
        let (control, lapsed) = score::readiness(rules, answers, spec, on);
        controls.push(control);
        stale.extend(lapsed.map(|s| StaleEvidence {
            id: c.criterion.clone(),
            ..s
        }));
    }
    for ai in &rules.ai_controls {
        let spec = (
            ai.question.as_str(),
            ai.question.as_str(),
            AI_CONTROLS,
            ai.weight,
        );
        let (control, lapsed) = score::readiness(rules, answers, spec, on);
        controls.push(control);
        stale.extend(lapsed);
    }
    let mut categories = in_scope.clone();
    categories.push(AI_CONTROLS.to_owned());
    let scores = categories
        .iter()
        .map(|cat| {
            let of: Vec<&ControlReadiness> =
                controls.iter().filter(|c| &c.category == cat).collect();
            score::category_score(cat, &of)
        })
        .collect();
    let all: Vec<&ControlReadiness> = controls.iter().collect();
    let gaps = score::gaps(rules, &controls);
    let view = View::new(answers);
    let months = view
        .choice("observation_months")
        .and_then(|m| m.parse().ok())
        .unwrap_or(6);
    let timeline = timeline::timeline(&timeline::TimelineInput {
        rules: &rules.timeline,
        gaps: &gaps,
        on,
        target_start: view
            .choice("target_start")
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        months,
        type1_first: view.yes("type1_first"),
    });
    Ok(ReadinessResult {
        rules: rules.id.clone(),
        version: rules.version.clone(),
        assessed_on: on.to_string(),
        overall: score::category_score("overall", &all),
        sampling: sampling(rules, &controls),
        coverage: coverage(kb, &controls),
        sampling_basis: rules.sampling.basis.clone(),
        in_scope,
        suggested,
        not_asked,
        stale,
        scores,
        gaps,
        timeline,
        controls,
    })
}

fn sampling(rules: &ReadinessRules, controls: &[ControlReadiness]) -> Vec<SamplePlan> {
    controls
        .iter()
        .filter_map(|c| {
            let frequency = c.frequency.as_ref()?;
            let row = rules
                .sampling
                .table
                .iter()
                .find(|r| &r.frequency == frequency)?;
            Some(SamplePlan {
                id: c.id.clone(),
                frequency: frequency.clone(),
                population: row.population.clone(),
                sample: row.sample,
            })
        })
        .collect()
}

fn coverage(kb: &KnowledgeBase, controls: &[ControlReadiness]) -> Vec<Coverage> {
    controls
        .iter()
        .filter(|c| c.category != AI_CONTROLS)
        .map(|c| {
            let links = kb.neighbours(&c.id);
            let sp = links
                .iter()
                .filter(|l| l.item.id.starts_with("nist-800-53r5:"));
            let iso = links.iter().filter(|l| l.item.id.starts_with("iso42001:"));
            Coverage {
                criterion: c.id.clone(),
                sp80053: sp
                    .map(|l| {
                        let baselines = l
                            .item
                            .baselines
                            .iter()
                            .map(|b| {
                                serde_json::to_value(b)
                                    .ok()
                                    .and_then(|v| v.as_str().map(str::to_owned))
                                    .unwrap_or_default()
                            })
                            .collect();
                        (l.item.id.clone(), baselines)
                    })
                    .collect(),
                iso42001: iso.map(|l| l.item.id.clone()).collect(),
            }
        })
        .collect()
}

/// The value of a control answer's field, for callers that show it.
pub fn field<'a>(answers: &'a Answers, question: &str, name: &str) -> Option<&'a Value> {
    View::new(answers).field(question, name)
}
