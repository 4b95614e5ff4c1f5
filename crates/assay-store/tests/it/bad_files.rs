//! Every way a file can be wrong, and the message a person sees.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use assay_store::{OpenOptions, Project, ReadOnly, StoreError};
use rusqlite::Connection;

use crate::{answer, options, sample_project, stamp};

/// Overwrites the middle of the file with garbage, as a failing disk would.
pub(crate) fn damage(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let len = bytes.len();
    assert!(len > 8192, "the fixture spans several pages");
    for b in &mut bytes[4096..len - 1024] {
        *b = 0xA5;
    }
    std::fs::write(path, bytes).unwrap();
}

fn open(path: &Path) -> Result<Project, StoreError> {
    Project::open(path, &options(None))
}

#[test]
fn not_an_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    for (name, contents) in [
        ("notes.assay", &b"meeting notes, not a project"[..]),
        ("empty.assay", &b""[..]),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, contents).unwrap();
        let err = open(&path).unwrap_err();
        let expected = if contents.is_empty() {
            "the file is empty, so not an Assay project"
        } else {
            "not an SQLite database, so not an Assay project"
        };
        assert!(
            matches!(err, StoreError::NotSqlite { .. } | StoreError::Empty { .. }),
            "{err}"
        );
        assert!(err.to_string().ends_with(expected), "{err}");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            contents,
            "the file is left untouched"
        );
    }
}

#[test]
fn a_foreign_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("firefox-places.sqlite");
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE moz_places (url TEXT);")
        .unwrap();
    let err = open(&path).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::NotAssayProject {
                application_id: 0,
                ..
            }
        ),
        "{err}"
    );
    assert!(
        err.to_string()
            .contains("an SQLite database, but not an Assay project")
    );
    let raw = Connection::open(&path).unwrap();
    let tables: i64 = raw
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 1, "nothing was added to the foreign file");
}

#[test]
fn a_newer_format_opens_read_only_or_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (path, a) = sample_project(dir.path());
    let future = assay_store::schema::FORMAT_VERSION + 1;
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", future)
        .unwrap();
    let mut p = open(&path).unwrap();
    assert_eq!(
        p.read_only(),
        Some(&ReadOnly::NewerFormat { format: future })
    );
    assert_eq!(p.answers(&a).unwrap().len(), 2, "it still reads");
    let err = p
        .save_answers(&a, &[answer("ai_system", "no")], &stamp())
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("opened read-only (made by a newer Assay"),
        "{err}"
    );
    drop(p);

    let raw = Connection::open(&path).unwrap();
    raw.execute(
        "UPDATE meta SET value = '99' WHERE key = 'min_reader_version'",
        [],
    )
    .unwrap();
    drop(raw);
    let err = open(&path).unwrap_err();
    assert!(matches!(err, StoreError::NewerFormat { .. }));
    assert!(err.to_string().contains("update Assay to open it"), "{err}");
}

#[test]
fn a_damaged_file_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = sample_project(dir.path());
    damage(&path);
    let err = open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::Corrupt { backup: None, .. }),
        "{err}"
    );
    assert!(
        err.to_string().contains("no automatic backup exists"),
        "{err}"
    );
}

#[test]
fn a_read_only_file_and_a_read_only_folder_open_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let (path, a) = sample_project(dir.path());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let mut p = open(&path).unwrap();
    assert_eq!(p.read_only(), Some(&ReadOnly::FileNotWritable));
    assert_eq!(p.answers(&a).unwrap().len(), 2);
    let err = p
        .save_answers(&a, &[answer("ai_system", "no")], &stamp())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: opened read-only (the file is read-only); changes cannot be saved",
            path.display()
        )
    );
    drop(p);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();

    let folder = dir.path().join("locked-folder");
    std::fs::create_dir(&folder).unwrap();
    let (inner, _) = sample_project(&folder);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let p = open(&inner).unwrap();
    assert_eq!(p.read_only(), Some(&ReadOnly::FolderNotWritable));
    assert_eq!(p.engagement().unwrap().system_name, "CV ranker");
    drop(p);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_file_open_elsewhere_is_refused_with_the_holder_named() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = sample_project(dir.path());
    let first = open(&path).unwrap();
    let err = open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }));
    let message = err.to_string();
    assert!(
        message.contains("already open in another Assay window or process"),
        "{message}"
    );
    assert!(
        message.contains(&format!("process {}", std::process::id())),
        "{message}"
    );
    // Read-only viewing is still possible.
    let viewer = Project::open(
        &path,
        &OpenOptions {
            read_only: true,
            ..options(None)
        },
    )
    .unwrap();
    assert_eq!(viewer.engagement().unwrap().client, "Łódź Logistics GmbH");
    drop(first);
    drop(open(&path).unwrap());
}

#[test]
fn create_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = sample_project(dir.path());
    let before = std::fs::read(&path).unwrap();
    let err = Project::create(&path, &crate::engagement(), &[], &stamp(), "test").unwrap_err();
    assert!(matches!(err, StoreError::AlreadyExists { .. }));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}
