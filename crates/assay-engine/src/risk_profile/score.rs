//! Scoring a risk profile (the steps in `docs/risk-profile-format.md`):
//! which risks apply, inherent and residual scores with every step and the
//! answers behind it, the appetite, the current and target profile with its
//! gaps ranked by the risk they would reduce, the treatment plan and the
//! business figures. Pure: the assessment date comes in.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::formula::{self, Evaluation};
use super::model::{Band, CatalogueRisk, Dimension, Reduces, RiskProfile, ScaleLevel};
use crate::{Answers, Questionnaire, View};

/// One change to a score and the answers that caused it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScoreStep {
    pub by: i8,
    pub why: String,
    /// The questions whose answers made it apply.
    pub answers: Vec<String>,
}

/// A likelihood or impact level, from its base through every adjustment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Level {
    pub base: u8,
    pub base_why: String,
    pub steps: Vec<ScoreStep>,
    pub level: u8,
    /// The scale's word for the level (`Likely`).
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ControlState {
    pub id: String,
    pub title: String,
    pub in_place: bool,
    pub reduces: super::model::Reduces,
    pub by: u8,
    /// The questions whose answers say whether it is in place.
    pub answers: Vec<String>,
    pub iso42001: Vec<String>,
    pub sp80053: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScoredRisk {
    pub id: String,
    pub title: String,
    pub description: String,
    pub characteristics: Vec<String>,
    pub subcategories: Vec<String>,
    pub genai_risks: Vec<String>,
    pub likelihood: Level,
    pub impact: Level,
    pub inherent: u32,
    pub controls: Vec<ControlState>,
    pub residual_likelihood: u8,
    pub residual_impact: u8,
    pub residual: u32,
    /// The band of the residual score (`High`).
    pub band: String,
    pub above_appetite: bool,
    pub loss: Option<String>,
    /// Set when the assessor overrode the computed scores.
    pub overridden: Option<Overridden>,
}

/// The assessor's own scores for a risk, replacing the computed ones.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Overridden {
    /// The computed (inherent, residual) scores the override replaced.
    pub computed: (u32, u32),
    pub justification: String,
}

/// An override the project's risk register holds for a catalogue risk.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreOverride {
    pub risk: String,
    pub likelihood: u8,
    pub impact: u8,
    pub residual_likelihood: Option<u8>,
    pub residual_impact: Option<u8>,
    pub justification: String,
}

/// A catalogue risk that does not apply, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NotApplicable {
    pub id: String,
    pub title: String,
    pub answers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppetiteUsed {
    pub value: u32,
    /// Set by the answer to `question`; otherwise the catalogue's default.
    pub from_answer: bool,
    pub question: String,
    pub why: String,
}

/// One AI RMF subcategory of the profile: where the organisation is, and
/// where it wants to be.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SubcategoryStatus {
    pub question: String,
    pub subcategory: String,
    /// `not_addressed`, `partial`, `implemented`, `not_applicable`, or
    /// `unanswered`.
    pub current: String,
    pub target: String,
    pub note: String,
    pub gap: bool,
}

/// A gap, weighted by the residual scores of the risks it would reduce.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Gap {
    pub question: String,
    pub subcategory: String,
    pub current: String,
    pub target: String,
    pub weight: u32,
    pub risks: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TreatmentItem {
    pub risk: String,
    pub title: String,
    pub residual: u32,
    pub band: String,
    pub treatment: String,
    /// The catalogue's action, then each control not yet in place.
    pub actions: Vec<String>,
    pub owner_role: String,
    /// `YYYY-MM-DD`: the assessment date plus the band's allowance.
    pub due: String,
    pub metric: String,
    pub cadence: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LossFigure {
    pub id: String,
    pub title: String,
    pub formula: String,
    pub unit: String,
    pub explain: String,
    /// Each input with the answer used.
    pub inputs: Vec<(String, f64)>,
    /// `None` when an input is unanswered (listed in `missing`).
    pub value: Option<f64>,
    pub missing: Vec<String>,
}

pub(super) fn applies(risk: &CatalogueRisk, answers: &Answers) -> bool {
    risk.applies_if
        .as_ref()
        .is_none_or(|c| View::new(answers).holds(c))
}

fn label(scale: &[ScaleLevel], level: u8) -> String {
    scale
        .iter()
        .find(|s| s.level == level)
        .map_or_else(|| level.to_string(), |s| s.label.clone())
}

fn clamp(level: i32) -> u8 {
    u8::try_from(level.clamp(1, 5)).unwrap_or(1)
}

/// A dimension's level: the base plus each adjustment whose condition holds.
fn level(dimension: &Dimension, scale: &[ScaleLevel], answers: &Answers) -> Level {
    let view = View::new(answers);
    let steps: Vec<ScoreStep> = dimension
        .adjust
        .iter()
        .filter(|a| view.holds(&a.condition))
        .map(|a| ScoreStep {
            by: a.by,
            why: a.why.clone(),
            answers: a
                .condition
                .questions()
                .into_iter()
                .map(str::to_owned)
                .collect(),
        })
        .collect();
    let level =
        clamp(i32::from(dimension.base) + steps.iter().map(|s| i32::from(s.by)).sum::<i32>());
    Level {
        base: dimension.base,
        base_why: dimension.why.clone(),
        steps,
        level,
        label: label(scale, level),
    }
}

pub(super) fn band(bands: &[Band], score: u32) -> Option<&Band> {
    bands.iter().find(|b| (b.min..=b.max).contains(&score))
}

/// One applicable risk, scored.
pub(super) fn score_risk(
    profile: &RiskProfile,
    risk: &CatalogueRisk,
    answers: &Answers,
    appetite: u32,
) -> ScoredRisk {
    let view = View::new(answers);
    let likelihood = level(&risk.likelihood, &profile.scales.likelihood, answers);
    let impact = level(&risk.impact, &profile.scales.impact, answers);
    let controls: Vec<ControlState> = risk
        .controls
        .iter()
        .map(|c| ControlState {
            id: c.id.clone(),
            title: c.title.clone(),
            in_place: view.holds(&c.in_place_if),
            reduces: c.reduces,
            by: c.by,
            answers: c
                .in_place_if
                .questions()
                .into_iter()
                .map(str::to_owned)
                .collect(),
            iso42001: c.iso42001.clone(),
            sp80053: c.sp80053.clone(),
        })
        .collect();
    let reduction = |dimension: Reduces| -> i32 {
        controls
            .iter()
            .filter(|c| c.in_place && c.reduces == dimension)
            .map(|c| i32::from(c.by))
            .sum()
    };
    let residual_likelihood = clamp(i32::from(likelihood.level) - reduction(Reduces::Likelihood));
    let residual_impact = clamp(i32::from(impact.level) - reduction(Reduces::Impact));
    let inherent = u32::from(likelihood.level) * u32::from(impact.level);
    let residual = u32::from(residual_likelihood) * u32::from(residual_impact);
    ScoredRisk {
        id: risk.id.clone(),
        title: risk.title.clone(),
        description: risk.description.clone(),
        characteristics: risk.characteristics.clone(),
        subcategories: risk.subcategories.clone(),
        genai_risks: risk.genai_risks.clone(),
        likelihood,
        impact,
        inherent,
        controls,
        residual_likelihood,
        residual_impact,
        residual,
        band: band(&profile.bands, residual).map_or_else(String::new, |b| b.label.clone()),
        above_appetite: residual > appetite,
        loss: risk.loss.clone(),
        overridden: None,
    }
}

/// Replaces a scored risk's levels with the assessor's, keeping what the
/// computation said.
pub(super) fn override_risk(
    profile: &RiskProfile,
    risk: &mut ScoredRisk,
    o: &ScoreOverride,
    appetite: u32,
) {
    let computed = (risk.inherent, risk.residual);
    risk.likelihood.level = o.likelihood.clamp(1, 5);
    risk.likelihood.label = label(&profile.scales.likelihood, risk.likelihood.level);
    risk.impact.level = o.impact.clamp(1, 5);
    risk.impact.label = label(&profile.scales.impact, risk.impact.level);
    risk.residual_likelihood = o.residual_likelihood.unwrap_or(o.likelihood).clamp(1, 5);
    risk.residual_impact = o.residual_impact.unwrap_or(o.impact).clamp(1, 5);
    risk.inherent = u32::from(risk.likelihood.level) * u32::from(risk.impact.level);
    risk.residual = u32::from(risk.residual_likelihood) * u32::from(risk.residual_impact);
    risk.band = band(&profile.bands, risk.residual).map_or_else(String::new, |b| b.label.clone());
    risk.above_appetite = risk.residual > appetite;
    risk.overridden = Some(Overridden {
        computed,
        justification: o.justification.clone(),
    });
}

pub(super) fn appetite(profile: &RiskProfile, answers: &Answers) -> AppetiteUsed {
    let answered = View::new(answers)
        .number(&profile.appetite.question)
        .map(|n| n.round().clamp(1.0, 25.0) as u32);
    AppetiteUsed {
        value: answered.unwrap_or(profile.appetite.default),
        from_answer: answered.is_some(),
        question: profile.appetite.question.clone(),
        why: profile.appetite.why.clone(),
    }
}

/// The status ranks: a gap is a target ranked above the current status.
fn rank(status: &str) -> u8 {
    match status {
        "partial" => 1,
        "implemented" => 2,
        _ => 0,
    }
}

/// The profile questions (record answers citing a subcategory first).
pub(super) fn subcategories(
    questionnaire: &Questionnaire,
    answers: &Answers,
) -> Vec<SubcategoryStatus> {
    let view = View::new(answers);
    questionnaire
        .questions
        .iter()
        .filter(|q| q.record.as_deref() == Some(super::PROFILE_RECORD))
        .filter_map(|q| {
            let subcategory = q.cites.first()?.clone();
            let field = |name: &str| {
                view.field(&q.id, name)
                    .and_then(serde_json::Value::as_str)
                    .map(str::to_owned)
            };
            let current = field("current").unwrap_or_else(|| "unanswered".into());
            let target = field("target").unwrap_or_else(|| "unanswered".into());
            let gap = current != "not_applicable"
                && target != "not_applicable"
                && target != "unanswered"
                && rank(&target) > rank(&current);
            Some(SubcategoryStatus {
                question: q.id.clone(),
                subcategory,
                current,
                target,
                note: field("note").unwrap_or_default(),
                gap,
            })
        })
        .collect()
}

/// Gaps ranked by the residual scores of the risks listing the
/// subcategory; ties keep the questionnaire's order.
pub(super) fn gaps(statuses: &[SubcategoryStatus], risks: &[ScoredRisk]) -> Vec<Gap> {
    let mut gaps: Vec<Gap> = statuses
        .iter()
        .filter(|s| s.gap)
        .map(|s| {
            let related: Vec<&ScoredRisk> = risks
                .iter()
                .filter(|r| r.subcategories.contains(&s.subcategory))
                .collect();
            Gap {
                question: s.question.clone(),
                subcategory: s.subcategory.clone(),
                current: s.current.clone(),
                target: s.target.clone(),
                weight: related.iter().map(|r| r.residual).sum(),
                risks: related.iter().map(|r| r.id.clone()).collect(),
            }
        })
        .collect();
    gaps.sort_by_key(|g| std::cmp::Reverse(g.weight));
    gaps
}

pub(super) fn treatment(
    profile: &RiskProfile,
    risks: &[ScoredRisk],
    assessed_on: NaiveDate,
) -> Vec<TreatmentItem> {
    let mut items: Vec<TreatmentItem> = risks
        .iter()
        .filter(|r| r.above_appetite)
        .filter_map(|r| {
            let entry = profile.risks.iter().find(|c| c.id == r.id)?;
            let band = band(&profile.bands, r.residual);
            let mut actions = vec![entry.treatment.action.clone()];
            actions.extend(
                r.controls
                    .iter()
                    .filter(|c| !c.in_place)
                    .map(|c| c.title.clone()),
            );
            Some(TreatmentItem {
                risk: r.id.clone(),
                title: r.title.clone(),
                residual: r.residual,
                band: band.map_or_else(String::new, |b| b.label.clone()),
                treatment: entry.treatment.default.clone(),
                actions,
                owner_role: entry.treatment.owner_role.clone(),
                due: (assessed_on + Duration::days(i64::from(band.map_or(365, |b| b.due_days))))
                    .to_string(),
                metric: entry.treatment.metric.clone(),
                cadence: entry.treatment.cadence.clone(),
            })
        })
        .collect();
    items.sort_by_key(|t| std::cmp::Reverse(t.residual));
    items
}

pub(super) fn losses(profile: &RiskProfile, answers: &Answers) -> Vec<LossFigure> {
    let view = View::new(answers);
    profile
        .losses
        .iter()
        .map(|loss| {
            let names = formula::names(&loss.formula).unwrap_or_default();
            let inputs: Vec<(String, f64)> = names
                .iter()
                .filter_map(|n| Some((n.clone(), view.number(n)?)))
                .collect();
            let missing: Vec<String> = names
                .iter()
                .filter(|n| view.number(n).is_none())
                .cloned()
                .collect();
            let value = match formula::evaluate(&loss.formula, &|n| view.number(n)) {
                // Money to the cent: the arithmetic in binary floating point
                // must not print 777,599.9999 for 777,600.
                Ok(v) => Some((v * 100.0).round() / 100.0),
                Err(Evaluation::Missing(_) | Evaluation::Invalid(_)) => None,
            };
            LossFigure {
                id: loss.id.clone(),
                title: loss.title.clone(),
                formula: loss.formula.clone(),
                unit: loss.unit.clone(),
                explain: loss.explain.clone(),
                inputs,
                value,
                missing,
            }
        })
        .collect()
}
