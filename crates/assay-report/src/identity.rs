//! Signer identities: a self-signed signing certificate for the assessor,
//! with the private key stored encrypted under a passphrase (PKCS#8, scrypt
//! and AES-256-CBC). The certificate uses a leaf profile (digitalSignature,
//! nonRepudiation), which PDF validators require of a signing key.

use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use der::{Decode, Encode};
use p256::ecdsa::{DerSignature, SigningKey};
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey, LineEnding};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use spki::EncodePublicKey;
use x509_cert::Certificate;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::Validity;

use crate::ReportError;

/// Who signs, with the key to sign.
#[derive(Clone)]
pub struct Identity {
    pub name: String,
    pub organisation: String,
    pub email: String,
    pub certificate: Certificate,
    pub key: SigningKey,
    /// The built-in demonstration identity.
    pub demo: bool,
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Identity")
            .field("name", &self.name)
            .field("fingerprint", &self.fingerprint())
            .finish_non_exhaustive()
    }
}

/// The on-disk form: the certificate in the clear, the key encrypted.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredIdentity {
    pub name: String,
    pub organisation: String,
    pub email: String,
    pub certificate_pem: String,
    pub encrypted_key_pem: String,
}

/// SHA-256 of a certificate's DER, as colon-separated upper-case hex.
pub fn fingerprint_of(certificate: &Certificate) -> String {
    let der = certificate.to_der().unwrap_or_default();
    Sha256::digest(&der)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

fn escape_rdn(value: &str) -> String {
    value
        .chars()
        .flat_map(|c| match c {
            ',' | '+' | '"' | '\\' | '<' | '>' | ';' | '=' => vec!['\\', c],
            _ => vec![c],
        })
        .collect()
}

impl Identity {
    /// Creates a new key and a self-signed certificate valid for three years.
    pub fn create(
        name: &str,
        organisation: &str,
        email: &str,
        now: DateTime<Utc>,
    ) -> Result<Identity, ReportError> {
        let key = SigningKey::random(&mut rand_core::OsRng);
        Self::with_key(name, organisation, email, now, key, false)
    }

    /// The demonstration identity: a fixed key, clearly labelled, so the
    /// headless demo signs without prompting. Never for real reports.
    pub fn demo(now: DateTime<Utc>) -> Result<Identity, ReportError> {
        let key = demo_key()?;
        Self::with_key(
            "Assay Demo Signer (NOT A REAL IDENTITY)",
            "Assay demonstration",
            "demo@assay.invalid",
            now,
            key,
            true,
        )
    }

    fn with_key(
        name: &str,
        organisation: &str,
        email: &str,
        now: DateTime<Utc>,
        key: SigningKey,
        demo: bool,
    ) -> Result<Identity, ReportError> {
        let err = |e: &dyn std::fmt::Display| ReportError::Identity(e.to_string());
        let subject = Name::from_str(&format!(
            "CN={},O={}",
            escape_rdn(name),
            escape_rdn(organisation)
        ))
        .map_err(|e| err(&e))?;
        let start = std::time::UNIX_EPOCH
            + Duration::from_secs(
                u64::try_from(now.timestamp())
                    .unwrap_or(0)
                    .saturating_sub(3600),
            );
        let validity = Validity {
            not_before: x509_cert::time::Time::try_from(start).map_err(|e| err(&e))?,
            not_after: x509_cert::time::Time::try_from(
                start + Duration::from_secs(3 * 365 * 24 * 3600),
            )
            .map_err(|e| err(&e))?,
        };
        let spki = spki::SubjectPublicKeyInfoOwned::from_der(
            &key.verifying_key()
                .to_public_key_der()
                .map_err(|e| err(&e))?
                .to_der()
                .map_err(|e| err(&e))?,
        )
        .map_err(|e| err(&e))?;
        let serial_bytes = Sha256::digest(
            [
                key.verifying_key().to_sec1_bytes().as_ref(),
                &now.timestamp().to_be_bytes(),
            ]
            .concat(),
        );
        let mut serial = serial_bytes[..16].to_vec();
        serial[0] &= 0x7f;
        let serial = SerialNumber::new(&serial).map_err(|e| err(&e))?;
        let profile = Profile::Leaf {
            issuer: subject.clone(),
            enable_key_agreement: false,
            enable_key_encipherment: false,
        };
        let mut builder = CertificateBuilder::new(profile, serial, validity, subject, spki, &key)
            .map_err(|e| err(&e))?;
        // The e-mail the report shows is the one in the certificate.
        let mailbox = der::asn1::Ia5String::new(email).map_err(|e| err(&e))?;
        builder
            .add_extension(&x509_cert::ext::pkix::SubjectAltName(vec![
                x509_cert::ext::pkix::name::GeneralName::Rfc822Name(mailbox),
            ]))
            .map_err(|e| err(&e))?;
        let certificate = builder.build::<DerSignature>().map_err(|e| err(&e))?;
        Ok(Identity {
            name: name.to_owned(),
            organisation: organisation.to_owned(),
            email: email.to_owned(),
            certificate,
            key,
            demo,
        })
    }

    /// A detached ECDSA P-256 signature (DER) over `payload`, for seals.
    pub fn sign_detached(&self, payload: &[u8]) -> Vec<u8> {
        use p256::ecdsa::signature::Signer;
        let signature: DerSignature = self.key.sign(payload);
        signature.to_bytes().to_vec()
    }

    pub fn fingerprint(&self) -> String {
        fingerprint_of(&self.certificate)
    }

    pub fn certificate_der(&self) -> Vec<u8> {
        self.certificate.to_der().unwrap_or_default()
    }

    /// The storable form, with the key encrypted under `passphrase`.
    pub fn seal(&self, passphrase: &str) -> Result<StoredIdentity, ReportError> {
        if passphrase.chars().count() < 8 {
            return Err(ReportError::Identity(
                "choose a passphrase of at least 8 characters".into(),
            ));
        }
        let encrypted = self
            .key
            .to_pkcs8_encrypted_pem(rand_core::OsRng, passphrase, LineEnding::LF)
            .map_err(|e| ReportError::Identity(e.to_string()))?;
        let certificate_pem = der::EncodePem::to_pem(&self.certificate, der::pem::LineEnding::LF)
            .map_err(|e| ReportError::Identity(e.to_string()))?;
        Ok(StoredIdentity {
            name: self.name.clone(),
            organisation: self.organisation.clone(),
            email: self.email.clone(),
            certificate_pem,
            encrypted_key_pem: encrypted.to_string(),
        })
    }
}

impl StoredIdentity {
    pub fn certificate(&self) -> Result<Certificate, ReportError> {
        der::DecodePem::from_pem(&self.certificate_pem).map_err(|e: der::Error| {
            ReportError::Identity(format!("the stored certificate is unreadable: {e}"))
        })
    }

    pub fn fingerprint(&self) -> Result<String, ReportError> {
        Ok(fingerprint_of(&self.certificate()?))
    }

    /// Decrypts the key. A wrong passphrase is named as such.
    pub fn unseal(&self, passphrase: &str) -> Result<Identity, ReportError> {
        let key = SigningKey::from_pkcs8_encrypted_pem(&self.encrypted_key_pem, passphrase)
            .map_err(|_| ReportError::WrongPassphrase)?;
        let certificate = self.certificate()?;
        let public = key
            .verifying_key()
            .to_public_key_der()
            .map_err(|e| ReportError::Identity(e.to_string()))?;
        let certified = certificate
            .tbs_certificate
            .subject_public_key_info
            .to_der()
            .map_err(|e| ReportError::Identity(e.to_string()))?;
        if public.as_bytes() != certified.as_slice() {
            return Err(ReportError::Identity(
                "the stored key does not belong to the stored certificate".into(),
            ));
        }
        Ok(Identity {
            name: self.name.clone(),
            organisation: self.organisation.clone(),
            email: self.email.clone(),
            certificate,
            key,
            demo: false,
        })
    }
}

impl Identity {
    /// Imports a CA-issued identity from a PKCS#12 (.p12/.pfx) file: the
    /// first ECDSA P-256 key and the certificate that holds its public key.
    pub fn from_pkcs12(bytes: &[u8], password: &str, email: &str) -> Result<Identity, ReportError> {
        let archive = p12_keystore::Pkcs12Archive::from_pkcs12(bytes, password).map_err(|e| {
            let text = e.to_string();
            if text.to_lowercase().contains("mac") {
                ReportError::WrongPassphrase
            } else {
                ReportError::Identity(format!("not a PKCS#12 file Assay can read ({text})"))
            }
        })?;
        let mut saw_key = false;
        for bag in &archive.keys {
            saw_key = true;
            let Ok(key) = SigningKey::from_pkcs8_der(bag.key.as_der()) else {
                continue;
            };
            let public = key
                .verifying_key()
                .to_public_key_der()
                .map_err(|e| ReportError::Identity(e.to_string()))?;
            for cert_bag in &archive.certs {
                let Ok(certificate) = Certificate::from_der(cert_bag.cert.as_der()) else {
                    continue;
                };
                let certified = certificate
                    .tbs_certificate
                    .subject_public_key_info
                    .to_der()
                    .unwrap_or_default();
                if certified == public.as_bytes() {
                    let subject = certificate.tbs_certificate.subject.to_string();
                    let attribute = |key: &str| {
                        subject
                            .split(',')
                            .find_map(|part| part.trim().strip_prefix(key))
                            .map(str::to_owned)
                            .unwrap_or_default()
                    };
                    return Ok(Identity {
                        name: attribute("CN="),
                        organisation: attribute("O="),
                        email: email.to_owned(),
                        certificate,
                        key,
                        demo: false,
                    });
                }
            }
        }
        Err(ReportError::Identity(if saw_key {
            "the file holds no ECDSA P-256 key with a matching certificate; Assay signs with P-256 keys only".into()
        } else {
            "the file holds no private key".into()
        }))
    }
}

/// Checks a detached signature made by [`Identity::sign_detached`] against
/// the certificate that claims it; returns the certificate's fingerprint
/// and subject name.
pub fn verify_detached(
    certificate_der: &[u8],
    payload: &[u8],
    signature: &[u8],
) -> Result<(String, String), ReportError> {
    use p256::ecdsa::VerifyingKey;
    use p256::ecdsa::signature::Verifier;
    use p256::pkcs8::DecodePublicKey;
    let certificate = Certificate::from_der(certificate_der)
        .map_err(|e| ReportError::Identity(format!("the seal's certificate is unreadable: {e}")))?;
    let spki = certificate
        .tbs_certificate
        .subject_public_key_info
        .to_der()
        .map_err(|e| ReportError::Identity(e.to_string()))?;
    let key = VerifyingKey::from_public_key_der(&spki)
        .map_err(|e| ReportError::Identity(format!("the seal's key is not P-256: {e}")))?;
    let signature = DerSignature::from_bytes(signature)
        .map_err(|e| ReportError::Identity(format!("the seal's signature is malformed: {e}")))?;
    key.verify(payload, &signature)
        .map_err(|_| ReportError::Identity("the seal's signature does not match".into()))?;
    Ok((
        fingerprint_of(&certificate),
        certificate.tbs_certificate.subject.to_string(),
    ))
}

/// A certificate from PEM or DER bytes.
pub fn certificate_from_pem_or_der(bytes: &[u8]) -> Result<Certificate, ReportError> {
    use der::DecodePem;
    if bytes.starts_with(b"-----BEGIN") {
        Certificate::from_pem(bytes)
            .map_err(|e| ReportError::Identity(format!("not a PEM certificate: {e}")))
    } else {
        Certificate::from_der(bytes)
            .map_err(|e| ReportError::Identity(format!("not a DER certificate: {e}")))
    }
}

fn demo_key() -> Result<SigningKey, ReportError> {
    let seed = Sha256::digest(b"Assay demonstration signing identity - not for real reports");
    SigningKey::from_slice(&seed).map_err(|e| ReportError::Identity(e.to_string()))
}

/// Whether a certificate carries the demonstration key (whatever its dates
/// and names say).
pub fn is_demo_certificate(certificate: &Certificate) -> bool {
    let Ok(key) = demo_key() else {
        return false;
    };
    let demo = key
        .verifying_key()
        .to_public_key_der()
        .map(|d| d.as_bytes().to_vec());
    let presented = certificate.tbs_certificate.subject_public_key_info.to_der();
    matches!((demo, presented), (Ok(a), Ok(b)) if a == b)
}
