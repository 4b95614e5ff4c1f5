//! The commands through Tauri's real IPC and permission layer, without a
//! window: what the UI sends is what these tests send.

use assay_app::{Assay, Paths};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;

fn app(home: &std::path::Path) -> tauri::WebviewWindow<tauri::test::MockRuntime> {
    let app = assay_desktop::builder_for(mock_builder())
        .manage(Assay::open(Paths::under(home.to_path_buf())).unwrap())
        .build(tauri::generate_context!())
        .unwrap();
    tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap()
}

fn request(cmd: &str, body: serde_json::Value) -> InvokeRequest {
    InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(body),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    }
}

#[test]
fn app_info_carries_the_knowledge_base() {
    let home = tempfile::tempdir().unwrap();
    let window = app(home.path());
    let response = get_ipc_response(&window, request("app_info", serde_json::json!({}))).unwrap();
    let info: serde_json::Value = response.deserialize().unwrap();
    assert_eq!(info["app_version"], assay_app::APP_VERSION);
    let frameworks = info["kb"]["frameworks"].as_array().unwrap();
    assert!(
        frameworks
            .iter()
            .any(|f| f["id"] == "nist-800-53r5" && f["total_items"] == 1216)
    );
}

#[test]
fn errors_cross_with_a_code() {
    let home = tempfile::tempdir().unwrap();
    let window = app(home.path());
    let error = get_ipc_response(
        &window,
        request("kb_item", serde_json::json!({ "id": "soc2:CC99.9" })),
    )
    .unwrap_err();
    assert_eq!(error["code"], "unknown_id");
    assert!(error["message"].as_str().unwrap().contains("soc2:CC99.9"));
}

#[test]
fn commands_the_capability_does_not_grant_are_refused() {
    let home = tempfile::tempdir().unwrap();
    let window = app(home.path());
    // The dialog plugin is registered, but only open and save are granted.
    let error = get_ipc_response(
        &window,
        request(
            "plugin:dialog|message",
            serde_json::json!({ "message": "hi" }),
        ),
    )
    .unwrap_err();
    assert!(error.as_str().unwrap().contains("not allowed"), "{error}");
}

#[test]
fn a_project_is_created_answered_and_exported_signed_through_ipc() {
    let home = tempfile::tempdir().unwrap();
    let window = app(home.path());
    let path = home.path().join("ipc.assay");
    let created = get_ipc_response(
        &window,
        request(
            "project_new",
            serde_json::json!({ "request": { "path": path, "template": "resume-screener", "client": "Zürich", "system_name": "CV", "system_description": "", "assessor": "Ada" } }),
        ),
    )
    .unwrap()
    .deserialize::<serde_json::Value>()
    .unwrap();
    let assessment = created["assessments"][0]["assessment"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let saved = get_ipc_response(
        &window,
        request(
            "project_answer",
            serde_json::json!({ "assessmentId": assessment, "questionId": "ai_system", "value": "yes", "note": "vendor sheet", "provenance": "client_asserted" }),
        ),
    )
    .unwrap()
    .deserialize::<serde_json::Value>()
    .unwrap();
    assert!(saved["saved_at"].is_string());
    let pdf = home.path().join("report.pdf");
    let export = get_ipc_response(
        &window,
        request(
            "report_export",
            serde_json::json!({ "request": { "out": pdf, "sections": [], "signing": { "kind": "demo" }, "force": false, "is_final": false } }),
        ),
    )
    .unwrap()
    .deserialize::<serde_json::Value>()
    .unwrap();
    assert_eq!(export["signed"], true);
    assert_eq!(export["recorded_in_project"], true);
    let verified = get_ipc_response(
        &window,
        request("verify_pdf", serde_json::json!({ "path": pdf })),
    )
    .unwrap()
    .deserialize::<serde_json::Value>()
    .unwrap();
    assert_eq!(verified["valid"], true);
    let error = get_ipc_response(
        &window,
        request("report_export", serde_json::json!({ "request": { "out": pdf, "sections": [], "signing": { "kind": "stored", "passphrase": "x" }, "force": true, "is_final": false } })),
    )
    .unwrap_err();
    assert_eq!(error["code"], "no_identity");
}
