//! The types that cross the IPC boundary. TypeScript declarations for every
//! one of them are generated into `ui/src/lib/ipc/bindings.ts` by
//! `cargo xtask ts`, and CI fails when the committed file drifts.

use assay_engine::eu_ai_act::{
    Fria, FriaStatus, GpaiDuties, HighRiskRoute, ObligationDue, OpenEffect, OpenQuestion,
    PenaltyExposure, PlanStep, RiskClass, TraceStep, TransparencyDuties, Verdict, VerdictStatus,
    WorksheetElement,
};
use assay_engine::questionnaire::{
    AnswerOption, AnswerType, Condition, Question, RecordField, RecordType, Section,
};
use assay_engine::risk_profile;
use assay_engine::{AnswerProblem, Answers, Assumption, OpenState, Progress};
use assay_store::{
    Assessment, AuditEntry, BrokenLink, Difference, Engagement, EvidenceInfo, Meta, Provenance,
    RegisterEntry, RegisterStatus, ReportRecord, Risk, RiskInput, Seal, Verification,
};
use serde::{Deserialize, Serialize};
use ts_rs::{Config, TS};

use crate::error::{AppError, ErrorCode};

/// What the start screen shows.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppInfo {
    pub app_version: String,
    pub kb: KbSummary,
    pub recent_projects: Vec<RecentProject>,
    /// Problems met at start-up that did not stop it.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct KbSummary {
    pub version: String,
    pub content_hash: String,
    pub frameworks: Vec<FrameworkSummary>,
    pub crosswalks: Vec<CrosswalkSummary>,
    /// Statements attached from the user's own OSCAL catalogues.
    pub imported_statements: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct FrameworkSummary {
    pub id: String,
    pub title: String,
    pub short_title: String,
    pub version: String,
    pub licence: String,
    pub official_text_shipped: bool,
    pub source_url: String,
    pub counts: Vec<KindCount>,
    pub total_items: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct KindCount {
    pub kind: String,
    pub count: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CrosswalkSummary {
    pub id: String,
    pub title: String,
    pub from_framework: String,
    pub to_framework: String,
    pub mappings: u32,
    pub authorship: String,
}

/// A project the user opened before, newest first.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RecentProject {
    pub path: String,
    pub name: String,
    pub opened_at: String,
    /// The main interview's conclusion when the project was last open
    /// (`High-risk AI system (provisional)`); empty when none yet.
    #[serde(default)]
    pub headline: String,
    /// Questions answered and asked, over all interviews, then.
    #[serde(default)]
    pub answered: u32,
    #[serde(default)]
    pub asked: u32,
}

/// An item named in a list: enough to show and link it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ItemRef {
    pub id: String,
    pub framework: String,
    pub kind: String,
    pub label: String,
    pub title: String,
}

/// One node of a framework's tree.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TreeNode {
    pub item: ItemRef,
    pub withdrawn: bool,
    pub children: Vec<TreeNode>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct FrameworkTree {
    pub framework: FrameworkSummary,
    pub roots: Vec<TreeNode>,
}

/// Everything the item detail pane shows.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ItemDetail {
    pub item: ItemRef,
    pub framework_title: String,
    pub summary: Option<String>,
    pub statement: Option<ImportedStatement>,
    pub ancestors: Vec<ItemRef>,
    pub children: Vec<ItemRef>,
    pub cites: Vec<ItemRef>,
    pub cited_by: Vec<ItemRef>,
    pub crosswalk: Vec<CrosswalkLink>,
    pub baselines: Vec<String>,
    pub withdrawn: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportedStatement {
    pub text: String,
    pub source: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct CrosswalkLink {
    pub crosswalk: String,
    pub relationship: String,
    /// "outgoing" when this item is the mapping's from-side.
    pub direction: String,
    pub rationale: String,
    pub item: ItemRef,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SearchHitDto {
    pub item: ItemRef,
    pub score: f32,
}

/// The result of `kb import-oscal`.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OscalImportReport {
    pub catalog_title: String,
    pub catalog_version: String,
    pub matched: u32,
    /// Catalogue controls with no item in the knowledge base.
    pub unmatched: Vec<String>,
    pub stored_at: String,
}

/// One problem from `kb validate`.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DiagnosticDto {
    pub file: String,
    pub id: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct QuestionnaireSummary {
    pub id: String,
    pub title: String,
    pub version: String,
    pub framework: String,
    pub questions: u32,
}

/// A questionnaire as the interview screen needs it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct QuestionnaireDto {
    pub id: String,
    pub title: String,
    pub version: String,
    pub framework: String,
    pub sections: Vec<Section>,
    pub questions: Vec<Question>,
    /// The fields of each record type its record questions name.
    pub record_types: std::collections::BTreeMap<String, RecordType>,
    /// Every item the questions cite, so the UI can show labels and titles.
    pub citations: Vec<ItemRef>,
}

/// An interview's state after its latest answer.
#[derive(Debug, Clone, Serialize, TS)]
pub struct InterviewState {
    pub progress: Progress,
    /// Empty when the answers are well-formed.
    pub problems: Vec<AnswerProblem>,
    /// The EU AI Act verdict, for its interview, when `problems` is empty.
    pub verdict: Option<Verdict>,
    /// The scored risk profile, for an interview a risk catalogue scores,
    /// when `problems` is empty.
    pub profile: Option<assay_engine::risk_profile::ProfileResult>,
    /// The SOC 2 readiness, for an interview readiness rules score, when
    /// `problems` is empty.
    pub readiness: Option<assay_engine::soc2::ReadinessResult>,
    /// The answers judged: those given, less any to questions no longer asked.
    #[ts(type = "Record<string, unknown>")]
    pub answers: Answers,
    /// What happened to answers of questions an earlier version asked.
    pub notes: Vec<String>,
}

/// A shipped sample answer set.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Sample {
    pub name: String,
    #[ts(type = "Record<string, unknown>")]
    pub answers: Answers,
}

/// A template a new project can start from.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Template {
    pub id: String,
    pub title: String,
    pub questionnaires: Vec<String>,
}

/// What the new-project form sends.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NewProject {
    pub path: String,
    pub template: String,
    pub client: String,
    pub system_name: String,
    pub system_description: String,
    pub assessor: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ProjectSummary {
    /// Absolute path of the open file.
    pub path: String,
    pub meta: Meta,
    pub engagement: Engagement,
    /// Why changes cannot be saved, when they cannot.
    pub read_only: Option<String>,
    pub assessments: Vec<AssessmentSummary>,
    pub evidence: Vec<EvidenceInfo>,
    pub audit_entries: u32,
    /// The report exported most recently, if any.
    pub last_report: Option<LastReport>,
}

/// The latest report and whether the project still says what it says.
#[derive(Debug, Clone, Serialize, TS)]
pub struct LastReport {
    pub file_name: String,
    pub created_at: String,
    pub signer_fingerprint: Option<String>,
    pub is_final: bool,
    /// False when answers, evidence, registers or the engagement changed
    /// after the report was made.
    pub matches_project: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct AssessmentSummary {
    pub assessment: Assessment,
    pub questionnaire_title: String,
    /// False when the knowledge base changed since the assessment's
    /// verdict was accepted: re-assess before relying on it.
    pub kb_is_current: bool,
    pub answered: u32,
}

/// What autosave reports after each answer.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SaveResult {
    pub state: InterviewState,
    /// When the answer was durably committed (RFC 3339).
    pub saved_at: String,
    /// Answers removed because the change made their questions irrelevant.
    pub dropped: Vec<String>,
}

/// A re-score against the current knowledge base, before the user accepts it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Reassessment {
    pub assessment_id: String,
    pub recorded_kb_version: String,
    pub recorded_kb_hash: String,
    pub current_kb_version: String,
    pub current_kb_hash: String,
    pub kb_changed: bool,
    /// Plain-language differences from the accepted verdict.
    pub changes: Vec<String>,
    pub verdict: Verdict,
}

/// The signer identity, without its key.
#[derive(Debug, Clone, Serialize, TS)]
pub struct IdentityInfo {
    pub name: String,
    pub organisation: String,
    pub email: String,
    /// SHA-256 of the certificate, for the client to confirm out of band.
    pub fingerprint: String,
    pub path: String,
}

/// What an export wrote.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReportExport {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    pub sha256: String,
    pub signed: bool,
    pub signer_fingerprint: Option<String>,
    pub recorded_in_project: bool,
    pub is_final: bool,
}

/// Every IPC type, in declaration order, as one TypeScript module.
pub fn typescript_bindings() -> String {
    let cfg = Config::default();
    let declarations = [
        ErrorCode::decl(&cfg),
        AppError::decl(&cfg),
        AppInfo::decl(&cfg),
        KbSummary::decl(&cfg),
        FrameworkSummary::decl(&cfg),
        KindCount::decl(&cfg),
        CrosswalkSummary::decl(&cfg),
        RecentProject::decl(&cfg),
        ItemRef::decl(&cfg),
        TreeNode::decl(&cfg),
        FrameworkTree::decl(&cfg),
        ItemDetail::decl(&cfg),
        ImportedStatement::decl(&cfg),
        CrosswalkLink::decl(&cfg),
        SearchHitDto::decl(&cfg),
        OscalImportReport::decl(&cfg),
        DiagnosticDto::decl(&cfg),
        QuestionnaireSummary::decl(&cfg),
        QuestionnaireDto::decl(&cfg),
        Section::decl(&cfg),
        Question::decl(&cfg),
        AnswerType::decl(&cfg),
        AnswerOption::decl(&cfg),
        RecordType::decl(&cfg),
        RecordField::decl(&cfg),
        Condition::decl(&cfg),
        InterviewState::decl(&cfg),
        Progress::decl(&cfg),
        AnswerProblem::decl(&cfg),
        Sample::decl(&cfg),
        Verdict::decl(&cfg),
        risk_profile::ProfileResult::decl(&cfg),
        risk_profile::AppetiteUsed::decl(&cfg),
        risk_profile::Band::decl(&cfg),
        risk_profile::ScoredRisk::decl(&cfg),
        risk_profile::Level::decl(&cfg),
        risk_profile::ScoreStep::decl(&cfg),
        risk_profile::ControlState::decl(&cfg),
        risk_profile::Reduces::decl(&cfg),
        risk_profile::Overridden::decl(&cfg),
        risk_profile::NotApplicable::decl(&cfg),
        risk_profile::SubcategoryStatus::decl(&cfg),
        risk_profile::Gap::decl(&cfg),
        risk_profile::TreatmentItem::decl(&cfg),
        risk_profile::LossFigure::decl(&cfg),
        risk_profile::EuCheck::decl(&cfg),
        crate::ScenarioSummary::decl(&cfg),
        crate::ScenarioPrompt::decl(&cfg),
        crate::GradedAttempt::decl(&cfg),
        assay_store::practice::Attempt::decl(&cfg),
        assay_practice::Grade::decl(&cfg),
        assay_practice::PointResult::decl(&cfg),
        assay_practice::StructureResult::decl(&cfg),
        assay_practice::PenaltyResult::decl(&cfg),
        assay_practice::Band::decl(&cfg),
        assay_engine::soc2::ReadinessResult::decl(&cfg),
        assay_engine::soc2::ControlReadiness::decl(&cfg),
        assay_engine::soc2::StaleEvidence::decl(&cfg),
        assay_engine::soc2::CategoryScore::decl(&cfg),
        assay_engine::soc2::ReadinessGap::decl(&cfg),
        assay_engine::soc2::Timeline::decl(&cfg),
        assay_engine::soc2::Suggestion::decl(&cfg),
        assay_engine::soc2::SamplePlan::decl(&cfg),
        assay_engine::soc2::Coverage::decl(&cfg),
        RiskClass::decl(&cfg),
        HighRiskRoute::decl(&cfg),
        TraceStep::decl(&cfg),
        OpenQuestion::decl(&cfg),
        OpenEffect::decl(&cfg),
        OpenState::decl(&cfg),
        Assumption::decl(&cfg),
        VerdictStatus::decl(&cfg),
        PenaltyExposure::decl(&cfg),
        TransparencyDuties::decl(&cfg),
        GpaiDuties::decl(&cfg),
        ObligationDue::decl(&cfg),
        PlanStep::decl(&cfg),
        FriaStatus::decl(&cfg),
        Fria::decl(&cfg),
        WorksheetElement::decl(&cfg),
        Template::decl(&cfg),
        NewProject::decl(&cfg),
        ProjectSummary::decl(&cfg),
        Meta::decl(&cfg),
        Engagement::decl(&cfg),
        AssessmentSummary::decl(&cfg),
        Assessment::decl(&cfg),
        EvidenceInfo::decl(&cfg),
        SaveResult::decl(&cfg),
        Reassessment::decl(&cfg),
        AuditEntry::decl(&cfg),
        Verification::decl(&cfg),
        Difference::decl(&cfg),
        BrokenLink::decl(&cfg),
        crate::ProjectCheck::decl(&cfg),
        crate::SealCheck::decl(&cfg),
        crate::KnownSeal::decl(&cfg),
        crate::TrustedSigner::decl(&cfg),
        crate::ExportRequest::decl(&cfg),
        crate::InteropRequest::decl(&cfg),
        LastReport::decl(&cfg),
        crate::InteropExport::decl(&cfg),
        crate::InteropFormat::decl(&cfg),
        crate::Signing::decl(&cfg),
        crate::EvidenceLink::decl(&cfg),
        crate::ReportCheck::decl(&cfg),
        crate::ReportOutcome::decl(&cfg),
        crate::RegisterLine::decl(&cfg),
        crate::LinkedEvidence::decl(&cfg),
        Seal::decl(&cfg),
        Risk::decl(&cfg),
        RiskInput::decl(&cfg),
        RegisterEntry::decl(&cfg),
        RegisterStatus::decl(&cfg),
        ReportRecord::decl(&cfg),
        Provenance::decl(&cfg),
        IdentityInfo::decl(&cfg),
        ReportExport::decl(&cfg),
        assay_report::verify::Verification::decl(&cfg),
        assay_report::verify::SignatureCheck::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated by `cargo xtask ts` from crates/assay-app/src/dto.rs. Do not edit.\n\n",
    );
    // ts-rs names serde_json::Value `JsonValue` but leaves its declaration out.
    out.push_str("export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]?: JsonValue } | null;\n\n");
    for declaration in declarations {
        out.push_str("export ");
        out.push_str(&declaration);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
