use std::io::Read;

use assay_store::{Project, StoreError, sanitise_file_name};
use sha2::{Digest, Sha256};

use crate::{options, sample_project, stamp};

/// Deterministic pseudo-random bytes (xorshift), so no RNG crate is needed.
struct Noise {
    state: u64,
    left: u64,
}

impl Read for Noise {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        for b in &mut buf[..n] {
            self.state ^= self.state << 13;
            self.state ^= self.state >> 7;
            self.state ^= self.state << 17;
            *b = self.state as u8;
        }
        self.left -= n as u64;
        Ok(n)
    }
}

#[test]
fn evidence_round_trips_byte_identical_across_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let (path, a) = sample_project(dir.path());
    let mut p = Project::open(&path, &options(None)).unwrap();
    let size = 20 * 1024 * 1024 + 123; // three chunks, the last one short
    let mut original = Vec::new();
    Noise {
        state: 42,
        left: size,
    }
    .read_to_end(&mut original)
    .unwrap();
    let mut calls = 0;
    let mut last = 0;
    let info = p
        .add_evidence(
            &mut original.as_slice(),
            size,
            &crate::new_evidence("../../etc/Policy: v2?.pdf", "application/pdf"),
            &stamp(),
            &mut |done| {
                calls += 1;
                last = done;
            },
        )
        .unwrap();
    assert_eq!(last, size);
    assert!(
        calls > 300,
        "progress is reported as it goes ({calls} calls)"
    );
    assert_eq!(info.file_name, "Policy_ v2_.pdf");
    assert_eq!(info.sha256, format!("{:x}", Sha256::digest(&original)));
    p.link_evidence(&info.id, "answer", &format!("{a}/ai_system"), &stamp())
        .unwrap();
    p.link_evidence(&info.id, "kb_item", "eu-ai-act:art-10", &stamp())
        .unwrap();
    drop(p);

    let p = Project::open(&path, &options(None)).unwrap();
    let listed = p.evidence().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        listed[0].links,
        [
            format!("answer:{a}/ai_system"),
            "kb_item:eu-ai-act:art-10".to_owned()
        ]
    );
    let mut out = Vec::new();
    p.extract_evidence(&info.id, &mut out).unwrap();
    assert!(out == original, "extracted bytes are identical");
    assert!(p.verify().unwrap().ok());
}

#[test]
fn oversized_evidence_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = sample_project(dir.path());
    let mut p = Project::open(&path, &options(None)).unwrap();
    p.set_evidence_limit(1024);
    let err = p
        .add_evidence(
            &mut Noise {
                state: 1,
                left: 4096,
            },
            4096,
            &crate::new_evidence("big.bin", "application/octet-stream"),
            &stamp(),
            &mut |_| {},
        )
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::EvidenceTooLarge {
            size: 4096,
            limit: 1024
        }
    ));
    assert!(p.evidence().unwrap().is_empty());
}

#[test]
fn a_short_file_leaves_no_partial_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = sample_project(dir.path());
    let mut p = Project::open(&path, &options(None)).unwrap();
    let err = p
        .add_evidence(
            &mut Noise {
                state: 1,
                left: 100,
            },
            1000,
            &crate::new_evidence("short.bin", "application/octet-stream"),
            &stamp(),
            &mut |_| {},
        )
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("the file ended after 100 of 1000 bytes"),
        "{err}"
    );
    assert!(p.evidence().unwrap().is_empty());
    assert!(p.verify().unwrap().ok());
}

#[test]
fn damaged_evidence_is_refused_on_extraction() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = sample_project(dir.path());
    let mut p = Project::open(&path, &options(None)).unwrap();
    let info = p
        .add_evidence(
            &mut Noise {
                state: 7,
                left: 5000,
            },
            5000,
            &crate::new_evidence("log.txt", "text/plain"),
            &stamp(),
            &mut |_| {},
        )
        .unwrap();
    drop(p);
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("UPDATE evidence_chunk SET data = zeroblob(5000)", [])
        .unwrap();
    let p = Project::open(&path, &options(None)).unwrap();
    let err = p.extract_evidence(&info.id, &mut Vec::new()).unwrap_err();
    assert!(matches!(err, StoreError::EvidenceDamaged { .. }), "{err}");
}

#[test]
fn file_names_are_safe_to_create() {
    assert_eq!(sanitise_file_name("../../../etc/passwd"), "passwd");
    assert_eq!(
        sanitise_file_name("C:\\Users\\x\\report.docx"),
        "report.docx"
    );
    assert_eq!(sanitise_file_name("bad\u{0}name\n.txt"), "bad_name_.txt");
    assert_eq!(sanitise_file_name(".."), "evidence-");
    assert_eq!(sanitise_file_name(".hidden"), "hidden");
    assert_eq!(sanitise_file_name("CON.txt"), "evidence-CON.txt");
    assert_eq!(sanitise_file_name("Zürich €.pdf"), "Zürich €.pdf");
    assert!(sanitise_file_name(&"a".repeat(500)).chars().count() <= 120);
}
