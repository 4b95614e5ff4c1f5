//! The report as a client reads it: what each kind of report says, that a
//! provisional one says so on every page, that "final" and "nothing
//! assessed" are refused when they would not be true, and that a client's
//! countersignature verifies alongside the assessor's.

use std::path::{Path, PathBuf};

use assay_test_tools::{PDFSIG, PDFTOTEXT, require};
use serde_json::Value;

use crate::support::*;

/// The report's text, page by page (pdftotext separates pages with a form
/// feed).
fn pages(pdf: &Path, test: &str) -> Option<Vec<String>> {
    let tool = require(PDFTOTEXT, test)?;
    let out = std::process::Command::new(tool)
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Some(pages)
}

/// The pages' text with every run of whitespace as one space, so a phrase
/// is found wherever the layout broke its lines.
fn words(pages: &[String]) -> String {
    pages
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn project_from_sample(home: &Path, name: &str, sample_name: &str) -> PathBuf {
    let project = home.join(format!("{name}.assay"));
    let p = project.to_str().unwrap();
    let out = assay(
        home,
        &[
            "project",
            "new",
            p,
            "--template",
            "resume-screener",
            "--client",
            "Łódź Logistics B.V.",
            "--system",
            "CV ranker",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let answers = sample(sample_name);
    let out = assay(
        home,
        &["project", "import-answers", p, answers.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    project
}

fn export(home: &Path, project: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "report",
        project.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    assay(home, &args)
}

#[test]
fn provider_and_deployer_reports_say_what_each_must_do() {
    const TEST: &str = "provider_and_deployer_reports_say_what_each_must_do";
    let home = tempfile::tempdir().unwrap();
    let deployer = project_from_sample(home.path(), "deployer", "eu-ai-act-cv-screener-deployer");
    let provider = project_from_sample(home.path(), "provider", "eu-ai-act-cv-screener-provider");
    let p = deployer.to_str().unwrap();
    let register = json(&assay(
        home.path(),
        &["register", "list", p, "--format", "json"],
    ));
    let first = register[0]["entry"]["item_id"].as_str().unwrap().to_owned();
    let out = assay(
        home.path(),
        &[
            "register",
            "set",
            p,
            &first,
            "--status",
            "in_progress",
            "--owner",
            "Head of HR",
            "--target",
            "2027-06-30",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = assay(
        home.path(),
        &[
            "risk",
            "add",
            p,
            "--title",
            "Biased ranking of older applicants",
            "--likelihood",
            "4",
            "--impact",
            "5",
            "--owner",
            "HR",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));

    let deployer_pdf = home.path().join("deployer.pdf");
    let provider_pdf = home.path().join("provider.pdf");
    assert!(
        export(home.path(), &deployer, &deployer_pdf, &[])
            .status
            .success()
    );
    assert!(
        export(home.path(), &provider, &provider_pdf, &[])
            .status
            .success()
    );
    let Some(deployer_pages) = pages(&deployer_pdf, TEST) else {
        return;
    };
    let provider_pages = pages(&provider_pdf, TEST).unwrap();
    let text = words(&deployer_pages);
    for needle in [
        "1. Executive summary",
        "is a high-risk AI system (Art. 6(2) and Annex III 4(a))",
        "is its deployer",
        "whichever is higher (Art. 99(4))",
        "In force today",
        "Head of HR",
        "30 June 2027",
        "2 December 2027",
        "Fundamental-rights impact assessment (Art. 27): recommended",
        "Art. 27(1)(a)",
        "Data protection (GDPR) touchpoints",
        "Biased ranking of older applicants",
        "4 × 5 = 20",
        "Appendix: questions and answers",
        "Sign-off",
        "B.V. is its deployer",
    ] {
        assert!(text.contains(needle), "deployer report: `{needle}`");
    }
    for absent in [
        "B.V..",
        "placed_on_eu_market",
        "annex_iii_area",
        "deployer_in_eu",
        "`",
        "(Art. 4) (Art. 4)",
    ] {
        assert!(!text.contains(absent), "deployer report shows `{absent}`");
    }
    assert!(
        !text.contains("Annex IV(1)"),
        "no Annex IV checklist for a deployer"
    );
    let provider_text = words(&provider_pages);
    for needle in [
        "is its provider",
        "Technical documentation checklist (Art. 11, Annex IV)",
        "Annex IV(9)",
        "Art. 43",
    ] {
        assert!(
            provider_text.contains(needle),
            "provider report: `{needle}`"
        );
    }
    // A draft says so on every page, the cover included.
    assert!(
        deployer_pages
            .iter()
            .all(|p| p.contains("DRAFT: not yet issued as final"))
    );
}

#[test]
fn an_open_answer_makes_every_page_provisional_and_final_is_refused() {
    const TEST: &str = "an_open_answer_makes_every_page_provisional";
    let home = tempfile::tempdir().unwrap();
    let project = project_from_sample(home.path(), "open", "eu-ai-act-cv-screener-deployer");
    let p = project.to_str().unwrap();
    // "Not sure" whether the tool profiles people: the Art. 6(3) route opens.
    let out = assay(
        home.path(),
        &["project", "answer", p, "p_manipulation", "not_sure"],
    );
    assert!(out.status.success(), "{}", stderr(&out));

    let refused = home.path().join("final.pdf");
    let out = export(home.path(), &project, &refused, &["--final"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("a final report cannot be issued while"),
        "{}",
        stderr(&out)
    );
    assert!(!refused.exists());

    let pdf = home.path().join("draft.pdf");
    let out = export(home.path(), &project, &pdf, &["--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let Some(pages) = pages(&pdf, TEST) else {
        return;
    };
    assert!(pages.len() > 5);
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains("PROVISIONAL: 1 open question could change the conclusions"),
            "page {}",
            i + 1
        );
    }
    let text = words(&pages);
    assert!(text.contains("Open questions"));
    assert!(text.contains("Answered “not sure”"));
    assert!(
        text.contains("If “Yes”: the class would be “Prohibited practice”"),
        "the effect of the open answer is stated"
    );
    assert!(text.contains("Whether one applies to this system is still open"));
    assert!(!text.contains("no prohibited practice applies to this system"));
}

#[test]
fn a_project_with_nothing_assessed_gets_no_report() {
    let home = tempfile::tempdir().unwrap();
    let project = home.path().join("empty.assay");
    let out = assay(
        home.path(),
        &[
            "project",
            "new",
            project.to_str().unwrap(),
            "--template",
            "resume-screener",
        ],
    );
    assert!(out.status.success());
    let pdf = home.path().join("r.pdf");
    let out = export(home.path(), &project, &pdf, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("nothing has been assessed yet"),
        "{}",
        stderr(&out)
    );
    assert!(!pdf.exists());
}

#[test]
fn a_final_report_of_a_settled_verdict_is_recorded_in_the_audit_trail() {
    let home = tempfile::tempdir().unwrap();
    let project = signed_setup(home.path());
    let pdf = home.path().join("final.pdf");
    let out = export(
        home.path(),
        &project,
        &pdf,
        &["--sign", "--final", "--format", "json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let exported: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(exported["is_final"], true);
    let trail = json(&assay(
        home.path(),
        &[
            "project",
            "audit",
            project.to_str().unwrap(),
            "--format",
            "json",
        ],
    ));
    let export_entry = trail
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "report.export")
        .expect("the export is in the audit trail");
    assert_eq!(export_entry["detail"]["sha256"], exported["sha256"]);
    assert_eq!(export_entry["detail"]["file_name"], "final.pdf");
    assert_eq!(
        export_entry["detail"]["signer"],
        exported["signer_fingerprint"]
    );
}

#[test]
fn a_client_countersignature_verifies_with_the_assessors() {
    const TEST: &str = "a_client_countersignature_verifies_with_the_assessors";
    let assessor = tempfile::tempdir().unwrap();
    let project = signed_setup(assessor.path());
    let pdf = assessor.path().join("report.pdf");
    assert!(
        export(assessor.path(), &project, &pdf, &["--sign"])
            .status
            .success()
    );
    let cert = certificate(assessor.path());

    // The client, on their own computer, with their own identity.
    let client = tempfile::tempdir().unwrap();
    let out = assay(
        client.path(),
        &[
            "identity",
            "new",
            "--name",
            "Carl Client",
            "--organisation",
            "Łódź Logistics",
            "--email",
            "carl@example.com",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let accepted = client.path().join("accepted.pdf");
    let out = assay(
        client.path(),
        &[
            "countersign",
            pdf.to_str().unwrap(),
            "--out",
            accepted.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = assay(
        client.path(),
        &[
            "verify",
            accepted.to_str().unwrap(),
            "--expect-signer",
            cert.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let check: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(check["pdf"]["signatures"].as_array().unwrap().len(), 2);
    assert!(check["notes"].as_array().unwrap().iter().any(|n| {
        n.as_str()
            .unwrap()
            .contains("countersigned by CN=Carl Client")
    }));
    if let Some(pdfsig) = require(PDFSIG, TEST) {
        let out = std::process::Command::new(pdfsig)
            .arg(&accepted)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            text.matches("Signature Validation: Signature is Valid.")
                .count(),
            2,
            "{text}"
        );
    }

    // A report that does not verify is not countersigned.
    let mut bytes = std::fs::read(&pdf).unwrap();
    bytes[3000] ^= 1;
    let broken = client.path().join("broken.pdf");
    std::fs::write(&broken, bytes).unwrap();
    let refused = client.path().join("refused.pdf");
    let out = assay(
        client.path(),
        &[
            "countersign",
            broken.to_str().unwrap(),
            "--out",
            refused.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("does not verify"), "{}", stderr(&out));
    assert!(!refused.exists());
}
