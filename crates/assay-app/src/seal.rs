//! Sealing the audit trail with the assessor's key, and checking a
//! project against its seals. Every seal is also written to this
//! computer's own log (outside the project file), so a file whose history
//! was rewritten or cut back after a seal is caught even if the seal rows
//! went with it.

use std::fs;
use std::path::PathBuf;

use assay_report::identity::{Identity, verify_detached};
use assay_store::{Seal, SealSignature, Stamp, seal_payload};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::export::Signing;
use crate::project::no_project;
use crate::{AppError, Assay, ErrorCode, files};

/// A seal as this computer remembers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KnownSeal {
    #[ts(type = "number")]
    pub seq: i64,
    pub head_hash: String,
    pub signer_fingerprint: String,
    pub sealed_at: String,
}

/// One seal in the file, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SealCheck {
    #[ts(type = "number")]
    pub seq: i64,
    pub signer_name: String,
    pub signer_fingerprint: String,
    pub sealed_at: String,
    pub signature_valid: bool,
    /// The signer is this computer's own identity or in its trust list.
    pub trusted: bool,
}

/// `verify` for a project: the file's own checks, its seals, and the last
/// seal this computer knows of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProjectCheck {
    pub file: assay_store::Verification,
    pub seals: Vec<SealCheck>,
    pub known_seal: Option<KnownSeal>,
    /// Problems with the seals, in plain words.
    pub seal_problems: Vec<String>,
    pub ok: bool,
}

impl Assay {
    /// Seals the open project's audit trail with the assessor's key.
    pub fn project_seal(&self, signing: &Signing) -> Result<Seal, AppError> {
        let identity = self.signing_identity(signing)?.ok_or_else(|| {
            AppError::new(
                ErrorCode::InvalidArgument,
                "sealing needs your signing identity",
            )
        })?;
        self.seal_with(&identity)
    }

    pub(crate) fn seal_with(&self, identity: &Identity) -> Result<Seal, AppError> {
        if identity.demo {
            return Err(AppError::new(
                ErrorCode::InvalidArgument,
                "the demonstration identity cannot seal a project: a seal vouches for its history",
            ));
        }
        let mut guard = self.project();
        let project = guard.as_mut().ok_or_else(no_project)?;
        let stamp = Stamp::new(Utc::now(), project.engagement()?.assessor);
        let mut sign = |payload: &[u8]| {
            Ok(SealSignature {
                signer_fingerprint: identity.fingerprint(),
                signer_name: identity.name.clone(),
                certificate: identity.certificate_der(),
                signature: identity.sign_detached(payload),
            })
        };
        let seal = project.seal(&mut sign, &stamp)?;
        let project_id = project.meta()?.project_id;
        drop(guard);
        let mut log = self.known_seals(&project_id);
        log.push(KnownSeal {
            seq: seal.seq,
            head_hash: seal.head_hash.clone(),
            signer_fingerprint: seal.signer_fingerprint.clone(),
            sealed_at: seal.sealed_at.clone(),
        });
        let json = serde_json::to_vec_pretty(&log)
            .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
        files::write_own_file(&self.seal_log(&project_id), &json)?;
        Ok(seal)
    }

    /// Every check on the open project: its rows against its trail, its
    /// seals' signatures, and the last seal this computer made of it.
    pub fn project_verify(&self) -> Result<ProjectCheck, AppError> {
        let trusted = self.trusted_fingerprints();
        let guard = self.project();
        let project = guard.as_ref().ok_or_else(no_project)?;
        let file = project.verify()?;
        let project_id = project.meta()?.project_id;
        let trail = project.audit_trail()?;
        let mut problems = Vec::new();
        let seals: Vec<SealCheck> = project
            .seals()?
            .iter()
            .map(|s| check_seal(&project_id, s, &trusted, &mut problems))
            .collect();
        let known_seal = self.known_seals(&project_id).pop();
        if let Some(known) = &known_seal {
            let present = trail
                .iter()
                .any(|e| e.seq == known.seq && e.hash == known.head_hash);
            if !present {
                problems.push(format!(
                    "this computer sealed the project's history at entry {} on {}, and the file no longer contains that history: it was rewritten or cut back",
                    known.seq, known.sealed_at
                ));
            }
        }
        let ok = file.ok() && problems.is_empty();
        Ok(ProjectCheck {
            file,
            seals,
            known_seal,
            seal_problems: problems,
            ok,
        })
    }

    fn known_seals(&self, project_id: &str) -> Vec<KnownSeal> {
        fs::read_to_string(self.seal_log(project_id))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    fn seal_log(&self, project_id: &str) -> PathBuf {
        let safe: String = project_id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        self.paths
            .data_dir
            .join("seals")
            .join(format!("{safe}.json"))
    }
}

fn check_seal(
    project_id: &str,
    seal: &Seal,
    trusted: &[String],
    problems: &mut Vec<String>,
) -> SealCheck {
    let payload = seal_payload(project_id, seal.seq, &seal.head_hash);
    let verified = verify_detached(&seal.certificate, &payload, &seal.signature);
    let signature_valid =
        matches!(&verified, Ok((fingerprint, _)) if *fingerprint == seal.signer_fingerprint);
    if !signature_valid {
        problems.push(format!(
            "the seal of entry {} claiming to be by {} does not verify",
            seal.seq, seal.signer_name
        ));
    }
    SealCheck {
        seq: seal.seq,
        signer_name: seal.signer_name.clone(),
        signer_fingerprint: seal.signer_fingerprint.clone(),
        sealed_at: seal.sealed_at.clone(),
        signature_valid,
        trusted: trusted.contains(&seal.signer_fingerprint),
    }
}
