//! Machine-readable exports of the open project (system card, CycloneDX
//! AI-BOM, OSCAL assessment results, Assay JSON) and the import of an Assay
//! JSON export's answers. Each export is checked, built in memory, then
//! written all or nothing beside its target.

use std::collections::BTreeMap;
use std::path::PathBuf;

use assay_interop::project_json::{
    self, AnswerSource, AssessmentExport, EngagementExport, EvidenceExport, FORMAT, FORMAT_VERSION,
    Generator, IssuedExport, ProjectExport, RegisterEntry, RiskExport, SCHEMA_ID,
};
use assay_report::ReportData;
use assay_store::Provenance;
use assay_store::output::Target;
use chrono::{SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::dto::SaveResult;
use crate::project::no_project;
use crate::{AppError, Assay, ErrorCode};

/// The machine-readable formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum InteropFormat {
    /// The system card as Markdown.
    Card,
    /// CycloneDX 1.6 JSON (ML-BOM).
    Cyclonedx,
    /// OSCAL 1.1 assessment results, JSON.
    Oscal,
    /// Assay's own JSON interchange format.
    Json,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct InteropRequest {
    pub format: InteropFormat,
    #[ts(type = "string")]
    pub out: PathBuf,
    /// Replace an existing file at `out`.
    pub force: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct InteropExport {
    pub path: String,
    pub format: InteropFormat,
    pub bytes: u64,
    pub sha256: String,
}

impl Assay {
    /// Writes the open project in `request.format` to `request.out`;
    /// refused, with nothing written, when the project fails verification.
    pub fn interop_export(&self, request: &InteropRequest) -> Result<InteropExport, AppError> {
        let project = self.project().as_ref().map(|p| p.path().to_owned());
        let target = Target {
            path: &request.out,
            force: request.force,
            open_project: project.as_deref(),
            private: false,
        };
        assay_store::output::check_target(&target)?;
        if !self.project_verify()?.ok {
            return Err(AppError::new(
                ErrorCode::ProjectTampered,
                "the project fails verification (run `assay project verify` for what and where); nothing is exported from it",
            ));
        }
        let text = self.interop_text(request.format)?;
        let bytes = assay_store::output::write_file(&target, &mut |f| {
            std::io::Write::write_all(f, text.as_bytes())
        })?;
        Ok(InteropExport {
            path: request.out.display().to_string(),
            format: request.format,
            bytes,
            sha256: Sha256::digest(text.as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect(),
        })
    }

    /// The export's text, as it would be written.
    pub fn interop_text(&self, format: InteropFormat) -> Result<String, AppError> {
        let now = Utc::now();
        let timestamp = now.to_rfc3339_opts(SecondsFormat::Secs, true);
        let data = self.report_data(None, false, now)?;
        let pretty = |v: &Value| {
            let mut text = serde_json::to_string_pretty(v).unwrap_or_default();
            text.push('\n');
            text
        };
        Ok(match format {
            InteropFormat::Card => assay_report::markdown::system_card(&data),
            InteropFormat::Cyclonedx => pretty(&assay_interop::cyclonedx::bom(&data, &timestamp)),
            InteropFormat::Oscal => {
                pretty(&assay_interop::oscal::assessment_results(&data, &timestamp))
            }
            InteropFormat::Json => self.project_export(&data)?.to_text(),
        })
    }

    /// The open project in Assay's JSON interchange format.
    fn project_export(&self, data: &ReportData) -> Result<ProjectExport, AppError> {
        let summary = self.project_summary()?;
        let guard = self.project();
        let project = guard.as_ref().ok_or_else(no_project)?;
        let mut assessments = Vec::new();
        for (a, report) in summary.assessments.iter().zip(&data.assessments) {
            let stored = project.answers(&a.assessment.id)?;
            let answers = stored
                .iter()
                .map(|s| (s.question_id.clone(), s.value.clone()))
                .collect();
            let answer_sources = stored
                .iter()
                .map(|s| {
                    let source = AnswerSource {
                        provenance: s.provenance.as_str().to_owned(),
                        note: s.note.clone(),
                    };
                    (s.question_id.clone(), source)
                })
                .collect();
            assessments.push(AssessmentExport {
                questionnaire: a.assessment.questionnaire.clone(),
                questionnaire_version: a.assessment.questionnaire_version.clone(),
                answers,
                answer_sources,
                results: results(report),
                register: register(report),
            });
        }
        let e = &data.engagement;
        Ok(ProjectExport {
            schema: SCHEMA_ID.into(),
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            generator: Generator {
                app_version: data.app_version.clone(),
                kb_version: data.kb_version.clone(),
                kb_hash: data.kb_hash.clone(),
            },
            project_id: data.project_id.clone(),
            engagement: EngagementExport {
                client: e.client.clone(),
                system_name: e.system_name.clone(),
                system_description: e.system_description.clone(),
                assessor: e.assessor.clone(),
                reviewer: e.reviewer.clone(),
                interviewees: e.interviewees.clone(),
                start_date: e.start_date.clone(),
                end_date: e.end_date.clone(),
            },
            assessments,
            risks: data.risks.iter().map(risk).collect(),
            evidence: data
                .evidence
                .iter()
                .map(|e| EvidenceExport {
                    file_name: e.file_name.clone(),
                    size: e.size,
                    sha256: e.sha256.clone(),
                    kind: e.kind.clone(),
                    collected_on: e.collected_on.clone(),
                    links: e.links.clone(),
                })
                .collect(),
            reports: data
                .document
                .history
                .iter()
                .map(|r| IssuedExport {
                    version: r.version,
                    date: r.date.clone(),
                    is_final: r.is_final,
                    signer_fingerprint: r.signer_fingerprint.clone(),
                })
                .collect(),
        })
    }

    /// Imports the answers of an Assay JSON export into the open project:
    /// every assessment in the export (or only `questionnaire`) into the
    /// project's assessment of the same questionnaire. All are checked
    /// before any is written.
    pub fn project_import_export(
        &self,
        export: &ProjectExport,
        questionnaire: Option<&str>,
    ) -> Result<Vec<SaveResult>, AppError> {
        let summary = self.project_summary()?;
        let chosen: Vec<&AssessmentExport> = export
            .assessments
            .iter()
            .filter(|a| questionnaire.is_none_or(|q| q == a.questionnaire))
            .collect();
        if chosen.is_empty() {
            return Err(AppError::new(
                ErrorCode::InvalidAnswers,
                "the export holds no answers for this project's interviews",
            ));
        }
        let mut prepared = Vec::new();
        for a in chosen {
            let target = summary
                .assessments
                .iter()
                .find(|s| s.assessment.questionnaire == a.questionnaire)
                .ok_or_else(|| {
                    AppError::new(
                        ErrorCode::InvalidAnswers,
                        format!(
                            "the export holds answers to the `{}` interview, which this project does not have; add it first (`assay project add-assessment`)",
                            a.questionnaire
                        ),
                    )
                })?;
            let answers = a.answers.clone().into_iter().collect();
            prepared.push(self.prepare_import(&target.assessment.id, &answers, &sources(a)?)?);
        }
        prepared.into_iter().map(|p| self.apply_import(p)).collect()
    }
}

/// Whether a JSON document is an Assay export (rather than plain answers).
pub fn is_export(value: &Value) -> bool {
    project_json::is_export(value)
}

/// Reads an Assay JSON export, with a message that names the problem.
pub fn parse_export(value: Value) -> Result<ProjectExport, AppError> {
    project_json::parse(value).map_err(|e| AppError::new(ErrorCode::InvalidAnswers, e.to_string()))
}

fn sources(a: &AssessmentExport) -> Result<BTreeMap<String, (Provenance, String)>, AppError> {
    a.answer_sources
        .iter()
        .map(|(q, s)| {
            let provenance = Provenance::parse(&s.provenance).ok_or_else(|| {
                AppError::new(
                    ErrorCode::InvalidAnswers,
                    format!(
                        "`{q}`: `{}` is not a provenance (client_asserted, evidence_verified, assessor_judgement)",
                        s.provenance
                    ),
                )
            })?;
            Ok((q.clone(), (provenance, s.note.clone())))
        })
        .collect()
}

fn results(report: &assay_report::AssessmentReport) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    let mut put = |key: &str, value: Option<Value>| {
        if let Some(v) = value {
            out.insert(key.to_owned(), v);
        }
    };
    put(
        "verdict",
        report
            .verdict
            .as_ref()
            .and_then(|v| serde_json::to_value(v).ok()),
    );
    put(
        "profile",
        report
            .profile
            .as_ref()
            .and_then(|v| serde_json::to_value(v).ok()),
    );
    put(
        "readiness",
        report
            .readiness
            .as_ref()
            .and_then(|v| serde_json::to_value(v).ok()),
    );
    out
}

fn register(report: &assay_report::AssessmentReport) -> Vec<RegisterEntry> {
    report
        .register
        .iter()
        .map(|r| RegisterEntry {
            item_id: r.item_id.clone(),
            article: r.article.clone(),
            title: r.title.clone(),
            role: r.role.clone(),
            applies_from: r.applies_from.clone(),
            reported: r.reported,
            status: r.status.clone(),
            owner: r.owner.clone(),
            target_date: r.target_date.clone(),
            note: r.note.clone(),
        })
        .collect()
}

fn risk(r: &assay_report::RiskRow) -> RiskExport {
    RiskExport {
        title: r.title.clone(),
        description: r.description.clone(),
        likelihood: r.likelihood,
        impact: r.impact,
        residual_likelihood: r.residual_likelihood,
        residual_impact: r.residual_impact,
        owner: r.owner.clone(),
        treatment: r.treatment.clone(),
        due_date: r.due_date.clone(),
        status: r.status.clone(),
        relates_to: r.relates_to.clone(),
    }
}
