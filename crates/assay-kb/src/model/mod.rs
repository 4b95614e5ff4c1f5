//! The shapes of the data files in `assets/`.
//!
//! These types are the schema: `cargo xtask schema` writes the JSON Schemas in
//! `assets/schema/` from them, and every type rejects unknown fields so a typo
//! in a data file is an error rather than a silently ignored key.

mod eu_ai_act;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where a file's facts come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub publisher: String,
    pub document: String,
    pub url: String,
}

/// The terms under which a file's content may be shipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Licence {
    pub name: String,
    /// True only when the file carries the official text itself; false where
    /// the file holds IDs, titles and our own summaries.
    pub official_text_shipped: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

/// One framework catalogue, `assets/frameworks/<id>.json`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrameworkFile {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub id: String,
    pub title: String,
    pub short_title: String,
    pub version: String,
    pub published: NaiveDate,
    pub source: Source,
    pub licence: Licence,
    /// False for catalogues that ship titles only (NIST SP 800-53, whose
    /// statements the user imports from their own OSCAL copy).
    #[serde(default = "yes")]
    pub summaries: bool,
    /// How many items of each kind the official source has.
    pub declared_counts: BTreeMap<String, usize>,
    pub items: Vec<Item>,
}

pub(crate) fn yes() -> bool {
    true
}

pub use eu_ai_act::*;

/// How firmly a fact is known.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    /// Taken from the official text as published.
    #[default]
    Published,
    /// Known only from secondary sources (press, summaries of an amendment
    /// not yet checked against the Official Journal). Shown as "reported"
    /// wherever a person reads it.
    Reported,
}

impl Certainty {
    pub fn is_published(&self) -> bool {
        *self == Certainty::Published
    }
}

/// NIST SP 800-53 baselines.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "UPPERCASE")]
pub enum Baseline {
    Low,
    Moderate,
    High,
    Privacy,
}

/// One citable element of a framework: an article, a control, a criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Stable ID, `<framework>:<local id>`.
    pub id: String,
    pub kind: String,
    /// How a person cites it: `Art. 6(3)(a)`, `CC6.1`, `AC-2(1)`.
    pub label: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cites: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub baselines: Vec<Baseline>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub withdrawn: bool,
    /// `reported` when the item (or the wording summarised) is known only
    /// from secondary sources.
    #[serde(default, skip_serializing_if = "Certainty::is_published")]
    pub status: Certainty,
}

/// How strongly a crosswalk's from-item corresponds to its to-item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Relationship {
    Equal,
    /// The from-item is narrower than the to-item.
    Subset,
    /// The from-item is broader than the to-item.
    Superset,
    /// The two overlap.
    Related,
}

/// Whether validation demands a mapping for every from-item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Coverage {
    /// Every from-item of the `coverage_kinds` must be mapped.
    EveryFromItem,
    /// Only the listed mappings; no completeness claim.
    Listed,
}

/// A mapping between two frameworks, `assets/crosswalks/<from>--<to>.json`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CrosswalkFile {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub id: String,
    pub title: String,
    pub from_framework: String,
    pub to_framework: String,
    pub version: String,
    /// Who made the mapping and how far it may be relied on.
    pub authorship: String,
    pub licence: Licence,
    pub coverage: Coverage,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coverage_kinds: Vec<String>,
    pub mappings: Vec<Mapping>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    pub from: String,
    pub to: String,
    pub relationship: Relationship,
    pub rationale: String,
}

/// `assets/kb.json`: the knowledge base's own version.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Bumped whenever a rule, date or mapping changes meaning.
    pub version: String,
    pub released: NaiveDate,
}
