//! What a report is made of. The application fills this from the project
//! and the knowledge base; the report embeds it, as JSON, in the PDF it
//! renders, so the deliverable carries its own data. Everything a client
//! reads is here in plain words already (labels, not IDs); the IDs travel
//! alongside for the embedded data and for reassessment.

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
    pub document: DocumentControl,
    pub assessments: Vec<AssessmentReport>,
    pub evidence: Vec<EvidenceRow>,
    pub risks: Vec<RiskRow>,
    pub overrides: Vec<OverrideRow>,
    pub signer: Option<SignerInfo>,
    /// The assessor declared the report final; otherwise it is a draft.
    pub is_final: bool,
    /// The audit entry the report was made from, so the project's history
    /// can be checked against the report later.
    pub audit_head: Option<AuditHead>,
    /// The EU AI Act's application dates, for phases and "in force now".
    pub milestones: Vec<Milestone>,
}

impl ReportData {
    /// Whether any assessment's verdict could still change: open questions
    /// or no verdict at all. Such a report is marked provisional throughout.
    pub fn is_provisional(&self) -> bool {
        // A scored profile is complete as scored; an EU AI Act verdict is
        // provisional while open answers could change it.
        // The system card records facts and concludes nothing.
        self.assessments.iter().any(|a| {
            a.questionnaire != crate::card::CARD_QUESTIONNAIRE
                && a.profile.is_none()
                && a.readiness.is_none()
                && a.verdict
                    .as_ref()
                    .is_none_or(|v| v.status == assay_engine::eu_ai_act::VerdictStatus::Provisional)
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditHead {
    pub seq: i64,
    pub hash: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EngagementInfo {
    pub client: String,
    pub system_name: String,
    pub system_description: String,
    pub assessor: String,
    pub reviewer: String,
    pub interviewees: Vec<String>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
}

/// The document-control table: which issue of the report this is.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentControl {
    /// 1 for the first report exported from the project, and so on.
    pub version: u32,
    /// Earlier issues recorded in the project, oldest first.
    pub history: Vec<IssuedReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IssuedReport {
    pub version: u32,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub is_final: bool,
    pub signer_fingerprint: Option<String>,
}

/// A date from the application-dates table.
#[derive(Debug, Clone, Serialize)]
pub struct Milestone {
    /// The dates table's key (`prohibitions`, `high-risk.annex-iii`).
    pub key: String,
    pub date: String,
    pub title: String,
    /// The text the date comes from.
    pub source: String,
    /// Known only from secondary sources.
    pub reported: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct AssessmentReport {
    pub questionnaire: String,
    pub questionnaire_title: String,
    pub kb_version: String,
    pub verdict: Option<Verdict>,
    /// Every question asked, in interview order, answered or not.
    pub answers: Vec<AnswerRow>,
    /// The answers as given (question ID → value), so the verdict can be
    /// recomputed from the report alone (`assay verify --reassess`).
    pub raw_answers: serde_json::Map<String, serde_json::Value>,
    /// Per obligation article: the AI RMF and ISO/IEC 42001 items mapped to it.
    pub crosswalk: Vec<CoverageRow>,
    /// Per questionnaire section: questions answered of those asked.
    pub completeness: Vec<CompletenessRow>,
    /// Each duty once, with its tracking.
    pub register: Vec<RegisterRow>,
    /// For providers of high-risk systems: Annex IV, point by point.
    pub annex_iv: Vec<ChecklistRow>,
    /// Whether the system processes personal data (`None`: not answered).
    pub personal_data: Option<bool>,
    /// What the verdict assumed for open questions, in plain words.
    pub assumptions: Vec<AssumptionRow>,
    /// For an interview a risk catalogue scores: the scored profile.
    pub profile: Option<assay_engine::risk_profile::ProfileResult>,
    /// For a SOC 2 readiness interview: the readiness.
    pub readiness: Option<assay_engine::soc2::ReadinessResult>,
    /// Knowledge-base ID → label, for every ID the profile names; for other
    /// interviews, `<record type>.<field>.<value>` → the option's label.
    pub labels: std::collections::BTreeMap<String, String>,
}

/// An answer the verdict assumed because the question is open.
#[derive(Debug, Clone, Serialize)]
pub struct AssumptionRow {
    pub number: u32,
    pub prompt: String,
    /// The assumed answer, in plain words.
    pub assumed: String,
    /// `Not answered` or `Answered "not sure"`.
    pub state: String,
}

impl AssessmentReport {
    /// The question's number in the interview (`Q12`), for references from
    /// the reasoning and the register to the appendix.
    pub fn number_of(&self, question: &str) -> Option<u32> {
        self.answers
            .iter()
            .find(|a| a.question_id == question)
            .map(|a| a.number)
    }

    /// How a client reads a knowledge-base ID (`MAP 2.3 …`).
    pub fn label<'a>(&'a self, id: &'a str) -> &'a str {
        self.labels.get(id).map_or(id, String::as_str)
    }

    pub fn answer_to(&self, question: &str) -> Option<&AnswerRow> {
        self.answers
            .iter()
            .find(|a| a.question_id == question && a.answered)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CompletenessRow {
    pub section: String,
    pub answered: u32,
    pub asked: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerRow {
    /// The question's position in the questionnaire, from 1.
    pub number: u32,
    pub question_id: String,
    pub section: String,
    pub prompt: String,
    pub answered: bool,
    /// In plain words (option labels); empty when not answered.
    pub answer: String,
    pub note: String,
    /// `client_asserted`, `evidence_verified` or `assessor_judgement`
    /// (the report prints them in words).
    pub provenance: String,
    pub answered_by: String,
    pub answered_at: String,
    /// Evidence files linked to this answer.
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CoverageRow {
    pub article: String,
    pub rmf: Vec<String>,
    pub iso: Vec<String>,
}

/// One duty of the obligation register.
#[derive(Debug, Clone, Serialize)]
pub struct RegisterRow {
    pub item_id: String,
    pub article: String,
    pub title: String,
    /// What to do, in the knowledge base's words.
    pub action: String,
    /// What an auditor will expect to see.
    pub evidence: Vec<String>,
    /// In plain words (`Deployer`).
    pub role: String,
    /// `YYYY-MM-DD`.
    pub applies_from: String,
    pub original_date: Option<String>,
    pub date_source: String,
    pub binding: bool,
    pub reported: bool,
    /// Position in the compliance plan (dependency order).
    pub step: u32,
    /// In plain words (`Open`, `In progress`, `Done`, `Not applicable`).
    pub status: String,
    /// Done or not applicable: no longer a gap.
    pub closed: bool,
    pub owner: String,
    pub target_date: Option<String>,
    pub note: String,
    /// Evidence files linked to the duty's provision.
    pub evidence_files: Vec<String>,
}

/// One point of a documentation checklist.
#[derive(Debug, Clone, Serialize)]
pub struct ChecklistRow {
    pub label: String,
    pub title: String,
    pub summary: String,
    /// Evidence files linked to the point.
    pub evidence_files: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceRow {
    pub file_name: String,
    pub size: u64,
    pub sha256: String,
    /// What it supports, in plain words (`Q12`, `Art. 10`).
    pub links: Vec<String>,
    pub kind: String,
    pub collected_on: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RiskRow {
    pub title: String,
    pub description: String,
    pub likelihood: u8,
    pub impact: u8,
    pub residual_likelihood: Option<u8>,
    pub residual_impact: Option<u8>,
    pub owner: String,
    pub treatment: String,
    pub due_date: Option<String>,
    pub status: String,
    /// The provisions and controls it relates to, as labels.
    pub relates_to: Vec<String>,
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
    /// Shown only when the project holds a system-card interview.
    Card,
    Register,
    Risks,
    Crosswalk,
    Evidence,
    Appendix,
    Signature,
}

impl Section {
    pub const ALL: [Section; 10] = [
        Section::Summary,
        Section::Scope,
        Section::EuAiAct,
        Section::Card,
        Section::Register,
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
            Section::Card => "system-card",
            Section::Register => "register",
            Section::Risks => "risks",
            Section::Crosswalk => "crosswalk",
            Section::Evidence => "evidence",
            Section::Appendix => "appendix",
            Section::Signature => "signature",
        }
    }

    /// The section's name as the export dialog shows it.
    pub fn title(self) -> &'static str {
        match self {
            Section::Summary => "Executive summary",
            Section::Scope => "Scope and method",
            Section::EuAiAct => "EU AI Act classification",
            Section::Card => "System card",
            Section::Register => "Obligation register",
            Section::Risks => "Risk register",
            Section::Crosswalk => "Crosswalk coverage",
            Section::Evidence => "Evidence index",
            Section::Appendix => "Questions and answers",
            Section::Signature => "Sign-off",
        }
    }

    pub fn parse(id: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.id() == id)
    }
}
