//! Seals: the assessor's signature over the audit trail's head. A seal is
//! taken at every signed report export and on demand. Anyone holding the
//! file can rewrite the hash chain, but not sign: a rewritten or truncated
//! history no longer matches a seal made before it. The signature itself
//! is made and checked by the caller (the identity lives outside the file);
//! this module stores seals and says what was signed.

use rusqlite::params;
use serde::Serialize;

use crate::{Project, Result, Stamp, StoreError, audit, error};

/// A stored seal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Seal {
    /// The audit entry sealed (the head at the time).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seq: i64,
    pub head_hash: String,
    pub signer_fingerprint: String,
    pub signer_name: String,
    /// The signer's certificate, DER.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub certificate: Vec<u8>,
    /// The signature over [`seal_payload`], DER-encoded ECDSA.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub signature: Vec<u8>,
    pub sealed_at: String,
}

/// What a signer returns.
#[derive(Debug, Clone)]
pub struct SealSignature {
    pub signer_fingerprint: String,
    pub signer_name: String,
    pub certificate: Vec<u8>,
    pub signature: Vec<u8>,
}

/// The bytes a seal signs: the project, the entry and its hash.
pub fn seal_payload(project_id: &str, seq: i64, head_hash: &str) -> Vec<u8> {
    format!("assay-audit-seal/1\n{project_id}\n{seq}\n{head_hash}\n").into_bytes()
}

impl Project {
    /// The last audit entry: its number and hash.
    pub fn audit_head(&self) -> Result<Option<(i64, String)>> {
        crate::optional(self.conn.query_row(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        ))
        .map_err(error::sqlite(&self.path))
    }

    /// Seals the current head with `sign` and records the seal, with its
    /// own audit entry, in one transaction.
    pub fn seal(
        &mut self,
        sign: &mut dyn FnMut(&[u8]) -> std::result::Result<SealSignature, String>,
        stamp: &Stamp,
    ) -> Result<Seal> {
        self.check_writable()?;
        let project_id = self.meta()?.project_id;
        let (seq, head_hash) = self
            .audit_head()?
            .ok_or_else(|| StoreError::Invalid("the audit trail is empty".into()))?;
        let signed =
            sign(&seal_payload(&project_id, seq, &head_hash)).map_err(StoreError::Invalid)?;
        let seal = Seal {
            seq,
            head_hash,
            signer_fingerprint: signed.signer_fingerprint,
            signer_name: signed.signer_name,
            certificate: signed.certificate,
            signature: signed.signature,
            sealed_at: stamp.at_text(),
        };
        let s = seal.clone();
        self.change(stamp, |tx| {
            tx.execute(
                "INSERT INTO seal (seq, head_hash, signer_fingerprint, signer_name, certificate, signature, sealed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![s.seq, s.head_hash, s.signer_fingerprint, s.signer_name, s.certificate, s.signature, s.sealed_at],
            )?;
            audit::append(tx, stamp, "audit.seal", &s.seq.to_string(), &serde_json::json!({ "head_hash": s.head_hash, "signer": s.signer_fingerprint }))
        })?;
        Ok(seal)
    }

    pub fn seals(&self) -> Result<Vec<Seal>> {
        self.rows("SELECT seq, head_hash, signer_fingerprint, signer_name, certificate, signature, sealed_at FROM seal ORDER BY seq, sealed_at", [], |r| {
            Ok(Seal {
                seq: r.get(0)?,
                head_hash: r.get(1)?,
                signer_fingerprint: r.get(2)?,
                signer_name: r.get(3)?,
                certificate: r.get(4)?,
                signature: r.get(5)?,
                sealed_at: r.get(6)?,
            })
        })
    }
}
