//! One-line adapters: each command forwards to the `assay-app` use case of
//! the same name. Errors cross as `{ code, message }` (see `AppError`).

use assay_app::{AppError, Assay, Signing, dto::*};
use assay_report::verify::Verification as PdfVerification;
use std::path::Path;

use assay_engine::Answers;
use assay_store::{AuditEntry, EvidenceInfo, Provenance, Verification};
use tauri::State;
use tauri::ipc::Channel;

pub(crate) fn handler<R: tauri::Runtime>()
-> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app_info,
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
        project_interview,
        project_answer,
        project_audit,
        project_verify,
        project_reassess,
        project_accept_verdict,
        evidence_add,
        evidence_extract,
        report_export,
        verify_pdf,
        identity_show,
        identity_new
    ]
}

#[tauri::command]
fn app_info(assay: State<'_, Assay>) -> AppInfo {
    assay.app_info()
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
fn project_verify(assay: State<'_, Assay>) -> Result<Verification, AppError> {
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
    link: Option<(String, String)>,
    progress: Channel<u64>,
) -> Result<EvidenceInfo, AppError> {
    assay.evidence_add(
        Path::new(&path),
        link.as_ref().map(|(k, t)| (k.as_str(), t.as_str())),
        &mut |n| drop(progress.send(n)),
    )
}

#[tauri::command]
fn evidence_extract(
    assay: State<'_, Assay>,
    id: String,
    folder: String,
) -> Result<String, AppError> {
    assay
        .evidence_extract(&id, Path::new(&folder))
        .map(|p| p.display().to_string())
}

/// How the UI asks for a signature: `unsigned`, `demo`, or `stored` with the passphrase.
#[derive(Debug, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum SigningRequest {
    Unsigned,
    Demo,
    Stored { passphrase: String },
}

impl From<SigningRequest> for Signing {
    fn from(request: SigningRequest) -> Self {
        match request {
            SigningRequest::Unsigned => Signing::Unsigned,
            SigningRequest::Demo => Signing::Demo,
            SigningRequest::Stored { passphrase } => Signing::Stored(passphrase),
        }
    }
}

#[tauri::command(async)]
fn report_export(
    assay: State<'_, Assay>,
    path: String,
    sections: Vec<String>,
    signing: SigningRequest,
) -> Result<ReportExport, AppError> {
    assay.report_export(Path::new(&path), &sections, &signing.into())
}

#[tauri::command]
fn verify_pdf(assay: State<'_, Assay>, path: String) -> Result<PdfVerification, AppError> {
    assay.verify_pdf(Path::new(&path))
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
