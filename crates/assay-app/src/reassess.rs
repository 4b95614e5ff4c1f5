//! Re-assessing: an assessment re-scored against the current knowledge
//! base, compared with the verdict the user last accepted, and accepting
//! the current one.

use std::collections::BTreeSet;

use assay_engine::eu_ai_act::Verdict;
use assay_store::Stamp;
use chrono::Utc;
use serde_json::Value;

use crate::dto::Reassessment;
use crate::project::{no_project, stored_answers};
use crate::{AppError, Assay, ErrorCode};

impl Assay {
    /// Re-scores an assessment against the current knowledge base and says
    /// what changed since the verdict the user last accepted.
    pub fn project_reassess(&self, assessment_id: &str) -> Result<Reassessment, AppError> {
        let guard = self.project();
        let project = guard.as_ref().ok_or_else(no_project)?;
        let assessment = project.assessment(assessment_id)?;
        let answers = stored_answers(project, assessment_id)?;
        let current = self.assess(&assessment.questionnaire, &answers)?;
        let kb = self.kb();
        let changes = describe_changes(assessment.verdict_snapshot.as_ref(), &current);
        Ok(Reassessment {
            assessment_id: assessment_id.to_owned(),
            recorded_kb_version: assessment.kb_version,
            recorded_kb_hash: assessment.kb_hash.clone(),
            current_kb_version: kb.version().to_owned(),
            current_kb_hash: kb.content_hash().to_owned(),
            kb_changed: assessment.kb_hash != kb.content_hash(),
            changes,
            verdict: current,
        })
    }

    /// Accepts the current verdict: records it and the knowledge base it
    /// came from.
    pub fn project_accept_verdict(&self, assessment_id: &str) -> Result<Reassessment, AppError> {
        let review = self.project_reassess(assessment_id)?;
        let mut guard = self.project();
        let project = guard.as_mut().ok_or_else(no_project)?;
        let stamp = Stamp::new(Utc::now(), project.engagement()?.assessor);
        let snapshot = serde_json::to_value(&review.verdict)
            .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
        project.accept_verdict(
            assessment_id,
            &snapshot,
            &review.current_kb_version,
            &review.current_kb_hash,
            &stamp,
        )?;
        drop(guard);
        self.project_reassess(assessment_id)
    }
}

/// What changed between the accepted verdict and the current one.
fn describe_changes(accepted: Option<&Value>, current: &Verdict) -> Vec<String> {
    let Some(old) = accepted else {
        return vec!["no verdict has been accepted yet".to_owned()];
    };
    let mut changes = Vec::new();
    let new = serde_json::to_value(current).unwrap_or_default();
    if old["risk_class"] != new["risk_class"] {
        changes.push(format!(
            "risk class: {} → {}",
            old["risk_class"], new["risk_class"]
        ));
    }
    if old["legal_basis"] != new["legal_basis"] {
        changes.push(format!(
            "legal basis: {} → {}",
            old["legal_basis"], new["legal_basis"]
        ));
    }
    let duties = |v: &Value| -> BTreeSet<(String, String)> {
        v["obligations"]
            .as_array()
            .map(|list| {
                list.iter()
                    .map(|o| {
                        (
                            o["id"].as_str().unwrap_or_default().to_owned(),
                            o["applies_from"].as_str().unwrap_or_default().to_owned(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let (before, after) = (duties(old), duties(&new));
    let ids = |set: &BTreeSet<(String, String)>| {
        set.iter()
            .map(|(id, _)| id.clone())
            .collect::<BTreeSet<_>>()
    };
    for id in ids(&after).difference(&ids(&before)) {
        changes.push(format!("new obligation: {id}"));
    }
    for id in ids(&before).difference(&ids(&after)) {
        changes.push(format!("obligation no longer applies: {id}"));
    }
    for (id, date) in &after {
        if let Some((_, old_date)) = before.iter().find(|(i, d)| i == id && d != date) {
            changes.push(format!("deadline of {id}: {old_date} → {date}"));
        }
    }
    changes
}
