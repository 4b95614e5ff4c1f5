//! Signed reports: independent validators accept them, every kind of
//! tampering is rejected for the reason it is, and `assay verify` exits as
//! documented (0 valid, 1 invalid, 2 unreadable, 3 untrusted signer).

use std::path::Path;
use std::process::Output;

use assay_test_tools::{PDFSIG, PDFTOTEXT, QPDF, require, require_pyhanko};
use serde_json::Value;

use crate::support::*;

/// pdfsig's acceptance: a valid signature that covers the whole document.
fn pdfsig_accepts(tool: &Path, pdf: &Path) -> (bool, String) {
    let out = std::process::Command::new(tool).arg(pdf).output().unwrap();
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

fn verify_json(home: &Path, pdf: &Path, extra: &[&str]) -> (Option<i32>, Value) {
    let mut args = vec!["verify", pdf.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    let out = assay(home, &args);
    let value = serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("verify prints JSON ({e}): {}{}", stdout(&out), stderr(&out)));
    (out.status.code(), value)
}

fn export(home: &Path, project: &Path, pdf: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "report",
        project.to_str().unwrap(),
        "--out",
        pdf.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    assay(home, &args)
}

fn problems(check: &Value) -> Vec<String> {
    check["pdf"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn signed_report_passes_independent_validators_and_every_tampering_fails_them() {
    const TEST: &str = "signed_report_passes_independent_validators";
    let home = tempfile::tempdir().unwrap();
    let project = signed_setup(home.path());
    let evidence = home.path().join("vendor-dpia.txt");
    std::fs::write(&evidence, "DPIA summary from the vendor").unwrap();
    let added = json(&assay(
        home.path(),
        &[
            "evidence",
            "add",
            project.to_str().unwrap(),
            evidence.to_str().unwrap(),
            "--format",
            "json",
        ],
    ));
    let evidence_hash = added["sha256"].as_str().unwrap().to_owned();

    // A wrong passphrase is named, and nothing is written.
    let pdf = home.path().join("report.pdf");
    let wrong = command(home.path())
        .args(["report", project.to_str().unwrap(), "--out"])
        .arg(&pdf)
        .arg("--sign")
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

    let exported = json(&export(
        home.path(),
        &project,
        &pdf,
        &["--sign", "--format", "json"],
    ));
    assert_eq!(exported["signed"], true);
    let cert = certificate(home.path());
    let (code, check) = verify_json(
        home.path(),
        &pdf,
        &["--expect-signer", cert.to_str().unwrap()],
    );
    assert_eq!(code, Some(0), "{check:#}");
    assert_eq!(check["outcome"], "valid");
    assert_eq!(check["pdf"]["verdicts"][0], "eu-ai-act: high_risk");
    assert_eq!(check["pdf"]["data_matches"], true);
    assert_eq!(
        check["pdf"]["signatures"][0]["fingerprint"],
        exported["signer_fingerprint"]
    );

    // The export is recorded in the project with the audit head it sealed.
    let info = json(&assay(
        home.path(),
        &["project", "export-json", project.to_str().unwrap()],
    ));
    let report = &info["reports"].as_array().unwrap()[0];
    assert_eq!(report["sha256"], hex_of_file(&pdf));
    assert!(report["audit_seq"].as_i64().unwrap() > 0);
    assert_eq!(info["seals"].as_array().unwrap().len(), 1);

    if let Some(pdftotext) = require(PDFTOTEXT, TEST) {
        let text = std::process::Command::new(pdftotext)
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&text.stdout);
        for needle in [
            "High-risk AI system",
            "Annex III 4(a)",
            "Art. 26(7)",
            "2 December 2027",
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
    // qpdf finds no syntax or stream error in the deliverable.
    if let Some(qpdf) = require(QPDF, TEST) {
        let out = std::process::Command::new(qpdf)
            .arg("--check")
            .arg(&pdf)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "qpdf --check: {text}");
        assert!(
            text.contains("No syntax or stream encoding errors found"),
            "{text}"
        );
    }
    let pdfsig = require(PDFSIG, TEST);
    let pyhanko = require_pyhanko(TEST);
    if let Some(tool) = &pdfsig {
        let (ok, text) = pdfsig_accepts(tool, &pdf);
        assert!(ok, "pdfsig: {text}");
    }
    if let Some(tool) = &pyhanko {
        let (ok, text) = pyhanko_accepts(tool, &pdf, &cert);
        assert!(ok, "pyHanko: {text}");
    }

    // Kept under target/ so people (and the closing note) can run the
    // validators on the same files.
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/report-samples");
    std::fs::create_dir_all(&samples).unwrap();
    std::fs::copy(&pdf, samples.join("signed.pdf")).unwrap();
    std::fs::copy(&cert, samples.join("signer.pem")).unwrap();
    let signed = std::fs::read(&pdf).unwrap();
    for (name, bytes, reasons) in tampered_variants(&signed) {
        let file = samples.join(format!("tampered-{name}.pdf"));
        std::fs::write(&file, &bytes).unwrap();
        let (code, check) = verify_json(home.path(), &file, &[]);
        assert_eq!(code, Some(1), "assay verify rejects {name}: {check:#}");
        assert_eq!(check["outcome"], "invalid");
        let found = problems(&check);
        for reason in reasons {
            assert!(
                found.iter().any(|p| p.contains(reason)),
                "{name}: `{reason}` in {found:#?}"
            );
        }
        if let Some(tool) = &pdfsig {
            let (ok, text) = pdfsig_accepts(tool, &file);
            assert!(!ok, "pdfsig rejects {name}: {text}");
        }
        if let Some(tool) = &pyhanko {
            let (ok, text) = pyhanko_accepts(tool, &file, &cert);
            assert!(!ok, "pyHanko rejects {name}: {text}");
        }
    }
}

fn hex_of_file(path: &Path) -> String {
    use sha2::Digest;
    hex(&sha2::Sha256::digest(std::fs::read(path).unwrap()))
}

/// Each tampering, and the problems `assay verify` must name for it.
fn tampered_variants(signed: &[u8]) -> Vec<(&'static str, Vec<u8>, Vec<&'static str>)> {
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
    let mut first_range = signed.to_vec();
    first_range[2000] ^= 0x01;
    let mut second_range = signed.to_vec();
    let date = find(b"D:2", contents_end).unwrap() + 4;
    second_range[date] = if second_range[date] == b'9' {
        b'8'
    } else {
        b'9'
    };
    let appended = append_update(signed, |inc| {
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
    let swapped = append_update(signed, |inc| {
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
    const CHANGED: &str = "the signed digest does not match the file";
    vec![
        ("first-range", first_range, vec![CHANGED]),
        ("second-range", second_range, vec![CHANGED]),
        ("appended-update", appended, vec!["added after signing"]),
        (
            "swapped-json",
            swapped,
            vec![
                "added after signing",
                "the embedded report data does not match what was signed",
            ],
        ),
    ]
}

#[test]
fn verify_exit_codes_follow_the_signer_and_the_trust_list() {
    let home = tempfile::tempdir().unwrap();
    let project = signed_setup(home.path());
    let pdf = home.path().join("report.pdf");
    assert!(
        export(home.path(), &project, &pdf, &["--sign"])
            .status
            .success()
    );
    let cert = certificate(home.path());

    // Another computer: the signer is unknown there until trusted.
    let other = tempfile::tempdir().unwrap();
    let (code, check) = verify_json(other.path(), &pdf, &[]);
    assert_eq!(code, Some(3), "{check:#}");
    assert_eq!(check["outcome"], "valid_untrusted");
    assert!(
        check["notes"][0]
            .as_str()
            .unwrap()
            .contains("not in your trust list")
    );
    let (code, _) = verify_json(
        other.path(),
        &pdf,
        &["--expect-signer", cert.to_str().unwrap()],
    );
    assert_eq!(code, Some(0));
    let impostor = "00".repeat(32);
    let (code, check) = verify_json(other.path(), &pdf, &["--expect-signer", &impostor]);
    assert_eq!(code, Some(3));
    assert_eq!(check["expected_signer"], false);
    assert!(
        assay(other.path(), &["trust", "add", cert.to_str().unwrap()])
            .status
            .success()
    );
    let (code, check) = verify_json(other.path(), &pdf, &["--reassess"]);
    assert_eq!(code, Some(0), "{check:#}");
    assert_eq!(check["trusted"], true);
    let line = check["reassessment"][0].as_str().unwrap();
    assert!(line.contains("recomputed now high_risk"), "{line}");
    assert!(
        assay(
            other.path(),
            &[
                "trust",
                "remove",
                check["pdf"]["signatures"][0]["fingerprint"]
                    .as_str()
                    .unwrap()
            ]
        )
        .status
        .success()
    );
    let (code, _) = verify_json(other.path(), &pdf, &[]);
    assert_eq!(code, Some(3));

    // A demonstration signature is never a deliverable.
    let demo = home.path().join("demo.pdf");
    assert!(
        export(home.path(), &project, &demo, &["--demo-identity"])
            .status
            .success()
    );
    let (code, check) = verify_json(home.path(), &demo, &[]);
    assert_eq!(code, Some(3));
    assert_eq!(check["pdf"]["signatures"][0]["demo"], true);
    assert!(
        check["notes"][0]
            .as_str()
            .unwrap()
            .contains("demonstration identity")
    );

    // Not a PDF at all is unreadable input, not a tampered report.
    let text = home.path().join("notes.pdf");
    std::fs::write(&text, "just some notes").unwrap();
    let out = assay(home.path(), &["verify", text.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("notes.pdf"), "{}", stderr(&out));

    // An unsigned report is intact but proves nothing.
    let unsigned = home.path().join("unsigned.pdf");
    assert!(
        export(home.path(), &project, &unsigned, &[])
            .status
            .success()
    );
    let (code, check) = verify_json(home.path(), &unsigned, &[]);
    assert_eq!(code, Some(1));
    assert!(
        problems(&check)
            .iter()
            .any(|p| p == "the file carries no signature")
    );
}

#[test]
fn a_tampered_project_is_refused_even_for_a_demo_report() {
    let home = tempfile::tempdir().unwrap();
    let project = signed_setup(home.path());
    edit_behind_assays_back(&project, "UPDATE engagement SET client = 'Someone Else'");
    let pdf = home.path().join("demo.pdf");
    let out = export(home.path(), &project, &pdf, &["--demo-identity"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the project fails verification"),
        "{}",
        stderr(&out)
    );
    assert!(!pdf.exists());
}
