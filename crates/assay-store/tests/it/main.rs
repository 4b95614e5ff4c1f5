//! The project file as users meet it: real files on disk, bad files of every
//! kind, crashes, tampering and large evidence.

mod bad_files;
mod crash;
mod evidence;
mod fuzz;
mod integrity;
mod migrations;
mod seals;

use std::path::{Path, PathBuf};

use assay_store::{
    AnswerInput, Engagement, NewAssessment, NewEvidence, OpenOptions, Project, Provenance, Stamp,
};
use chrono::{TimeZone, Utc};

pub(crate) fn stamp() -> Stamp {
    Stamp::new(
        Utc.with_ymd_and_hms(2026, 11, 26, 9, 30, 0)
            .single()
            .unwrap(),
        "Ada Assessor",
    )
}

pub(crate) fn engagement() -> Engagement {
    Engagement {
        client: "Łódź Logistics GmbH".into(),
        system_name: "CV ranker".into(),
        system_description: "Ranks applicants for warehouse roles.".into(),
        assessor: "Ada Assessor".into(),
        start_date: Some("2026-11-01".into()),
        end_date: None,
        template: "resume-screener".into(),
        reviewer: String::new(),
        interviewees: Vec::new(),
    }
}

pub(crate) fn options(backups: Option<&Path>) -> OpenOptions {
    OpenOptions {
        read_only: false,
        backup_dir: backups.map(Path::to_path_buf),
        now: Utc
            .with_ymd_and_hms(2026, 11, 26, 10, 0, 0)
            .single()
            .unwrap(),
        app_version: "test".into(),
    }
}

/// A project with one assessment and two answers, closed.
pub(crate) fn sample_project(dir: &Path) -> (PathBuf, String) {
    let path = dir.join("client.assay");
    let assessment = NewAssessment {
        questionnaire: "eu-ai-act",
        questionnaire_version: "2026.11.0",
        kb_version: "2026.11.0",
        kb_hash: "abc",
    };
    let mut p = Project::create(&path, &engagement(), &[assessment], &stamp(), "test").unwrap();
    let a = p.assessments().unwrap()[0].id.clone();
    p.save_answers(
        &a,
        &[
            answer("ai_system", "yes"),
            answer("eu_nexus", serde_json::json!(["deployer_in_eu"])),
        ],
        &stamp(),
    )
    .unwrap();
    (path, a)
}

pub(crate) fn answer(question: &str, value: impl Into<serde_json::Value>) -> AnswerInput {
    AnswerInput {
        question_id: question.into(),
        value: value.into(),
        note: String::new(),
        provenance: Provenance::ClientAsserted,
    }
}

pub(crate) fn new_evidence(name: &str, media_type: &str) -> NewEvidence {
    NewEvidence {
        file_name: name.into(),
        media_type: media_type.into(),
        ..NewEvidence::default()
    }
}
