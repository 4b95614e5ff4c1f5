//! The `assay` binary as a user runs it: real processes, real files, exit
//! codes and output checked.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn assay(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_assay"))
        .args(args)
        .env("ASSAY_HOME", home)
        .output()
        .expect("the assay binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json(output: &Output) -> Value {
    assert!(output.status.success(), "{}", stderr(output));
    serde_json::from_str(&stdout(output)).unwrap()
}

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

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn sample(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../../assets/questionnaires/samples/{name}.json"))
}

#[test]
fn questions_lists_ids_types_values_and_conditions() {
    let home = tempfile::tempdir().unwrap();
    let questions = json(&assay(
        home.path(),
        &["questions", "eu-ai-act", "--format", "json"],
    ));
    let list = questions.as_array().unwrap();
    let ai_system = list.iter().find(|q| q["id"] == "ai_system").unwrap();
    assert_eq!(ai_system["type"], "yes_no_unsure");
    assert_eq!(
        ai_system["allowed_values"],
        serde_json::json!(["yes", "no", "not_sure"])
    );
    assert!(ai_system["ask_if"].is_null());
    let profiling = list.iter().find(|q| q["id"] == "profiling").unwrap();
    assert!(profiling["ask_if"].is_object());
    assert!(profiling["help"].as_str().unwrap().contains("6(3)"));
    let out = assay(home.path(), &["questions", "no-such-questionnaire"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn assess_the_two_resume_screener_samples() {
    let home = tempfile::tempdir().unwrap();
    let deployer = sample("eu-ai-act-cv-screener-deployer");
    let v = json(&assay(
        home.path(),
        &[
            "assess",
            "eu-ai-act",
            "--answers",
            deployer.to_str().unwrap(),
            "--format",
            "json",
        ],
    ));
    assert_eq!(v["risk_class"], "high_risk");
    assert_eq!(v["roles"], serde_json::json!(["deployer"]));
    assert_eq!(v["profiling"], true);
    let basis: Vec<&str> = v["legal_basis"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_str().unwrap())
        .collect();
    assert!(
        basis.contains(&"Annex III 4(a)") && basis.contains(&"Art. 6(2)"),
        "{basis:?}"
    );
    let obligations = v["obligations"].as_array().unwrap();
    let art_26_7 = obligations
        .iter()
        .find(|o| o["article"] == "Art. 26(7)")
        .unwrap();
    assert_eq!(art_26_7["applies_from"], "2027-12-02");
    assert_eq!(art_26_7["original_date"], "2026-08-02");
    assert!(
        art_26_7["date_source"]
            .as_str()
            .unwrap()
            .contains("2026/1744")
    );
    assert_eq!(v["fria"]["status"], "recommended");
    assert!(
        v["trace"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["rule"] == "profiling-override")
    );

    let provider = sample("eu-ai-act-cv-screener-provider");
    let v = json(&assay(
        home.path(),
        &[
            "assess",
            "eu-ai-act",
            "--answers",
            provider.to_str().unwrap(),
            "--format",
            "json",
        ],
    ));
    assert_eq!(v["roles"], serde_json::json!(["provider"]));
    let plan: Vec<&str> = v["plan"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["article"].as_str().unwrap())
        .collect();
    for article in [
        "Art. 9",
        "Art. 10",
        "Art. 11",
        "Art. 17",
        "Art. 43",
        "Art. 47",
        "Art. 48",
        "Art. 49(1)",
        "Art. 72",
        "Art. 73",
    ] {
        assert!(plan.contains(&article), "{article} in {plan:?}");
    }
    let conformity = v["plan"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["article"] == "Art. 43")
        .unwrap();
    assert!(conformity["note"].as_str().unwrap().contains("Annex VI"));
}

#[test]
fn assess_rejects_bad_answers_listing_every_problem() {
    let home = tempfile::tempdir().unwrap();
    let bad = home.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"ai_system": "perhaps", "wat": "yes", "eu_nexus": "deployer_in_eu", "gpai_systemic": "yes"}"#,
    )
    .unwrap();
    let out = assay(
        home.path(),
        &["assess", "eu-ai-act", "--answers", bad.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("4 problem(s)"), "{err}");
    for fragment in [
        "ai_system: `perhaps`",
        "wat: no question has this ID",
        "eu_nexus: expected an array",
        "gpai_systemic: this question is not asked",
    ] {
        assert!(err.contains(fragment), "{fragment} in {err}");
    }
    std::fs::write(&bad, "[1, 2]").unwrap();
    let out = assay(
        home.path(),
        &["assess", "eu-ai-act", "--answers", bad.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("expected a JSON object"));
}

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
    assert_eq!(created["meta"]["format_version"], 1);

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

#[test]
fn project_bad_files_get_clear_errors() {
    let home = tempfile::tempdir().unwrap();
    let notes = home.path().join("notes.assay");
    std::fs::write(&notes, "not a database").unwrap();
    let out = assay(home.path(), &["project", "info", notes.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not an SQLite database, so not an Assay project"),
        "{}",
        stderr(&out)
    );

    let missing = home.path().join("missing.assay");
    let out = assay(home.path(), &["project", "info", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("missing.assay"), "{}", stderr(&out));

    let file = home.path().join("p.assay");
    assert!(
        assay(home.path(), &["project", "new", file.to_str().unwrap()])
            .status
            .success()
    );
    let out = assay(home.path(), &["project", "new", file.to_str().unwrap()]);
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    // Tamper with the audit trail: verify must fail.
    let conn = std::process::Command::new("sqlite3")
        .arg(&file)
        .arg("UPDATE audit SET actor = 'mallory' WHERE seq = 1;")
        .status();
    if conn.is_ok_and(|s| s.success()) {
        let out = assay(home.path(), &["project", "verify", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stdout(&out).contains("broken at entry 1"),
            "{}",
            stdout(&out)
        );
    }
}

/// The repo's own tool folder, where scripts/setup.sh installs pyHanko.
fn pyhanko() -> Option<std::path::PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.tools/venv/bin/pyhanko");
    path.exists().then_some(path)
}

fn tool_available(name: &str) -> bool {
    std::process::Command::new(name).arg("-v").output().is_ok()
}

/// pdfsig's acceptance: a valid signature that covers the whole document.
fn pdfsig_accepts(pdf: &Path) -> (bool, String) {
    let out = std::process::Command::new("pdfsig")
        .arg(pdf)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    (
        text.contains("Signature Validation: Signature is Valid.")
            && text.contains("Total document signed"),
        text,
    )
}

fn pyhanko_accepts(tool: &Path, pdf: &Path, cert: &Path) -> (bool, String) {
    let out = std::process::Command::new(tool)
        .args(["sign", "validate", "--trust-replace", "--trust"])
        .arg(cert)
        .arg("--pretty-print")
        .arg(pdf)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // A deliverable must be exactly what was signed: pyHanko's verdict and
    // its coverage finding both count (it allows some metadata updates after
    // signing, which a signed report must not have).
    let accepted = out.status.success()
        && text.contains("The signature is judged VALID")
        && text.contains("The signature covers the entire file.");
    (accepted, text)
}

/// An incremental update after signing that changes one object.
fn append_update(signed: &[u8], change: impl FnOnce(&mut lopdf::IncrementalDocument)) -> Vec<u8> {
    let doc = lopdf::Document::load_mem(signed).unwrap();
    let mut inc = lopdf::IncrementalDocument::create_from(signed.to_vec(), doc);
    change(&mut inc);
    let mut out = Vec::new();
    inc.save_to(&mut out).unwrap();
    out
}

#[test]
fn signed_report_passes_independent_validators_and_every_tampering_fails_them() {
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_assay"))
            .args(args)
            .env("ASSAY_HOME", home.path())
            .env("ASSAY_PASSPHRASE", "correct horse battery staple")
            .output()
            .unwrap()
    };
    let project = home.path().join("client.assay");
    let p = project.to_str().unwrap();
    assert!(
        run(&[
            "project",
            "new",
            p,
            "--template",
            "resume-screener",
            "--client",
            "Łódź Logistics",
            "--assessor",
            "Ada"
        ])
        .status
        .success()
    );
    let sample = sample("eu-ai-act-cv-screener-deployer");
    assert!(
        run(&["project", "import-answers", p, sample.to_str().unwrap()])
            .status
            .success()
    );
    let evidence = home.path().join("vendor-dpia.txt");
    std::fs::write(&evidence, "DPIA summary from the vendor").unwrap();
    let added = json(&run(&[
        "evidence",
        "add",
        p,
        evidence.to_str().unwrap(),
        "--format",
        "json",
    ]));
    let evidence_hash = added["sha256"].as_str().unwrap().to_owned();
    let out = run(&[
        "identity",
        "new",
        "--name",
        "Ada Assessor",
        "--organisation",
        "Zürich Audit AG",
        "--email",
        "ada@example.com",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));

    // A wrong passphrase is named, and nothing is written.
    let pdf = home.path().join("report.pdf");
    let wrong = Command::new(env!("CARGO_BIN_EXE_assay"))
        .args(["report", p, "--out", pdf.to_str().unwrap(), "--sign"])
        .env("ASSAY_HOME", home.path())
        .env("ASSAY_PASSPHRASE", "not the passphrase")
        .output()
        .unwrap();
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        stderr(&wrong).contains("wrong passphrase for the signing key"),
        "{}",
        stderr(&wrong)
    );
    assert!(!pdf.exists());

    let export = json(&run(&[
        "report",
        p,
        "--out",
        pdf.to_str().unwrap(),
        "--sign",
        "--format",
        "json",
    ]));
    assert_eq!(export["signed"], true);
    let verified = json(&run(&["verify", pdf.to_str().unwrap(), "--format", "json"]));
    assert_eq!(verified["valid"], true, "{verified:#}");
    assert_eq!(verified["verdicts"][0], "eu-ai-act: high_risk");

    // The report's text carries the verdict and citations.
    if let Ok(text) = Command::new("pdftotext").arg(&pdf).arg("-").output() {
        let text = String::from_utf8_lossy(&text.stdout);
        for needle in [
            "High-risk AI system",
            "Annex III 4(a)",
            "Art. 26(7)",
            "2027-12-02",
            "Łódź Logistics",
        ] {
            assert!(text.contains(needle), "{needle} is in the report text");
        }
        // Long hashes wrap inside their table cell; the text keeps every character.
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            compact.contains(&evidence_hash),
            "the evidence hash is in the report text"
        );
    }

    let identity: Value = serde_json::from_str(
        &std::fs::read_to_string(home.path().join("config/signing-identity.json")).unwrap(),
    )
    .unwrap();
    let cert = home.path().join("signer.pem");
    std::fs::write(&cert, identity["certificate_pem"].as_str().unwrap()).unwrap();
    let strict = std::env::var_os("CI").is_some();
    let have_pdfsig = tool_available("pdfsig");
    let have_pyhanko = pyhanko();
    assert!(
        !strict || (have_pdfsig && have_pyhanko.is_some()),
        "CI installs pdfsig and pyHanko"
    );
    if have_pdfsig {
        let (ok, text) = pdfsig_accepts(&pdf);
        assert!(ok, "pdfsig: {text}");
    }
    if let Some(tool) = &have_pyhanko {
        let (ok, text) = pyhanko_accepts(tool, &pdf, &cert);
        assert!(ok, "pyHanko: {text}");
    }

    // The tampered variants.
    let signed = std::fs::read(&pdf).unwrap();
    let find = |needle: &[u8], from: usize| {
        signed[from..]
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|p| p + from)
    };
    let contents = signed
        .windows(10)
        .rposition(|w| w == b"/Contents<")
        .unwrap();
    let contents_end = find(b">", contents).unwrap() + 1;
    let mut first_range = signed.clone();
    first_range[2000] ^= 0x01;
    let mut second_range = signed.clone();
    let date = find(b"D:2", contents_end).unwrap() + 4;
    second_range[date] = if second_range[date] == b'9' {
        b'8'
    } else {
        b'9'
    };
    let appended = append_update(&signed, |inc| {
        let info = match inc.get_prev_documents().trailer.get(b"Info").unwrap() {
            lopdf::Object::Reference(id) => *id,
            _ => unreachable!(),
        };
        inc.opt_clone_object_to_new_document(info).unwrap();
        let dict = inc
            .new_document
            .get_object_mut(info)
            .unwrap()
            .as_dict_mut()
            .unwrap();
        dict.set(
            "Title",
            lopdf::Object::string_literal("Edited after signing"),
        );
    });
    let swapped = append_update(&signed, |inc| {
        let prev = inc.get_prev_documents();
        let id = prev
            .objects
            .iter()
            .find(|(_, o)| {
                o.as_stream().is_ok_and(|s| {
                    s.dict.get(b"Type").ok().and_then(|t| t.as_name().ok())
                        == Some(b"EmbeddedFile".as_slice())
                })
            })
            .map(|(id, _)| *id)
            .unwrap();
        let mut dict = lopdf::Dictionary::new();
        dict.set("Type", lopdf::Object::Name(b"EmbeddedFile".to_vec()));
        inc.new_document.set_object(id, lopdf::Stream::new(dict, br#"{"assessments":[{"questionnaire":"eu-ai-act","verdict":{"risk_class":"minimal_risk"}}]}"#.to_vec()));
    });
    // Kept under target/ so people (and the closing note) can run the
    // validators on the same files.
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/report-samples");
    std::fs::create_dir_all(&samples).unwrap();
    std::fs::copy(&pdf, samples.join("signed.pdf")).unwrap();
    std::fs::copy(&cert, samples.join("signer.pem")).unwrap();
    for (name, bytes) in [
        ("first-range", first_range),
        ("second-range", second_range),
        ("appended-update", appended),
        ("swapped-json", swapped),
    ] {
        let file = samples.join(format!("tampered-{name}.pdf"));
        std::fs::write(&file, &bytes).unwrap();
        let out = run(&["verify", file.to_str().unwrap()]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "assay verify rejects {name}: {}",
            stdout(&out)
        );
        if have_pdfsig {
            let (ok, text) = pdfsig_accepts(&file);
            assert!(!ok, "pdfsig rejects {name}: {text}");
        }
        if let Some(tool) = &have_pyhanko {
            let (ok, text) = pyhanko_accepts(tool, &file, &cert);
            assert!(!ok, "pyHanko rejects {name}: {text}");
        }
    }
}
