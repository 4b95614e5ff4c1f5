//! Saved work survives a crash: a writer answering questions is killed with
//! SIGKILL at random moments, again and again; afterwards the file passes
//! its integrity check and holds every answer the writer acknowledged.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use assay_store::{OpenOptions, Project};

use crate::options;

/// Runs `kills` crash rounds; returns (acknowledged answers, answers present).
pub(crate) fn crash_rounds(kills: usize, seed: u64) -> (usize, usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.assay");
    let writer = env!("CARGO_BIN_EXE_assay-crash-writer");
    let mut acknowledged: usize = 0;
    let mut rng = seed;
    for round in 0..kills {
        let mut child = Command::new(writer)
            .arg(&path)
            .arg("100000")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        // Let it write for a random 5–60 ms after its first acknowledgement.
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let wait = Duration::from_millis(5 + rng % 56);
        let (sender, receiver) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut last = None;
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(n) = line.strip_prefix("ack ") {
                    let n: usize = n.parse().unwrap();
                    if last.is_none() {
                        let _ = sender.send(());
                    }
                    last = Some(n);
                }
            }
            last
        });
        let started = Instant::now();
        let _ = receiver.recv_timeout(Duration::from_secs(20));
        std::thread::sleep(wait);
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let last = reader.join().unwrap();
        if let Some(last) = last {
            acknowledged = acknowledged.max(last + 1);
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "round {round} hung"
        );
    }
    let p = Project::open(
        &path,
        &OpenOptions {
            read_only: true,
            ..options(None)
        },
    )
    .unwrap();
    let v = p.verify().unwrap();
    assert_eq!(v.integrity, "ok");
    assert!(v.first_broken.is_none(), "{:?}", v.first_broken);
    let a = &p.assessments().unwrap()[0];
    let present: std::collections::HashSet<String> = p
        .answers(&a.id)
        .unwrap()
        .into_iter()
        .map(|x| x.question_id)
        .collect();
    for n in 0..acknowledged {
        assert!(
            present.contains(&format!("q{n:06}")),
            "acknowledged answer {n} is missing after a crash"
        );
    }
    (acknowledged, present.len())
}

#[test]
fn acknowledged_answers_survive_sigkill() {
    let (acknowledged, present) = crash_rounds(12, 0x5EED);
    assert!(
        acknowledged > 12,
        "the writer made progress ({acknowledged})"
    );
    assert!(present >= acknowledged);
}
