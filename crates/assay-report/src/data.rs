//! What a report is made of. The application fills this from the project
//! and the knowledge base; the report embeds it, as JSON, in the PDF it
//! renders, so the deliverable carries its own data.

use assay_engine::eu_ai_act::Verdict;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct ReportData {
    pub title: String,
    /// `YYYY-MM-DD`, the date the report speaks for.
    pub report_date: String,
    pub app_version: String,
    pub kb_version: String,
    pub kb_hash: String,
    pub project_id: String,
    pub engagement: EngagementInfo,
    pub assessments: Vec<AssessmentReport>,
    pub evidence: Vec<EvidenceRow>,
    pub risks: Vec<RiskRow>,
    pub overrides: Vec<OverrideRow>,
    pub signer: Option<SignerInfo>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EngagementInfo {
    pub client: String,
    pub system_name: String,
    pub system_description: String,
    pub assessor: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AssessmentReport {
    pub questionnaire: String,
    pub questionnaire_title: String,
    pub kb_version: String,
    pub verdict: Option<Verdict>,
    pub answers: Vec<AnswerRow>,
    /// Per obligation article: the AI RMF and ISO/IEC 42001 items mapped to it.
    pub crosswalk: Vec<CoverageRow>,
    /// Per questionnaire section: questions answered of those asked.
    pub completeness: Vec<CompletenessRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CompletenessRow {
    pub section: String,
    pub answered: u32,
    pub asked: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerRow {
    pub question_id: String,
    pub prompt: String,
    pub answer: String,
    pub note: String,
    pub provenance: String,
    pub answered_by: String,
    pub answered_at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CoverageRow {
    pub article: String,
    pub rmf: Vec<String>,
    pub iso: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceRow {
    pub file_name: String,
    pub size: u64,
    pub sha256: String,
    pub links: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RiskRow {
    pub title: String,
    pub likelihood: u8,
    pub impact: u8,
    pub owner: String,
    pub treatment: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OverrideRow {
    pub finding: String,
    pub original: String,
    pub replacement: String,
    pub justification: String,
    pub made_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignerInfo {
    pub name: String,
    pub organisation: String,
    pub email: String,
    /// SHA-256 of the signer certificate (DER), colon-separated hex.
    pub fingerprint: String,
    pub demo: bool,
}

/// The report sections a user can choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    Summary,
    Scope,
    EuAiAct,
    Risks,
    Crosswalk,
    Evidence,
    Appendix,
    Signature,
}

impl Section {
    pub const ALL: [Section; 8] = [
        Section::Summary,
        Section::Scope,
        Section::EuAiAct,
        Section::Risks,
        Section::Crosswalk,
        Section::Evidence,
        Section::Appendix,
        Section::Signature,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Section::Summary => "summary",
            Section::Scope => "scope",
            Section::EuAiAct => "eu-ai-act",
            Section::Risks => "risks",
            Section::Crosswalk => "crosswalk",
            Section::Evidence => "evidence",
            Section::Appendix => "appendix",
            Section::Signature => "signature",
        }
    }

    pub fn parse(id: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.id() == id)
    }
}
