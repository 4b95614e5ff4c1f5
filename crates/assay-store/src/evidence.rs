//! The evidence locker. Files stream in and out in chunks through SQLite's
//! incremental blob I/O, hashed on the way, so memory stays flat whatever
//! the file's size; extraction re-hashes and refuses damaged bytes.

use std::io::{Read, Write};

use rusqlite::{MAIN_DB, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::{Project, Result, Stamp, StoreError, audit, error};

/// Bytes per stored chunk. Large enough that a 2 GB file is a few hundred
/// rows, small enough to stay far below SQLite's 1 GB value limit.
const CHUNK: usize = 8 << 20;
/// Bytes per read or write call inside a chunk.
const BUFFER: usize = 64 << 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EvidenceInfo {
    pub id: String,
    pub file_name: String,
    pub media_type: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub size: u64,
    pub sha256: String,
    pub added_by: String,
    pub added_at: String,
    /// What kind of evidence it is (an access review, a policy…), which
    /// decides how long it stays fresh; empty when not said.
    pub kind: String,
    /// When the evidence was collected (`YYYY-MM-DD`), if known.
    pub collected_on: Option<String>,
    /// `answer:<assessment>/<question>` or `kb_item:<id>`.
    pub links: Vec<String>,
}

/// What is known about evidence being added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewEvidence {
    pub file_name: String,
    pub media_type: String,
    pub kind: String,
    pub collected_on: Option<String>,
    /// Links made in the same transaction: (`answer` or `kb_item`, target).
    pub links: Vec<(String, String)>,
}

impl Project {
    /// Stores `size` bytes from `reader` as evidence, calling `progress`
    /// with the bytes stored so far. All or nothing: a failure leaves no
    /// partial evidence.
    pub fn add_evidence(
        &mut self,
        reader: &mut dyn Read,
        size: u64,
        new: &NewEvidence,
        stamp: &Stamp,
        progress: &mut dyn FnMut(u64),
    ) -> Result<EvidenceInfo> {
        if size > self.evidence_limit {
            return Err(StoreError::EvidenceTooLarge {
                size,
                limit: self.evidence_limit,
            });
        }
        for (kind, _) in &new.links {
            check_link_kind(kind)?;
        }
        if let Some(date) = &new.collected_on
            && chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err()
        {
            return Err(StoreError::Invalid(format!(
                "`{date}` is not a date in YYYY-MM-DD form"
            )));
        }
        let id = uuid::Uuid::now_v7().to_string();
        let name = crate::sanitise_file_name(&new.file_name);
        let media_type = new.media_type.as_str();
        let at = stamp.at_text();
        let path = self.path.clone();
        let hash = self.change(stamp, |tx| {
            tx.execute(
                "INSERT INTO evidence (id, file_name, media_type, size, sha256, added_by, added_at, kind, collected_on) VALUES (?1, ?2, ?3, ?4, '', ?5, ?6, ?7, ?8)",
                params![id, name, media_type, i64::try_from(size).unwrap_or(i64::MAX), stamp.actor, at, new.kind, new.collected_on],
            )?;
            let mut hasher = Sha256::new();
            let mut buffer = vec![0u8; BUFFER];
            let mut stored: u64 = 0;
            let mut seq: i64 = 0;
            while stored < size {
                let chunk_len = usize::try_from((size - stored).min(CHUNK as u64)).unwrap_or(CHUNK);
                tx.execute(
                    "INSERT INTO evidence_chunk (evidence_id, seq, data) VALUES (?1, ?2, zeroblob(?3))",
                    params![id, seq, i64::try_from(chunk_len).unwrap_or(i64::MAX)],
                )?;
                let rowid = tx.last_insert_rowid();
                let mut blob = tx.blob_open(MAIN_DB, "evidence_chunk", "data", rowid, false)?;
                let mut written = 0;
                while written < chunk_len {
                    let want = BUFFER.min(chunk_len - written);
                    let got = reader.read(&mut buffer[..want]).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
                    if got == 0 {
                        return Err(rusqlite::Error::ToSqlConversionFailure(format!("the file ended after {} of {size} bytes", stored + written as u64).into()));
                    }
                    hasher.update(&buffer[..got]);
                    blob.write_all(&buffer[..got]).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
                    written += got;
                    progress(stored + written as u64);
                }
                stored += chunk_len as u64;
                seq += 1;
            }
            if reader.read(&mut buffer[..1]).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))? > 0 {
                return Err(rusqlite::Error::ToSqlConversionFailure(format!("the file grew while it was read (more than {size} bytes)").into()));
            }
            let hash = crate::hex(&hasher.finalize());
            tx.execute("UPDATE evidence SET sha256 = ?1 WHERE id = ?2", params![hash, id])?;
            audit::append(tx, stamp, "evidence.add", &id, &serde_json::json!({ "file_name": name, "size": size, "sha256": hash, "media_type": media_type, "kind": new.kind, "collected_on": new.collected_on }))?;
            for (kind, target) in &new.links {
                insert_link(tx, stamp, &id, kind, target)?;
            }
            Ok(hash)
        });
        let hash = hash.map_err(|e| match e {
            StoreError::Sqlite {
                source: rusqlite::Error::ToSqlConversionFailure(inner),
                ..
            } => StoreError::Invalid(format!(
                "{}: could not read the evidence file: {inner}",
                path.display()
            )),
            other => other,
        })?;
        self.evidence_info(&id).map(|mut info| {
            info.sha256 = hash;
            info
        })
    }

    pub fn evidence(&self) -> Result<Vec<EvidenceInfo>> {
        let ids: Vec<String> =
            self.rows("SELECT id FROM evidence ORDER BY added_at, id", [], |r| {
                r.get(0)
            })?;
        ids.iter().map(|id| self.evidence_info(id)).collect()
    }

    pub fn evidence_info(&self, id: &str) -> Result<EvidenceInfo> {
        let row = crate::optional(self.conn.query_row(
            "SELECT id, file_name, media_type, size, sha256, added_by, added_at, kind, collected_on FROM evidence WHERE id = ?1",
            [id],
            |r| {
                Ok(EvidenceInfo {
                    id: r.get(0)?,
                    file_name: r.get(1)?,
                    media_type: r.get(2)?,
                    size: u64::try_from(r.get::<_, i64>(3)?).unwrap_or_default(),
                    sha256: r.get(4)?,
                    added_by: r.get(5)?,
                    added_at: r.get(6)?,
                    kind: r.get(7)?,
                    collected_on: r.get(8)?,
                    links: Vec::new(),
                })
            },
        ))
        .map_err(error::sqlite(&self.path))?;
        let mut info = row.ok_or_else(|| StoreError::UnknownId {
            what: "evidence",
            id: id.to_owned(),
        })?;
        info.links = self.rows("SELECT target_kind, target FROM evidence_link WHERE evidence_id = ?1 ORDER BY target_kind, target", [id], |r| {
                Ok(format!(
                    "{}:{}",
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?
                ))
            })?;
        Ok(info)
    }

    /// Writes the evidence bytes to `writer`, re-hashing as it goes; fails
    /// if they no longer match the recorded SHA-256.
    pub fn extract_evidence(&self, id: &str, writer: &mut dyn Write) -> Result<EvidenceInfo> {
        let info = self.evidence_info(id)?;
        let rowids: Vec<i64> = self.rows(
            "SELECT rowid FROM evidence_chunk WHERE evidence_id = ?1 ORDER BY seq",
            [id],
            |r| r.get(0),
        )?;
        let mut hasher = Sha256::new();
        let mut buffer = vec![0u8; BUFFER];
        for rowid in rowids {
            let mut blob = self
                .conn
                .blob_open(MAIN_DB, "evidence_chunk", "data", rowid, true)
                .map_err(error::sqlite(&self.path))?;
            loop {
                let got = blob.read(&mut buffer).map_err(error::io(&self.path))?;
                if got == 0 {
                    break;
                }
                hasher.update(&buffer[..got]);
                writer
                    .write_all(&buffer[..got])
                    .map_err(error::io(&self.path))?;
            }
        }
        if crate::hex(&hasher.finalize()) != info.sha256 {
            return Err(StoreError::EvidenceDamaged { id: id.to_owned() });
        }
        Ok(info)
    }

    /// Links evidence to an answer (`answer`, `<assessment>/<question>`) or
    /// a knowledge-base item (`kb_item`, `<id>`).
    pub fn link_evidence(
        &mut self,
        evidence_id: &str,
        target_kind: &str,
        target: &str,
        stamp: &Stamp,
    ) -> Result<()> {
        self.link_evidence_all(evidence_id, &[(target_kind, target)], stamp)
    }

    /// Adds every link of `links` (kind, target) to the evidence in one
    /// transaction: all of them, or none when one is refused.
    pub fn link_evidence_all(
        &mut self,
        evidence_id: &str,
        links: &[(&str, &str)],
        stamp: &Stamp,
    ) -> Result<()> {
        self.evidence_info(evidence_id)?;
        for (kind, _) in links {
            check_link_kind(kind)?;
        }
        self.change(stamp, |tx| {
            links
                .iter()
                .try_for_each(|(kind, target)| insert_link(tx, stamp, evidence_id, kind, target))
        })
    }
}

fn check_link_kind(kind: &str) -> Result<()> {
    if matches!(kind, "answer" | "kb_item") {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "evidence links to an answer or a kb_item, not `{kind}`"
        )))
    }
}

fn insert_link(
    tx: &rusqlite::Transaction<'_>,
    stamp: &Stamp,
    evidence_id: &str,
    kind: &str,
    target: &str,
) -> rusqlite::Result<()> {
    let added = tx.execute(
        "INSERT OR IGNORE INTO evidence_link (evidence_id, target_kind, target) VALUES (?1, ?2, ?3)",
        params![evidence_id, kind, target],
    )?;
    if added > 0 {
        audit::append(
            tx,
            stamp,
            "evidence.link",
            evidence_id,
            &serde_json::json!({ "kind": kind, "target": target }),
        )?;
    }
    Ok(())
}

/// A file name safe to create anywhere: no directories, no traversal, no
/// control or reserved characters, not empty, at most 120 characters.
pub fn sanitise_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned
        .trim()
        .trim_start_matches('.')
        .trim_end_matches(['.', ' ']);
    let mut out: String = trimmed.chars().take(120).collect();
    let stem = out.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = [
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "LPT1", "LPT2", "LPT3",
    ];
    if out.is_empty() || reserved.contains(&stem.as_str()) {
        out = format!("evidence-{out}");
    }
    out
}
