//! `assets/practice/scenarios.json`: scenarios, their rubrics, model
//! outlines and sample answers (see `docs/practice-format.md`).

use assay_kb::{Licence, Source};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub id: String,
    pub title: String,
    pub version: String,
    pub source: Source,
    pub licence: Licence,
    pub scenarios: Vec<Scenario>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub frameworks: Vec<String>,
    /// `core`, `intermediate` or `advanced`.
    pub difficulty: String,
    /// `technical` or `behavioural`.
    pub kind: String,
    pub minutes: u32,
    pub prompt: String,
    pub cites: Vec<String>,
    pub rubric: Rubric,
    pub model_outline: Vec<String>,
    #[serde(default)]
    pub samples: Vec<SampleAnswer>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct SampleAnswer {
    /// `strong`, `middling`, `weak` or `wrong-citation`.
    pub label: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    pub key_points: Vec<KeyPoint>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structure: Option<Structure>,
    pub quantification: Quantification,
    #[serde(default)]
    pub penalties: Vec<Penalty>,
    #[serde(default)]
    pub wrong_citations: Vec<WrongCitation>,
    #[serde(default)]
    pub mistakes: Vec<Mistake>,
}

/// What a fair interviewer listens for; covered when one sentence (or two
/// adjacent ones) holds a phrase from every list in `all_of`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct KeyPoint {
    pub id: String,
    pub title: String,
    pub weight: u32,
    pub why: String,
    pub cites: Vec<String>,
    pub all_of: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Structure {
    pub title: String,
    pub weight: u32,
    pub ordered: bool,
    pub sections: Vec<StructureSection>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct StructureSection {
    pub id: String,
    pub title: String,
    pub any_of: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Quantification {
    pub expected: bool,
    pub weight: u32,
    pub hint: String,
}

/// Points lost for an error a sentence states.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Penalty {
    pub id: String,
    pub title: String,
    pub points: u32,
    pub all_of: Vec<Vec<String>>,
    /// A sentence that also matches any of these lists is not the error.
    #[serde(default)]
    pub none_of: Vec<Vec<String>>,
    pub correction: String,
    #[serde(default)]
    pub cites: Vec<String>,
}

/// A reference cited for the wrong subject.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct WrongCitation {
    #[serde(rename = "ref")]
    pub reference: String,
    pub about: Vec<String>,
    pub points: u32,
    pub correction: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Mistake {
    pub id: String,
    pub title: String,
    pub correction: String,
    #[serde(default)]
    pub cites: Vec<String>,
}
