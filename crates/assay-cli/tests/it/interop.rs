//! `assay export card|cyclonedx|oscal|json`: every export of the three
//! sample projects checked by a validator Assay does not write, the JSON
//! format read back by `import-answers`, and missing facts left missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use assay_test_tools::{repo_root, require_export_validators};
use serde_json::Value;

use crate::support::{assay, sample, stderr};

/// Runs `tests/validators/validate_exports.py KIND FILE [SCHEMA]`; panics
/// with the validator's words when it rejects the file.
fn validate(python: &Path, kind: &str, file: &Path) -> String {
    let root = repo_root();
    let mut cmd = Command::new(python);
    cmd.arg(root.join("tests/validators/validate_exports.py"))
        .arg(kind)
        .arg(file);
    if kind == "assay-json" {
        cmd.arg(root.join("assets/schema/project-export.schema.json"));
    }
    let out = cmd.output().expect("the validator runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "{kind} validator rejected {}: {said}",
        file.display()
    );
    said
}

#[test]
fn every_export_of_the_sample_projects_passes_its_validator() {
    const TEST: &str = "every_export_of_the_sample_projects_passes_its_validator";
    let python = require_export_validators(TEST);
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("demo");
    let demo = assay(home.path(), &["demo", "--out", out.to_str().unwrap()]);
    assert!(demo.status.success(), "{}", stderr(&demo));
    for name in [
        "resume-screener-employer",
        "predictive-maintenance-plant",
        "soc2-ai-saas",
    ] {
        let card = std::fs::read_to_string(out.join(format!("{name}.card.md"))).unwrap();
        for heading in [
            "## Purpose and intended use",
            "## Models",
            "## Data",
            "## Performance",
            "## Human oversight",
            "## EU AI Act classification",
        ] {
            assert!(card.contains(heading), "{name}: the card lacks {heading}");
        }
        let Some(python) = &python else { continue };
        for (kind, suffix) in [
            ("cyclonedx", "cdx.json"),
            ("oscal", "oscal.json"),
            ("assay-json", "export.json"),
        ] {
            let said = validate(python, kind, &out.join(format!("{name}.{suffix}")));
            println!("{}", said.trim());
        }
    }
}

#[test]
fn a_validator_rejects_a_broken_export() {
    // The validators are real: a BOM with a made-up component type and an
    // OSCAL finding with a made-up status both fail.
    let Some(python) = require_export_validators("a_validator_rejects_a_broken_export") else {
        return;
    };
    let (home, project) = deployer_project();
    let dir = home.path();
    let bom = dir.join("bom.json");
    let oscal = dir.join("oscal.json");
    for (kind, file) in [("cyclonedx", &bom), ("oscal", &oscal)] {
        let done = assay(
            dir,
            &[
                "export",
                kind,
                project.to_str().unwrap(),
                "--out",
                file.to_str().unwrap(),
            ],
        );
        assert!(done.status.success(), "{}", stderr(&done));
    }
    let mut b: Value = serde_json::from_str(&std::fs::read_to_string(&bom).unwrap()).unwrap();
    b["metadata"]["component"]["type"] = "ai-system".into();
    std::fs::write(&bom, b.to_string()).unwrap();
    let mut o: Value = serde_json::from_str(&std::fs::read_to_string(&oscal).unwrap()).unwrap();
    o["assessment-results"]["results"][0]["findings"][0]["target"]["status"]["state"] =
        "done".into();
    std::fs::write(&oscal, o.to_string()).unwrap();
    for (kind, file) in [("cyclonedx", &bom), ("oscal", &oscal)] {
        let out = Command::new(&python)
            .arg(repo_root().join("tests/validators/validate_exports.py"))
            .arg(kind)
            .arg(file)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{kind}: a broken file passed");
    }
}

/// A résumé-screener project with the deployer sample answered.
fn deployer_project() -> (tempfile::TempDir, PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let project = home.path().join("client.assay");
    let p = project.to_str().unwrap();
    let made = assay(
        home.path(),
        &["project", "new", p, "--template", "resume-screener"],
    );
    assert!(made.status.success(), "{}", stderr(&made));
    let answers = sample("eu-ai-act-cv-screener-deployer");
    let done = assay(
        home.path(),
        &["project", "import-answers", p, answers.to_str().unwrap()],
    );
    assert!(done.status.success(), "{}", stderr(&done));
    (home, project)
}

fn export(home: &Path, kind: &str, project: &Path, out: &Path) {
    let done = assay(
        home,
        &[
            "export",
            kind,
            project.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(done.status.success(), "{}", stderr(&done));
}

#[test]
fn the_json_export_round_trips_through_import_answers() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let demo = dir.join("demo");
    assert!(
        assay(dir, &["demo", "--out", demo.to_str().unwrap()])
            .status
            .success()
    );
    let project = demo.join("soc2-ai-saas.assay");
    let first = dir.join("first.json");
    export(dir, "json", &project, &first);

    // The same project: importing its own export changes nothing, and the
    // next export is byte-identical.
    let again = assay(
        dir,
        &[
            "project",
            "import-answers",
            project.to_str().unwrap(),
            first.to_str().unwrap(),
        ],
    );
    assert!(again.status.success(), "{}", stderr(&again));
    let second = dir.join("second.json");
    export(dir, "json", &project, &second);
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );

    // A fresh project with the same interviews: the answers, their sources
    // and notes, and every result computed from them come back identical.
    let fresh = dir.join("fresh.assay");
    let made = assay(
        dir,
        &[
            "project",
            "new",
            fresh.to_str().unwrap(),
            "--template",
            "soc2-readiness",
        ],
    );
    assert!(made.status.success(), "{}", stderr(&made));
    let refused = assay(
        dir,
        &[
            "project",
            "import-answers",
            fresh.to_str().unwrap(),
            first.to_str().unwrap(),
        ],
    );
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("add it first"),
        "{}",
        stderr(&refused)
    );
    let added = assay(
        dir,
        &[
            "project",
            "add-assessment",
            fresh.to_str().unwrap(),
            "system-card",
        ],
    );
    assert!(added.status.success(), "{}", stderr(&added));
    let imported = assay(
        dir,
        &[
            "project",
            "import-answers",
            fresh.to_str().unwrap(),
            first.to_str().unwrap(),
        ],
    );
    assert!(imported.status.success(), "{}", stderr(&imported));
    let third = dir.join("third.json");
    export(dir, "json", &fresh, &third);
    let a: Value = serde_json::from_str(&std::fs::read_to_string(&first).unwrap()).unwrap();
    let b: Value = serde_json::from_str(&std::fs::read_to_string(&third).unwrap()).unwrap();
    assert_eq!(a["assessments"].as_array().unwrap().len(), 2);
    assert_eq!(
        serde_json::to_string_pretty(&a["assessments"]).unwrap(),
        serde_json::to_string_pretty(&b["assessments"]).unwrap()
    );
}

#[test]
fn newer_or_foreign_exports_are_refused_and_change_nothing() {
    let (home, project) = deployer_project();
    let dir = home.path();
    let before = dir.join("before.json");
    export(dir, "json", &project, &before);
    let mut newer: Value =
        serde_json::from_str(&std::fs::read_to_string(&before).unwrap()).unwrap();
    newer["format_version"] = 2.into();
    let newer_file = dir.join("newer.json");
    std::fs::write(&newer_file, newer.to_string()).unwrap();
    let out = assay(
        dir,
        &[
            "project",
            "import-answers",
            project.to_str().unwrap(),
            newer_file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("newer than this Assay reads"),
        "{}",
        stderr(&out)
    );

    let mut wrong: Value =
        serde_json::from_str(&std::fs::read_to_string(&before).unwrap()).unwrap();
    wrong["assessments"][0]["answers"]["ai_system"] = "perhaps".into();
    let wrong_file = dir.join("wrong.json");
    std::fs::write(&wrong_file, wrong.to_string()).unwrap();
    let out = assay(
        dir,
        &[
            "project",
            "import-answers",
            project.to_str().unwrap(),
            wrong_file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("perhaps"), "{}", stderr(&out));

    let after = dir.join("after.json");
    export(dir, "json", &project, &after);
    assert_eq!(
        std::fs::read(&before).unwrap(),
        std::fs::read(&after).unwrap()
    );
}

#[test]
fn facts_nobody_recorded_stay_missing_in_every_format() {
    // A project with the EU AI Act interview only: no system card.
    let (home, project) = deployer_project();
    let dir = home.path();
    let card = dir.join("card.md");
    let bom = dir.join("bom.json");
    export(dir, "card", &project, &card);
    export(dir, "cyclonedx", &project, &bom);
    let text = std::fs::read_to_string(&card).unwrap();
    for missing in [
        "**Intended use:** Not recorded",
        "## Models\n\nNot recorded",
        "## Data\n\nNot recorded",
        "## Performance\n\nNot recorded",
        "**Fairness and bias:** Not recorded",
        "## Human oversight\n\nNot recorded",
    ] {
        assert!(
            text.contains(missing),
            "the card lacks {missing:?}:\n{text}"
        );
    }
    assert!(
        text.contains("**Classification:** High-risk AI system"),
        "{text}"
    );
    let b: Value = serde_json::from_str(&std::fs::read_to_string(&bom).unwrap()).unwrap();
    assert_eq!(b["components"].as_array().unwrap().len(), 0);
    let missing: Vec<&str> = b["metadata"]["component"]["properties"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["name"] == "assay:not-recorded")
        .map(|p| p["value"].as_str().unwrap())
        .collect();
    assert!(
        missing.contains(&"Models") && missing.contains(&"Data"),
        "{missing:?}"
    );
    assert!(!missing.contains(&"EU AI Act classification"));
}

#[test]
fn an_export_never_replaces_a_file_unasked_or_the_project() {
    let (home, project) = deployer_project();
    let dir = home.path();
    let mine = dir.join("mine.json");
    std::fs::write(&mine, "my own file").unwrap();
    let out = assay(
        dir,
        &[
            "export",
            "json",
            project.to_str().unwrap(),
            "--out",
            mine.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "my own file");
    let forced = assay(
        dir,
        &[
            "export",
            "json",
            project.to_str().unwrap(),
            "--out",
            mine.to_str().unwrap(),
            "--force",
        ],
    );
    assert!(forced.status.success(), "{}", stderr(&forced));
    let onto_project = assay(
        dir,
        &[
            "export",
            "oscal",
            project.to_str().unwrap(),
            "--out",
            project.to_str().unwrap(),
            "--force",
        ],
    );
    assert_eq!(onto_project.status.code(), Some(2));
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
    let check = assay(dir, &["project", "verify", project.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stderr(&check));
}
