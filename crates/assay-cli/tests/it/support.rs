//! Running the real `assay` binary, and looking at what it left on disk.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use sha2::{Digest, Sha256};

/// The passphrase the tests' signing identities use.
pub(crate) const PASSPHRASE: &str = "correct horse battery staple";

/// `assay ARGS` with its own home folder, so nothing outside it is touched.
pub(crate) fn assay(home: &Path, args: &[&str]) -> Output {
    command(home)
        .args(args)
        .output()
        .expect("the assay binary runs")
}

/// The command with `ASSAY_HOME` and the test passphrase set, and no
/// terminal to prompt on.
pub(crate) fn command(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_assay"));
    cmd.env("ASSAY_HOME", home)
        .env("ASSAY_PASSPHRASE", PASSPHRASE)
        .env_remove("ASSAY_P12_PASSWORD")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null());
    cmd
}

pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The JSON a successful command printed.
pub(crate) fn json(output: &Output) -> Value {
    assert!(output.status.success(), "{}", stderr(output));
    serde_json::from_str(&stdout(output)).unwrap()
}

/// A shipped sample answer file.
pub(crate) fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../../assets/questionnaires/samples/{name}.json"))
}

pub(crate) fn copy_dir(from: &Path, to: &Path) {
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

/// Every file under `dir` (following no links) with a hash of its bytes, or
/// of its link target or kind for what is not a regular file.
pub(crate) fn snapshot(dir: &Path, skip: &[&str]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    walk(dir, dir, skip, &mut out);
    out
}

fn walk(root: &Path, dir: &Path, skip: &[&str], out: &mut BTreeMap<String, String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if skip
            .iter()
            .any(|s| rel == *s || rel.starts_with(&format!("{s}/")))
        {
            continue;
        }
        let meta = std::fs::symlink_metadata(&path).unwrap();
        let kind = meta.file_type();
        let value = if kind.is_symlink() {
            format!("link to {}", std::fs::read_link(&path).unwrap().display())
        } else if kind.is_dir() {
            walk(root, &path, skip, out);
            "folder".to_owned()
        } else if kind.is_file() {
            hex(&Sha256::digest(std::fs::read(&path).unwrap()))
        } else {
            "special file".to_owned()
        };
        out.insert(rel, value);
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A project made from the résumé-screener template with the deployer
/// sample answered, and an identity to sign with.
pub(crate) fn signed_setup(home: &Path) -> PathBuf {
    let project = home.join("client.assay");
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
            "Łódź Logistics",
            "--assessor",
            "Ada",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let answers = sample("eu-ai-act-cv-screener-deployer");
    let out = assay(
        home,
        &["project", "import-answers", p, answers.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = assay(
        home,
        &[
            "identity",
            "new",
            "--name",
            "Ada Assessor",
            "--organisation",
            "Zürich Audit AG",
            "--email",
            "ada@example.com",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    project
}

/// The stored identity's certificate, written out as PEM.
pub(crate) fn certificate(home: &Path) -> PathBuf {
    let identity: Value = serde_json::from_str(
        &std::fs::read_to_string(home.join("config/signing-identity.json")).unwrap(),
    )
    .unwrap();
    let cert = home.join("signer.pem");
    std::fs::write(&cert, identity["certificate_pem"].as_str().unwrap()).unwrap();
    cert
}

/// Runs SQL on a project behind Assay's back, as someone holding the file
/// (but not the signing key) could.
pub(crate) fn edit_behind_assays_back(project: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(project).unwrap();
    // An attacker is not bound by the schema's foreign keys.
    conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
    conn.execute_batch(sql).unwrap();
}
