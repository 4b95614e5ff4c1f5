//! One-line adapters: each command forwards to the `assay-app` use case of
//! the same name. Errors cross as `{ code, message }` (see `AppError`).

use assay_app::{
    AppError, Assay, EvidenceLink, ExportRequest, GradedAttempt, InteropExport, InteropRequest,
    ProjectCheck, RegisterLine, ReportCheck, ScenarioPrompt, ScenarioSummary, Signing,
    TrustedSigner, dto::*,
};
use assay_report::verify::Verification as PdfVerification;
use std::path::Path;

use assay_engine::Answers;
use assay_store::practice::Attempt;
use assay_store::{
    AuditEntry, Engagement, EvidenceInfo, Provenance, RegisterEntry, Risk, RiskInput, Seal,
};
use tauri::State;
use tauri::ipc::Channel;

pub(crate) fn handler<R: tauri::Runtime>()
-> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app_info,
        startup_notice,
        kb_summary,
        kb_tree,
        kb_item,
        kb_search,
        kb_map,
        questionnaires,
        questionnaire,
        interview,
        samples,
        templates,
        project_new,
        project_open,
        project_close,
        project_save_as,
        project_summary,
        project_update_engagement,
        project_interview,
        project_answer,
        project_audit,
        project_verify,
        project_reassess,
        project_accept_verdict,
        project_seal,
        evidence_add,
        evidence_extract,
        evidence_link,
        risks,
        risk_add,
        risk_update,
        risk_remove,
        register,
        register_set,
        report_export,
        interop_export,
        project_add_assessment,
        verify_pdf,
        verify_report,
        identity_show,
        identity_new,
        identity_unlock,
        identity_lock,
        identity_unlocked,
        practice_list,
        practice_scenario,
        practice_grade,
        practice_history,
        trust_list,
        trust_add,
        trust_remove
    ]
}

#[tauri::command]
fn app_info(assay: State<'_, Assay>) -> AppInfo {
    crate::probe::first_call();
    assay.app_info()
}

/// Why the file Assay was started with could not be opened, once.
#[tauri::command]
fn startup_notice(notice: State<'_, crate::launch::StartupNotice>) -> Option<String> {
    notice
        .0
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take()
}

#[tauri::command]
fn kb_summary(assay: State<'_, Assay>) -> KbSummary {
    assay.kb_summary()
}

#[tauri::command]
fn kb_tree(assay: State<'_, Assay>, framework: String) -> Result<FrameworkTree, AppError> {
    assay.kb_tree(&framework)
}

#[tauri::command]
fn kb_item(assay: State<'_, Assay>, id: String) -> Result<ItemDetail, AppError> {
    assay.kb_item(&id)
}

#[tauri::command]
fn kb_search(
    assay: State<'_, Assay>,
    query: String,
    limit: u32,
) -> Result<Vec<SearchHitDto>, AppError> {
    assay.kb_search(&query, limit)
}

#[tauri::command]
fn kb_map(assay: State<'_, Assay>, id: String) -> Result<Vec<CrosswalkLink>, AppError> {
    assay.kb_map(&id)
}

#[tauri::command]
fn questionnaires(assay: State<'_, Assay>) -> Vec<QuestionnaireSummary> {
    assay.questionnaires()
}

#[tauri::command]
fn questionnaire(assay: State<'_, Assay>, id: String) -> Result<QuestionnaireDto, AppError> {
    assay.questionnaire(&id)
}

#[tauri::command]
fn interview(
    assay: State<'_, Assay>,
    id: String,
    answers: Answers,
) -> Result<InterviewState, AppError> {
    assay.interview(&id, &answers)
}

#[tauri::command]
fn samples(assay: State<'_, Assay>, id: String) -> Result<Vec<Sample>, AppError> {
    assay.samples(&id)
}

#[tauri::command]
fn templates(assay: State<'_, Assay>) -> Vec<Template> {
    assay.templates()
}

#[tauri::command]
fn project_new(assay: State<'_, Assay>, request: NewProject) -> Result<ProjectSummary, AppError> {
    assay.project_new(&request)
}

#[tauri::command]
fn project_open(
    assay: State<'_, Assay>,
    path: String,
    read_only: bool,
) -> Result<ProjectSummary, AppError> {
    assay.project_open(Path::new(&path), read_only)
}

#[tauri::command]
fn project_close(assay: State<'_, Assay>) {
    assay.project_close();
}

#[tauri::command]
fn project_save_as(assay: State<'_, Assay>, path: String) -> Result<ProjectSummary, AppError> {
    assay.project_save_as(Path::new(&path))
}

#[tauri::command]
fn project_summary(assay: State<'_, Assay>) -> Result<ProjectSummary, AppError> {
    assay.project_summary()
}

#[tauri::command]
fn project_update_engagement(
    assay: State<'_, Assay>,
    engagement: Engagement,
) -> Result<ProjectSummary, AppError> {
    assay.project_update_engagement(&engagement)
}

#[tauri::command]
fn project_interview(
    assay: State<'_, Assay>,
    assessment_id: String,
) -> Result<InterviewState, AppError> {
    assay.project_interview(&assessment_id)
}

#[tauri::command]
fn project_answer(
    assay: State<'_, Assay>,
    assessment_id: String,
    question_id: String,
    value: Option<serde_json::Value>,
    note: String,
    provenance: Provenance,
) -> Result<SaveResult, AppError> {
    assay.project_answer(&assessment_id, &question_id, value, &note, provenance)
}

#[tauri::command]
fn project_audit(assay: State<'_, Assay>) -> Result<Vec<AuditEntry>, AppError> {
    assay.project_audit()
}

#[tauri::command]
fn project_verify(assay: State<'_, Assay>) -> Result<ProjectCheck, AppError> {
    assay.project_verify()
}

#[tauri::command]
fn project_reassess(
    assay: State<'_, Assay>,
    assessment_id: String,
) -> Result<Reassessment, AppError> {
    assay.project_reassess(&assessment_id)
}

#[tauri::command]
fn project_accept_verdict(
    assay: State<'_, Assay>,
    assessment_id: String,
) -> Result<Reassessment, AppError> {
    assay.project_accept_verdict(&assessment_id)
}

/// Runs on a worker thread (async) so a multi-gigabyte file never blocks
/// the window; progress streams back over the channel.
#[tauri::command(async)]
fn evidence_add(
    assay: State<'_, Assay>,
    path: String,
    links: Vec<EvidenceLink>,
    kind: String,
    collected_on: Option<String>,
    progress: Channel<u64>,
) -> Result<EvidenceInfo, AppError> {
    assay.evidence_add(
        Path::new(&path),
        &links,
        &kind,
        collected_on.as_deref(),
        &mut |n| drop(progress.send(n)),
    )
}

#[tauri::command]
fn evidence_link(
    assay: State<'_, Assay>,
    id: String,
    links: Vec<EvidenceLink>,
) -> Result<EvidenceInfo, AppError> {
    assay.evidence_link(&id, &links)
}

#[tauri::command]
fn evidence_extract(
    assay: State<'_, Assay>,
    id: String,
    folder: String,
    force: bool,
) -> Result<String, AppError> {
    assay
        .evidence_extract(&id, Path::new(&folder), force)
        .map(|p| p.display().to_string())
}

#[tauri::command(async)]
fn project_seal(assay: State<'_, Assay>, signing: Signing) -> Result<Seal, AppError> {
    assay.project_seal(&signing)
}

#[tauri::command]
fn risks(assay: State<'_, Assay>) -> Result<Vec<Risk>, AppError> {
    assay.risks()
}

#[tauri::command]
fn risk_add(assay: State<'_, Assay>, input: RiskInput) -> Result<Risk, AppError> {
    assay.risk_add(&input)
}

#[tauri::command]
fn risk_update(assay: State<'_, Assay>, id: String, input: RiskInput) -> Result<Risk, AppError> {
    assay.risk_update(&id, &input)
}

#[tauri::command]
fn risk_remove(assay: State<'_, Assay>, id: String) -> Result<(), AppError> {
    assay.risk_remove(&id)
}

#[tauri::command]
fn register(assay: State<'_, Assay>, assessment_id: String) -> Result<Vec<RegisterLine>, AppError> {
    assay.register(&assessment_id)
}

#[tauri::command]
fn register_set(assay: State<'_, Assay>, entry: RegisterEntry) -> Result<RegisterEntry, AppError> {
    assay.register_set(&entry)
}

#[tauri::command(async)]
fn report_export(
    assay: State<'_, Assay>,
    request: ExportRequest,
) -> Result<ReportExport, AppError> {
    assay.report_export(&request)
}

#[tauri::command(async)]
fn interop_export(
    assay: State<'_, Assay>,
    request: InteropRequest,
) -> Result<InteropExport, AppError> {
    assay.interop_export(&request)
}

#[tauri::command]
fn project_add_assessment(
    assay: State<'_, Assay>,
    questionnaire: String,
) -> Result<ProjectSummary, AppError> {
    assay.project_add_assessment(&questionnaire)
}

#[tauri::command]
fn verify_pdf(assay: State<'_, Assay>, path: String) -> Result<PdfVerification, AppError> {
    assay.verify_pdf(Path::new(&path))
}

#[tauri::command(async)]
fn verify_report(
    assay: State<'_, Assay>,
    path: String,
    expect: Option<String>,
    reassess: bool,
) -> Result<ReportCheck, AppError> {
    assay.verify_report(Path::new(&path), expect.as_deref(), reassess)
}

#[tauri::command(async)]
fn identity_unlock(assay: State<'_, Assay>, passphrase: String) -> Result<IdentityInfo, AppError> {
    assay.identity_unlock(&passphrase)
}

#[tauri::command]
fn identity_lock(assay: State<'_, Assay>) {
    assay.identity_lock();
}

#[tauri::command]
fn identity_unlocked(assay: State<'_, Assay>) -> bool {
    assay.identity_unlocked()
}

#[tauri::command]
fn practice_list(assay: State<'_, Assay>) -> Vec<ScenarioSummary> {
    assay.practice_list()
}

#[tauri::command]
fn practice_scenario(assay: State<'_, Assay>, id: String) -> Result<ScenarioPrompt, AppError> {
    assay.practice_scenario(&id)
}

#[tauri::command]
fn practice_grade(
    assay: State<'_, Assay>,
    id: String,
    answer: String,
    seconds: u64,
) -> Result<GradedAttempt, AppError> {
    assay.practice_grade(&id, &answer, seconds, true, chrono::Utc::now())
}

#[tauri::command]
fn practice_history(assay: State<'_, Assay>) -> Result<Vec<Attempt>, AppError> {
    assay.practice_history()
}

#[tauri::command]
fn trust_list(assay: State<'_, Assay>) -> Vec<TrustedSigner> {
    assay.trust_list()
}

#[tauri::command]
fn trust_add(
    assay: State<'_, Assay>,
    signer: String,
    name: String,
) -> Result<TrustedSigner, AppError> {
    assay.trust_add(&signer, &name)
}

#[tauri::command]
fn trust_remove(assay: State<'_, Assay>, fingerprint: String) -> Result<(), AppError> {
    assay.trust_remove(&fingerprint)
}

#[tauri::command]
fn identity_show(assay: State<'_, Assay>) -> Result<IdentityInfo, AppError> {
    assay.identity_show()
}

#[tauri::command(async)]
fn identity_new(
    assay: State<'_, Assay>,
    name: String,
    organisation: String,
    email: String,
    passphrase: String,
) -> Result<IdentityInfo, AppError> {
    assay.identity_new(&name, &organisation, &email, &passphrase, false)
}
