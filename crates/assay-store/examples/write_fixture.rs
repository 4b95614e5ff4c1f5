//! Writes `tests/fixtures/projects/format-<N>.assay` for the current format,
//! the fixture that every later Assay must open and upgrade. Run it once when
//! a new format is released:
//! `cargo run -p assay-store --example write_fixture`.

use std::path::Path;

use assay_store::{
    AnswerInput, Engagement, NewAssessment, Project, Provenance, RegisterEntry, RegisterStatus,
    RiskInput, Stamp, schema::FORMAT_VERSION,
};
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
        reviewer: String::new(),
        interviewees: Vec::new(),
    };
    let assessment = NewAssessment {
        questionnaire: "eu-ai-act",
        questionnaire_version: "2026.11.0",
        kb_version: "2026.11.0",
        kb_hash: "fixture",
    };
    let mut p = Project::create(
        &path,
        &engagement,
        &[assessment],
        &stamp,
        env!("CARGO_PKG_VERSION"),
    )
    .expect("created");
    let a = p.assessments().expect("assessments")[0].id.clone();
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
    // Rows of the tables later formats added, so their upgrades are tried
    // on real data too.
    p.add_risk(
        &RiskInput {
            assessment_id: Some(a.clone()),
            source: "manual".into(),
            title: "Ranking drifts away from the job profile".into(),
            description: "From the fixture.".into(),
            likelihood: 3,
            impact: 4,
            residual_likelihood: Some(2),
            residual_impact: Some(4),
            owner: "HR operations".into(),
            treatment: "mitigate".into(),
            due_date: Some("2027-06-30".into()),
            status: "open".into(),
            justification: String::new(),
            kb_refs: vec!["nist-ai-rmf:MEASURE-2.4".into()],
        },
        &stamp,
    )
    .expect("risk");
    p.set_register_entry(
        &RegisterEntry {
            assessment_id: a.clone(),
            item_id: "deployer.human-oversight".into(),
            status: RegisterStatus::InProgress,
            owner: "Head of recruiting".into(),
            target_date: Some("2027-09-30".into()),
            note: "From the fixture.".into(),
            updated_by: String::new(),
            updated_at: String::new(),
        },
        &stamp,
    )
    .expect("register entry");
    println!("wrote {}", path.display());
}
