//! One-line adapters: each command forwards to the `assay-app` use case of
//! the same name. Errors cross as `{ code, message }` (see `AppError`).

use assay_app::{AppError, Assay, dto::*};
use assay_engine::Answers;
use tauri::State;

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
        samples
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
