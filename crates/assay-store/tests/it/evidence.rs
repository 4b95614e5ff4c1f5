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

/// A file that grows while it is added (a log still being written) is
/// refused with that reason, however unevenly the reader hands out its
/// data, and nothing of it is stored: the evidence would not be the file
/// the user looked at.
#[test]
fn a_file_growing_while_added_is_refused_and_nothing_is_stored() {
    /// 1,000 bytes, at most 600 per read.
    struct Growing {
        data: Vec<u8>,
        at: usize,
    }
    impl Read for Growing {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(600).min(self.data.len() - self.at);
            buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = sample_project(dir.path());
    let mut p = Project::open(&path, &options(None)).unwrap();
    let data: Vec<u8> = (0..1000u32).map(|i| (i % 251) as u8).collect();
    let err = p
        .add_evidence(
            &mut Growing { data, at: 0 },
            900,
            &crate::new_evidence("growing.log", "text/plain"),
            &stamp(),
            &mut |_| {},
        )
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("the file grew while it was read (more than 900 bytes)"),
        "{err}"
    );
    assert!(p.evidence().unwrap().is_empty());
    assert!(p.verify().unwrap().ok());
}

/// Evidence exactly as large as the limit is accepted; the limit is the
/// largest size allowed, not the first refused.
#[test]
fn evidence_exactly_at_the_limit_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = sample_project(dir.path());
    let mut p = Project::open(&path, &options(None)).unwrap();
    p.set_evidence_limit(1024);
    let info = p
        .add_evidence(
            &mut Noise {
                state: 7,
                left: 1024,
            },
            1024,
            &crate::new_evidence("limit.bin", "application/octet-stream"),
            &stamp(),
            &mut |_| {},
        )
        .unwrap();
    assert_eq!(info.size, 1024);
}

/// Links name an answer or a knowledge-base item, nothing else; a batch
/// with one bad link adds none of them; a link made twice is stored and
/// audited once.
#[test]
fn links_are_checked_all_or_nothing_and_recorded_once() {
    let dir = tempfile::tempdir().unwrap();
    let (path, a) = sample_project(dir.path());
    let mut p = Project::open(&path, &options(None)).unwrap();
    let info = p
        .add_evidence(
            &mut Noise { state: 3, left: 10 },
            10,
            &crate::new_evidence("note.txt", "text/plain"),
            &stamp(),
            &mut |_| {},
        )
        .unwrap();
    let answer = format!("{a}/ai_system");
    let err = p
        .link_evidence_all(
            &info.id,
            &[("answer", answer.as_str()), ("register", "deployer.logs")],
            &stamp(),
        )
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("evidence links to an answer or a kb_item, not `register`"),
        "{err}"
    );
    assert!(p.evidence_info(&info.id).unwrap().links.is_empty());
    assert_eq!(link_entries(&p), 0);

    for _ in 0..2 {
        p.link_evidence(&info.id, "kb_item", "eu-ai-act:art-26.2", &stamp())
            .unwrap();
    }
    assert_eq!(
        p.evidence_info(&info.id).unwrap().links,
        ["kb_item:eu-ai-act:art-26.2"]
    );
    assert_eq!(link_entries(&p), 1);
    assert!(p.verify().unwrap().ok());
}

/// How many evidence links the audit trail records.
fn link_entries(p: &Project) -> usize {
    p.audit_trail()
        .unwrap()
        .iter()
        .filter(|e| e.action == "evidence.link")
        .count()
}
