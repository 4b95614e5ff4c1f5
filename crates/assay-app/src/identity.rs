//! The assessor's signing identity: create, import, show; and the session
//! key, unlocked once so exports in the window cost render and sign only.
//! The unlocked key lives in memory only (its secret scalar is zeroed when
//! dropped) and locks itself after fifteen idle minutes.

use std::fs;
use std::path::Path;
use std::sync::{MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use assay_report::identity::{Identity, StoredIdentity};
use chrono::Utc;

use crate::dto::IdentityInfo;
use crate::{AppError, Assay, ErrorCode, files};

/// How long an unlocked key stays unlocked without use.
pub const SESSION_IDLE_LIMIT: Duration = Duration::from_secs(15 * 60);

/// The identity unlocked for this session, and when it was last used.
#[derive(Debug, Default)]
pub(crate) struct Session {
    unlocked: Option<(Identity, Instant)>,
}

impl Assay {
    /// Creates the signer identity (refuses to replace one unless `replace`).
    pub fn identity_new(
        &self,
        name: &str,
        organisation: &str,
        email: &str,
        passphrase: &str,
        replace: bool,
    ) -> Result<IdentityInfo, AppError> {
        check_person(name, organisation, email)?;
        let identity = Identity::create(name, organisation, email, Utc::now())?;
        self.store_identity(&identity, passphrase, replace)
    }

    /// Imports a CA-issued identity from a PKCS#12 file and stores it under
    /// `passphrase`.
    pub fn identity_import(
        &self,
        file: &Path,
        p12_password: &str,
        email: &str,
        passphrase: &str,
        replace: bool,
    ) -> Result<IdentityInfo, AppError> {
        // A PKCS#12 bundle is a few kilobytes; refuse anything far larger.
        let bytes = files::read_input(file, 1 << 20, "a PKCS#12 file")?;
        let identity = Identity::from_pkcs12(&bytes, p12_password, email).map_err(|e| {
            let mut error = AppError::from(e);
            error.message = format!("{}: {}", file.display(), error.message);
            error
        })?;
        self.store_identity(&identity, passphrase, replace)
    }

    pub fn identity_show(&self) -> Result<IdentityInfo, AppError> {
        let stored = self.stored_identity()?;
        self.identity_info(&stored)
    }

    fn store_identity(
        &self,
        identity: &Identity,
        passphrase: &str,
        replace: bool,
    ) -> Result<IdentityInfo, AppError> {
        let path = self.paths.identity_file();
        if path.exists() && !replace {
            return Err(AppError::new(
                ErrorCode::AlreadyExists,
                format!(
                    "a signing identity already exists at {}; pass --replace to replace it",
                    path.display()
                ),
            ));
        }
        let stored = identity.seal(passphrase)?;
        let json = serde_json::to_vec_pretty(&stored)
            .map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
        files::write_own_file(&path, &json)?;
        self.identity_info(&stored)
    }

    pub(crate) fn stored_identity(&self) -> Result<StoredIdentity, AppError> {
        let path = self.paths.identity_file();
        let text = fs::read_to_string(&path).map_err(|_| {
            AppError::new(ErrorCode::NoIdentity, format!("no signing identity yet; create one with `assay identity new` (it will be stored at {})", path.display()))
        })?;
        serde_json::from_str(&text).map_err(|e| {
            AppError::new(
                ErrorCode::NoIdentity,
                format!("{} is unreadable: {e}", path.display()),
            )
        })
    }

    fn identity_info(&self, stored: &StoredIdentity) -> Result<IdentityInfo, AppError> {
        Ok(IdentityInfo {
            name: stored.name.clone(),
            organisation: stored.organisation.clone(),
            email: stored.email.clone(),
            fingerprint: stored.fingerprint()?,
            path: self.paths.identity_file().display().to_string(),
        })
    }

    /// Unlocks the stored identity for this session.
    pub fn identity_unlock(&self, passphrase: &str) -> Result<IdentityInfo, AppError> {
        let stored = self.stored_identity()?;
        let identity = stored.unseal(passphrase)?;
        self.session().unlocked = Some((identity, Instant::now()));
        self.identity_info(&stored)
    }

    /// Forgets the unlocked key (its secret is zeroed as it is dropped).
    pub fn identity_lock(&self) {
        self.session().unlocked = None;
    }

    /// Whether a key is unlocked and not yet idle too long.
    pub fn identity_unlocked(&self) -> bool {
        self.session_identity().is_some()
    }

    /// The unlocked identity, if it has not been idle too long; using it
    /// keeps it unlocked.
    pub(crate) fn session_identity(&self) -> Option<Identity> {
        let mut session = self.session();
        match &mut session.unlocked {
            Some((_, used)) if used.elapsed() > SESSION_IDLE_LIMIT => {
                session.unlocked = None;
                None
            }
            Some((identity, used)) => {
                *used = Instant::now();
                Some(identity.clone())
            }
            None => None,
        }
    }

    fn session(&self) -> MutexGuard<'_, Session> {
        self.session.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A signer's name, organisation and e-mail are printed on every report
/// they sign and put in the certificate: they must be real values.
fn check_person(name: &str, organisation: &str, email: &str) -> Result<(), AppError> {
    let bad = |what: &str| Err(AppError::new(ErrorCode::InvalidArgument, what.to_owned()));
    if name.trim().is_empty() {
        return bad("the signer's name is empty");
    }
    if organisation.trim().is_empty() {
        return bad("the signer's organisation is empty");
    }
    let valid_email = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !email.contains(char::is_whitespace)
    });
    if !valid_email {
        return bad(&format!("`{email}` is not an e-mail address"));
    }
    Ok(())
}
