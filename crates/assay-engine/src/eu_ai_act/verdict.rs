//! What the EU AI Act classifier returns: the verdict with its legal basis,
//! roles, duties with deadlines, penalty exposure, the cited reasoning, what
//! was assumed and what the open answers could still change.

use serde::Serialize;

use crate::presume::Assumption;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RiskClass {
    Prohibited,
    HighRisk,
    TransparencyOnly,
    MinimalRisk,
    /// Not an AI system (or outside the Act), but the organisation provides a
    /// general-purpose AI model: Chapter V applies to the model (Art. 2(1)(a)).
    GpaiModelOnly,
    OutOfScope,
    /// Open answers could change the class; `possible_classes` lists them.
    NeedsReview,
}

impl RiskClass {
    /// The class in plain words.
    pub fn label(self) -> &'static str {
        match self {
            RiskClass::Prohibited => "Prohibited practice",
            RiskClass::HighRisk => "High-risk AI system",
            RiskClass::TransparencyOnly => "Transparency duties only",
            RiskClass::MinimalRisk => "Minimal risk",
            RiskClass::GpaiModelOnly => "General-purpose AI model (model duties only)",
            RiskClass::OutOfScope => "Outside the AI Act",
            RiskClass::NeedsReview => "Not yet determined",
        }
    }
}

/// Whether anything unknown could still change the verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum VerdictStatus {
    /// No open answer can change the class, the roles or the duties.
    Final,
    /// Some open answer could; `open_questions` says which and how.
    Provisional,
}

/// Which route made a system high-risk; it decides duties and deadlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum HighRiskRoute {
    /// Art. 6(1) with a product law in Annex I Section A.
    AnnexISectionA,
    /// Art. 6(1) with a product law in Annex I Section B: Art. 2(2) limits
    /// the AI Act provisions that apply directly.
    AnnexISectionB,
    /// Art. 6(2): a use case listed in Annex III.
    AnnexIii,
}

/// One step of the reasoning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TraceStep {
    pub rule: String,
    /// Question IDs whose answers this step used.
    pub answers: Vec<String>,
    /// Labels of the provisions relied on (`Art. 6(2)`, `Annex III 4(a)`).
    pub citation: Vec<String>,
    /// The knowledge-base IDs behind `citation`.
    pub citation_ids: Vec<String>,
    pub outcome: String,
    /// True when a provision relied on is known only from secondary sources.
    pub reported: bool,
}

/// One value of an open question that would change the verdict, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OpenEffect {
    /// The answer tried, in plain words (`Yes`, the option's label).
    pub answer: String,
    /// Follow-up answers also needed for this effect, in plain words.
    pub with: Vec<String>,
    /// The class it would lead to, when different.
    pub class: Option<RiskClass>,
    pub roles_added: Vec<String>,
    pub roles_removed: Vec<String>,
    /// Duties (title and article) it would add or remove.
    pub duties_added: Vec<String>,
    pub duties_removed: Vec<String>,
}

/// A question whose open answer could change the verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OpenQuestion {
    pub question: String,
    pub prompt: String,
    /// `unanswered` or `not_sure`.
    pub state: crate::presume::OpenState,
    /// What it could change, in one sentence, and how to settle it.
    pub why: String,
    pub effects: Vec<OpenEffect>,
    pub citation: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TransparencyDuties {
    /// `Art. 50(1)` … `Art. 50(4)`.
    pub articles: Vec<String>,
    pub applies_from: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GpaiDuties {
    /// The organisation's role for the model (always `provider`).
    pub role: String,
    pub systemic_risk: bool,
    /// Art. 53(2) and 54(6): free and open-source models without systemic
    /// risk are relieved of Art. 53(1)(a)–(b) and Art. 54.
    pub open_source_exemption: bool,
    /// Art. 111(3): placed on the market before 2 Aug 2025.
    pub legacy_model: bool,
    pub articles: Vec<String>,
    pub applies_from: String,
}

/// One duty of one role, with its deadline from the dates table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ObligationDue {
    pub id: String,
    pub role: String,
    /// `system` or `gpai_model`.
    pub subject: String,
    /// The provision's label (`Art. 26(7)`).
    pub article: String,
    pub article_id: String,
    pub title: String,
    pub action: String,
    pub evidence: Vec<String>,
    /// Effective date (`YYYY-MM-DD`), after any amendment.
    pub applies_from: String,
    /// The date as first enacted, where an amendment moved it.
    pub original_date: Option<String>,
    /// The text the effective date comes from.
    pub date_source: String,
    /// False for measures the text encourages but does not require.
    pub binding: bool,
    /// True when the duty, or its date, is known only from secondary sources.
    pub reported: bool,
}

/// A step of the compliance plan: an obligation placed in sequence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanStep {
    pub step: u32,
    pub obligation: String,
    pub title: String,
    pub role: String,
    pub article: String,
    pub due: String,
    pub action: String,
    pub evidence: Vec<String>,
    /// Route-specific advice (the conformity-assessment procedure, say).
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FriaStatus {
    Required,
    Recommended,
    NotApplicable,
}

/// Art. 27 fundamental-rights impact assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Fria {
    pub status: FriaStatus,
    pub reason: String,
    /// Art. 27(1)(a)–(f): what the assessment must describe.
    pub worksheet: Vec<WorksheetElement>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WorksheetElement {
    pub element: String,
    pub citation: String,
    pub prompt: String,
    /// The interview question whose answer fills this element.
    pub question: String,
}

/// The maximum fine one tier exposes the organisation to.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PenaltyExposure {
    pub tier: String,
    pub article: String,
    pub title: String,
    pub covers: String,
    pub fixed_eur: u64,
    pub turnover_percent: f64,
    /// `higher` or `lower` of the two, after the SME rule.
    pub combine: String,
    /// The cap in euros, when the turnover is known.
    pub maximum_eur: Option<f64>,
    /// How the cap is worked out, in plain words.
    pub rule: String,
    pub applies_from: String,
    pub reported: bool,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Verdict {
    pub risk_class: RiskClass,
    pub status: VerdictStatus,
    /// When the class is `needs_review`: the classes the open answers could
    /// lead to, and the class on the stated assumptions.
    pub possible_classes: Vec<RiskClass>,
    pub assumed_class: RiskClass,
    pub legal_basis: Vec<String>,
    /// The organisation's roles for the system (or, when only a model is
    /// assessed, for the model).
    pub roles: Vec<String>,
    pub profiling: Option<bool>,
    pub high_risk_routes: Vec<HighRiskRoute>,
    /// Art. 6(3) derogation applied (listed in Annex III but not high-risk).
    pub derogation: bool,
    pub gpai: Option<GpaiDuties>,
    pub transparency: Option<TransparencyDuties>,
    pub fria: Fria,
    pub obligations: Vec<ObligationDue>,
    pub plan: Vec<PlanStep>,
    pub penalties: Vec<PenaltyExposure>,
    /// Limits on what applies, in plain words (Art. 2(2), Art. 2(10), Art. 111(2)).
    pub scope_notes: Vec<String>,
    pub trace: Vec<TraceStep>,
    /// Answers assumed because a question was unanswered or "not sure".
    pub assumptions: Vec<Assumption>,
    pub open_questions: Vec<OpenQuestion>,
    /// False when not every combination of open answers could be tried.
    pub exploration_complete: bool,
    pub kb_version: String,
}
