use assay_store::{OpenOptions, Project, Provenance};
use rusqlite::Connection;

use crate::{answer, options, sample_project, stamp};

#[test]
fn roundtrip_on_disk_with_meta_and_application_id() {
    let dir = tempfile::tempdir().unwrap();
    let (path, a) = sample_project(dir.path());
    let p = Project::open(&path, &options(None)).unwrap();
    assert!(p.read_only().is_none());
    let meta = p.meta().unwrap();
    assert_eq!(meta.format_version, assay_store::schema::FORMAT_VERSION);
    assert_eq!(meta.created_at, "2026-11-26T09:30:00.000Z");
    assert_eq!(
        uuid::Uuid::parse_str(&meta.project_id)
            .unwrap()
            .get_version_num(),
        7
    );
    assert_eq!(p.engagement().unwrap().client, "Łódź Logistics GmbH");
    let answers = p.answers(&a).unwrap();
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[1].value, serde_json::json!(["deployer_in_eu"]));
    assert_eq!(answers[0].provenance, Provenance::ClientAsserted);
    drop(p);

    // At rest it is an ordinary single-file SQLite database.
    assert!(!path.with_extension("assay-wal").exists());
    let raw = Connection::open(&path).unwrap();
    let id: i32 = raw
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(id, 0x4153_5359);
    let check: String = raw
        .pragma_query_value(None, "integrity_check", |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn the_sqlite3_shell_opens_it_and_integrity_check_says_ok() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = sample_project(dir.path());
    let Some(sqlite3) = assay_test_tools::require(
        assay_test_tools::SQLITE3,
        "the_sqlite3_shell_opens_it_and_integrity_check_says_ok",
    ) else {
        return;
    };
    let out = std::process::Command::new(sqlite3)
        .arg(&path)
        .arg("PRAGMA integrity_check; SELECT count(*) FROM answer;")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "ok\n2\n");
}

#[test]
fn every_change_is_in_a_verifiable_audit_chain() {
    let dir = tempfile::tempdir().unwrap();
    let (path, a) = sample_project(dir.path());
    let mut p = Project::open(&path, &options(None)).unwrap();
    p.save_answers(&a, &[answer("ai_system", "not_sure")], &stamp())
        .unwrap();
    p.clear_answers(&a, &["eu_nexus".to_owned()], &stamp())
        .unwrap();
    p.add_override(
        &a,
        "risk_class",
        "high_risk",
        "needs_review",
        "Vendor documentation contradicts the client.",
        &stamp(),
    )
    .unwrap();
    assert!(
        p.add_override(&a, "risk_class", "x", "y", "  ", &stamp())
            .is_err()
    );
    let trail = p.audit_trail().unwrap();
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "project.create",
            "assessment.create",
            "answer.set",
            "answer.set",
            "answer.set",
            "answer.clear",
            "override.add"
        ]
    );
    assert!(p.verify().unwrap().ok());
}

#[test]
fn tampering_is_found_with_the_first_broken_link() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = sample_project(dir.path());
    {
        let raw = Connection::open(&path).unwrap();
        raw.execute(
            "UPDATE audit SET detail = '{\"value\":\"no\"}' WHERE seq = 3",
            [],
        )
        .unwrap();
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
    assert!(!v.ok());
    assert_eq!(v.first_broken.unwrap().seq, 3);
    drop(p);

    let dir = tempfile::tempdir().unwrap();
    let (path, _) = sample_project(dir.path());
    {
        let raw = Connection::open(&path).unwrap();
        raw.execute("DELETE FROM audit WHERE seq = 2", []).unwrap();
    }
    let p = Project::open(&path, &options(None)).unwrap();
    let broken = p.verify().unwrap().first_broken.unwrap();
    assert_eq!(broken.seq, 3);
    assert!(broken.reason.contains("missing"), "{}", broken.reason);
    drop(p);

    // An answer edited behind Assay's back, with the chain left intact.
    let dir = tempfile::tempdir().unwrap();
    let (path, a) = sample_project(dir.path());
    {
        let raw = Connection::open(&path).unwrap();
        raw.execute(
            "UPDATE answer SET value = '\"no\"' WHERE question_id = 'ai_system'",
            [],
        )
        .unwrap();
    }
    let p = Project::open(&path, &options(None)).unwrap();
    let v = p.verify().unwrap();
    assert!(v.first_broken.is_none());
    assert_eq!(v.differences.len(), 1, "{:?}", v.differences);
    assert_eq!(v.differences[0].kind, "answer");
    assert_eq!(v.differences[0].subject, format!("{a}/ai_system"));
    assert!(v.differences[0].what.contains("`value`"));
}

#[test]
fn a_full_disk_fails_the_save_and_keeps_the_previous_state() {
    let dir = tempfile::tempdir().unwrap();
    let (path, a) = sample_project(dir.path());
    let mut p = Project::open(&path, &options(None)).unwrap();
    p.simulate_full_disk_after(p.page_count().unwrap()).unwrap();
    let big = "x".repeat(64 * 1024);
    let err = p
        .save_answers(&a, &[answer("system_description", big)], &stamp())
        .unwrap_err();
    assert!(
        matches!(err, assay_store::StoreError::DiskFull { .. }),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("the disk is full; the last change was not saved"),
        "{err}"
    );
    assert_eq!(p.answers(&a).unwrap().len(), 2);
    assert!(p.verify().unwrap().ok());
}

#[test]
fn backups_roll_and_are_offered_for_a_damaged_file() {
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("backups");
    let (path, _) = sample_project(dir.path());
    for minute in 0..7 {
        let mut o = options(Some(&backups));
        o.now += chrono::Duration::minutes(20 * minute);
        drop(Project::open(&path, &o).unwrap());
    }
    let folder = assay_store::backup_folder(&backups, &path);
    let kept: Vec<_> = std::fs::read_dir(&folder).unwrap().collect();
    assert_eq!(kept.len(), 5);

    crate::bad_files::damage(&path);
    let err = Project::open(&path, &options(Some(&backups))).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("the file is damaged"), "{message}");
    assert!(
        message.contains("the last automatic backup is"),
        "{message}"
    );
    assert!(message.contains("20261126T120000000Z.assay"), "{message}");
}

#[test]
fn backups_are_taken_at_most_once_a_quarter_hour() {
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("backups");
    let (path, _) = sample_project(dir.path());
    for minute in [0, 5, 14, 16] {
        let mut o = options(Some(&backups));
        o.now += chrono::Duration::minutes(minute);
        drop(Project::open(&path, &o).unwrap());
    }
    let folder = assay_store::backup_folder(&backups, &path);
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 2);
}

/// An answer (as canonical JSON) and its note may be exactly as long as the
/// limits allow and not a byte longer; a refused save stores nothing.
#[test]
fn answers_and_notes_are_limited_to_the_byte() {
    use assay_store::{MAX_ANSWER_BYTES, MAX_NOTE_BYTES};
    let dir = tempfile::tempdir().unwrap();
    let (path, a) = sample_project(dir.path());
    let mut p = Project::open(&path, &options(None)).unwrap();
    // A JSON string is its characters and two quotes.
    let value = |bytes: usize| "x".repeat(bytes - 2);
    let note = |bytes: usize| {
        let mut input = answer("system_description", "short");
        input.note = "n".repeat(bytes);
        input
    };
    p.save_answers(
        &a,
        &[answer("system_description", value(MAX_ANSWER_BYTES))],
        &stamp(),
    )
    .unwrap();
    p.save_answers(&a, &[note(MAX_NOTE_BYTES)], &stamp())
        .unwrap();
    let before = p.answers(&a).unwrap();
    let too_long = p
        .save_answers(
            &a,
            &[answer("system_description", value(MAX_ANSWER_BYTES + 1))],
            &stamp(),
        )
        .unwrap_err()
        .to_string();
    assert!(
        too_long.contains("answers are limited to 256 KiB"),
        "{too_long}"
    );
    assert!(
        too_long.contains(&format!("{} bytes", MAX_ANSWER_BYTES + 1)),
        "{too_long}"
    );
    let too_long = p
        .save_answers(&a, &[note(MAX_NOTE_BYTES + 1)], &stamp())
        .unwrap_err()
        .to_string();
    assert!(
        too_long.contains("notes are limited to 64 KiB"),
        "{too_long}"
    );
    let after = p.answers(&a).unwrap();
    assert_eq!(after.len(), before.len());
    assert!(
        after
            .iter()
            .zip(&before)
            .all(|(x, y)| x.value == y.value && x.note == y.note)
    );
}

/// Clearing removes what was answered and records each removal once;
/// clearing a question that has no answer records nothing.
#[test]
fn clearing_records_only_answers_that_were_there() {
    let dir = tempfile::tempdir().unwrap();
    let (path, a) = sample_project(dir.path());
    let mut p = Project::open(&path, &options(None)).unwrap();
    let before = p.audit_trail().unwrap().len();
    p.clear_answers(&a, &["never_answered".to_owned()], &stamp())
        .unwrap();
    assert_eq!(p.audit_trail().unwrap().len(), before);
    p.clear_answers(
        &a,
        &["ai_system".to_owned(), "never_answered".to_owned()],
        &stamp(),
    )
    .unwrap();
    let trail = p.audit_trail().unwrap();
    assert_eq!(trail.len(), before + 1);
    assert_eq!(trail.last().unwrap().action, "answer.clear");
    assert_eq!(p.answers(&a).unwrap().len(), 1);
    assert!(p.verify().unwrap().ok());
}

/// A list answer with several items is stored and read back exactly (the
/// canonical JSON the audit chain hashes separates items with commas).
#[test]
fn list_answers_round_trip_item_for_item() {
    let dir = tempfile::tempdir().unwrap();
    let (path, a) = sample_project(dir.path());
    let mut p = Project::open(&path, &options(None)).unwrap();
    let value = serde_json::json!(["placed_on_eu_market", "deployer_in_eu", "output_used_in_eu"]);
    p.save_answers(&a, &[answer("eu_nexus", value.clone())], &stamp())
        .unwrap();
    drop(p);
    let p = Project::open(&path, &options(None)).unwrap();
    let stored = p.answers(&a).unwrap();
    let nexus = stored.iter().find(|s| s.question_id == "eu_nexus").unwrap();
    assert_eq!(nexus.value, value);
    assert!(p.verify().unwrap().ok());
}
