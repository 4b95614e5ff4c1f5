//! The local trust list: the signers whose reports and seals this computer
//! accepts as "signed by someone expected". Self-signed certificates prove
//! only that the signer holds a key; the trust list is where a person says
//! whose key it is. The user's own identity is always trusted.

use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{AppError, Assay, ErrorCode, files};

/// A signer this computer trusts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TrustedSigner {
    /// SHA-256 of the certificate, colon-separated upper-case hex.
    pub fingerprint: String,
    pub name: String,
    pub added_at: String,
}

impl Assay {
    pub fn trust_list(&self) -> Vec<TrustedSigner> {
        fs::read_to_string(self.paths.trust_file())
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    /// Trusts a signer, given as a certificate file (PEM or DER) or a
    /// fingerprint.
    pub fn trust_add(&self, signer: &str, name: &str) -> Result<TrustedSigner, AppError> {
        let (fingerprint, subject) = fingerprint_from(signer)?;
        let name = if name.trim().is_empty() {
            subject
        } else {
            name.trim().to_owned()
        };
        let mut list = self.trust_list();
        list.retain(|t| t.fingerprint != fingerprint);
        let entry = TrustedSigner {
            fingerprint,
            name,
            added_at: chrono::Utc::now().to_rfc3339(),
        };
        list.push(entry.clone());
        self.save_trust(&list)?;
        Ok(entry)
    }

    pub fn trust_remove(&self, fingerprint: &str) -> Result<(), AppError> {
        let wanted = normalise(fingerprint);
        let mut list = self.trust_list();
        let before = list.len();
        list.retain(|t| t.fingerprint != wanted);
        if list.len() == before {
            return Err(AppError::unknown_id("trusted signer", fingerprint));
        }
        self.save_trust(&list)
    }

    /// Fingerprints trusted here: the trust list and the user's own identity.
    pub(crate) fn trusted_fingerprints(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .trust_list()
            .into_iter()
            .map(|t| t.fingerprint)
            .collect();
        if let Ok(fingerprint) = self.stored_identity().and_then(|s| Ok(s.fingerprint()?)) {
            out.push(fingerprint);
        }
        out
    }

    fn save_trust(&self, list: &[TrustedSigner]) -> Result<(), AppError> {
        let json = serde_json::to_vec_pretty(list)
            .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
        files::write_own_file(&self.paths.trust_file(), &json)
    }
}

/// `AB:CD:…` from a fingerprint in any common spelling, or from a
/// certificate file; with the certificate's subject when there is one.
pub(crate) fn fingerprint_from(signer: &str) -> Result<(String, String), AppError> {
    let path = Path::new(signer);
    if path.is_file() {
        let bytes = files::read_input(path, 1 << 20, "a certificate file")?;
        let certificate =
            assay_report::identity::certificate_from_pem_or_der(&bytes).map_err(|e| {
                AppError::new(
                    ErrorCode::InvalidArgument,
                    format!("{}: {e}", path.display()),
                )
            })?;
        return Ok((
            assay_report::identity::fingerprint_of(&certificate),
            certificate.tbs_certificate.subject.to_string(),
        ));
    }
    let fingerprint = normalise(signer);
    if fingerprint.len() != 95 {
        return Err(AppError::new(
            ErrorCode::InvalidArgument,
            format!(
                "`{signer}` is neither a certificate file nor a SHA-256 fingerprint (64 hex digits)"
            ),
        ));
    }
    Ok((fingerprint, String::new()))
}

/// Upper-case hex pairs joined by colons.
pub(crate) fn normalise(fingerprint: &str) -> String {
    let hex: Vec<char> = fingerprint
        .chars()
        .filter(char::is_ascii_hexdigit)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if hex.len() != 64 {
        return fingerprint.trim().to_owned();
    }
    hex.chunks(2)
        .map(|pair| pair.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(":")
}
