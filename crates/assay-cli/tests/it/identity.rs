//! Signing identities: a CA-issued one imported from PKCS#12 signs reports
//! that verify as not self-signed, and the key on disk is always encrypted
//! and readable by its owner only.

use std::path::Path;
use std::process::Command;

use assay_test_tools::{OPENSSL, require};
use serde_json::Value;

use crate::support::*;

/// The stored identity file: an encrypted key, owner-only permissions.
fn assert_key_encrypted(home: &Path) {
    let path = home.join("config/signing-identity.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let stored: Value = serde_json::from_str(&text).unwrap();
    assert!(
        stored["encrypted_key_pem"]
            .as_str()
            .unwrap()
            .starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----")
    );
    assert!(!text.contains("BEGIN PRIVATE KEY") && !text.contains("BEGIN EC PRIVATE KEY"));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the identity file is the owner's only");
}

#[test]
fn a_new_identity_stores_its_key_encrypted() {
    let home = tempfile::tempdir().unwrap();
    signed_setup(home.path());
    assert_key_encrypted(home.path());
}

fn openssl(tool: &Path, dir: &Path, args: &[&str]) {
    let out = Command::new(tool)
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_identity_from_a_test_ca_imports_and_signs() {
    let Some(tool) = require(OPENSSL, "an_identity_from_a_test_ca_imports_and_signs") else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let ca = home.path();
    // A P-256 certificate authority and a leaf certificate it issues.
    openssl(
        &tool,
        ca,
        &[
            "ecparam",
            "-name",
            "prime256v1",
            "-genkey",
            "-noout",
            "-out",
            "ca.key",
        ],
    );
    openssl(
        &tool,
        ca,
        &[
            "req",
            "-x509",
            "-new",
            "-key",
            "ca.key",
            "-subj",
            "/CN=Test CA/O=Assay Tests",
            "-days",
            "30",
            "-out",
            "ca.pem",
        ],
    );
    openssl(
        &tool,
        ca,
        &[
            "ecparam",
            "-name",
            "prime256v1",
            "-genkey",
            "-noout",
            "-out",
            "leaf.key",
        ],
    );
    openssl(
        &tool,
        ca,
        &[
            "req",
            "-new",
            "-key",
            "leaf.key",
            "-subj",
            "/CN=Carla CA-Issued/O=Audit AG",
            "-out",
            "leaf.csr",
        ],
    );
    openssl(
        &tool,
        ca,
        &[
            "x509",
            "-req",
            "-in",
            "leaf.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "30",
            "-out",
            "leaf.pem",
        ],
    );
    openssl(
        &tool,
        ca,
        &[
            "pkcs12",
            "-export",
            "-inkey",
            "leaf.key",
            "-in",
            "leaf.pem",
            "-certfile",
            "ca.pem",
            "-keypbe",
            "AES-256-CBC",
            "-certpbe",
            "AES-256-CBC",
            "-macalg",
            "sha256",
            "-passout",
            "pass:p12 secret",
            "-out",
            "leaf.p12",
        ],
    );

    let import = |password: &str| {
        command(home.path())
            .args([
                "identity",
                "import",
                "leaf.p12",
                "--email",
                "carla@example.com",
                "--format",
                "json",
            ])
            .current_dir(ca)
            .env("ASSAY_P12_PASSWORD", password)
            .output()
            .unwrap()
    };
    let wrong = import("not it");
    assert_eq!(wrong.status.code(), Some(2), "{}", stderr(&wrong));
    assert!(
        stderr(&wrong).contains("wrong passphrase"),
        "{}",
        stderr(&wrong)
    );
    let imported = import("p12 secret");
    assert!(imported.status.success(), "{}", stderr(&imported));
    let info: Value = serde_json::from_str(&stdout(&imported)).unwrap();
    assert_eq!(info["name"], "Carla CA-Issued");
    assert_key_encrypted(home.path());

    let project = home.path().join("p.assay");
    let p = project.to_str().unwrap();
    assert!(
        assay(
            home.path(),
            &["project", "new", p, "--template", "resume-screener"]
        )
        .status
        .success()
    );
    let answers = sample("eu-ai-act-cv-screener-deployer");
    assert!(
        assay(
            home.path(),
            &["project", "import-answers", p, answers.to_str().unwrap()]
        )
        .status
        .success()
    );
    let pdf = home.path().join("r.pdf");
    let out = assay(
        home.path(),
        &["report", p, "--out", pdf.to_str().unwrap(), "--sign"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let leaf = ca.join("leaf.pem");
    let out = assay(
        home.path(),
        &[
            "verify",
            pdf.to_str().unwrap(),
            "--expect-signer",
            leaf.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let check: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let signature = &check["pdf"]["signatures"][0];
    assert_eq!(signature["self_signed"], false);
    assert!(
        signature["signer"]
            .as_str()
            .unwrap()
            .contains("Carla CA-Issued")
    );
}
