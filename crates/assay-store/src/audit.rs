//! The hash-chained audit trail. Each row's hash covers the previous row's
//! hash and the row itself in canonical JSON (keys sorted at every level,
//! no insignificant whitespace), so removing, reordering or editing any row
//! breaks every hash after it.

use rusqlite::{Transaction, params};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::Stamp;

pub(crate) const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AuditEntry {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub detail: Value,
    pub prev_hash: String,
    pub hash: String,
}

/// Canonical JSON: object keys sorted, whatever map type serde_json was
/// built with (another crate enabling `preserve_order` must not change a
/// hash).
pub fn canonical(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(&map[key], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

pub(crate) fn row_hash(
    prev_hash: &str,
    seq: i64,
    at: &str,
    actor: &str,
    action: &str,
    subject: &str,
    detail: &Value,
) -> String {
    let row = serde_json::json!({
        "seq": seq,
        "at": at,
        "actor": actor,
        "action": action,
        "subject": subject,
        "detail": detail,
    });
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    hasher.update(canonical(&row).as_bytes());
    crate::hex(&hasher.finalize())
}

/// Appends one row inside the caller's transaction.
pub(crate) fn append(
    tx: &Transaction<'_>,
    stamp: &Stamp,
    action: &str,
    subject: &str,
    detail: &Value,
) -> rusqlite::Result<()> {
    let last: Option<(i64, String)> = tx
        .query_row(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map(Some)
        .or_else(|e| {
            if e == rusqlite::Error::QueryReturnedNoRows {
                Ok(None)
            } else {
                Err(e)
            }
        })?;
    let (seq, prev_hash) = match last {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS.to_owned()),
    };
    let at = stamp.at_text();
    let hash = row_hash(&prev_hash, seq, &at, &stamp.actor, action, subject, detail);
    tx.execute(
        "INSERT INTO audit (seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![seq, at, stamp.actor, action, subject, canonical(detail), prev_hash, hash],
    )?;
    Ok(())
}

/// Where the chain first fails, if it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BrokenLink {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq: i64,
    pub reason: String,
}

pub(crate) fn first_broken(entries: &[AuditEntry]) -> Option<BrokenLink> {
    let mut prev = GENESIS.to_owned();
    for (i, e) in entries.iter().enumerate() {
        let expected_seq = i as i64 + 1;
        if e.seq != expected_seq {
            return Some(BrokenLink {
                seq: e.seq,
                reason: format!(
                    "expected entry {expected_seq}; an entry is missing or out of order"
                ),
            });
        }
        if e.prev_hash != prev {
            return Some(BrokenLink {
                seq: e.seq,
                reason: "does not chain to the entry before it".into(),
            });
        }
        let recomputed = row_hash(
            &prev, e.seq, &e.at, &e.actor, &e.action, &e.subject, &e.detail,
        );
        if recomputed != e.hash {
            return Some(BrokenLink {
                seq: e.seq,
                reason: "its contents were changed after it was written".into(),
            });
        }
        prev = e.hash.clone();
    }
    None
}
