//! A project's life through the CLI: create, answer, evidence, verify.

use std::path::Path;

use serde_json::Value;

use crate::support::*;

#[test]
fn project_lifecycle_through_the_cli() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("cv.assay");
    let f = file.to_str().unwrap();
    let created = json(&assay(
        home.path(),
        &[
            "project",
            "new",
            f,
            "--template",
            "resume-screener",
            "--client",
            "Zürich Re",
            "--format",
            "json",
        ],
    ));
    assert_eq!(
        created["assessments"][0]["assessment"]["questionnaire"],
        "eu-ai-act"
    );
    assert_eq!(created["meta"]["format_version"], 2);

    let sample = sample("eu-ai-act-cv-screener-provider");
    let imported = json(&assay(
        home.path(),
        &[
            "project",
            "import-answers",
            f,
            sample.to_str().unwrap(),
            "--format",
            "json",
        ],
    ));
    assert_eq!(imported["state"]["verdict"]["risk_class"], "high_risk");

    // An answer that unasks later questions clears them.
    let saved = json(&assay(
        home.path(),
        &[
            "project",
            "answer",
            f,
            "ai_system",
            "no",
            "--format",
            "json",
        ],
    ));
    assert_eq!(saved["state"]["verdict"]["risk_class"], "out_of_scope");
    assert!(saved["dropped"].as_array().unwrap().len() > 10);
    let out = assay(
        home.path(),
        &["project", "answer", f, "no_such_question", "yes"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no_such_question: no question has this ID"));

    let evidence = home.path().join("policy.pdf");
    std::fs::write(&evidence, b"%PDF-1.7 policy").unwrap();
    let added = json(&assay(
        home.path(),
        &[
            "evidence",
            "add",
            f,
            evidence.to_str().unwrap(),
            "--kb-item",
            "eu-ai-act:art-10",
            "--format",
            "json",
        ],
    ));
    let sha = std::process::Command::new("sha256sum")
        .arg(&evidence)
        .output()
        .unwrap();
    let expected = String::from_utf8_lossy(&sha.stdout)
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(added["sha256"], expected.as_str());
    assert_eq!(
        added["links"],
        serde_json::json!(["kb_item:eu-ai-act:art-10"])
    );
    let out_dir = home.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let written = json(&assay(
        home.path(),
        &[
            "evidence",
            "extract",
            f,
            added["id"].as_str().unwrap(),
            "--out",
            out_dir.to_str().unwrap(),
            "--format",
            "json",
        ],
    ));
    assert_eq!(
        std::fs::read(written["written"].as_str().unwrap()).unwrap(),
        b"%PDF-1.7 policy"
    );

    let verify = assay(home.path(), &["project", "verify", f]);
    assert!(verify.status.success(), "{}", stdout(&verify));
    assert!(stdout(&verify).contains("audit chain:"));
    let export = json(&assay(home.path(), &["project", "export-json", f]));
    assert_eq!(export["engagement"]["client"], "Zürich Re");
}

/// A project with a row of every kind: answers, evidence with links,
/// a risk, a register entry, an accepted verdict, a signed export and a
/// seal. Returns the project and the two evidence IDs.
fn rich_project(home: &Path) -> (std::path::PathBuf, [String; 2]) {
    let project = signed_setup(home);
    let p = project.to_str().unwrap();
    let run = |args: &[&str]| {
        let out = assay(home, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        out
    };
    let mut ids = Vec::new();
    for (name, text) in [("policy.txt", "hiring policy"), ("dpia.txt", "vendor DPIA")] {
        let file = home.join(name);
        std::fs::write(&file, text).unwrap();
        let added = json(&run(&[
            "evidence",
            "add",
            p,
            file.to_str().unwrap(),
            "--answer",
            "ai_system",
            "--kb-item",
            "eu-ai-act:art-26",
            "--format",
            "json",
        ]));
        ids.push(added["id"].as_str().unwrap().to_owned());
    }
    run(&[
        "risk",
        "add",
        p,
        "--title",
        "Biased ranking",
        "--likelihood",
        "4",
        "--impact",
        "4",
    ]);
    let register = json(&run(&["register", "list", p, "--format", "json"]));
    let duty = register[0]["entry"]["item_id"].as_str().unwrap().to_owned();
    run(&[
        "register",
        "set",
        p,
        &duty,
        "--status",
        "in_progress",
        "--owner",
        "HR",
    ]);
    run(&["project", "reassess", p, "--accept"]);
    let pdf = home.join("report.pdf");
    run(&["report", p, "--out", pdf.to_str().unwrap(), "--sign"]);
    run(&["project", "seal", p]);
    let ok = assay(home, &["project", "verify", p]);
    assert!(ok.status.success(), "{}", stdout(&ok));
    (project, [ids[0].clone(), ids[1].clone()])
}

fn verify_check(home: &Path, project: &Path) -> (Option<i32>, Value) {
    let out = assay(
        home,
        &[
            "project",
            "verify",
            project.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let check = serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(&out), stderr(&out)));
    (out.status.code(), check)
}

#[test]
fn every_kind_of_row_and_evidence_blob_edited_behind_assays_back_is_found() {
    let home = tempfile::tempdir().unwrap();
    let (project, [first, second]) = rich_project(home.path());
    let cases: Vec<(&str, String, &str)> = vec![
        ("answer value", "UPDATE answer SET value = '\"no\"' WHERE question_id = 'ai_system'".into(), "answer"),
        ("answer provenance", "UPDATE answer SET provenance = 'evidence_verified' WHERE question_id = 'ai_system'".into(), "answer"),
        ("answer note", "UPDATE answer SET note = 'edited' WHERE question_id = 'ai_system'".into(), "answer"),
        ("answer deleted", "DELETE FROM answer WHERE question_id = 'profiling'".into(), "answer"),
        ("answer added", "INSERT INTO answer SELECT assessment_id, 'extra', value, note, provenance, answered_by, answered_at FROM answer LIMIT 1".into(), "answer"),
        ("engagement", "UPDATE engagement SET client = 'Someone Else'".into(), "engagement"),
        ("evidence name", format!("UPDATE evidence SET file_name = 'other.txt' WHERE id = '{first}'"), "evidence"),
        ("evidence deleted", format!("DELETE FROM evidence_chunk WHERE evidence_id = '{first}'; DELETE FROM evidence_link WHERE evidence_id = '{first}'; DELETE FROM evidence WHERE id = '{first}'"), "evidence"),
        ("evidence link", format!("DELETE FROM evidence_link WHERE evidence_id = '{second}' AND target_kind = 'kb_item'"), "evidence link"),
        ("evidence bytes", format!("UPDATE evidence_chunk SET data = CAST('hiring policx' AS BLOB) WHERE evidence_id = '{first}'"), "evidence bytes"),
        ("evidence bytes swapped", format!("UPDATE evidence_chunk SET evidence_id = 'x' WHERE evidence_id = '{first}'; UPDATE evidence_chunk SET evidence_id = '{first}' WHERE evidence_id = '{second}'; UPDATE evidence_chunk SET evidence_id = '{second}' WHERE evidence_id = 'x'"), "evidence bytes"),
        ("accepted verdict", "UPDATE assessment SET verdict_snapshot = replace(verdict_snapshot, 'high_risk', 'minimal_risk')".into(), "assessment"),
        ("risk", "UPDATE risk SET impact = 1".into(), "risk"),
        ("risk deleted", "DELETE FROM risk".into(), "risk"),
        ("register", "UPDATE register_entry SET status = 'done'".into(), "register"),
        ("report record", "UPDATE report SET sha256 = 'edited' || substr(sha256, 7)".into(), "report"),
        ("report deleted", "DELETE FROM report".into(), "report"),
        ("seal deleted", "DELETE FROM seal".into(), "seal"),
    ];
    let mut found_all = Vec::new();
    for (name, sql, kind) in &cases {
        let copy = home
            .path()
            .join(format!("case-{}.assay", name.replace(' ', "-")));
        std::fs::copy(&project, &copy).unwrap();
        edit_behind_assays_back(&copy, sql);
        let (code, check) = verify_check(home.path(), &copy);
        assert_eq!(code, Some(1), "{name}: {check:#}");
        assert_eq!(check["ok"], false);
        let differences = check["file"]["differences"].as_array().unwrap();
        assert!(
            differences.iter().any(|d| d["kind"] == *kind),
            "{name}: a difference of kind `{kind}` in {differences:#?}"
        );
        found_all.push(*name);
    }
    assert_eq!(found_all.len(), cases.len());
}

#[test]
fn a_history_rewritten_or_cut_back_after_a_seal_is_found() {
    let home = tempfile::tempdir().unwrap();
    let (project, _) = rich_project(home.path());
    let p = project.to_str().unwrap();
    // Later work extends the sealed history: still fine.
    let out = assay(
        home.path(),
        &["project", "answer", p, "human_oversight", "yes"],
    );
    let _ = out;
    let (code, check) = verify_check(home.path(), &project);
    assert_eq!(code, Some(0), "{check:#}");
    let sealed_at = check["known_seal"]["seq"].as_i64().unwrap();

    // The tail cut back to before the seal, seal rows kept.
    let cut = home.path().join("cut.assay");
    std::fs::copy(&project, &cut).unwrap();
    edit_behind_assays_back(
        &cut,
        &format!("DELETE FROM audit WHERE seq >= {}", sealed_at - 1),
    );
    let (code, check) = verify_check(home.path(), &cut);
    assert_eq!(code, Some(1));
    let kinds: Vec<&str> = check["file"]["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"seal"), "{check:#}");

    // The tail cut and every seal and report row removed too, so the file
    // is consistent on its own: this computer's seal log still catches it.
    let gone = home.path().join("gone.assay");
    std::fs::copy(&project, &gone).unwrap();
    edit_behind_assays_back(
        &gone,
        &format!(
            "DELETE FROM audit WHERE seq >= {}; DELETE FROM seal; DELETE FROM report;",
            sealed_at - 4
        ),
    );
    let (code, check) = verify_check(home.path(), &gone);
    assert_eq!(code, Some(1), "{check:#}");
    let problems = check["seal_problems"].as_array().unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p.as_str().unwrap().contains("rewritten or cut back")),
        "{check:#}"
    );
}

#[test]
fn a_project_answered_under_an_older_knowledge_base_is_reassessed_and_accepted() {
    let home = tempfile::tempdir().unwrap();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/projects/format-1.assay");
    let old = home.path().join("old.assay");
    std::fs::copy(&fixture, &old).unwrap();
    let before = std::fs::read(&old).unwrap();
    let o = old.to_str().unwrap();
    // Reading it read-only changes nothing, not even its format.
    let info = json(&assay(
        home.path(),
        &["project", "info", o, "--format", "json"],
    ));
    assert_eq!(info["meta"]["format_version"], 1);
    assert_eq!(info["assessments"][0]["kb_is_current"], false);
    let review = json(&assay(
        home.path(),
        &["project", "reassess", o, "--format", "json"],
    ));
    assert_eq!(
        std::fs::read(&old).unwrap(),
        before,
        "a review writes nothing"
    );
    assert_ne!(review["recorded_kb_hash"], review["current_kb_hash"]);
    let accepted = json(&assay(
        home.path(),
        &["project", "reassess", o, "--accept", "--format", "json"],
    ));
    assert_eq!(accepted["recorded_kb_hash"], accepted["current_kb_hash"]);
    let info = json(&assay(
        home.path(),
        &["project", "info", o, "--format", "json"],
    ));
    assert_eq!(
        info["meta"]["format_version"], 2,
        "writing upgraded the file"
    );
    assert_eq!(info["assessments"][0]["kb_is_current"], true);
    let verify = assay(home.path(), &["project", "verify", o]);
    assert!(verify.status.success(), "{}", stdout(&verify));
}

#[test]
fn save_as_copies_the_project_and_never_over_a_file() {
    let home = tempfile::tempdir().unwrap();
    let project = signed_setup(home.path());
    let p = project.to_str().unwrap();
    let copy = home.path().join("copy.assay");
    let out = assay(
        home.path(),
        &["project", "save-as", p, copy.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let original = json(&assay(home.path(), &["project", "export-json", p]));
    let copied = json(&assay(
        home.path(),
        &["project", "export-json", copy.to_str().unwrap()],
    ));
    assert_eq!(original["assessments"], copied["assessments"]);
    assert!(
        assay(home.path(), &["project", "verify", copy.to_str().unwrap()])
            .status
            .success()
    );
    let taken = home.path().join("taken.assay");
    std::fs::write(&taken, "someone's file").unwrap();
    let out = assay(
        home.path(),
        &["project", "save-as", p, taken.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "someone's file");
}

/// Evidence added on its own is linked later, as the register does it: the
/// duty whose provision it supports lists it, the link is audited and
/// verified, and a bad request links nothing at all.
#[test]
fn evidence_linked_to_a_duty_appears_on_its_register_line() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let project = signed_setup(h);
    let p = project.to_str().unwrap();
    let file = h.join("oversight roster.txt");
    std::fs::write(&file, "who oversees the ranking, and when").unwrap();
    let added = json(&assay(
        h,
        &[
            "evidence",
            "add",
            p,
            file.to_str().unwrap(),
            "--format",
            "json",
        ],
    ));
    let id = added["id"].as_str().unwrap();
    let register = || json(&assay(h, &["register", "list", p, "--format", "json"]));
    let oversight = |register: &Value| -> Value {
        register
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["entry"]["item_id"] == "deployer.human-oversight")
            .cloned()
            .expect("the deployer's human-oversight duty is in the register")
    };
    let article = oversight(&register())["article_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(article, "eu-ai-act:art-26.2");
    assert_eq!(oversight(&register())["evidence"], serde_json::json!([]));

    // Refused, each with exit 2 and a reason, and nothing linked: an unknown
    // provision beside a good one, unknown evidence, no link named.
    let refused: [(&[&str], &str); 3] = [
        (
            &["--kb-item", &article, "--kb-item", "eu-ai-act:art-999"],
            "eu-ai-act:art-999",
        ),
        (&["--kb-item", &article], "no-such-evidence"),
        (&[], "at least one"),
    ];
    for (extra, says) in refused {
        let evidence = if says == "no-such-evidence" { says } else { id };
        let mut args = vec!["evidence", "link", p, evidence];
        args.extend_from_slice(extra);
        let out = assay(h, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(oversight(&register())["evidence"], serde_json::json!([]));

    let linked = json(&assay(
        h,
        &[
            "evidence",
            "link",
            p,
            id,
            "--kb-item",
            &article,
            "--format",
            "json",
        ],
    ));
    assert_eq!(
        linked["links"],
        serde_json::json!([format!("kb_item:{article}")])
    );
    let register = register();
    assert_eq!(
        oversight(&register)["evidence"],
        serde_json::json!([{ "id": id, "file_name": "oversight roster.txt" }])
    );
    // Only the lines of that provision list it.
    for line in register.as_array().unwrap() {
        let listed = !line["evidence"].as_array().unwrap().is_empty();
        assert_eq!(listed, line["article_id"] == article.as_str(), "{line}");
    }
    let audit = stdout(&assay(h, &["project", "audit", p, "--format", "json"]));
    assert_eq!(audit.matches("evidence.link").count(), 1, "{audit}");
    let verify = assay(h, &["project", "verify", p]);
    assert!(verify.status.success(), "{}", stdout(&verify));
}
