//! Answers: read them, and change them. A change — the answers given and
//! the answers it made irrelevant — is one transaction, audited row by row,
//! so a crash can never leave half of it.

use rusqlite::params;
use serde_json::Value;

use crate::{
    AnswerInput, Project, Provenance, Result, Stamp, StoreError, StoredAnswer, audit, canonical,
};

/// The largest answer value accepted, in bytes of canonical JSON: a long
/// description fits many times over; a pasted file does not belong here
/// (attach it as evidence).
pub const MAX_ANSWER_BYTES: usize = 256 << 10;
/// The largest note on an answer, in bytes.
pub const MAX_NOTE_BYTES: usize = 64 << 10;

pub(crate) fn answer_subject(assessment_id: &str, question_id: &str) -> String {
    format!("{assessment_id}/{question_id}")
}

impl Project {
    pub fn answers(&self, assessment_id: &str) -> Result<Vec<StoredAnswer>> {
        self.rows("SELECT question_id, value, note, provenance, answered_by, answered_at FROM answer WHERE assessment_id = ?1 ORDER BY rowid", [assessment_id], |r| {
                let value: String = r.get(1)?;
                let provenance: String = r.get(3)?;
                Ok(StoredAnswer {
                    question_id: r.get(0)?,
                    value: serde_json::from_str(&value).unwrap_or(Value::Null),
                    note: r.get(2)?,
                    provenance: Provenance::parse(&provenance).unwrap_or(Provenance::ClientAsserted),
                    answered_by: r.get(4)?,
                    answered_at: r.get(5)?,
                })
            })
    }

    /// Saves answers in one durable transaction, each audited.
    pub fn save_answers(
        &mut self,
        assessment_id: &str,
        answers: &[AnswerInput],
        stamp: &Stamp,
    ) -> Result<()> {
        self.apply_answers(assessment_id, answers, &[], stamp)
    }

    /// Removes answers (a changed earlier answer made them irrelevant).
    pub fn clear_answers(
        &mut self,
        assessment_id: &str,
        question_ids: &[String],
        stamp: &Stamp,
    ) -> Result<()> {
        self.apply_answers(assessment_id, &[], question_ids, stamp)
    }

    /// Sets `set` and removes `clear` in one durable transaction: either
    /// the whole change is saved, or nothing is. Autosave calls this after
    /// every answer, with the answers the change made irrelevant.
    pub fn apply_answers(
        &mut self,
        assessment_id: &str,
        set: &[AnswerInput],
        clear: &[String],
        stamp: &Stamp,
    ) -> Result<()> {
        self.assessment(assessment_id)?;
        for a in set {
            check_size(a)?;
        }
        let at = stamp.at_text();
        self.change(stamp, |tx| {
            let mut upsert = tx.prepare_cached(
                "INSERT INTO answer (assessment_id, question_id, value, note, provenance, answered_by, answered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (assessment_id, question_id) DO UPDATE SET value = excluded.value, note = excluded.note, provenance = excluded.provenance, answered_by = excluded.answered_by, answered_at = excluded.answered_at",
            )?;
            for a in set {
                upsert.execute(params![assessment_id, a.question_id, canonical(&a.value), a.note, a.provenance.as_str(), stamp.actor, at])?;
                audit::append(tx, stamp, "answer.set", &answer_subject(assessment_id, &a.question_id), &serde_json::json!({ "value": a.value, "note": a.note, "provenance": a.provenance.as_str() }))?;
            }
            for q in clear {
                let removed = tx.execute(
                    "DELETE FROM answer WHERE assessment_id = ?1 AND question_id = ?2",
                    params![assessment_id, q],
                )?;
                if removed > 0 {
                    audit::append(tx, stamp, "answer.clear", &answer_subject(assessment_id, q), &Value::Null)?;
                }
            }
            Ok(())
        })
    }
}

fn check_size(a: &AnswerInput) -> Result<()> {
    let value = canonical(&a.value).len();
    if value > MAX_ANSWER_BYTES {
        return Err(StoreError::Invalid(format!(
            "the answer to `{}` is {value} bytes; answers are limited to {} KiB (attach long documents as evidence)",
            a.question_id,
            MAX_ANSWER_BYTES >> 10
        )));
    }
    if a.note.len() > MAX_NOTE_BYTES {
        return Err(StoreError::Invalid(format!(
            "the note on `{}` is {} bytes; notes are limited to {} KiB",
            a.question_id,
            a.note.len(),
            MAX_NOTE_BYTES >> 10
        )));
    }
    Ok(())
}
