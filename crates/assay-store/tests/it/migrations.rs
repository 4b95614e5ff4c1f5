use assay_store::Project;
use assay_store::schema::{FORMAT_VERSION, MIGRATIONS};
use sha2::{Digest, Sha256};

use crate::options;

/// Released migrations never change. Append a migration (and its hash
/// here); never edit one.
const RELEASED: &[&str] = &[
    // 1: the first released format (Assay 0.1).
    "78d3ba19cd635d89d0e21ce39d9ad423c88043ed6579feb55c395055ba47761f",
    // 2: seals, the obligation register, the fuller risk register (Assay 0.2).
    "d6df89a615d4757490146d0056fc261805c29582cbcec6e1d2782a544d712f72",
];

#[test]
fn released_migrations_are_unchanged() {
    let hashes: Vec<String> = MIGRATIONS
        .iter()
        .map(|m| format!("{:x}", Sha256::digest(m.as_bytes())))
        .collect();
    assert_eq!(
        hashes.len(),
        RELEASED.len(),
        "a migration was removed, or added without pinning its hash here"
    );
    for (i, released) in RELEASED.iter().enumerate() {
        assert_eq!(
            &hashes[i],
            released,
            "migration {} changed after release; add a new one instead",
            i + 1
        );
    }
}

/// A project file from every released format opens and upgrades to the
/// current one, keeping its data.
#[test]
fn every_released_format_opens_and_upgrades() {
    let fixtures =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/projects");
    let mut seen = 0;
    for format in 1..=FORMAT_VERSION {
        let fixture = fixtures.join(format!("format-{format}.assay"));
        assert!(
            fixture.exists(),
            "{} is missing: every released format needs a fixture",
            fixture.display()
        );
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("copy.assay");
        std::fs::copy(&fixture, &copy).unwrap();
        let p = Project::open(&copy, &options(None)).unwrap();
        assert_eq!(p.meta().unwrap().format_version, FORMAT_VERSION);
        assert_eq!(p.engagement().unwrap().client, "Łódź Logistics GmbH");
        let a = &p.assessments().unwrap()[0];
        assert_eq!(p.answers(&a.id).unwrap().len(), 2);
        assert!(p.verify().unwrap().ok());
        seen += 1;
    }
    assert_eq!(seen, FORMAT_VERSION);
}

/// Read-only, an older file is read as the current format without a byte
/// of it changing (no migration runs on it).
#[test]
fn every_released_format_reads_read_only_without_changing() {
    let fixtures =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/projects");
    for format in 1..=FORMAT_VERSION {
        let fixture = fixtures.join(format!("format-{format}.assay"));
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("copy.assay");
        std::fs::copy(&fixture, &copy).unwrap();
        let before = std::fs::read(&copy).unwrap();
        {
            let p = Project::open(
                &copy,
                &assay_store::OpenOptions {
                    read_only: true,
                    ..options(None)
                },
            )
            .unwrap();
            assert_eq!(p.meta().unwrap().format_version, format);
            let e = p.engagement().unwrap();
            assert_eq!(e.client, "Łódź Logistics GmbH");
            let a = &p.assessments().unwrap()[0];
            p.evidence().unwrap();
            p.risks().unwrap();
            p.reports().unwrap();
            p.seals().unwrap();
            p.register(&a.id).unwrap();
            p.export_json().unwrap();
            assert!(p.verify().unwrap().ok(), "format {format}");
        }
        assert_eq!(
            std::fs::read(&copy).unwrap(),
            before,
            "format {format} unchanged"
        );
    }
}
