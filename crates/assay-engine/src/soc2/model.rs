//! `assets/soc2/readiness.json`: the readiness scale, per-criterion weights,
//! effort and remediation, evidence kinds with validity periods, sampling
//! and timeline parameters (see `docs/soc2-readiness-format.md`).

use std::collections::BTreeMap;

use assay_kb::{Licence, Source};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReadinessRules {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub id: String,
    pub title: String,
    pub version: String,
    pub questionnaire: String,
    pub source: Source,
    pub licence: Licence,
    pub levels: Vec<ReadinessLevel>,
    pub provenance: Vec<ProvenanceCap>,
    pub evidence_kinds: Vec<EvidenceKind>,
    pub criteria: Vec<CriterionRule>,
    pub ai_controls: Vec<AiControlRule>,
    pub sampling: Sampling,
    pub timeline: TimelineRules,
    pub categories: Vec<CategoryRule>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReadinessLevel {
    pub level: u8,
    pub label: String,
    pub rule: String,
}

/// The highest level an answer resting on this can reach.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProvenanceCap {
    pub id: String,
    pub label: String,
    pub max_level: u8,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceKind {
    pub id: String,
    pub label: String,
    /// How long a piece of this evidence stays fresh.
    pub valid_days: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CriterionRule {
    pub criterion: String,
    pub question: String,
    pub weight: u32,
    pub effort_days: u32,
    pub remediation: String,
    pub auditor_evidence: String,
    #[serde(default)]
    pub evidence_kinds: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AiControlRule {
    pub question: String,
    pub criteria: Vec<String>,
    #[serde(default)]
    pub iso42001: Vec<String>,
    #[serde(default)]
    pub sp80053: Vec<String>,
    pub weight: u32,
    pub effort_days: u32,
    pub remediation: String,
    pub auditor_evidence: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sampling {
    /// What the table rests on, in plain words.
    pub basis: String,
    pub table: Vec<SampleRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct SampleRow {
    pub frequency: String,
    pub population: String,
    pub sample: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimelineRules {
    /// How many gaps are worked on at once.
    pub remediation_parallelism: u32,
    pub type1_weeks: u32,
    pub report_weeks: u32,
    pub observation_months: Vec<u32>,
    pub observation_rationale: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryRule {
    pub id: String,
    /// The criteria of the category: IDs with this prefix followed by a
    /// digit or a point (`soc2:P` is Privacy, not Processing Integrity).
    pub criteria_prefix: String,
    /// The yes/no question that suggests the category.
    pub expected_when: String,
    pub guidance: String,
}

impl CategoryRule {
    pub fn covers(&self, criterion: &str) -> bool {
        criterion
            .strip_prefix(&self.criteria_prefix)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit() || c == '.'))
    }
}
