//! Writes `tests/fixtures/projects/format-<N>.assay` for the current format,
//! the fixture that every later Assay must open and upgrade. Run it once when
//! a new format is released:
//! `cargo run -p assay-store --example write_fixture`.

use std::path::Path;

use assay_store::{AnswerInput, Engagement, Project, Provenance, Stamp, schema::FORMAT_VERSION};
use chrono::{TimeZone, Utc};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/projects");
    std::fs::create_dir_all(&dir).expect("the fixtures folder can be created");
    let path = dir.join(format!("format-{FORMAT_VERSION}.assay"));
    if path.exists() {
        eprintln!(
            "{} exists; released fixtures are never rewritten",
            path.display()
        );
        std::process::exit(1);
    }
    let stamp = Stamp::new(
        Utc.with_ymd_and_hms(2026, 11, 26, 9, 30, 0)
            .single()
            .expect("valid date"),
        "Ada Assessor",
    );
    let engagement = Engagement {
        client: "Łódź Logistics GmbH".into(),
        system_name: "CV ranker".into(),
        system_description: "Ranks applicants for warehouse roles.".into(),
        assessor: "Ada Assessor".into(),
        start_date: Some("2026-11-01".into()),
        end_date: None,
        template: "resume-screener".into(),
    };
    let mut p =
        Project::create(&path, &engagement, &stamp, env!("CARGO_PKG_VERSION")).expect("created");
    let a = p
        .add_assessment("eu-ai-act", "2026.11.0", "2026.11.0", "fixture", &stamp)
        .expect("assessment");
    let answer = |q: &str, v: serde_json::Value| AnswerInput {
        question_id: q.into(),
        value: v,
        note: "From the fixture.".into(),
        provenance: Provenance::ClientAsserted,
    };
    p.save_answers(
        &a,
        &[
            answer("ai_system", "yes".into()),
            answer("eu_nexus", serde_json::json!(["deployer_in_eu"])),
        ],
        &stamp,
    )
    .expect("answers");
    println!("wrote {}", path.display());
}
