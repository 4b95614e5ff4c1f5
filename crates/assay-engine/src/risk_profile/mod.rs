//! The NIST AI RMF risk-management profile: a risk catalogue (data, in
//! `assets/risk-profiles/`) scored against an interview's answers. Nothing
//! here names a risk, a subcategory or a threshold; the catalogue does. The
//! EU AI Act question is answered by the EU AI Act classifier, from an answer
//! set the catalogue says how to build.

mod formula;
mod model;
mod score;
mod validate;

use assay_kb::{AssetFile, KnowledgeBase};
use chrono::NaiveDate;
use serde::Serialize;

pub use model::*;
pub use score::{
    AppetiteUsed, ControlState, Gap, Level, LossFigure, NotApplicable, Overridden, ScoreOverride,
    ScoreStep, ScoredRisk, SubcategoryStatus, TreatmentItem,
};
pub use validate::validate_profiles;

use crate::eu_ai_act::Verdict;
use crate::{Answers, EngineError, Questionnaire, View, prune};

/// The record type of a profile question: current and target practice.
pub const PROFILE_RECORD: &str = "subcategory_status";

/// Risks per (likelihood, impact) cell, both 1–5, as `[likelihood-1][impact-1]`.
pub type HeatMap = [[u32; 5]; 5];

/// The EU AI Act classification of the system, from the answer set the
/// catalogue builds.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EuCheck {
    /// The EU AI Act answers used: assumed, derived or copied.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub answers: Answers,
    pub verdict: Verdict,
    pub note: String,
}

/// A scored profile, every number with what set it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProfileResult {
    pub profile: String,
    pub title: String,
    pub version: String,
    pub assessed_on: String,
    pub appetite: AppetiteUsed,
    /// The catalogue's score bands, for colouring and labelling.
    pub bands: Vec<Band>,
    pub risks: Vec<ScoredRisk>,
    pub not_applicable: Vec<NotApplicable>,
    pub heat_map_inherent: HeatMap,
    pub heat_map_residual: HeatMap,
    pub subcategories: Vec<SubcategoryStatus>,
    pub gaps: Vec<Gap>,
    pub treatment_plan: Vec<TreatmentItem>,
    pub losses: Vec<LossFigure>,
    pub eu_ai_act: EuCheck,
}

/// The risk profiles among `files` (`risk-profiles/<id>.json`), parsed and
/// checked against the knowledge base and their questionnaires.
pub fn load_profiles(
    kb: &KnowledgeBase,
    files: &[AssetFile<'_>],
    questionnaires: &[Questionnaire],
) -> Result<Vec<RiskProfile>, EngineError> {
    let (profiles, diagnostics) = validate::parse_profiles(kb, files, questionnaires);
    if diagnostics.is_empty() {
        Ok(profiles)
    } else {
        Err(EngineError::Invalid(diagnostics))
    }
}

fn heat_map(cells: impl Iterator<Item = (u8, u8)>) -> HeatMap {
    let mut map = [[0u32; 5]; 5];
    for (l, i) in cells {
        let (l, i) = (
            usize::from(l.clamp(1, 5)) - 1,
            usize::from(i.clamp(1, 5)) - 1,
        );
        map[l][i] += 1;
    }
    map
}

/// Scores `answers` (to `questionnaire`) against `profile`, classifying
/// the system with the EU AI Act classifier and its questionnaire.
pub fn score(
    kb: &KnowledgeBase,
    profile: &RiskProfile,
    questionnaire: &Questionnaire,
    eu_questionnaire: &Questionnaire,
    answers: &Answers,
    assessed_on: NaiveDate,
) -> Result<ProfileResult, EngineError> {
    score_with(
        kb,
        profile,
        questionnaire,
        eu_questionnaire,
        answers,
        assessed_on,
        &[],
    )
}

/// [`score`], with the assessor's overrides of individual risks' scores
/// (each kept beside the computed scores it replaced, with its reason).
pub fn score_with(
    kb: &KnowledgeBase,
    profile: &RiskProfile,
    questionnaire: &Questionnaire,
    eu_questionnaire: &Questionnaire,
    answers: &Answers,
    assessed_on: NaiveDate,
    overrides: &[ScoreOverride],
) -> Result<ProfileResult, EngineError> {
    let problems = crate::check(questionnaire, answers);
    if !problems.is_empty() {
        return Err(EngineError::BadAnswers(problems));
    }
    let appetite = score::appetite(profile, answers);
    let (applicable, absent): (Vec<_>, Vec<_>) = profile
        .risks
        .iter()
        .partition(|r| score::applies(r, answers));
    let risks: Vec<ScoredRisk> = applicable
        .iter()
        .map(|r| {
            let mut scored = score::score_risk(profile, r, answers, appetite.value);
            if let Some(o) = overrides.iter().find(|o| o.risk == r.id) {
                score::override_risk(profile, &mut scored, o, appetite.value);
            }
            scored
        })
        .collect();
    let subcategories = score::subcategories(questionnaire, answers);
    Ok(ProfileResult {
        profile: profile.id.clone(),
        title: profile.title.clone(),
        version: profile.version.clone(),
        assessed_on: assessed_on.to_string(),
        bands: profile.bands.clone(),
        heat_map_inherent: heat_map(risks.iter().map(|r| (r.likelihood.level, r.impact.level))),
        heat_map_residual: heat_map(
            risks
                .iter()
                .map(|r| (r.residual_likelihood, r.residual_impact)),
        ),
        gaps: score::gaps(&subcategories, &risks),
        treatment_plan: score::treatment(profile, &risks, assessed_on),
        losses: score::losses(profile, answers),
        eu_ai_act: eu_check(kb, profile, eu_questionnaire, answers)?,
        not_applicable: absent
            .iter()
            .map(|r| NotApplicable {
                id: r.id.clone(),
                title: r.title.clone(),
                answers: r
                    .applies_if
                    .as_ref()
                    .map(|c| c.questions().into_iter().map(str::to_owned).collect())
                    .unwrap_or_default(),
            })
            .collect(),
        subcategories,
        appetite,
        risks,
    })
}

/// The EU AI Act answer set: the catalogue's assumptions, answers derived
/// from this interview, then this interview's own answers on the same
/// points (which replace the assumptions); pruned to what the EU interview
/// asks, and classified by the EU AI Act classifier.
fn eu_check(
    kb: &KnowledgeBase,
    profile: &RiskProfile,
    eu: &Questionnaire,
    answers: &Answers,
) -> Result<EuCheck, EngineError> {
    let link = &profile.eu_ai_act;
    let view = View::new(answers);
    let mut eu_answers: Answers = link.assumed.clone().into_iter().collect();
    for derived in link.derived.iter().filter(|d| view.holds(&d.condition)) {
        eu_answers.extend(derived.set.clone());
    }
    for (eu_question, ours) in &link.from_answers {
        if let Some(value) = answers.get(ours) {
            eu_answers.insert(eu_question.clone(), value.clone());
        }
    }
    let eu_answers = prune(eu, &eu_answers);
    let verdict = crate::eu_ai_act::classify(kb, eu, &eu_answers)?;
    Ok(EuCheck {
        answers: eu_answers,
        verdict,
        note: link.note.clone(),
    })
}
