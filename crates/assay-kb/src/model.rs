//! The shapes of the data files in `assets/`.
//!
//! These types are the schema: `cargo xtask schema` writes the JSON Schemas in
//! `assets/schema/` from them, and every type rejects unknown fields so a typo
//! in a data file is an error rather than a silently ignored key.

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

fn yes() -> bool {
    true
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

/// A dated rule and the text it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DatedRule {
    pub date: NaiveDate,
    pub source: String,
}

/// One row of the EU AI Act application-dates table.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplicationDate {
    /// Stable key that obligations refer to, e.g. `high-risk.annex-iii`.
    pub key: String,
    pub title: String,
    pub provisions: Vec<String>,
    /// The date as first enacted; absent for rules an amendment introduced.
    pub original: Option<DatedRule>,
    /// The date after an amendment, when one moved it.
    pub amended: Option<DatedRule>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl ApplicationDate {
    /// The rule in force: the amended date where an amendment moved it.
    pub fn effective(&self) -> Option<&DatedRule> {
        self.amended.as_ref().or(self.original.as_ref())
    }
}

/// `assets/eu-ai-act/application-dates.json`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DatesFile {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub id: String,
    pub title: String,
    pub version: String,
    pub source: Source,
    pub licence: Licence,
    pub dates: Vec<ApplicationDate>,
}

/// An operator role under Art. 3 of the EU AI Act.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Provider,
    Deployer,
    Importer,
    Distributor,
    AuthorisedRepresentative,
    ProductManufacturer,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Provider,
        Role::Deployer,
        Role::Importer,
        Role::Distributor,
        Role::AuthorisedRepresentative,
        Role::ProductManufacturer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Provider => "provider",
            Role::Deployer => "deployer",
            Role::Importer => "importer",
            Role::Distributor => "distributor",
            Role::AuthorisedRepresentative => "authorised_representative",
            Role::ProductManufacturer => "product_manufacturer",
        }
    }
}

/// The condition under which an obligation applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// The system performs a practice Art. 5 prohibits.
    Prohibited,
    AnyAiSystem,
    HighRisk,
    AnnexIiiDerogation,
    #[serde(rename = "transparency_50_1")]
    Transparency50_1,
    #[serde(rename = "transparency_50_2")]
    Transparency50_2,
    #[serde(rename = "transparency_50_3")]
    Transparency50_3,
    #[serde(rename = "transparency_50_4")]
    Transparency50_4,
    Gpai,
    GpaiSystemicRisk,
    Fria,
}

/// A further fact an obligation needs besides its trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// The provider is established outside the EU (Arts 22 and 54).
    ProviderOutsideEu,
    /// A deployer, importer or distributor became the provider (Art. 25(1)).
    RequalifiedAsProvider,
    /// The deployer is a public authority or an EU institution (Art. 26(8)).
    PublicAuthorityDeployer,
}

/// One duty of one role.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Obligation {
    pub id: String,
    pub role: Role,
    pub applies_to: Trigger,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only_when: Option<Qualifier>,
    /// The KB item the duty comes from.
    pub article: String,
    pub title: String,
    /// What to do, in plain words.
    pub action: String,
    pub evidence: Vec<String>,
    /// A key of the dates table, or `high-risk`, which resolves by the
    /// high-risk route (Annex III or Annex I).
    pub date_key: String,
    /// Position in the compliance plan; lower comes first.
    pub order: u32,
}

/// `assets/eu-ai-act/obligations.json`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ObligationsFile {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub id: String,
    pub title: String,
    pub version: String,
    pub source: Source,
    pub licence: Licence,
    pub obligations: Vec<Obligation>,
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
