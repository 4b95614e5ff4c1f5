//! The level of each control and what it is ready for (steps 1–2 of the
//! scoring in `docs/soc2-readiness-format.md`), the scores per category, and
//! the gaps ranked by what closing them is worth.

use chrono::{Duration, NaiveDate};
use serde::Serialize;
use serde_json::Value;

use super::model::ReadinessRules;
use crate::{Answers, View};

/// Security is always in scope.
pub const SECURITY: &str = "security";
/// The category the AI-specific controls are scored under.
pub const AI_CONTROLS: &str = "ai_controls";

/// One control, levelled, with the rules that set its level.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ControlReadiness {
    /// The criterion (`soc2:CC6.1`), or the AI control's question.
    pub id: String,
    pub question: String,
    pub category: String,
    pub answered: bool,
    pub level: u8,
    pub level_label: String,
    /// Each rule that set or capped the level, in plain words.
    pub rules: Vec<String>,
    pub type1_ready: bool,
    pub type2_ready: bool,
    pub owner: String,
    pub frequency: Option<String>,
    pub weight: u32,
}

/// Evidence older than its kind's validity at the assessment date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StaleEvidence {
    pub id: String,
    pub kind: String,
    pub collected_on: String,
    pub lapsed_on: String,
}

/// Readiness of one category (or overall) for each report type.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CategoryScore {
    pub category: String,
    pub controls: u32,
    /// Weighted share of controls ready, 0–100.
    pub type1_percent: f64,
    pub type2_percent: f64,
    /// Weighted mean level, out of 4.
    pub mean_level: f64,
}

/// A control not yet ready for a Type II report, and what to do.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReadinessGap {
    pub id: String,
    pub question: String,
    pub category: String,
    pub level: u8,
    /// weight × (4 − level): what closing it is worth.
    pub priority: u32,
    /// Working days, scaled by how far the control has to go.
    pub effort_days: u32,
    pub remediation: String,
    pub owner: String,
    pub auditor_evidence: String,
}

fn status_level(status: &str) -> Option<u8> {
    Some(match status {
        "none" => 0,
        "informal" => 1,
        "designed" => 2,
        "implemented" => 3,
        "operating" => 4,
        _ => return None,
    })
}

fn date(value: Option<&Value>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value?.as_str()?, "%Y-%m-%d").ok()
}

/// The level of one control question, with every rule that shaped it, and
/// the stale evidence found.
pub(super) fn level(
    rules: &ReadinessRules,
    answers: &Answers,
    question: &str,
    on: NaiveDate,
) -> (u8, Vec<String>, Option<StaleEvidence>) {
    let view = View::new(answers);
    let field = |name: &str| view.field(question, name);
    let Some(status) = field("status").and_then(Value::as_str) else {
        return (0, vec!["Not answered: counted as missing.".into()], None);
    };
    let mut level = status_level(status).unwrap_or(0);
    let mut why = vec![
        rules
            .levels
            .iter()
            .find(|l| l.level == level)
            .map_or_else(|| status.to_owned(), |l| format!("{}: {}", l.label, l.rule)),
    ];
    let provenance = field("provenance")
        .and_then(Value::as_str)
        .unwrap_or("client_asserted");
    if let Some(cap) = rules.provenance.iter().find(|p| p.id == provenance)
        && level > cap.max_level
    {
        level = cap.max_level;
        why.push(format!(
            "Capped at {}: the answer rests on the {} ({}).",
            cap.max_level,
            cap.label.to_lowercase(),
            if field("provenance").is_none() {
                "no basis recorded"
            } else {
                "as recorded"
            }
        ));
    }
    let stale = stale_evidence(rules, question, &field, on);
    if let Some(s) = &stale
        && level > 3
    {
        level = 3;
        why.push(format!(
            "Capped at 3: the evidence collected on {} lapsed on {}.",
            s.collected_on, s.lapsed_on
        ));
    }
    (level, why, stale)
}

fn stale_evidence<'a>(
    rules: &ReadinessRules,
    question: &str,
    field: &dyn Fn(&str) -> Option<&'a Value>,
    on: NaiveDate,
) -> Option<StaleEvidence> {
    let kind = field("evidence_kind").and_then(Value::as_str)?;
    let collected = date(field("evidence_collected_on"))?;
    let valid = rules
        .evidence_kinds
        .iter()
        .find(|k| k.id == kind)?
        .valid_days;
    let lapsed = collected + Duration::days(i64::from(valid));
    // Evidence lapsing on the assessment date itself is still fresh.
    (lapsed < on).then(|| StaleEvidence {
        id: question.to_owned(),
        kind: kind.to_owned(),
        collected_on: collected.to_string(),
        lapsed_on: lapsed.to_string(),
    })
}

/// A control's readiness from its level and answers.
pub(super) fn readiness(
    rules: &ReadinessRules,
    answers: &Answers,
    spec: (&str, &str, &str, u32),
    on: NaiveDate,
) -> (ControlReadiness, Option<StaleEvidence>) {
    let (id, question, category, weight) = spec;
    let view = View::new(answers);
    let (level, why, stale) = level(rules, answers, question, on);
    let text = |name: &str| {
        view.field(question, name)
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let through_window = text("operated_through_window").as_deref() == Some("yes");
    (
        ControlReadiness {
            id: id.to_owned(),
            question: question.to_owned(),
            category: category.to_owned(),
            answered: view.answered(question),
            level,
            level_label: rules
                .levels
                .iter()
                .find(|l| l.level == level)
                .map_or_else(String::new, |l| l.label.clone()),
            rules: why,
            type1_ready: level >= 3,
            type2_ready: level == 4 && through_window,
            owner: text("owner").unwrap_or_default(),
            frequency: text("frequency"),
            weight,
        },
        stale,
    )
}

/// Weighted readiness of `controls` (all of one category, or all).
pub(super) fn category_score(category: &str, controls: &[&ControlReadiness]) -> CategoryScore {
    let total: u32 = controls.iter().map(|c| c.weight).sum();
    let share = |ready: &dyn Fn(&ControlReadiness) -> bool| {
        if total == 0 {
            return 0.0;
        }
        let got: u32 = controls.iter().filter(|c| ready(c)).map(|c| c.weight).sum();
        (f64::from(got) * 1000.0 / f64::from(total)).round() / 10.0
    };
    let mean = if total == 0 {
        0.0
    } else {
        let sum: u32 = controls.iter().map(|c| c.weight * u32::from(c.level)).sum();
        (f64::from(sum) * 100.0 / f64::from(total)).round() / 100.0
    };
    CategoryScore {
        category: category.to_owned(),
        controls: u32::try_from(controls.len()).unwrap_or(u32::MAX),
        type1_percent: share(&|c| c.type1_ready),
        type2_percent: share(&|c| c.type2_ready),
        mean_level: mean,
    }
}

/// Every control not Type II ready, most valuable first, then cheapest.
pub(super) fn gaps(rules: &ReadinessRules, controls: &[ControlReadiness]) -> Vec<ReadinessGap> {
    let mut gaps: Vec<ReadinessGap> = controls
        .iter()
        .filter(|c| !c.type2_ready)
        .filter_map(|c| {
            let (effort, remediation, evidence) =
                match rules.criteria.iter().find(|r| r.question == c.question) {
                    Some(r) => (r.effort_days, &r.remediation, &r.auditor_evidence),
                    None => {
                        let r = rules
                            .ai_controls
                            .iter()
                            .find(|r| r.question == c.question)?;
                        (r.effort_days, &r.remediation, &r.auditor_evidence)
                    }
                };
            let remaining = u32::from(4 - c.level.min(4));
            Some(ReadinessGap {
                id: c.id.clone(),
                question: c.question.clone(),
                category: c.category.clone(),
                level: c.level,
                priority: c.weight * remaining,
                // A control half-way there needs about half the work.
                effort_days: (effort * remaining).div_ceil(4).max(1),
                remediation: remediation.clone(),
                owner: c.owner.clone(),
                auditor_evidence: evidence.clone(),
            })
        })
        .collect();
    gaps.sort_by(|a, b| {
        b.priority
            .cmp(&a.priority)
            .then(a.effort_days.cmp(&b.effort_days))
    });
    gaps
}
