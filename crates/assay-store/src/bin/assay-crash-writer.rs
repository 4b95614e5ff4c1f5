//! A test harness, not a product binary: answers `count` questions in a
//! project, one durable transaction each, printing `ack <n>` on stdout only
//! after each commit returns. The crash test kills it with SIGKILL at random
//! moments and then checks that every acknowledged answer survived.

use std::io::Write;
use std::path::PathBuf;

use assay_store::{AnswerInput, Engagement, OpenOptions, Project, Provenance, Stamp};
use chrono::{TimeZone, Utc};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(count)) = (args.next(), args.next()) else {
        eprintln!("usage: assay-crash-writer PROJECT COUNT");
        std::process::exit(2);
    };
    let path = PathBuf::from(path);
    let count: usize = count.parse().expect("COUNT is a number");
    let stamp = Stamp::new(
        Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0)
            .single()
            .expect("valid date"),
        "crash-writer",
    );
    let mut project = if path.exists() {
        let options = OpenOptions {
            read_only: false,
            backup_dir: None,
            now: stamp.at,
            app_version: "test".into(),
        };
        Project::open(&path, &options).expect("the project opens")
    } else {
        let engagement = Engagement {
            client: "Crash test".into(),
            system_name: "Writer".into(),
            system_description: String::new(),
            assessor: "test".into(),
            start_date: None,
            end_date: None,
            template: "blank".into(),
        };
        let mut p =
            Project::create(&path, &engagement, &stamp, "test").expect("the project is created");
        p.add_assessment("eu-ai-act", "test", "test", "test", &stamp)
            .expect("assessment");
        p
    };
    let assessment = project.assessments().expect("assessments")[0].id.clone();
    let start = project.answers(&assessment).expect("answers").len();
    let mut stdout = std::io::stdout().lock();
    for n in start..start + count {
        let answer = AnswerInput {
            question_id: format!("q{n:06}"),
            value: serde_json::json!(format!("answer {n}")),
            note: String::new(),
            provenance: Provenance::ClientAsserted,
        };
        project
            .save_answers(&assessment, &[answer], &stamp)
            .expect("the answer saves");
        writeln!(stdout, "ack {n}").expect("stdout is open");
        stdout.flush().expect("stdout flushes");
    }
}
