//! Consultants work on air-gapped machines: the CLI's whole job, from a new
//! project to a signed and verified report, runs in a network namespace
//! with no network at all (`unshare -rn`).

use std::process::Command;

use assay_test_tools::{UNSHARE, require};

use crate::support::*;

#[test]
fn the_whole_job_runs_with_no_network() {
    let Some(unshare) = require(UNSHARE, "the_whole_job_runs_with_no_network") else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let offline = |args: &[&str]| {
        let out = Command::new(&unshare)
            .arg("-rn")
            .arg(env!("CARGO_BIN_EXE_assay"))
            .args(args)
            .env("ASSAY_HOME", home.path())
            .env("ASSAY_PASSPHRASE", PASSPHRASE)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?} offline: {}{}",
            stdout(&out),
            stderr(&out)
        );
        out
    };
    // The namespace really has no network: only a loopback that is down.
    let probe = Command::new(&unshare)
        .args(["-rn", "cat", "/proc/net/dev"])
        .output()
        .unwrap();
    let interfaces = String::from_utf8_lossy(&probe.stdout);
    assert!(probe.status.success(), "unshare -rn works here");
    assert_eq!(interfaces.lines().count(), 3, "only lo: {interfaces}");

    let project = home.path().join("air-gapped.assay");
    let p = project.to_str().unwrap();
    let answers = sample("eu-ai-act-cv-screener-deployer");
    offline(&["project", "new", p, "--template", "resume-screener"]);
    offline(&["project", "import-answers", p, answers.to_str().unwrap()]);
    offline(&[
        "identity",
        "new",
        "--name",
        "Ada",
        "--organisation",
        "Audit",
        "--email",
        "ada@example.com",
    ]);
    let pdf = home.path().join("report.pdf");
    offline(&["report", p, "--out", pdf.to_str().unwrap(), "--sign"]);
    let out = offline(&["verify", pdf.to_str().unwrap(), "--format", "json"]);
    let check: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(check["outcome"], "valid");
    offline(&["project", "verify", p]);
    offline(&["demo", "--out", home.path().join("demo").to_str().unwrap()]);
}
