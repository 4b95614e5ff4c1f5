//! Assay's own interchange format: a project's answers, conclusions and
//! registers as one JSON document, described by the JSON Schema in
//! `assets/schema/project-export.schema.json` (generated from these types
//! by `cargo xtask schema`).
//!
//! The document holds what the engagement found, not its history: no
//! audit trail, no evidence bytes, no export time. Exporting the same
//! project twice gives the same bytes, and `import-answers` reads the
//! `answers` (with their sources and notes) back.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::InteropError;

/// The value of `format`.
pub const FORMAT: &str = "assay-project-export";
/// The format version this Assay writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;
/// The schema's `$id`, which every export names in `$schema`.
pub const SCHEMA_ID: &str = "urn:assay:schema:project-export:1";

/// A whole project as Assay exports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectExport {
    #[serde(rename = "$schema")]
    pub schema: String,
    /// Always `assay-project-export`.
    pub format: String,
    pub format_version: u32,
    pub generator: Generator,
    /// The project file's UUID.
    pub project_id: String,
    pub engagement: EngagementExport,
    pub assessments: Vec<AssessmentExport>,
    pub risks: Vec<RiskExport>,
    /// Evidence files by name and hash; the bytes stay in the project.
    pub evidence: Vec<EvidenceExport>,
    /// The reports issued from the project.
    pub reports: Vec<IssuedExport>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Generator {
    pub app_version: String,
    pub kb_version: String,
    /// SHA-256 of the knowledge base the results were computed with.
    pub kb_hash: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EngagementExport {
    pub client: String,
    pub system_name: String,
    pub system_description: String,
    pub assessor: String,
    pub reviewer: String,
    pub interviewees: Vec<String>,
    /// `YYYY-MM-DD`.
    pub start_date: Option<String>,
    /// `YYYY-MM-DD`.
    pub end_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentExport {
    /// The questionnaire's ID (`eu-ai-act`, `ai-rmf`, `soc2`, `system-card`).
    pub questionnaire: String,
    pub questionnaire_version: String,
    /// Question ID → answer: the same object `import-answers` accepts.
    pub answers: BTreeMap<String, Value>,
    /// Question ID → where the answer comes from and the assessor's note.
    pub answer_sources: BTreeMap<String, AnswerSource>,
    /// What Assay concluded from the answers: `verdict` (EU AI Act),
    /// `profile` (risk profile) or `readiness` (SOC 2), shaped as
    /// `assay assess --format json` prints them; empty for a system card.
    pub results: BTreeMap<String, Value>,
    /// The obligation register, with its tracking.
    pub register: Vec<RegisterEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerSource {
    /// `client_asserted`, `evidence_verified` or `assessor_judgement`.
    pub provenance: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterEntry {
    /// The provision's knowledge-base ID.
    pub item_id: String,
    /// The provision as cited (`Art. 26(1)`).
    pub article: String,
    pub title: String,
    pub role: String,
    /// `YYYY-MM-DD`.
    pub applies_from: String,
    /// The date is known from secondary sources only.
    pub reported: bool,
    pub status: String,
    pub owner: String,
    pub target_date: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskExport {
    pub title: String,
    pub description: String,
    /// 1 (rare) to 5 (almost certain).
    pub likelihood: u8,
    /// 1 (negligible) to 5 (severe).
    pub impact: u8,
    pub residual_likelihood: Option<u8>,
    pub residual_impact: Option<u8>,
    pub owner: String,
    pub treatment: String,
    pub due_date: Option<String>,
    pub status: String,
    pub relates_to: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceExport {
    pub file_name: String,
    pub size: u64,
    pub sha256: String,
    pub kind: String,
    pub collected_on: Option<String>,
    /// What it supports, as the report cites it (`Q12`, `Art. 10`).
    pub links: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssuedExport {
    pub version: u32,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub is_final: bool,
    pub signer_fingerprint: Option<String>,
}

impl ProjectExport {
    /// The export as pretty JSON with a final newline: the bytes written.
    pub fn to_text(&self) -> String {
        let mut text = serde_json::to_string_pretty(self)
            .expect("an export is plain data and always serialises");
        text.push('\n');
        text
    }

    /// The assessment of `questionnaire`, if the export holds one.
    pub fn assessment(&self, questionnaire: &str) -> Option<&AssessmentExport> {
        self.assessments
            .iter()
            .find(|a| a.questionnaire == questionnaire)
    }
}

/// Whether `value` claims to be an Assay export (so a plain answers object
/// is not mistaken for one).
pub fn is_export(value: &Value) -> bool {
    value.get("format").and_then(Value::as_str) == Some(FORMAT)
}

/// Reads an export, refusing other documents and newer versions.
pub fn parse(value: Value) -> Result<ProjectExport, InteropError> {
    if !is_export(&value) {
        return Err(InteropError::NotAnExport(format!(
            "`format` is not `{FORMAT}`"
        )));
    }
    let found = value
        .get("format_version")
        .and_then(Value::as_u64)
        .and_then(|v| u32::try_from(v).ok())
        .ok_or_else(|| InteropError::NotAnExport("`format_version` is missing".into()))?;
    if found > FORMAT_VERSION {
        return Err(InteropError::NewerFormat {
            found,
            supported: FORMAT_VERSION,
        });
    }
    serde_json::from_value(value).map_err(|e| InteropError::NotAnExport(e.to_string()))
}

/// The JSON Schema of the format, as committed in `assets/schema/`.
pub fn schema() -> Value {
    let mut schema =
        serde_json::to_value(schemars::schema_for!(ProjectExport)).expect("a schema is plain data");
    schema["$id"] = Value::String(SCHEMA_ID.into());
    schema["title"] = Value::String("Assay project export".into());
    schema
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{FORMAT, parse};
    use crate::InteropError;

    #[test]
    fn other_documents_and_newer_versions_are_refused() {
        assert!(matches!(
            parse(json!({ "ai_system": "yes" })),
            Err(InteropError::NotAnExport(_))
        ));
        assert!(matches!(
            parse(json!({ "format": FORMAT, "format_version": 2 })),
            Err(InteropError::NewerFormat {
                found: 2,
                supported: 1
            })
        ));
    }
}
