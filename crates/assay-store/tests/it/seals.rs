//! Seals and the replay behind `verify`: a seal signs the trail's head,
//! `verify` holds the trail to its seals, every kind of change replays to
//! the rows it made, and each kind of row edited behind Assay's back is
//! reported under its own name.

use assay_store::{OpenOptions, Project, Verification};
use rusqlite::Connection;

use crate::{options, sample_project, stamp};

/// Runs `sql` on the file behind Assay's back, then verifies it read-only.
fn verify_after(path: &std::path::Path, sql: &str) -> Verification {
    Connection::open(path).unwrap().execute(sql, []).unwrap();
    Project::open(
        path,
        &OpenOptions {
            read_only: true,
            ..options(None)
        },
    )
    .unwrap()
    .verify()
    .unwrap()
}

/// A seal signs exactly the project, the head entry and its hash; it is
/// stored with its own audit entry, which becomes the new head. A signer
/// that refuses (a wrong passphrase) leaves no seal behind.
#[test]
fn a_seal_signs_the_head_of_the_trail_and_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = sample_project(dir.path());
    let mut p = Project::open(&path, &options(None)).unwrap();
    let head = p.audit_trail().unwrap().pop().unwrap();
    assert_eq!(p.audit_head().unwrap(), Some((head.seq, head.hash.clone())));
    let project_id = p.meta().unwrap().project_id;
    let mut signed = Vec::new();
    let seal = p
        .seal(
            &mut |payload| {
                signed = payload.to_vec();
                Ok(assay_store::SealSignature {
                    signer_fingerprint: "AB:CD".into(),
                    signer_name: "Ada Assessor".into(),
                    certificate: vec![1, 2],
                    signature: vec![3, 4],
                })
            },
            &stamp(),
        )
        .unwrap();
    let expected = format!(
        "assay-audit-seal/1\n{project_id}\n{}\n{}\n",
        head.seq, head.hash
    );
    assert_eq!(String::from_utf8(signed).unwrap(), expected);
    assert_eq!(
        assay_store::seal_payload(&project_id, head.seq, &head.hash),
        expected.as_bytes()
    );
    assert_eq!(
        (seal.seq, seal.head_hash.as_str()),
        (head.seq, head.hash.as_str())
    );
    assert_eq!(p.seals().unwrap(), vec![seal]);
    let sealed = p.audit_trail().unwrap().pop().unwrap();
    assert_eq!(sealed.action, "audit.seal");
    assert_eq!(p.audit_head().unwrap(), Some((sealed.seq, sealed.hash)));

    let refused = p
        .seal(
            &mut |_| Err("wrong passphrase for the signing key".into()),
            &stamp(),
        )
        .unwrap_err();
    assert!(
        refused.to_string().contains("wrong passphrase"),
        "{refused}"
    );
    assert_eq!(p.seals().unwrap().len(), 1);
    assert!(p.verify().unwrap().ok());
}

/// A project sealed once after a report was recorded; returns it, the
/// sealed entry's number and the entry the report was made from.
fn sealed_project(dir: &std::path::Path) -> (std::path::PathBuf, i64, i64) {
    let (path, _) = sample_project(dir);
    let mut p = Project::open(&path, &options(None)).unwrap();
    let (head, hash) = p.audit_head().unwrap().unwrap();
    let report = assay_store::ReportRecord {
        id: String::new(),
        file_name: "client report.pdf".into(),
        sha256: "ab".repeat(32),
        signer_fingerprint: Some("AB:CD".into()),
        is_final: false,
        audit_seq: Some(head),
        audit_head: Some(hash),
        created_at: String::new(),
    };
    p.record_report(&report, &stamp()).unwrap();
    let seal = p
        .seal(
            &mut |_| {
                Ok(assay_store::SealSignature {
                    signer_fingerprint: "AB:CD".into(),
                    signer_name: "Ada Assessor".into(),
                    certificate: vec![1],
                    signature: vec![2],
                })
            },
            &stamp(),
        )
        .unwrap();
    (path, seal.seq, head)
}

/// Verify checks every seal against the trail: an intact project passes
/// with its seal counted; a rewritten sealed entry, a trail cut back past a
/// seal or a report, and a removed or altered seal are each reported.
#[test]
fn verify_holds_the_trail_to_its_seals() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, _) = sealed_project(dir.path());
    let v = Project::open(&path, &options(None))
        .unwrap()
        .verify()
        .unwrap();
    assert!(v.ok(), "{:?}", v.differences);
    assert_eq!(v.seals, 1);

    let cases: [(&str, &[&str]); 4] = [
        (
            "UPDATE audit SET hash = 'rewritten' WHERE seq = {seq}",
            &["the history sealed by Ada Assessor on 2026-11-26T09:30:00.000Z was rewritten"],
        ),
        (
            "DELETE FROM audit WHERE seq >= {report}",
            &[
                "the trail no longer reaches it: entries were removed",
                "the report was made from entries the trail no longer has",
            ],
        ),
        (
            "DELETE FROM seal",
            &["a seal the trail records is missing or was altered"],
        ),
        (
            "UPDATE seal SET head_hash = 'other'",
            &[
                "was rewritten",
                "a seal the trail records is missing or was altered",
            ],
        ),
    ];
    // Cut back to exactly the entry a report was made from: the trail still
    // has that entry, so the report is not among the findings.
    let dir = tempfile::tempdir().unwrap();
    let (path, _, report) = sealed_project(dir.path());
    Connection::open(&path)
        .unwrap()
        .execute("DELETE FROM audit WHERE seq > ?1", [report])
        .unwrap();
    let v = Project::open(&path, &options(None))
        .unwrap()
        .verify()
        .unwrap();
    assert!(!v.ok());
    assert!(
        !v.differences
            .iter()
            .any(|d| d.what.contains("the report was made from entries")),
        "{:?}",
        v.differences
    );

    for (sql, findings) in cases {
        let dir = tempfile::tempdir().unwrap();
        let (path, seq, report) = sealed_project(dir.path());
        let sql = sql
            .replace("{seq}", &seq.to_string())
            .replace("{report}", &report.to_string());
        let v = verify_after(&path, &sql);
        assert!(!v.ok(), "{sql}");
        let said: Vec<&str> = v.differences.iter().map(|d| d.what.as_str()).collect();
        for finding in findings {
            assert!(said.iter().any(|w| w.contains(finding)), "{sql}: {said:?}");
        }
    }
}

/// A project with a change of every kind the trail replays: an engagement
/// update, an accepted verdict, a risk kept and one removed, evidence with
/// a link, a report and a seal.
fn busy_project(dir: &std::path::Path) -> std::path::PathBuf {
    let (path, _, _) = sealed_project(dir);
    let mut p = Project::open(&path, &options(None)).unwrap();
    let a = p.assessments().unwrap()[0].id.clone();
    let mut changed = crate::engagement();
    changed.reviewer = "Ben Reviewer".into();
    p.update_engagement(&changed, &stamp()).unwrap();
    let verdict = serde_json::json!({ "risk_class": "high_risk", "legal_basis": ["Art. 6(2)"] });
    p.accept_verdict(&a, &verdict, "2026.11.0", "abc", &stamp())
        .unwrap();
    let risk = |title: &str| assay_store::RiskInput {
        assessment_id: Some(a.clone()),
        source: "manual".into(),
        title: title.into(),
        description: String::new(),
        likelihood: 3,
        impact: 4,
        residual_likelihood: None,
        residual_impact: None,
        owner: "HR".into(),
        treatment: String::new(),
        due_date: None,
        status: "open".into(),
        justification: String::new(),
        kb_refs: Vec::new(),
    };
    p.add_risk(&risk("Biased ranking"), &stamp()).unwrap();
    let gone = p.add_risk(&risk("Withdrawn idea"), &stamp()).unwrap();
    p.remove_risk(&gone, &stamp()).unwrap();
    let mut data = std::io::Cursor::new(b"hiring policy".to_vec());
    let info = p
        .add_evidence(
            &mut data,
            13,
            &crate::new_evidence("policy.txt", "text/plain"),
            &stamp(),
            &mut |_| {},
        )
        .unwrap();
    p.link_evidence(&info.id, "kb_item", "eu-ai-act:art-26.2", &stamp())
        .unwrap();
    path
}

/// Every kind of change replays to the rows it made, so the busy project
/// verifies with its evidence re-hashed and its seal counted; each kind of
/// row edited behind Assay's back is then reported under its own name.
#[test]
fn every_change_replays_and_every_row_edited_behind_assays_back_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = busy_project(dir.path());
    let v = Project::open(&path, &options(None))
        .unwrap()
        .verify()
        .unwrap();
    assert!(v.ok(), "{:?}", v.differences);
    assert_eq!((v.evidence_checked, v.seals), (1, 1));

    let edits = [
        (
            "UPDATE engagement SET client = 'Someone else'",
            "engagement",
            "`client`",
        ),
        (
            "UPDATE assessment SET verdict_snapshot = '{\"risk_class\":\"minimal_risk\"}'",
            "assessment",
            "the accepted verdict was changed after it was accepted",
        ),
        (
            "UPDATE evidence SET file_name = 'other.txt'",
            "evidence",
            "`file_name`",
        ),
        (
            "UPDATE risk SET title = 'Something else'",
            "risk",
            "`title`",
        ),
        (
            "DELETE FROM evidence_link",
            "evidence link",
            "removed without an audit entry",
        ),
        (
            "UPDATE evidence_chunk SET data = zeroblob(13)",
            "evidence bytes",
            "policy.txt",
        ),
    ];
    for (sql, kind, what) in edits {
        let dir = tempfile::tempdir().unwrap();
        let path = busy_project(dir.path());
        let v = verify_after(&path, sql);
        assert!(
            v.first_broken.is_none(),
            "{sql}: the chain itself is intact"
        );
        assert!(!v.ok(), "{sql}");
        assert!(
            v.differences
                .iter()
                .any(|d| d.kind == kind && d.what.contains(what)),
            "{sql}: {:?}",
            v.differences
        );
    }
}
