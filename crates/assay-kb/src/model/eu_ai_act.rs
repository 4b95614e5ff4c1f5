//! The EU AI Act tables: when each set of provisions applies, which duty
//! falls on whom under which established facts, and the penalty tiers. The
//! classifier (in `assay-engine`) establishes the facts, each by one cited
//! legal test; these tables say what follows from them, so a changed date,
//! duty or fine is a data change.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Certainty, Licence, Source, yes};

/// A dated rule and the text it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DatedRule {
    pub date: NaiveDate,
    pub source: String,
    /// `reported` while the date is known only from secondary sources.
    #[serde(default, skip_serializing_if = "Certainty::is_published")]
    pub status: Certainty,
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

    /// The role in plain words, for people.
    pub fn label(self) -> &'static str {
        match self {
            Role::Provider => "Provider",
            Role::Deployer => "Deployer",
            Role::Importer => "Importer",
            Role::Distributor => "Distributor",
            Role::AuthorisedRepresentative => "Authorised representative",
            Role::ProductManufacturer => "Product manufacturer",
        }
    }
}

/// What a duty is about: the AI system assessed, or a general-purpose AI
/// model the organisation provides (whose duties follow the model, not the
/// system's class).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    #[default]
    System,
    GpaiModel,
}

/// A fact the classifier establishes, each by one legal test; obligations
/// and penalty tiers name the facts they need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    /// An Art. 5 practice is established.
    Prohibited,
    /// The Act applies to the system (in scope, not prohibited, not a
    /// product under Annex I Section B, whose Art. 2(2) limits it).
    AiActApplies,
    /// The Chapter III high-risk regime applies to the system now or at
    /// its date (Annex III, or Annex I Section A; not an untouched legacy
    /// system, Art. 111(2)).
    HighRisk,
    /// High-risk through an Annex III point (Art. 6(2)).
    AnnexIii,
    /// High-risk through an Annex III point other than point 2.
    AnnexIiiBeyondPoint2,
    /// Listed in Annex III point 2 (critical infrastructure).
    AnnexIiiPoint2,
    /// Listed in Annex III point 1, 6 or 7 (registered in the non-public
    /// section of the EU database, Art. 49(4)).
    AnnexIiiNonPublicRegistration,
    /// High-risk through Annex I Section A (Art. 6(1)).
    AnnexISectionA,
    /// The Art. 6(3) derogation applies.
    Derogation,
    Transparency50_1,
    Transparency50_2,
    Transparency50_3,
    /// Art. 50(4), first subparagraph: deep fakes.
    Transparency50_4DeepFake,
    /// Art. 50(4), second subparagraph: text published to inform the public.
    Transparency50_4Text,
    /// A provider duty under Art. 50(1) or 50(2) applies.
    ProviderTransparency,
    /// A deployer duty under Art. 50(3) or 50(4) applies.
    DeployerTransparency,
    /// A generative system placed on the market before 2 Aug 2026 (amended
    /// Art. 111(4), reported).
    LegacyGenerativeSystem,
    /// A high-risk system already on the market before the Art. 111(2)
    /// reference date, unchanged since, intended for public authorities.
    LegacyPublicAuthoritySystem,
    /// The organisation provides a general-purpose AI model.
    GpaiModel,
    GpaiSystemicRisk,
    /// Free and open-source model without systemic risk (Art. 53(2), 54(6)).
    GpaiOpenSourceExempt,
    /// A model placed on the market before 2 Aug 2025 (Art. 111(3)).
    GpaiLegacyModel,
    /// Art. 27 requires a fundamental-rights impact assessment.
    FriaRequired,
    /// The organisation is established outside the EU.
    EstablishedOutsideEu,
    /// A deployer, importer or distributor became the provider (Art. 25(1)).
    RequalifiedAsProvider,
    /// The deployer is a public authority or an EU institution.
    PublicAuthorityDeployer,
    /// The deployer uses the system at the workplace (Art. 26(7)).
    WorkplaceUse,
    /// The system makes or helps make decisions about natural persons.
    DecisionsAboutPeople,
    /// Personal data are processed (GDPR touchpoints, Art. 26(9)).
    PersonalData,
    /// Post-remote biometric identification in a criminal investigation
    /// (Art. 26(10)).
    PostRemoteBiometricIdentification,
    /// Real-time remote biometric identification used for law enforcement
    /// under an Art. 5(1)(h) exception (Art. 5(2)–(5)).
    RealTimeBiometricException,
    /// The provider integrates third-party AI systems, tools, services or
    /// components (Art. 25(4)).
    ThirdPartyComponents,
    /// An operator duty that Art. 99(4) fines applies (Arts 16, 22–24, 26, 50).
    OperatorDuties,
}

/// A different date for a duty when further facts hold (a transition).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateOverride {
    pub when: Vec<Fact>,
    pub date_key: String,
}

/// One duty of one role.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Obligation {
    pub id: String,
    pub role: Role,
    #[serde(default)]
    pub subject: Subject,
    /// Every fact listed must hold.
    pub when: Vec<Fact>,
    /// None of these may hold.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unless: Vec<Fact>,
    /// The KB item (article, paragraph or point) the duty comes from.
    pub article: String,
    pub title: String,
    /// What to do, in plain words.
    pub action: String,
    pub evidence: Vec<String>,
    /// A key of the dates table, or `high-risk`, which resolves by the
    /// high-risk route (Annex III, or Annex I when that is the only route).
    pub date_key: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub date_overrides: Vec<DateOverride>,
    /// Position in the compliance plan; lower comes first.
    pub order: u32,
    /// False for measures the text encourages but does not require.
    #[serde(default = "yes")]
    pub binding: bool,
    #[serde(default, skip_serializing_if = "Certainty::is_published")]
    pub status: Certainty,
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

/// How a fine's maximum combines its fixed amount and its turnover share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Combine {
    Higher,
    Lower,
}

/// One maximum-fine tier.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PenaltyTier {
    pub id: String,
    /// The KB item that sets the tier (`eu-ai-act:art-99.3`).
    pub article: String,
    pub title: String,
    /// The infringements it covers, in plain words.
    pub covers: String,
    /// Facts at least one of which must hold for the tier to be an exposure.
    pub when_any: Vec<Fact>,
    pub fixed_eur: u64,
    pub turnover_percent: f64,
    pub combine: Combine,
    /// Whether the SME rule (`sme`) can lower it.
    #[serde(default = "yes")]
    pub sme_rule_applies: bool,
    pub date_key: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// An organisation size the SME rule treats differently.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SizeRule {
    /// The `org_size` answer it applies to.
    pub size: String,
    pub combine: Combine,
    pub source: String,
    #[serde(default, skip_serializing_if = "Certainty::is_published")]
    pub status: Certainty,
}

/// `assets/eu-ai-act/penalties.json`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PenaltiesFile {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub id: String,
    pub title: String,
    pub version: String,
    pub source: Source,
    pub licence: Licence,
    pub tiers: Vec<PenaltyTier>,
    /// The KB item of the SME rule (Art. 99(6)).
    pub sme_article: String,
    pub sizes: Vec<SizeRule>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}
