//! The project's registers: risks, and the tracking (status, owner,
//! target date) of each duty of an assessment. Every change is audited.

use assay_store::{RegisterEntry, Risk, RiskInput, Stamp};
use chrono::Utc;

use serde::Serialize;
use ts_rs::TS;

use crate::project::no_project;
use crate::{AppError, Assay};

/// One line of the obligation register: a duty and how it is tracked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RegisterLine {
    /// The provision's label (`Art. 26(7)`); empty for a stale entry.
    pub article: String,
    /// The provision's knowledge-base ID, which evidence links to.
    pub article_id: String,
    pub title: String,
    pub applies_from: Option<String>,
    /// False when the current verdict no longer lists the duty.
    pub current: bool,
    pub entry: RegisterEntry,
    /// Evidence linked to the provision or a provision that contains it.
    pub evidence: Vec<LinkedEvidence>,
}

/// A file of evidence as a register line lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LinkedEvidence {
    pub id: String,
    pub file_name: String,
}

/// What a risk's `source` says when it overrides a risk of the profile.
pub(crate) const PROFILE_SOURCE: &str = "profile:";

/// The risk register's overrides of an assessment's profile risks.
pub(crate) fn profile_overrides(
    project: &assay_store::Project,
    assessment_id: &str,
) -> Result<Vec<assay_engine::risk_profile::ScoreOverride>, AppError> {
    Ok(project
        .risks()?
        .into_iter()
        .filter(|r| r.input.assessment_id.as_deref() == Some(assessment_id))
        .filter_map(|r| {
            let risk = r.input.source.strip_prefix(PROFILE_SOURCE)?.to_owned();
            Some(assay_engine::risk_profile::ScoreOverride {
                risk,
                likelihood: r.input.likelihood,
                impact: r.input.impact,
                residual_likelihood: r.input.residual_likelihood,
                residual_impact: r.input.residual_impact,
                justification: r.input.justification,
            })
        })
        .collect())
}

fn untracked(assessment_id: &str, item_id: &str) -> RegisterEntry {
    RegisterEntry {
        assessment_id: assessment_id.to_owned(),
        item_id: item_id.to_owned(),
        status: assay_store::RegisterStatus::Open,
        owner: String::new(),
        target_date: None,
        note: String::new(),
        updated_by: String::new(),
        updated_at: String::new(),
    }
}

impl Assay {
    pub fn risks(&self) -> Result<Vec<Risk>, AppError> {
        let guard = self.project();
        Ok(guard.as_ref().ok_or_else(no_project)?.risks()?)
    }

    pub fn risk_add(&self, input: &RiskInput) -> Result<Risk, AppError> {
        let mut guard = self.project();
        let project = guard.as_mut().ok_or_else(no_project)?;
        if let Some(a) = &input.assessment_id {
            project.assessment(a)?;
        }
        self.check_refs(&input.kb_refs)?;
        self.check_override(project, input)?;
        let stamp = Stamp::new(Utc::now(), project.engagement()?.assessor);
        let id = project.add_risk(input, &stamp)?;
        Ok(project.risk(&id)?)
    }

    pub fn risk_update(&self, id: &str, input: &RiskInput) -> Result<Risk, AppError> {
        let mut guard = self.project();
        let project = guard.as_mut().ok_or_else(no_project)?;
        self.check_refs(&input.kb_refs)?;
        self.check_override(project, input)?;
        let stamp = Stamp::new(Utc::now(), project.engagement()?.assessor);
        project.update_risk(id, input, &stamp)?;
        Ok(project.risk(id)?)
    }

    pub fn risk_remove(&self, id: &str) -> Result<(), AppError> {
        let mut guard = self.project();
        let project = guard.as_mut().ok_or_else(no_project)?;
        let stamp = Stamp::new(Utc::now(), project.engagement()?.assessor);
        Ok(project.remove_risk(id, &stamp)?)
    }

    /// Every duty of an assessment's current verdict with its tracking
    /// (status `open` until someone sets it), then any tracked item the
    /// verdict no longer lists, marked as such.
    pub fn register(&self, assessment_id: &str) -> Result<Vec<RegisterLine>, AppError> {
        let duties = self
            .project_interview(assessment_id)?
            .verdict
            .map(|v| v.obligations)
            .unwrap_or_default();
        let (stored, evidence) = {
            let guard = self.project();
            let project = guard.as_ref().ok_or_else(no_project)?;
            (project.register(assessment_id)?, project.evidence()?)
        };
        let kb = self.kb();
        let mut lines: Vec<RegisterLine> = duties
            .into_iter()
            .map(|d| {
                let entry = stored
                    .iter()
                    .find(|e| e.item_id == d.id)
                    .cloned()
                    .unwrap_or_else(|| untracked(assessment_id, &d.id));
                let linked = crate::report_rows::evidence_for(&kb, &d.article_id, &evidence)
                    .into_iter()
                    .map(|e| LinkedEvidence {
                        id: e.id.clone(),
                        file_name: e.file_name.clone(),
                    })
                    .collect();
                RegisterLine {
                    article: d.article,
                    article_id: d.article_id,
                    title: d.title,
                    applies_from: Some(d.applies_from),
                    current: true,
                    entry,
                    evidence: linked,
                }
            })
            .collect();
        let stale: Vec<RegisterEntry> = stored
            .into_iter()
            .filter(|e| !lines.iter().any(|l| l.entry.item_id == e.item_id))
            .collect();
        lines.extend(stale.into_iter().map(|entry| RegisterLine {
            article: String::new(),
            article_id: String::new(),
            title: String::new(),
            applies_from: None,
            current: false,
            entry,
            evidence: Vec::new(),
        }));
        Ok(lines)
    }

    /// Sets the status, owner, target date and note of one duty; the item
    /// must be one the assessment's current verdict lists.
    pub fn register_set(&self, entry: &RegisterEntry) -> Result<RegisterEntry, AppError> {
        let known = self.register_items(&entry.assessment_id)?;
        if !known.iter().any(|k| k == &entry.item_id) {
            return Err(AppError::unknown_id(
                "duty of this assessment",
                &entry.item_id,
            ));
        }
        let mut guard = self.project();
        let project = guard.as_mut().ok_or_else(no_project)?;
        let stamp = Stamp::new(Utc::now(), project.engagement()?.assessor);
        project.set_register_entry(entry, &stamp)?;
        let saved = project
            .register(&entry.assessment_id)?
            .into_iter()
            .find(|e| e.item_id == entry.item_id)
            .ok_or_else(|| AppError::unknown_id("register entry", &entry.item_id))?;
        Ok(saved)
    }

    /// The items an assessment's register can track: its duties.
    fn register_items(&self, assessment_id: &str) -> Result<Vec<String>, AppError> {
        let state = self.project_interview(assessment_id)?;
        Ok(state
            .verdict
            .map(|v| v.obligations.into_iter().map(|o| o.id).collect())
            .unwrap_or_default())
    }

    /// A risk that overrides a profile risk names an assessment the
    /// profile scores, a risk of its catalogue, and why.
    fn check_override(
        &self,
        project: &assay_store::Project,
        input: &RiskInput,
    ) -> Result<(), AppError> {
        let Some(risk) = input.source.strip_prefix(PROFILE_SOURCE) else {
            return Ok(());
        };
        let invalid = |m: String| Err(AppError::new(crate::ErrorCode::InvalidArgument, m));
        let Some(assessment) = &input.assessment_id else {
            return invalid("overriding a profile risk needs the assessment it belongs to".into());
        };
        let questionnaire = project.assessment(assessment)?.questionnaire;
        let known = self
            .profiles
            .iter()
            .filter(|p| p.questionnaire == questionnaire)
            .any(|p| p.risks.iter().any(|r| r.id == risk));
        if !known {
            return Err(AppError::unknown_id(
                "risk of the assessment's risk profile",
                risk,
            ));
        }
        if input.justification.trim().is_empty() {
            return invalid(format!(
                "overriding the scores of `{risk}` needs a justification: say why the computed scores are wrong"
            ));
        }
        Ok(())
    }

    fn check_refs(&self, refs: &[String]) -> Result<(), AppError> {
        let kb = self.kb();
        match refs.iter().find(|r| kb.item(r).is_none()) {
            Some(unknown) => Err(AppError::unknown_id("knowledge-base item", unknown)),
            None => Ok(()),
        }
    }
}
