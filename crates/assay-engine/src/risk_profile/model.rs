//! `assets/risk-profiles/<id>.json`: a risk catalogue with its scoring
//! rules for one kind of system (see `docs/risk-profile-format.md`). The
//! types are the schema; unknown fields are refused.

use std::collections::BTreeMap;

use assay_kb::{Licence, Source};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Condition;

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskProfile {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub id: String,
    pub title: String,
    pub version: String,
    /// The questionnaire whose answers the profile scores.
    pub questionnaire: String,
    pub source: Source,
    pub licence: Licence,
    pub scales: Scales,
    pub appetite: Appetite,
    pub bands: Vec<Band>,
    pub risks: Vec<CatalogueRisk>,
    #[serde(default)]
    pub losses: Vec<Loss>,
    pub eu_ai_act: EuAiActLink,
}

/// Five written anchors for each of likelihood and impact.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scales {
    pub likelihood: Vec<ScaleLevel>,
    pub impact: Vec<ScaleLevel>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScaleLevel {
    pub level: u8,
    pub label: String,
    pub anchor: String,
}

/// The residual score above which a risk needs a treatment decision.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appetite {
    /// The `number` question that sets it.
    pub question: String,
    pub default: u32,
    pub why: String,
}

/// A score band: its label and how soon a treatment is due.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub min: u32,
    pub max: u32,
    pub label: String,
    pub due_days: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CatalogueRisk {
    pub id: String,
    pub title: String,
    pub description: String,
    /// `nist-ai-rmf:trait.*`
    pub characteristics: Vec<String>,
    /// AI RMF subcategories the risk is managed under.
    pub subcategories: Vec<String>,
    /// `nist-ai-600-1:risk.*`, for generative systems.
    #[serde(default)]
    pub genai_risks: Vec<String>,
    /// The risk applies only when this holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_if: Option<Condition>,
    pub likelihood: Dimension,
    pub impact: Dimension,
    #[serde(default)]
    pub controls: Vec<Control>,
    pub treatment: Treatment,
    /// The `losses` entry that quantifies it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loss: Option<String>,
}

/// A base level and the answers that move it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    pub base: u8,
    pub why: String,
    #[serde(default)]
    pub adjust: Vec<Adjustment>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Adjustment {
    #[serde(rename = "if")]
    pub condition: Condition,
    pub by: i8,
    pub why: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Reduces {
    Likelihood,
    Impact,
}

/// A control that lowers a risk when the answers say it is in place.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Control {
    pub id: String,
    pub title: String,
    pub in_place_if: Condition,
    pub reduces: Reduces,
    pub by: u8,
    #[serde(default)]
    pub iso42001: Vec<String>,
    #[serde(default)]
    pub sp80053: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Treatment {
    /// `mitigate`, `transfer`, `avoid` or `accept`.
    pub default: String,
    pub action: String,
    /// What MEASURE tracks.
    pub metric: String,
    pub cadence: String,
    pub owner_role: String,
}

/// A business figure computed from the answers.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Loss {
    pub id: String,
    pub title: String,
    /// `+ - * / ( )`, numbers and the IDs of `number` questions.
    pub formula: String,
    pub unit: String,
    pub explain: String,
}

/// How the profile's answers become an EU AI Act answer set; the EU AI Act
/// classifier decides.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EuAiActLink {
    /// EU AI Act answers assumed for this kind of system.
    #[serde(default)]
    pub assumed: BTreeMap<String, Value>,
    /// EU AI Act question → this questionnaire's question, copied.
    #[serde(default)]
    pub from_answers: BTreeMap<String, String>,
    /// EU AI Act answers set when a condition on this interview holds.
    #[serde(default)]
    pub derived: Vec<Derived>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Derived {
    #[serde(rename = "if")]
    pub condition: Condition,
    pub set: BTreeMap<String, Value>,
}
