//! Saved work survives a crash: a writer saving answers, pruning answers,
//! adding evidence and creating projects is killed with SIGKILL at random
//! moments, again and again; afterwards every file passes its checks, holds
//! every operation the writer acknowledged, and shows no operation half
//! done.

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use assay_store::{OpenOptions, Project};

use crate::options;

/// What the crash rounds established.
#[derive(Debug)]
pub(crate) struct CrashOutcome {
    /// Operations the writer acknowledged, all found afterwards.
    pub(crate) acknowledged: usize,
    /// Projects the writer created, each complete.
    pub(crate) projects: usize,
    pub(crate) evidence: usize,
}

/// Runs `kills` crash rounds and checks the result (see the module doc).
pub(crate) fn crash_rounds(kills: usize, seed: u64) -> CrashOutcome {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.assay");
    let mut next: usize = 0;
    let mut rng = seed;
    for round in 0..kills {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        // Let it work for a random 5–60 ms after its first acknowledgement.
        let wait = Duration::from_millis(5 + rng % 56);
        if let Some(last) = one_round(&path, next, wait, round) {
            next = next.max(last + 1);
        }
    }
    check(dir.path(), &path, next)
}

/// Starts the writer at operation `start`, kills it, and returns the last
/// operation it acknowledged.
fn one_round(path: &Path, start: usize, wait: Duration, round: usize) -> Option<usize> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_assay-crash-writer"))
        .arg(path)
        .arg("100000")
        .arg(start.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (sender, receiver) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut last = None;
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(n) = line.strip_prefix("ack ") {
                if last.is_none() {
                    let _ = sender.send(());
                }
                last = Some(n.parse::<usize>().unwrap());
            }
        }
        last
    });
    let started = Instant::now();
    let _ = receiver.recv_timeout(Duration::from_secs(20));
    std::thread::sleep(wait);
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "round {round} hung"
    );
    reader.join().unwrap()
}

fn open_read_only(path: &Path) -> Project {
    Project::open(
        path,
        &OpenOptions {
            read_only: true,
            ..options(None)
        },
    )
    .unwrap_or_else(|e| panic!("{} opens: {e}", path.display()))
}

/// Every operation below `acknowledged` is there; nothing is half done.
fn check(dir: &Path, path: &Path, acknowledged: usize) -> CrashOutcome {
    let p = open_read_only(path);
    let v = p.verify().unwrap();
    assert!(v.ok(), "{v:?}");
    let a = &p.assessments().unwrap()[0];
    let present: HashSet<String> = p
        .answers(&a.id)
        .unwrap()
        .into_iter()
        .map(|x| x.question_id)
        .collect();
    let evidence = p.evidence().unwrap();
    let names: HashSet<&str> = evidence.iter().map(|e| e.file_name.as_str()).collect();
    for n in 0..acknowledged {
        match n % 4 {
            0 => assert!(present.contains(&format!("q{n:06}")), "answer {n} lost"),
            2 => assert!(
                names.contains(format!("e{n:06}.txt").as_str()),
                "evidence {n} lost"
            ),
            3 => {
                let new = dir.join(format!("new-{n:06}.assay"));
                assert!(new.exists(), "project {n} lost");
            }
            _ => {}
        }
    }
    // Saving p<n> and clearing p<n-4> is one step: exactly one remains.
    let pruned: Vec<&String> = present.iter().filter(|q| q.starts_with('p')).collect();
    let last_prune = (0..acknowledged).rev().find(|n| n % 4 == 1);
    if let Some(last) = last_prune {
        assert_eq!(pruned.len(), 1, "half-done prune: {pruned:?}");
        let kept: usize = pruned[0][1..].parse().unwrap();
        assert!(kept >= last, "acknowledged prune {last} lost");
    }
    assert!(
        evidence.iter().all(|e| e.links.len() == 1),
        "evidence saved without its link"
    );
    let projects = created_projects(dir);
    CrashOutcome {
        acknowledged,
        projects,
        evidence: evidence.len(),
    }
}

/// Every `new-*.assay` in `dir` opens complete, with its assessment.
fn created_projects(dir: &Path) -> usize {
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("new-") && name.ends_with(".assay") {
            let p = open_read_only(&path);
            assert_eq!(p.assessments().unwrap().len(), 1, "{name} is half made");
            assert!(p.verify().unwrap().ok(), "{name} fails verify");
            count += 1;
        }
    }
    count
}

#[test]
fn acknowledged_operations_survive_sigkill_and_none_is_half_done() {
    let outcome = crash_rounds(12, 0x5EED);
    assert!(
        outcome.acknowledged > 12 && outcome.evidence > 0 && outcome.projects > 0,
        "the writer made progress in every kind of operation ({outcome:?})"
    );
}
