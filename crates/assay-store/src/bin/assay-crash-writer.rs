//! A test harness, not a product binary: performs `count` operations on a
//! project, starting at operation `start`, one durable transaction each,
//! printing `ack <n>` on stdout only after operation `n` returned. The
//! crash test kills it with SIGKILL at random moments and then checks that
//! every acknowledged operation is there and no operation is half done.
//!
//! Operation `n` is, by `n % 4`:
//! 0. save the answer `q<n>`;
//! 1. save the answer `p<n>` and clear `p<n-4>` in one step (an answer
//!    that prunes another), so exactly one `p…` answer exists at any time;
//! 2. add evidence `e<n>.txt` with one knowledge-base link;
//! 3. create a new project `new-<n>.assay` beside the first, with one
//!    assessment.

use std::io::Write;
use std::path::{Path, PathBuf};

use assay_store::{
    AnswerInput, Engagement, NewAssessment, NewEvidence, OpenOptions, Project, Provenance, Stamp,
    StoreError,
};
use chrono::{TimeZone, Utc};

const ASSESSMENT: NewAssessment<'static> = NewAssessment {
    questionnaire: "eu-ai-act",
    questionnaire_version: "test",
    kb_version: "test",
    kb_hash: "test",
};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path, count, start] = args.as_slice() else {
        eprintln!("usage: assay-crash-writer PROJECT COUNT START");
        std::process::exit(2);
    };
    let path = PathBuf::from(path);
    let count: usize = count.parse().expect("COUNT is a number");
    let start: usize = start.parse().expect("START is a number");
    let stamp = Stamp::new(
        Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0)
            .single()
            .expect("valid date"),
        "crash-writer",
    );
    let mut project = if path.exists() {
        Project::open(&path, &options(&stamp)).expect("the project opens")
    } else {
        Project::create(&path, &engagement(), &[ASSESSMENT], &stamp, "test")
            .expect("the project is created")
    };
    let assessment = project.assessments().expect("assessments")[0].id.clone();
    let mut stdout = std::io::stdout().lock();
    for n in start..start + count {
        match n % 4 {
            0 => save(&mut project, &assessment, &format!("q{n:06}"), None, &stamp),
            1 => {
                let previous = n.checked_sub(4).map(|p| format!("p{p:06}"));
                save(
                    &mut project,
                    &assessment,
                    &format!("p{n:06}"),
                    previous,
                    &stamp,
                );
            }
            2 => add_evidence(&mut project, n, &stamp),
            _ => create_project(&path, n, &stamp),
        }
        writeln!(stdout, "ack {n}").expect("stdout is open");
        stdout.flush().expect("stdout flushes");
    }
}

fn options(stamp: &Stamp) -> OpenOptions {
    OpenOptions {
        read_only: false,
        backup_dir: None,
        now: stamp.at,
        app_version: "test".into(),
    }
}

fn engagement() -> Engagement {
    Engagement {
        client: "Crash test".into(),
        system_name: "Writer".into(),
        system_description: String::new(),
        assessor: "test".into(),
        start_date: None,
        end_date: None,
        template: "blank".into(),
        reviewer: String::new(),
        interviewees: Vec::new(),
    }
}

fn save(
    project: &mut Project,
    assessment: &str,
    question: &str,
    clear: Option<String>,
    stamp: &Stamp,
) {
    let answer = AnswerInput {
        question_id: question.to_owned(),
        value: serde_json::json!(format!("answer {question}")),
        note: String::new(),
        provenance: Provenance::ClientAsserted,
    };
    let clear: Vec<String> = clear.into_iter().collect();
    project
        .apply_answers(assessment, &[answer], &clear, stamp)
        .expect("the answer saves");
}

fn add_evidence(project: &mut Project, n: usize, stamp: &Stamp) {
    let bytes = format!("evidence {n}\n").repeat(200);
    let new = NewEvidence {
        file_name: format!("e{n:06}.txt"),
        media_type: "text/plain".into(),
        kind: String::new(),
        collected_on: None,
        links: vec![("kb_item".into(), "eu-ai-act:art-10".into())],
    };
    project
        .add_evidence(
            &mut bytes.as_bytes(),
            bytes.len() as u64,
            &new,
            stamp,
            &mut |_| {},
        )
        .expect("the evidence is added");
}

/// A round killed after creating the file but before its `ack` repeats the
/// operation; the file is then already there, which is success.
fn create_project(first: &Path, n: usize, stamp: &Stamp) {
    let path = first.with_file_name(format!("new-{n:06}.assay"));
    match Project::create(&path, &engagement(), &[ASSESSMENT], stamp, "test") {
        Ok(_) | Err(StoreError::AlreadyExists { .. }) => {}
        Err(e) => panic!("creating {}: {e}", path.display()),
    }
}
