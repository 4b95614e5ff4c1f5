//! `verify`: is the project exactly what its audit trail says?
//!
//! Four checks, all reported together: SQLite's full integrity check; the
//! hash chain; a replay of the trail compared with every user-visible row
//! (answers, evidence and its links, engagement, assessments and accepted
//! verdicts, overrides, risks, the obligation register, exported reports),
//! so an edit, deletion or insertion behind Assay's back is named with what
//! changed and where; and every evidence file re-hashed against the
//! SHA-256 recorded when it was added. Seals must match the chain they
//! sealed; checking their signatures is the caller's (it holds the keys).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::audit::{AuditEntry, BrokenLink};
use crate::{Project, Result, audit, canonical, error};

/// One place where the project differs from what its audit trail says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Difference {
    /// `answer`, `evidence`, `evidence bytes`, `engagement`, `assessment`,
    /// `override`, `risk`, `register`, `report`, `seal`, `audit`.
    pub kind: String,
    pub subject: String,
    pub what: String,
}

/// The result of `verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Verification {
    pub integrity: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub audit_entries: i64,
    pub first_broken: Option<BrokenLink>,
    pub differences: Vec<Difference>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub evidence_checked: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seals: u64,
}

impl Verification {
    pub fn ok(&self) -> bool {
        self.integrity == "ok" && self.first_broken.is_none() && self.differences.is_empty()
    }
}

/// The state the audit trail describes, subject by subject.
#[derive(Default)]
struct Replay {
    project_id: Option<String>,
    engagement: Option<Value>,
    assessments: BTreeMap<String, Value>,
    snapshots: BTreeMap<String, Value>,
    answers: BTreeMap<String, Value>,
    evidence: BTreeMap<String, Value>,
    links: BTreeSet<String>,
    overrides: BTreeMap<String, Value>,
    risks: BTreeMap<String, Value>,
    register: BTreeMap<String, Value>,
    reports: BTreeMap<String, Value>,
    seals: BTreeMap<String, Value>,
}

impl Replay {
    fn apply(&mut self, e: &AuditEntry) {
        let s = e.subject.clone();
        let d = e.detail.clone();
        match e.action.as_str() {
            "project.create" => {
                self.project_id = Some(s);
                self.engagement = Some(d);
            }
            "engagement.update" => self.engagement = Some(d),
            "assessment.create" => {
                self.assessments.insert(s, d);
            }
            "verdict.accept" => {
                if let Some(a) = self.assessments.get_mut(&s).and_then(Value::as_object_mut) {
                    for key in ["kb_version", "kb_hash"] {
                        if let Some(v) = d.get(key) {
                            a.insert(key.to_owned(), v.clone());
                        }
                    }
                }
                self.snapshots.insert(s, d);
            }
            "answer.set" => {
                self.answers.insert(s, d);
            }
            "answer.clear" => {
                self.answers.remove(&s);
            }
            "evidence.add" => {
                self.evidence.insert(s, d);
            }
            "evidence.link" => {
                let kind = d.get("kind").and_then(Value::as_str).unwrap_or_default();
                let target = d.get("target").and_then(Value::as_str).unwrap_or_default();
                self.links.insert(format!("{s} {kind}:{target}"));
            }
            "override.add" => {
                self.overrides.insert(s, d);
            }
            "risk.add" | "risk.update" => {
                self.risks.insert(s, d);
            }
            "risk.remove" => {
                self.risks.remove(&s);
            }
            "register.set" => {
                self.register.insert(s, d);
            }
            "report.export" => {
                self.reports.insert(s, d);
            }
            "audit.seal" => {
                self.seals.insert(s, d);
            }
            _ => {}
        }
    }
}

impl Project {
    /// Every check at once (see the module documentation).
    pub fn verify(&self) -> Result<Verification> {
        let integrity: String = self
            .conn
            .pragma_query_value(None, "integrity_check", |r| r.get(0))
            .map_err(error::sqlite(&self.path))?;
        let entries = self.audit_trail()?;
        let first_broken = audit::first_broken(&entries);
        let mut replay = Replay::default();
        for e in &entries {
            replay.apply(e);
        }
        let mut out = Vec::new();
        self.compare_project(&replay, &mut out)?;
        self.compare_answers(&replay, &mut out)?;
        self.compare_evidence(&replay, &mut out)?;
        self.compare_records(&replay, &mut out)?;
        let evidence_checked = self.rehash_evidence(&mut out)?;
        let seals = self.compare_seals(&entries, &replay, &mut out)?;
        Ok(Verification {
            integrity,
            audit_entries: i64::try_from(entries.len()).unwrap_or(i64::MAX),
            first_broken,
            differences: out,
            evidence_checked,
            seals,
        })
    }

    fn compare_project(&self, replay: &Replay, out: &mut Vec<Difference>) -> Result<()> {
        let meta = self.meta()?;
        if replay.project_id.as_deref() != Some(meta.project_id.as_str()) {
            out.push(diff(
                "project",
                "meta",
                "the project ID is not the one the trail was started with",
            ));
        }
        let engagement = serde_json::to_value(self.engagement()?).unwrap_or_default();
        if let Some(audited) = &replay.engagement {
            fields(out, "engagement", "engagement", audited, &engagement);
        }
        let assessments: BTreeMap<String, Value> = self
            .assessments()?
            .into_iter()
            .map(|a| {
                let snapshot = a.verdict_snapshot.as_ref().map(|v| {
                    crate::hex(&Sha256::digest(canonical(v).as_bytes()))
                });
                let row = json!({ "questionnaire": a.questionnaire, "questionnaire_version": a.questionnaire_version, "kb_version": a.kb_version, "kb_hash": a.kb_hash, "snapshot_sha256": snapshot, "risk_class": a.verdict_snapshot.as_ref().and_then(|v| v.get("risk_class")) });
                (a.id, row)
            })
            .collect();
        rows(out, "assessment", &replay.assessments, &assessments);
        for (id, accepted) in &replay.snapshots {
            if let Some(row) = assessments.get(id) {
                let keys: Vec<&str> = ["snapshot_sha256", "risk_class"]
                    .into_iter()
                    .filter(|k| accepted.get(*k).is_some())
                    .take(1)
                    .collect();
                for key in keys {
                    if accepted.get(key) != row.get(key) {
                        out.push(diff(
                            "assessment",
                            id,
                            "the accepted verdict was changed after it was accepted",
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    fn compare_answers(&self, replay: &Replay, out: &mut Vec<Difference>) -> Result<()> {
        let mut actual = BTreeMap::new();
        for a in self.assessments()? {
            for answer in self.answers(&a.id)? {
                let subject = crate::answers::answer_subject(&a.id, &answer.question_id);
                actual.insert(subject, json!({ "value": answer.value, "note": answer.note, "provenance": answer.provenance.as_str() }));
            }
        }
        rows(out, "answer", &replay.answers, &actual);
        Ok(())
    }

    fn compare_evidence(&self, replay: &Replay, out: &mut Vec<Difference>) -> Result<()> {
        let mut actual = BTreeMap::new();
        let mut links = BTreeSet::new();
        for e in self.evidence()? {
            for link in &e.links {
                links.insert(format!("{} {link}", e.id));
            }
            actual.insert(e.id.clone(), json!({ "file_name": e.file_name, "size": e.size, "sha256": e.sha256, "media_type": e.media_type, "kind": e.kind, "collected_on": e.collected_on }));
        }
        rows(out, "evidence", &replay.evidence, &actual);
        for missing in replay.links.difference(&links) {
            out.push(diff(
                "evidence link",
                missing,
                "removed without an audit entry",
            ));
        }
        for extra in links.difference(&replay.links) {
            out.push(diff("evidence link", extra, "present but never audited"));
        }
        Ok(())
    }

    fn compare_records(&self, replay: &Replay, out: &mut Vec<Difference>) -> Result<()> {
        let overrides = self
            .overrides()?
            .into_iter()
            .map(|o| (o.id.clone(), json!({ "assessment": o.assessment_id, "finding": o.finding, "original": o.original, "replacement": o.replacement, "justification": o.justification })))
            .collect();
        rows(out, "override", &replay.overrides, &overrides);
        let risks = self
            .risks()?
            .into_iter()
            .map(|r| {
                (
                    r.id.clone(),
                    serde_json::to_value(&r.input).unwrap_or_default(),
                )
            })
            .collect();
        rows(out, "risk", &replay.risks, &risks);
        let mut register = BTreeMap::new();
        for a in self.assessments()? {
            for e in self.register(&a.id)? {
                register.insert(format!("{}/{}", e.assessment_id, e.item_id), json!({ "status": e.status.as_str(), "owner": e.owner, "target_date": e.target_date, "note": e.note }));
            }
        }
        rows(out, "register", &replay.register, &register);
        let reports = self
            .reports()?
            .into_iter()
            .map(|r| (r.id.clone(), json!({ "file_name": r.file_name, "sha256": r.sha256, "signer": r.signer_fingerprint, "final": r.is_final, "audit_seq": r.audit_seq, "audit_head": r.audit_head })))
            .collect();
        rows(out, "report", &replay.reports, &reports);
        Ok(())
    }

    /// Reads every evidence file back and compares its SHA-256.
    fn rehash_evidence(&self, out: &mut Vec<Difference>) -> Result<u64> {
        let mut checked = 0;
        for e in self.evidence()? {
            let mut sink = std::io::sink();
            if let Err(err) = self.extract_evidence(&e.id, &mut sink) {
                out.push(diff(
                    "evidence bytes",
                    &e.id,
                    &format!("{} ({err})", e.file_name),
                ));
            }
            checked += 1;
        }
        Ok(checked)
    }

    /// Each seal must match the entry it sealed, and have its own entry;
    /// entries a report was made from must still be there.
    fn compare_seals(
        &self,
        entries: &[AuditEntry],
        replay: &Replay,
        out: &mut Vec<Difference>,
    ) -> Result<u64> {
        let by_seq: BTreeMap<i64, &AuditEntry> = entries.iter().map(|e| (e.seq, e)).collect();
        let seals = self.seals()?;
        for seal in &seals {
            let subject = format!("entry {}", seal.seq);
            match by_seq.get(&seal.seq) {
                None => out.push(diff("seal", &subject, &format!("sealed by {} on {}, but the trail no longer reaches it: entries were removed", seal.signer_name, seal.sealed_at))),
                Some(e) if e.hash != seal.head_hash => out.push(diff("seal", &subject, &format!("the history sealed by {} on {} was rewritten", seal.signer_name, seal.sealed_at))),
                Some(_) => {}
            }
            if !replay.seals.contains_key(&seal.seq.to_string()) {
                out.push(diff("seal", &subject, "the seal has no audit entry"));
            }
        }
        for (seq, detail) in &replay.seals {
            let still_there = seals
                .iter()
                .any(|s| s.seq.to_string() == *seq && detail["head_hash"] == s.head_hash.as_str());
            if !still_there {
                out.push(diff(
                    "seal",
                    &format!("entry {seq}"),
                    "a seal the trail records is missing or was altered",
                ));
            }
        }
        let last = entries.last().map_or(0, |e| e.seq);
        for report in self.reports()? {
            if report.audit_seq.is_some_and(|s| s > last) {
                out.push(diff("audit", &report.file_name, "the report was made from entries the trail no longer has: the trail was truncated"));
            }
        }
        Ok(u64::try_from(seals.len()).unwrap_or(0))
    }
}

fn diff(kind: &str, subject: &str, what: &str) -> Difference {
    Difference {
        kind: kind.to_owned(),
        subject: subject.to_owned(),
        what: what.to_owned(),
    }
}

/// Compares audited rows with actual rows: missing, extra, changed.
fn rows(
    out: &mut Vec<Difference>,
    kind: &str,
    audited: &BTreeMap<String, Value>,
    actual: &BTreeMap<String, Value>,
) {
    for (subject, expected) in audited {
        match actual.get(subject) {
            None => out.push(diff(kind, subject, "deleted without an audit entry")),
            Some(row) => fields(out, kind, subject, expected, row),
        }
    }
    for subject in actual.keys().filter(|s| !audited.contains_key(*s)) {
        out.push(diff(kind, subject, "present but never audited"));
    }
}

/// Compares the fields the audit entry recorded (older entries record
/// fewer; those are the ones that can be checked).
fn fields(out: &mut Vec<Difference>, kind: &str, subject: &str, audited: &Value, actual: &Value) {
    let Some(map) = audited.as_object() else {
        return;
    };
    for (key, expected) in map {
        let got = actual.get(key).unwrap_or(&Value::Null);
        if canonical(got) != canonical(expected) {
            out.push(diff(
                kind,
                subject,
                &format!("`{key}` is not what the audit trail recorded"),
            ));
        }
    }
}
