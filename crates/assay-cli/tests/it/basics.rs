//! Version, help, argument errors and the knowledge-base commands.

use std::path::Path;

use serde_json::Value;

use crate::support::*;

#[test]
fn version_and_help() {
    let home = tempfile::tempdir().unwrap();
    let out = assay(home.path(), &["--version"]);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out).trim(),
        format!("assay {}", env!("CARGO_PKG_VERSION"))
    );
    let out = assay(home.path(), &["--help"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("kb"), "{}", stdout(&out));
}

#[test]
fn bad_arguments_exit_2_with_a_message() {
    let home = tempfile::tempdir().unwrap();
    let out = assay(home.path(), &["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unrecognized subcommand 'frobnicate'"));
    let out = assay(home.path(), &["kb", "show", "soc2:CC99.9"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim(),
        "assay: no item has the ID `soc2:CC99.9`"
    );
    let out = assay(home.path(), &["kb", "stats", "--format", "yaml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn kb_stats_json_has_the_official_counts() {
    let home = tempfile::tempdir().unwrap();
    let stats = json(&assay(home.path(), &["kb", "stats", "--format", "json"]));
    let counts = |id: &str| {
        stats["frameworks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == id)
            .unwrap()["counts"]
            .clone()
    };
    assert_eq!(counts("nist-ai-rmf")["subcategory"], 72);
    assert_eq!(counts("nist-ai-rmf")["category"], 19);
    assert_eq!(counts("iso42001")["control"], 38);
    assert_eq!(counts("soc2")["criterion"], 61);
    let sp = counts("nist-800-53r5");
    assert_eq!(
        sp["control"].as_u64().unwrap() + sp["enhancement"].as_u64().unwrap(),
        1196
    );
    assert!(stats["frameworks"][0]["version"].is_string());
}

#[test]
fn kb_validate_passes_on_shipped_data_and_fails_on_broken_data() {
    let home = tempfile::tempdir().unwrap();
    let out = assay(home.path(), &["kb", "validate"]);
    assert!(out.status.success(), "{}", stderr(&out));

    // A copy of assets/ with one dangling parent and one wrong count.
    let assets = tempfile::tempdir().unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets");
    copy_dir(&source, assets.path());
    let soc2 = assets.path().join("frameworks/soc2.json");
    let text = std::fs::read_to_string(&soc2).unwrap();
    let broken = text
        .replacen("\"parent\": \"soc2:CC6\"", "\"parent\": \"soc2:CC66\"", 1)
        .replacen("\"criterion\": 61", "\"criterion\": 60", 1);
    assert_ne!(text, broken, "the edits apply");
    std::fs::write(&soc2, broken).unwrap();
    let assets_arg = assets.path().to_str().unwrap();
    let out = assay(
        home.path(),
        &["kb", "validate", "--assets", assets_arg, "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["valid"], false);
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems.iter().all(|p| p["file"] == "frameworks/soc2.json"));
}

#[test]
fn show_search_map_and_list() {
    let home = tempfile::tempdir().unwrap();
    let item = json(&assay(
        home.path(),
        &["kb", "show", "cc6.1", "--format", "json"],
    ));
    assert_eq!(item["item"]["id"], "soc2:CC6.1");
    assert!(!item["crosswalk"].as_array().unwrap().is_empty());

    let hits = json(&assay(
        home.path(),
        &[
            "kb",
            "search",
            "ac-02(01)",
            "--format",
            "json",
            "--limit",
            "3",
        ],
    ));
    assert_eq!(hits[0]["item"]["id"], "nist-800-53r5:AC-2(1)");

    let links = json(&assay(
        home.path(),
        &["kb", "map", "eu-ai-act:art-14", "--format", "json"],
    ));
    let frameworks: Vec<&str> = links
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["item"]["framework"].as_str().unwrap())
        .collect();
    assert!(
        frameworks.contains(&"nist-ai-rmf") && frameworks.contains(&"iso42001"),
        "{frameworks:?}"
    );

    let items = json(&assay(
        home.path(),
        &["kb", "list", "iso42001", "--format", "json"],
    ));
    let controls = items
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "control")
        .count();
    assert_eq!(controls, 38);
    let out = assay(home.path(), &["kb", "list", "iso9001"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn import_oscal_attaches_statements_and_rejects_foreign_files() {
    let home = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../assay-kb/tests/fixtures/tiny-oscal-catalog.json");
    let report = json(&assay(
        home.path(),
        &[
            "kb",
            "import-oscal",
            fixture.to_str().unwrap(),
            "--format",
            "json",
        ],
    ));
    assert_eq!(report["matched"], 2);
    assert_eq!(report["unmatched"], serde_json::json!(["ZZ-1"]));

    // The statement persists in the user's store and a later process finds it.
    let hits = json(&assay(
        home.path(),
        &["kb", "search", "zebracrossing", "--format", "json"],
    ));
    assert_eq!(hits[0]["item"]["id"], "nist-800-53r5:AC-2");
    let out = assay(home.path(), &["kb", "show", "AC-2"]);
    assert!(
        stdout(&out).contains("Statement (Tiny test catalogue (version 0.1))"),
        "{}",
        stdout(&out)
    );

    let foreign = home.path().join("profile.json");
    std::fs::write(&foreign, r#"{"profile": {"imports": []}}"#).unwrap();
    let out = assay(
        home.path(),
        &["kb", "import-oscal", foreign.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not an OSCAL catalog: there is no top-level `catalog` object"),
        "{}",
        stderr(&out)
    );
    let broken = home.path().join("broken.json");
    std::fs::write(&broken, "{\"catalog\": ").unwrap();
    let out = assay(
        home.path(),
        &["kb", "import-oscal", broken.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("does not parse"), "{}", stderr(&out));
}

#[test]
fn demo_writes_its_files() {
    let home = tempfile::tempdir().unwrap();
    let out_dir = home.path().join("demo");
    let out = assay(home.path(), &["demo", "--out", out_dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(out_dir.join("kb-summary.json")).unwrap();
    let summary: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(summary["frameworks"].as_array().unwrap().len(), 6);
}
