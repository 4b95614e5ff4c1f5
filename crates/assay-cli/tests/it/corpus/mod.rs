//! The bad-input corpus: what a hostile or unlucky user gives Assay. Every
//! case runs the real binary on real files in a folder of its own and must
//! end with the documented exit code, a message naming the file and the
//! problem, no panic, and not one byte changed anywhere in that folder
//! except the command's own output.

use std::ffi::OsString;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

use crate::support::*;

/// What a case prepares in its folder before the command runs.
type Prepare = Box<dyn Fn(&Path) -> Vec<OsString> + Sync + Send>;

struct Case {
    name: &'static str,
    prepare: Prepare,
    code: i32,
    /// Fragments the output (stderr, then stdout) must contain.
    says: &'static [&'static str],
    /// The paths, relative to the case folder, the command may write.
    output: &'static [&'static str],
    /// A path, relative to the case folder, another process holds locked
    /// while the command runs.
    locked: Option<&'static str>,
    /// An environment variable set for this case only.
    env: Option<(&'static str, &'static str)>,
}

fn case(
    name: &'static str,
    code: i32,
    says: &'static [&'static str],
    prepare: impl Fn(&Path) -> Vec<OsString> + Sync + Send + 'static,
) -> Case {
    Case {
        name,
        prepare: Box::new(prepare),
        code,
        says,
        output: &[],
        locked: None,
        env: None,
    }
}

impl Case {
    fn writes(mut self, output: &'static [&'static str]) -> Self {
        self.output = output;
        self
    }

    fn with_env(mut self, name: &'static str, value: &'static str) -> Self {
        self.env = Some((name, value));
        self
    }

    fn while_locked(mut self, path: &'static str) -> Self {
        self.locked = Some(path);
        self
    }
}

fn args(dir: &Path, parts: &[&str]) -> Vec<OsString> {
    parts
        .iter()
        .map(|p| match p.strip_prefix('@') {
            Some(rel) => dir.join(rel).into_os_string(),
            None => OsString::from(p),
        })
        .collect()
}

/// `@name` in a case's arguments is a path inside its folder.
macro_rules! cmd {
    ($($part:expr),* $(,)?) => {
        move |dir: &Path| args(dir, &[$($part),*])
    };
}

mod answers;
mod evidence;
mod identities;
mod projects;
mod reports;

/// The base every case starts from: `p.assay` (the résumé-screener
/// template with the deployer sample answered, one evidence file linked),
/// a signing identity, a signed report `report.pdf` and `policy.txt`.
struct Base {
    dir: tempfile::TempDir,
    evidence_id: String,
    duty: String,
}

fn base() -> &'static Base {
    static BASE: OnceLock<Base> = OnceLock::new();
    BASE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        std::fs::create_dir(&home).unwrap();
        let project = signed_setup(&home);
        std::fs::rename(&project, dir.path().join("p.assay")).unwrap();
        let p = dir.path().join("p.assay");
        let policy = dir.path().join("policy.txt");
        std::fs::write(&policy, "hiring policy, version 3").unwrap();
        let added = json(&assay(
            &home,
            &[
                "evidence",
                "add",
                p.to_str().unwrap(),
                policy.to_str().unwrap(),
                "--format",
                "json",
            ],
        ));
        let register = json(&assay(
            &home,
            &["register", "list", p.to_str().unwrap(), "--format", "json"],
        ));
        let report = dir.path().join("report.pdf");
        let out = assay(
            &home,
            &[
                "report",
                p.to_str().unwrap(),
                "--out",
                report.to_str().unwrap(),
                "--sign",
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        // Backups are Assay's own copies, not something a case may change.
        let _ = std::fs::remove_dir_all(home.join("data/backups"));
        Base {
            evidence_id: added["id"].as_str().unwrap().to_owned(),
            duty: register[0]["entry"]["item_id"].as_str().unwrap().to_owned(),
            dir,
        }
    })
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

fn fifo(dir: &Path, name: &str) {
    let status = Command::new("mkfifo").arg(dir.join(name)).status().unwrap();
    assert!(status.success());
}

fn sqlite(dir: &Path, name: &str, sql: &str) {
    let conn = rusqlite::Connection::open(dir.join(name)).unwrap();
    conn.execute_batch(sql).unwrap();
}

fn corpus() -> Vec<Case> {
    let mut cases = projects::project_files();
    cases.extend(answers::answers());
    cases.extend(evidence::evidence());
    cases.extend(reports::reports());
    cases.extend(identities::identities_and_registers());
    cases
}

/// Another process holding the lock Assay takes on a project.
fn hold_lock(path: &Path) -> Child {
    let mut child = Command::new("flock")
        .arg("--exclusive")
        .arg(path)
        .args(["--command", "echo locked; exec sleep 60"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "locked");
    child
}

/// Runs one case; returns what went wrong, if anything.
fn run(case: &Case) -> Option<String> {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    copy_dir(base().dir.path(), dir);
    let args = (case.prepare)(dir);
    let skip: Vec<&str> = ["home/data/backups"]
        .into_iter()
        .chain(case.output.iter().copied())
        .collect();
    let before = snapshot(dir, &skip);
    let mut holder = case.locked.map(|p| hold_lock(&dir.join(p)));
    let mut cmd = command(&dir.join("home"));
    cmd.current_dir(dir).args(&args);
    if let Some((name, value)) = case.env {
        cmd.env(name, value);
    }
    let out = cmd.output().unwrap();
    if let Some(child) = holder.as_mut() {
        child.kill().unwrap();
        child.wait().unwrap();
    }
    let after = snapshot(dir, &skip);
    let (stdout, stderr) = (stdout(&out), stderr(&out));
    let text = format!("{stderr}{stdout}");
    let mut wrong = Vec::new();
    if out.status.code() != Some(case.code) {
        wrong.push(format!(
            "exit {:?}, expected {}",
            out.status.code(),
            case.code
        ));
    }
    if text.contains("panicked") || text.contains("RUST_BACKTRACE") {
        wrong.push("it panicked".to_owned());
    }
    for fragment in case.says {
        if !text.contains(fragment) {
            wrong.push(format!("the output does not say `{fragment}`"));
        }
    }
    if case.code != 0 && !stderr.starts_with("assay: ") {
        wrong.push("the error is not on stderr as `assay: …`".to_owned());
    }
    if before != after {
        let changed: Vec<_> = after
            .iter()
            .filter(|(k, v)| before.get(*k) != Some(v))
            .map(|(k, _)| k.clone())
            .chain(before.keys().filter(|k| !after.contains_key(*k)).cloned())
            .collect();
        wrong.push(format!("files changed: {changed:?}"));
    }
    for output in case.output {
        if !dir.join(output).is_file() {
            wrong.push(format!("{output} was not written"));
        }
    }
    (!wrong.is_empty()).then(|| {
        format!(
            "{}: {}\n    stderr: {}",
            case.name,
            wrong.join("; "),
            stderr.trim()
        )
    })
}

#[test]
fn every_bad_input_gets_a_clear_error_and_changes_nothing() {
    let cases = corpus();
    assert!(cases.len() >= 60, "the corpus has {} cases", cases.len());
    let failures: Vec<String> = cases.iter().filter_map(run).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let home = tempfile::tempdir().unwrap();
    let mut child = command(home.path())
        .args(["kb", "list", "nist-800-53r5", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reading end is closed here, with most of the output unwritten.
    let out = child.wait_with_output().unwrap();
    assert_eq!(first.trim(), "[");
    assert_eq!(stderr(&out), "", "no panic and no message");
    use std::os::unix::process::ExitStatusExt;
    assert!(
        out.status.code() == Some(141) || out.status.signal() == Some(13),
        "{:?}",
        out.status
    );
}
