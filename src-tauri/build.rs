/// The commands the UI may call. Tauri generates an `allow-*` permission for
/// each; `capabilities/main.json` grants exactly these.
const COMMANDS: &[&str] = &[
    "app_info",
    "kb_summary",
    "kb_tree",
    "kb_item",
    "kb_search",
    "kb_map",
    "questionnaires",
    "questionnaire",
    "interview",
    "samples",
    "templates",
    "project_new",
    "project_open",
    "project_close",
    "project_save_as",
    "project_summary",
    "project_update_engagement",
    "project_interview",
    "project_answer",
    "project_audit",
    "project_verify",
    "project_reassess",
    "project_accept_verdict",
    "evidence_add",
    "evidence_extract",
    "report_export",
    "verify_pdf",
    "identity_show",
    "identity_new",
    "project_seal",
    "risks",
    "risk_add",
    "risk_update",
    "risk_remove",
    "register",
    "register_set",
    "verify_report",
    "identity_unlock",
    "identity_lock",
    "identity_unlocked",
    "practice_list",
    "practice_scenario",
    "practice_grade",
    "practice_history",
    "trust_list",
    "trust_add",
    "trust_remove",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build configuration is valid");
}
