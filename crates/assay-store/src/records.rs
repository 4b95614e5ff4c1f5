//! The rows a user sees besides answers and evidence: the engagement,
//! assessments and their accepted verdicts, overrides, the risk register,
//! the obligation register, exported reports, and the audit trail. Every
//! change is one transaction with its audit entry, whose detail holds the
//! whole new row, so `verify` can replay the trail and compare.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::{
    Assessment, AuditEntry, Engagement, Override, Project, Result, Stamp, StoreError, audit,
    canonical, error,
};

/// A risk in the project's register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Risk {
    pub id: String,
    #[serde(flatten)]
    pub input: RiskInput,
    pub updated_at: String,
}

/// What a person sets on a risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RiskInput {
    pub assessment_id: Option<String>,
    /// The catalogue risk it came from, or `manual`.
    pub source: String,
    pub title: String,
    pub description: String,
    pub likelihood: u8,
    pub impact: u8,
    pub residual_likelihood: Option<u8>,
    pub residual_impact: Option<u8>,
    pub owner: String,
    pub treatment: String,
    pub due_date: Option<String>,
    pub status: String,
    /// Why a score was set by hand, when it was.
    pub justification: String,
    pub kb_refs: Vec<String>,
}

/// Where an item of a register stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RegisterStatus {
    Open,
    InProgress,
    Done,
    NotApplicable,
}

impl RegisterStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RegisterStatus::Open => "open",
            RegisterStatus::InProgress => "in_progress",
            RegisterStatus::Done => "done",
            RegisterStatus::NotApplicable => "not_applicable",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            RegisterStatus::Open,
            RegisterStatus::InProgress,
            RegisterStatus::Done,
            RegisterStatus::NotApplicable,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

/// The assessor's tracking of one duty (or gap) of an assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegisterEntry {
    pub assessment_id: String,
    /// The obligation, criterion or gap it tracks.
    pub item_id: String,
    pub status: RegisterStatus,
    pub owner: String,
    pub target_date: Option<String>,
    pub note: String,
    pub updated_by: String,
    pub updated_at: String,
}

/// An exported report, as recorded in the project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportRecord {
    pub id: String,
    pub file_name: String,
    pub sha256: String,
    pub signer_fingerprint: Option<String>,
    pub is_final: bool,
    /// The audit entry the report was made from.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub audit_seq: Option<i64>,
    pub audit_head: Option<String>,
    pub created_at: String,
}

impl Project {
    pub fn engagement(&self) -> Result<Engagement> {
        self.conn
            .query_row(
                "SELECT client, system_name, system_description, assessor, start_date, end_date, template, reviewer, interviewees FROM engagement WHERE id = 1",
                [],
                |r| {
                    let interviewees: String = r.get(8)?;
                    Ok(Engagement {
                        client: r.get(0)?,
                        system_name: r.get(1)?,
                        system_description: r.get(2)?,
                        assessor: r.get(3)?,
                        start_date: r.get(4)?,
                        end_date: r.get(5)?,
                        template: r.get(6)?,
                        reviewer: r.get(7)?,
                        interviewees: serde_json::from_str(&interviewees).unwrap_or_default(),
                    })
                },
            )
            .map_err(error::sqlite(&self.path))
    }

    pub fn update_engagement(&mut self, engagement: &Engagement, stamp: &Stamp) -> Result<()> {
        let e = engagement.clone();
        self.change(stamp, |tx| {
            tx.execute(
                "UPDATE engagement SET client = ?1, system_name = ?2, system_description = ?3, assessor = ?4, start_date = ?5, end_date = ?6, template = ?7, reviewer = ?8, interviewees = ?9 WHERE id = 1",
                params![e.client, e.system_name, e.system_description, e.assessor, e.start_date, e.end_date, e.template, e.reviewer, serde_json::to_string(&e.interviewees).unwrap_or_default()],
            )?;
            audit::append(tx, stamp, "engagement.update", "engagement", &serde_json::to_value(&e).unwrap_or_default())
        })
    }

    /// Starts an assessment against one questionnaire, recording the
    /// knowledge-base version and hash it is answered against.
    pub fn add_assessment(&mut self, new: &NewAssessment<'_>, stamp: &Stamp) -> Result<String> {
        self.change(stamp, |tx| insert_assessment(tx, new, stamp))
    }

    pub fn assessments(&self) -> Result<Vec<Assessment>> {
        self.rows("SELECT id, questionnaire, questionnaire_version, kb_version, kb_hash, verdict_snapshot, created_at FROM assessment ORDER BY created_at, id", [], |r| {
                let snapshot: Option<String> = r.get(5)?;
                Ok(Assessment {
                    id: r.get(0)?,
                    questionnaire: r.get(1)?,
                    questionnaire_version: r.get(2)?,
                    kb_version: r.get(3)?,
                    kb_hash: r.get(4)?,
                    verdict_snapshot: snapshot.and_then(|s| serde_json::from_str(&s).ok()),
                    created_at: r.get(6)?,
                })
            })
    }

    pub fn assessment(&self, id: &str) -> Result<Assessment> {
        self.assessments()?
            .into_iter()
            .find(|a| a.id == id)
            .ok_or_else(|| StoreError::UnknownId {
                what: "assessment",
                id: id.to_owned(),
            })
    }

    /// Records the verdict the user accepted and the knowledge base it was
    /// computed with (re-assessment after a knowledge-base update).
    pub fn accept_verdict(
        &mut self,
        assessment_id: &str,
        verdict: &Value,
        kb_version: &str,
        kb_hash: &str,
        stamp: &Stamp,
    ) -> Result<()> {
        self.assessment(assessment_id)?;
        let text = canonical(verdict);
        let digest = crate::hex(&Sha256::digest(text.as_bytes()));
        self.change(stamp, |tx| {
            tx.execute(
                "UPDATE assessment SET verdict_snapshot = ?1, kb_version = ?2, kb_hash = ?3 WHERE id = ?4",
                params![text, kb_version, kb_hash, assessment_id],
            )?;
            audit::append(tx, stamp, "verdict.accept", assessment_id, &serde_json::json!({ "kb_version": kb_version, "kb_hash": kb_hash, "risk_class": verdict.get("risk_class"), "snapshot_sha256": digest }))
        })
    }

    /// Records an assessor's override of a computed finding; a
    /// justification is required.
    pub fn add_override(
        &mut self,
        assessment_id: &str,
        finding: &str,
        original: &str,
        replacement: &str,
        justification: &str,
        stamp: &Stamp,
    ) -> Result<String> {
        self.assessment(assessment_id)?;
        if justification.trim().is_empty() {
            return Err(StoreError::Invalid(
                "an override needs a justification".into(),
            ));
        }
        let id = uuid::Uuid::now_v7().to_string();
        let at = stamp.at_text();
        self.change(stamp, |tx| {
            tx.execute(
                "INSERT INTO override (id, assessment_id, finding, original, replacement, justification, made_by, made_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![id, assessment_id, finding, original, replacement, justification, stamp.actor, at],
            )?;
            audit::append(tx, stamp, "override.add", &id, &serde_json::json!({ "assessment": assessment_id, "finding": finding, "original": original, "replacement": replacement, "justification": justification }))
        })?;
        Ok(id)
    }

    pub fn overrides(&self) -> Result<Vec<Override>> {
        self.rows("SELECT id, assessment_id, finding, original, replacement, justification, made_by, made_at FROM override ORDER BY made_at, id", [], |r| {
                Ok(Override {
                    id: r.get(0)?,
                    assessment_id: r.get(1)?,
                    finding: r.get(2)?,
                    original: r.get(3)?,
                    replacement: r.get(4)?,
                    justification: r.get(5)?,
                    made_by: r.get(6)?,
                    made_at: r.get(7)?,
                })
            })
    }

    /// Adds a risk to the register; returns its ID.
    pub fn add_risk(&mut self, input: &RiskInput, stamp: &Stamp) -> Result<String> {
        check_risk(input)?;
        let id = uuid::Uuid::now_v7().to_string();
        self.write_risk(&id, input, "risk.add", stamp)?;
        Ok(id)
    }

    pub fn update_risk(&mut self, id: &str, input: &RiskInput, stamp: &Stamp) -> Result<()> {
        check_risk(input)?;
        self.risk(id)?;
        self.write_risk(id, input, "risk.update", stamp)
    }

    pub fn remove_risk(&mut self, id: &str, stamp: &Stamp) -> Result<()> {
        self.risk(id)?;
        self.change(stamp, |tx| {
            tx.execute("DELETE FROM risk WHERE id = ?1", [id])?;
            audit::append(tx, stamp, "risk.remove", id, &Value::Null)
        })
    }

    fn write_risk(&mut self, id: &str, r: &RiskInput, action: &str, stamp: &Stamp) -> Result<()> {
        let at = stamp.at_text();
        let refs = canonical(&serde_json::to_value(&r.kb_refs).unwrap_or_default());
        self.change(stamp, |tx| {
            tx.execute(
                "INSERT INTO risk (id, assessment_id, source, title, description, likelihood, impact, residual_likelihood, residual_impact, owner, treatment, due_date, status, justification, kb_refs, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
                 ON CONFLICT (id) DO UPDATE SET assessment_id = excluded.assessment_id, source = excluded.source, title = excluded.title, description = excluded.description, likelihood = excluded.likelihood, impact = excluded.impact, residual_likelihood = excluded.residual_likelihood, residual_impact = excluded.residual_impact, owner = excluded.owner, treatment = excluded.treatment, due_date = excluded.due_date, status = excluded.status, justification = excluded.justification, kb_refs = excluded.kb_refs, updated_at = excluded.updated_at",
                params![id, r.assessment_id, r.source, r.title, r.description, r.likelihood, r.impact, r.residual_likelihood, r.residual_impact, r.owner, r.treatment, r.due_date, r.status, r.justification, refs, at],
            )?;
            audit::append(tx, stamp, action, id, &serde_json::to_value(r).unwrap_or_default())
        })
    }

    pub fn risk(&self, id: &str) -> Result<Risk> {
        self.risks()?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| StoreError::UnknownId {
                what: "risk",
                id: id.to_owned(),
            })
    }

    pub fn risks(&self) -> Result<Vec<Risk>> {
        self.rows("SELECT id, assessment_id, source, title, description, likelihood, impact, residual_likelihood, residual_impact, owner, treatment, due_date, status, justification, kb_refs, updated_at FROM risk ORDER BY rowid", [], |r| {
            let refs: String = r.get(14)?;
            Ok(Risk {
                id: r.get(0)?,
                input: RiskInput {
                    assessment_id: r.get(1)?,
                    source: r.get(2)?,
                    title: r.get(3)?,
                    description: r.get(4)?,
                    likelihood: r.get(5)?,
                    impact: r.get(6)?,
                    residual_likelihood: r.get(7)?,
                    residual_impact: r.get(8)?,
                    owner: r.get(9)?,
                    treatment: r.get(10)?,
                    due_date: r.get(11)?,
                    status: r.get(12)?,
                    justification: r.get(13)?,
                    kb_refs: serde_json::from_str(&refs).unwrap_or_default(),
                },
                updated_at: r.get(15)?,
            })
        })
    }

    /// Sets the status, owner, target date and note of one register item.
    pub fn set_register_entry(&mut self, entry: &RegisterEntry, stamp: &Stamp) -> Result<()> {
        self.assessment(&entry.assessment_id)?;
        if let Some(date) = &entry.target_date
            && chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err()
        {
            return Err(StoreError::Invalid(format!(
                "`{date}` is not a date in YYYY-MM-DD form"
            )));
        }
        let at = stamp.at_text();
        let e = entry.clone();
        self.change(stamp, |tx| {
            tx.execute(
                "INSERT INTO register_entry (assessment_id, item_id, status, owner, target_date, note, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (assessment_id, item_id) DO UPDATE SET status = excluded.status, owner = excluded.owner, target_date = excluded.target_date, note = excluded.note, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                params![e.assessment_id, e.item_id, e.status.as_str(), e.owner, e.target_date, e.note, stamp.actor, at],
            )?;
            audit::append(tx, stamp, "register.set", &format!("{}/{}", e.assessment_id, e.item_id), &serde_json::json!({ "status": e.status.as_str(), "owner": e.owner, "target_date": e.target_date, "note": e.note }))
        })
    }

    pub fn register(&self, assessment_id: &str) -> Result<Vec<RegisterEntry>> {
        self.rows("SELECT assessment_id, item_id, status, owner, target_date, note, updated_by, updated_at FROM register_entry WHERE assessment_id = ?1 ORDER BY item_id", [assessment_id], |r| {
            let status: String = r.get(2)?;
            Ok(RegisterEntry {
                assessment_id: r.get(0)?,
                item_id: r.get(1)?,
                status: RegisterStatus::parse(&status).unwrap_or(RegisterStatus::Open),
                owner: r.get(3)?,
                target_date: r.get(4)?,
                note: r.get(5)?,
                updated_by: r.get(6)?,
                updated_at: r.get(7)?,
            })
        })
    }

    /// Records an exported report, with the audit entry it was made from.
    pub fn record_report(&mut self, report: &ReportRecord, stamp: &Stamp) -> Result<String> {
        let id = uuid::Uuid::now_v7().to_string();
        let at = stamp.at_text();
        let r = report.clone();
        self.change(stamp, |tx| {
            tx.execute(
                "INSERT INTO report (id, file_name, sha256, signer_fingerprint, created_at, final, audit_seq, audit_head) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![id, r.file_name, r.sha256, r.signer_fingerprint, at, r.is_final, r.audit_seq, r.audit_head],
            )?;
            audit::append(tx, stamp, "report.export", &id, &serde_json::json!({ "file_name": r.file_name, "sha256": r.sha256, "signer": r.signer_fingerprint, "final": r.is_final, "audit_seq": r.audit_seq, "audit_head": r.audit_head }))
        })?;
        Ok(id)
    }

    pub fn reports(&self) -> Result<Vec<ReportRecord>> {
        self.rows("SELECT id, file_name, sha256, signer_fingerprint, final, audit_seq, audit_head, created_at FROM report ORDER BY created_at, id", [], |r| {
            Ok(ReportRecord {
                id: r.get(0)?,
                file_name: r.get(1)?,
                sha256: r.get(2)?,
                signer_fingerprint: r.get(3)?,
                is_final: r.get(4)?,
                audit_seq: r.get(5)?,
                audit_head: r.get(6)?,
                created_at: r.get(7)?,
            })
        })
    }

    pub fn audit_trail(&self) -> Result<Vec<AuditEntry>> {
        self.rows("SELECT seq, at, actor, action, subject, detail, prev_hash, hash FROM audit ORDER BY seq", [], |r| {
                let detail: String = r.get(5)?;
                Ok(AuditEntry {
                    seq: r.get(0)?,
                    at: r.get(1)?,
                    actor: r.get(2)?,
                    action: r.get(3)?,
                    subject: r.get(4)?,
                    detail: serde_json::from_str(&detail).unwrap_or(Value::String(detail)),
                    prev_hash: r.get(6)?,
                    hash: r.get(7)?,
                })
            })
    }

    /// Everything in the project except evidence bytes, as JSON.
    pub fn export_json(&self) -> Result<Value> {
        let mut assessments = Vec::new();
        for a in self.assessments()? {
            let answers = self.answers(&a.id)?;
            let register = self.register(&a.id)?;
            assessments.push(
                serde_json::json!({ "assessment": a, "answers": answers, "register": register }),
            );
        }
        Ok(serde_json::json!({
            "meta": self.meta()?,
            "engagement": self.engagement()?,
            "assessments": assessments,
            "evidence": self.evidence()?,
            "overrides": self.overrides()?,
            "risks": self.risks()?,
            "reports": self.reports()?,
            "seals": self.seals()?,
            "audit": self.audit_trail()?,
        }))
    }
}

fn check_risk(r: &RiskInput) -> Result<()> {
    let scores = [
        ("likelihood", Some(r.likelihood)),
        ("impact", Some(r.impact)),
        ("residual likelihood", r.residual_likelihood),
        ("residual impact", r.residual_impact),
    ];
    for (name, score) in scores {
        if let Some(v) = score
            && !(1..=5).contains(&v)
        {
            return Err(StoreError::Invalid(format!(
                "{name} {v} is outside the scale; scores run from 1 to 5"
            )));
        }
    }
    if r.title.trim().is_empty() {
        return Err(StoreError::Invalid("a risk needs a title".into()));
    }
    if let Some(date) = &r.due_date
        && chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err()
    {
        return Err(StoreError::Invalid(format!(
            "`{date}` is not a date in YYYY-MM-DD form"
        )));
    }
    Ok(())
}

/// An assessment to start: the questionnaire and the knowledge base it is
/// answered against.
#[derive(Debug, Clone, Copy)]
pub struct NewAssessment<'a> {
    pub questionnaire: &'a str,
    pub questionnaire_version: &'a str,
    pub kb_version: &'a str,
    pub kb_hash: &'a str,
}

pub(crate) fn insert_assessment(
    tx: &rusqlite::Transaction<'_>,
    new: &NewAssessment<'_>,
    stamp: &Stamp,
) -> rusqlite::Result<String> {
    let id = uuid::Uuid::now_v7().to_string();
    tx.execute(
        "INSERT INTO assessment (id, questionnaire, questionnaire_version, kb_version, kb_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, new.questionnaire, new.questionnaire_version, new.kb_version, new.kb_hash, stamp.at_text()],
    )?;
    let detail = serde_json::json!({
        "questionnaire": new.questionnaire,
        "questionnaire_version": new.questionnaire_version,
        "kb_version": new.kb_version,
        "kb_hash": new.kb_hash,
    });
    audit::append(tx, stamp, "assessment.create", &id, &detail)?;
    Ok(id)
}
