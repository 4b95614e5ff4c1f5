//! The report's data: the open project and the knowledge base gathered
//! into what `assay_report` renders and embeds, in plain words.

use std::collections::BTreeMap;

use assay_engine::{AnswerType, Answers, Questionnaire};
use assay_report::{
    AnswerRow, AssessmentReport, AssumptionRow, AuditHead, CompletenessRow, DocumentControl,
    EngagementInfo, IssuedReport, OverrideRow, ReportData, SignerInfo,
};
use assay_store::{EvidenceInfo, StoredAnswer};
use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::project::no_project;
use crate::report_rows::{annex_iv, coverage, evidence_rows, milestones, register_rows, risk_rows};
use crate::{APP_VERSION, AppError, Assay};

impl Assay {
    /// The report data for the open project, as it would be rendered.
    pub fn report_data(
        &self,
        signer: Option<SignerInfo>,
        is_final: bool,
        now: DateTime<Utc>,
    ) -> Result<ReportData, AppError> {
        let summary = self.project_summary()?;
        let mut assessments = Vec::new();
        for a in &summary.assessments {
            assessments.push(self.assessment_report(a, &summary.evidence)?);
        }
        let (overrides, risks, reports, audit_head) = {
            let guard = self.project();
            let p = guard.as_ref().ok_or_else(no_project)?;
            (p.overrides()?, p.risks()?, p.reports()?, p.audit_head()?)
        };
        let kb = self.kb();
        let questions = question_numbers(&assessments);
        let e = &summary.engagement;
        Ok(ReportData {
            title: "AI compliance assessment".into(),
            report_date: now.date_naive().to_string(),
            app_version: APP_VERSION.into(),
            kb_version: kb.version().into(),
            kb_hash: kb.content_hash().into(),
            project_id: summary.meta.project_id.clone(),
            engagement: EngagementInfo {
                client: e.client.clone(),
                system_name: e.system_name.clone(),
                system_description: e.system_description.clone(),
                assessor: e.assessor.clone(),
                reviewer: e.reviewer.clone(),
                interviewees: e.interviewees.clone(),
                start_date: e.start_date.clone(),
                end_date: e.end_date.clone(),
            },
            document: document_control(&reports),
            evidence: evidence_rows(&kb, &summary.evidence, &questions),
            risks: risk_rows(&kb, &risks),
            assessments,
            overrides: overrides
                .into_iter()
                .map(|o| OverrideRow {
                    finding: o.finding,
                    original: o.original,
                    replacement: o.replacement,
                    justification: o.justification,
                    made_by: o.made_by,
                })
                .collect(),
            signer,
            is_final,
            audit_head: audit_head.map(|(seq, hash)| AuditHead { seq, hash }),
            milestones: milestones(&kb),
        })
    }

    fn assessment_report(
        &self,
        a: &crate::dto::AssessmentSummary,
        evidence: &[EvidenceInfo],
    ) -> Result<AssessmentReport, AppError> {
        let q = self.find_questionnaire(&a.assessment.questionnaire)?;
        let (stored, tracking, overrides) = {
            let guard = self.project();
            let project = guard.as_ref().ok_or_else(no_project)?;
            (
                project.answers(&a.assessment.id)?,
                project.register(&a.assessment.id)?,
                crate::registers::profile_overrides(project, &a.assessment.id)?,
            )
        };
        // The interview state from the answers just read, rather than
        // reading them again.
        let given: Answers = {
            let guard = self.project();
            crate::project::judged_answers(
                guard.as_ref().ok_or_else(no_project)?,
                &a.assessment.id,
            )?
        };
        let state = self.interview_with(&a.assessment.questionnaire, &given, &overrides)?;
        let answers = answer_rows(
            q,
            &state.progress.asked,
            &stored,
            evidence,
            &a.assessment.id,
        );
        let completeness = completeness(q, &state.progress.asked, &state.answers);
        let kb = self.kb();
        let (crosswalk, register, annex) = match &state.verdict {
            Some(v) => (
                coverage(&kb, v.obligations.iter().map(|o| o.article_id.as_str())),
                register_rows(&kb, v, &tracking, evidence),
                annex_iv(&kb, v, evidence),
            ),
            None => (Vec::new(), Vec::new(), Vec::new()),
        };
        let assumptions = state
            .verdict
            .as_ref()
            .map(|v| {
                v.assumptions
                    .iter()
                    .filter_map(|x| {
                        let (number, question) = numbered(q, &x.question)?;
                        Some(AssumptionRow {
                            number,
                            prompt: question.prompt.clone(),
                            assumed: answer_text(q, question, &x.value),
                            state: match x.state {
                                assay_engine::presume::OpenState::Unanswered => {
                                    "Not answered".into()
                                }
                                assay_engine::presume::OpenState::NotSure => {
                                    "Answered “not sure”".into()
                                }
                            },
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let personal_data = match state.answers.get("personal_data").and_then(Value::as_str) {
            Some("yes") => Some(true),
            Some("no") => Some(false),
            _ => None,
        };
        Ok(AssessmentReport {
            raw_answers: state.answers.clone().into_iter().collect(),
            questionnaire: a.assessment.questionnaire.clone(),
            questionnaire_title: a.questionnaire_title.clone(),
            kb_version: a.assessment.kb_version.clone(),
            verdict: state.verdict,
            answers,
            crosswalk,
            completeness,
            register,
            annex_iv: annex,
            personal_data,
            assumptions,
            labels: match (&state.profile, &state.readiness) {
                (Some(p), _) => profile_labels(&kb, p),
                (None, Some(r)) => readiness_labels(&kb, r),
                _ => record_option_labels(q),
            },
            profile: state.profile,
            readiness: state.readiness,
        })
    }
}

/// `<record type>.<field>.<value>` → the option's label, so a card can
/// name record options in words.
fn record_option_labels(q: &Questionnaire) -> BTreeMap<String, String> {
    q.record_types
        .iter()
        .flat_map(|(name, record)| {
            record.fields.iter().flat_map(move |f| {
                f.options
                    .iter()
                    .map(move |o| (format!("{name}.{}.{}", f.id, o.value), o.label.clone()))
            })
        })
        .collect()
}

/// Labels for the criteria and AI controls of a readiness result.
fn readiness_labels(
    kb: &assay_kb::KnowledgeBase,
    r: &assay_engine::soc2::ReadinessResult,
) -> BTreeMap<String, String> {
    r.controls
        .iter()
        .map(|c| {
            let label = match kb.item(&c.id) {
                Some(item) => format!("{} {}", item.label, item.title),
                // An AI control is named after its question (`ai_model_change`
                // → "AI: model change").
                None => {
                    let words: Vec<String> = c
                        .question
                        .trim_start_matches("ai_")
                        .split('_')
                        .map(|w| {
                            if w == "ml" {
                                "ML".to_owned()
                            } else {
                                w.to_owned()
                            }
                        })
                        .collect();
                    format!("AI: {}", words.join(" "))
                }
            };
            (c.id.clone(), label)
        })
        .collect()
}

/// Labels for every knowledge-base ID a profile names.
fn profile_labels(
    kb: &assay_kb::KnowledgeBase,
    p: &assay_engine::risk_profile::ProfileResult,
) -> BTreeMap<String, String> {
    let mut ids: Vec<&String> = Vec::new();
    for r in &p.risks {
        ids.extend(&r.subcategories);
        ids.extend(&r.characteristics);
        ids.extend(&r.genai_risks);
        for c in &r.controls {
            ids.extend(&c.iso42001);
            ids.extend(&c.sp80053);
        }
    }
    ids.extend(p.subcategories.iter().map(|s| &s.subcategory));
    ids.into_iter()
        .filter_map(|id| {
            let item = kb.item(id)?;
            Some((id.clone(), format!("{} {}", item.label, item.title)))
        })
        .collect()
}

/// The question's 1-based position in its questionnaire.
fn numbered<'q>(q: &'q Questionnaire, id: &str) -> Option<(u32, &'q assay_engine::Question)> {
    let index = q.questions.iter().position(|x| x.id == id)?;
    Some((u32::try_from(index + 1).ok()?, &q.questions[index]))
}

/// Every asked question in interview order, answered or not.
fn answer_rows(
    q: &Questionnaire,
    asked: &[String],
    stored: &[StoredAnswer],
    evidence: &[EvidenceInfo],
    assessment: &str,
) -> Vec<AnswerRow> {
    let mut rows: Vec<AnswerRow> = asked
        .iter()
        .filter_map(|id| {
            let (number, question) = numbered(q, id)?;
            let given = stored.iter().find(|s| &s.question_id == id);
            let link = format!("answer:{assessment}/{id}");
            Some(AnswerRow {
                number,
                question_id: id.clone(),
                section: q
                    .sections
                    .iter()
                    .find(|s| s.id == question.section)
                    .map_or_else(String::new, |s| s.title.clone()),
                prompt: question.prompt.clone(),
                answered: given.is_some(),
                answer: given.map_or_else(String::new, |s| answer_text(q, question, &s.value)),
                note: given.map_or_else(String::new, |s| s.note.clone()),
                provenance: given.map_or_else(String::new, |s| s.provenance.as_str().to_owned()),
                answered_by: given.map_or_else(String::new, |s| s.answered_by.clone()),
                answered_at: given.map_or_else(String::new, |s| s.answered_at.clone()),
                evidence: evidence
                    .iter()
                    .filter(|e| e.links.contains(&link))
                    .map(|e| e.file_name.clone())
                    .collect(),
            })
        })
        .collect();
    rows.sort_by_key(|r| r.number);
    rows
}

fn completeness(q: &Questionnaire, asked: &[String], answers: &Answers) -> Vec<CompletenessRow> {
    q.sections
        .iter()
        .map(|section| {
            let ids: Vec<&String> = asked
                .iter()
                .filter(|id| q.question(id).is_some_and(|x| x.section == section.id))
                .collect();
            let answered = ids
                .iter()
                .filter(|id| answers.contains_key(id.as_str()))
                .count();
            CompletenessRow {
                section: section.title.clone(),
                answered: u32::try_from(answered).unwrap_or(0),
                asked: u32::try_from(ids.len()).unwrap_or(0),
            }
        })
        .collect()
}

/// `answer:<assessment>/<question>` → `Q<n>`, for evidence links.
fn question_numbers(assessments: &[AssessmentReport]) -> BTreeMap<String, u32> {
    assessments
        .iter()
        .flat_map(|a| a.answers.iter().map(|r| (r.question_id.clone(), r.number)))
        .collect()
}

fn document_control(reports: &[assay_store::ReportRecord]) -> DocumentControl {
    let history: Vec<IssuedReport> = reports
        .iter()
        .enumerate()
        .map(|(i, r)| IssuedReport {
            version: u32::try_from(i + 1).unwrap_or(u32::MAX),
            date: r.created_at.get(..10).unwrap_or_default().to_owned(),
            is_final: r.is_final,
            signer_fingerprint: r.signer_fingerprint.clone(),
        })
        .collect();
    DocumentControl {
        version: u32::try_from(history.len() + 1).unwrap_or(u32::MAX),
        history,
    }
}

/// The answer as a person reads it: option labels, not values.
pub(crate) fn answer_text(
    questionnaire: &Questionnaire,
    q: &assay_engine::Question,
    value: &Value,
) -> String {
    let label = |v: &str| -> String {
        match (q.answer_type, v) {
            (AnswerType::YesNoUnsure, "yes") => "Yes".into(),
            (AnswerType::YesNoUnsure, "no") => "No".into(),
            (AnswerType::YesNoUnsure, "not_sure") => "Not sure".into(),
            _ => q
                .options
                .iter()
                .find(|o| o.value == v)
                .map_or_else(|| v.to_owned(), |o| o.label.clone()),
        }
    };
    match value {
        Value::String(s) if q.answer_type == AnswerType::Text => s.clone(),
        Value::String(s) => label(s),
        Value::Array(records) if q.answer_type == AnswerType::RecordList => {
            if records.is_empty() {
                return "None".into();
            }
            records
                .iter()
                .filter_map(Value::as_object)
                .map(|fields| record_text(questionnaire.fields(q), fields))
                .collect::<Vec<_>>()
                .join(" | ")
        }
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .map(label)
            .collect::<Vec<_>>()
            .join("; "),
        Value::Number(n) => n.to_string(),
        Value::Object(fields) => record_text(questionnaire.fields(q), fields),
        other => other.to_string(),
    }
}

/// A record as a person reads it: each field under its label, options in
/// words.
fn record_text(
    declared: &[assay_engine::RecordField],
    fields: &serde_json::Map<String, Value>,
) -> String {
    declared
        .iter()
        .filter_map(|f| {
            let shown = match fields.get(&f.id)? {
                Value::String(v) => f
                    .options
                    .iter()
                    .find(|o| &o.value == v)
                    .map_or_else(|| v.clone(), |o| o.label.clone()),
                Value::Number(n) => n.to_string(),
                _ => return None,
            };
            (!shown.is_empty()).then(|| format!("{} {}", f.label, shown))
        })
        .collect::<Vec<_>>()
        .join("; ")
}
