//! `cargo bench -p assay-store --bench store`: the numbers the project-file
//! issue asks for, measured in one run so ratios are fair on a noisy
//! machine. Prints the numbers; fails loudly when a run fails or a
//! reference tool is missing.
//!
//! - autosave cost per answer against a bare rusqlite INSERT + COMMIT with
//!   the same pragmas;
//! - adding a large evidence file (default 2 GiB; ASSAY_BENCH_EVIDENCE_MB):
//!   throughput and peak memory, and `sha256sum` on the same file;
//! - opening a project with 10,000 answers and that evidence;
//! - SIGKILL crash rounds (ASSAY_BENCH_KILLS, default 100).

use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use assay_store::{
    AnswerInput, Engagement, NewAssessment, OpenOptions, Project, Provenance, Stamp,
};
use chrono::{TimeZone, Utc};

fn main() {
    let dir = tempfile::Builder::new()
        .prefix("assay-bench-")
        .tempdir_in(std::env::var("ASSAY_BENCH_DIR").unwrap_or_else(|_| "/tmp".into()))
        .unwrap();
    let stamp = Stamp::new(
        Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0)
            .single()
            .unwrap(),
        "bench",
    );
    autosave(dir.path(), &stamp);
    big_project(dir.path(), &stamp);
    crash_rounds();
}

const BENCH_ASSESSMENT: NewAssessment<'static> = NewAssessment {
    questionnaire: "bench",
    questionnaire_version: "1",
    kb_version: "1",
    kb_hash: "x",
};

fn engagement() -> Engagement {
    Engagement {
        client: "Bench".into(),
        system_name: "Bench".into(),
        system_description: String::new(),
        assessor: "bench".into(),
        start_date: None,
        end_date: None,
        template: "blank".into(),
        reviewer: String::new(),
        interviewees: Vec::new(),
    }
}

fn answer(n: usize) -> AnswerInput {
    AnswerInput {
        question_id: format!("q{n:06}"),
        value: serde_json::json!(format!("answer {n}")),
        note: String::new(),
        provenance: Provenance::ClientAsserted,
    }
}

fn autosave(dir: &Path, stamp: &Stamp) {
    let n = 1000;
    let path = dir.join("autosave.assay");
    let mut p = Project::create(&path, &engagement(), &[BENCH_ASSESSMENT], stamp, "bench").unwrap();
    let a = p.assessments().unwrap()[0].id.clone();

    let bare_path = dir.join("bare.sqlite");
    let bare = rusqlite::Connection::open(&bare_path).unwrap();
    bare.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;
         CREATE TABLE answer (assessment_id TEXT, question_id TEXT, value TEXT, PRIMARY KEY (assessment_id, question_id)) STRICT;",
    )
    .unwrap();

    // Interleave the two so drift on the machine hits both alike.
    let (mut ours, mut theirs) = (Duration::ZERO, Duration::ZERO);
    for i in 0..n {
        let t = Instant::now();
        p.save_answers(&a, &[answer(i)], stamp).unwrap();
        ours += t.elapsed();
        let t = Instant::now();
        bare.execute_batch("BEGIN IMMEDIATE").unwrap();
        bare.execute(
            "INSERT INTO answer VALUES (?1, ?2, ?3)",
            rusqlite::params![a, format!("q{i:06}"), format!("\"answer {i}\"")],
        )
        .unwrap();
        bare.execute_batch("COMMIT").unwrap();
        theirs += t.elapsed();
    }
    let per = |d: Duration| d.as_secs_f64() * 1e6 / n as f64;
    println!(
        "autosave: {:.0} µs per answer (audited, one transaction each) vs bare INSERT+COMMIT {:.0} µs: ratio {:.2}",
        per(ours),
        per(theirs),
        ours.as_secs_f64() / theirs.as_secs_f64()
    );
}

/// Peak resident memory of this process since the last reset, in MiB.
fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn reset_peak_rss() {
    // Linux: writing 5 to clear_refs resets the peak-RSS watermark.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn big_project(dir: &Path, stamp: &Stamp) {
    let mb: u64 = std::env::var("ASSAY_BENCH_EVIDENCE_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2048);
    let size = mb << 20;
    let evidence = dir.join("evidence.bin");
    {
        let mut f = std::io::BufWriter::new(File::create(&evidence).unwrap());
        let mut block = vec![0u8; 1 << 20];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..mb {
            for b in block.iter_mut() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                *b = state as u8;
            }
            f.write_all(&block).unwrap();
        }
        f.flush().unwrap();
    }

    let path = dir.join("big.assay");
    let mut p = Project::create(&path, &engagement(), &[BENCH_ASSESSMENT], stamp, "bench").unwrap();
    let a = p.assessments().unwrap()[0].id.clone();
    let answers: Vec<AnswerInput> = (0..10_000).map(answer).collect();
    p.save_answers(&a, &answers, stamp).unwrap();

    reset_peak_rss();
    let before = peak_rss_mib();
    let t = Instant::now();
    let mut file = File::open(&evidence).unwrap();
    let info = p
        .add_evidence(
            &mut file,
            size,
            &assay_store::NewEvidence {
                file_name: "evidence.bin".into(),
                media_type: "application/octet-stream".into(),
                ..assay_store::NewEvidence::default()
            },
            stamp,
            &mut |_| {},
        )
        .unwrap();
    let add = t.elapsed();
    let peak = peak_rss_mib();
    drop(p);

    let t = Instant::now();
    // The reference tool must be there and agree; a benchmark that cannot
    // compare says so by failing, never by printing a number.
    let out = Command::new("sha256sum")
        .arg(&evidence)
        .output()
        .expect("sha256sum (coreutils) is installed");
    let sha256sum = t.elapsed();
    assert!(out.status.success(), "sha256sum failed");
    let agrees = String::from_utf8_lossy(&out.stdout).starts_with(&info.sha256);
    assert!(agrees, "the stored SHA-256 differs from sha256sum's");

    let t = Instant::now();
    {
        use sha2::Digest;
        let mut hasher = sha2::Sha256::new();
        std::io::copy(&mut File::open(&evidence).unwrap(), &mut hasher).unwrap();
        std::hint::black_box(hasher.finalize());
    }
    let hash_only = t.elapsed();

    let mib = size as f64 / (1 << 20) as f64;
    println!(
        "evidence: {mb} MiB added in {:.1} s ({:.0} MiB/s, hashed while stored); peak RSS {:.1} MiB (was {:.1} MiB before); sha256 matches sha256sum: {agrees}",
        add.as_secs_f64(),
        mib / add.as_secs_f64(),
        peak,
        before
    );
    println!(
        "hashing the same file: sha2 crate {:.0} MiB/s, sha256sum {:.0} MiB/s (ratio {:.2})",
        mib / hash_only.as_secs_f64(),
        mib / sha256sum.as_secs_f64(),
        sha256sum.as_secs_f64() / hash_only.as_secs_f64()
    );

    let options = OpenOptions {
        read_only: false,
        backup_dir: None,
        now: stamp.at,
        app_version: "bench".into(),
    };
    let mut opens = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let p = Project::open(&path, &options).unwrap();
        opens.push(t.elapsed());
        std::hint::black_box(p.answers(&a).unwrap().len());
        drop(p);
    }
    opens.sort();
    let file_mib = std::fs::metadata(&path).unwrap().len() as f64 / (1 << 20) as f64;
    println!(
        "open ({file_mib:.0} MiB file, 10,000 answers): median {:.1} ms, min {:.1} ms (header, lock and the first tables' pages; no full-file check; no backup)",
        opens[2].as_secs_f64() * 1e3,
        opens[0].as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let with_backup = OpenOptions {
        backup_dir: Some(dir.join("backups")),
        ..options.clone()
    };
    let p = Project::open(&path, &with_backup).unwrap();
    let opened = t.elapsed();
    drop(p);
    println!(
        "open with the automatic backup: usable after {:.1} ms; the backup of the whole file, on its own connection, done after {:.1} s",
        opened.as_secs_f64() * 1e3,
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let p = Project::open(
        &path,
        &OpenOptions {
            read_only: true,
            ..options
        },
    )
    .unwrap();
    let v = p.verify().unwrap();
    assert!(v.ok(), "the benchmark project verifies: {v:?}");
    println!(
        "verify (full integrity_check + audit chain): {:.1} s, ok: {}",
        t.elapsed().as_secs_f64(),
        v.ok()
    );
}

/// The crash rounds of the test suite, many more of them, timed.
#[path = "../tests/it/crash.rs"]
mod crash;

/// What the shared crash module expects at the crate root.
fn options(backups: Option<&Path>) -> OpenOptions {
    OpenOptions {
        read_only: false,
        backup_dir: backups.map(Path::to_path_buf),
        now: Utc::now(),
        app_version: "bench".into(),
    }
}

fn crash_rounds() {
    let kills: usize = std::env::var("ASSAY_BENCH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let t = Instant::now();
    // Panics if integrity, the audit chain, any acknowledged operation or
    // any half-done operation fails the checks.
    let outcome = crash::crash_rounds(kills, 0xC0FFEE);
    println!(
        "crash: {kills} SIGKILLs in {:.0} s; {} acknowledged operations (answers, pruning answers, evidence, new projects) all present, 0 lost; 0 half done ({} evidence files each with its link, {} created projects each complete); integrity ok; audit chain intact",
        t.elapsed().as_secs_f64(),
        outcome.acknowledged,
        outcome.evidence,
        outcome.projects,
    );
}
