//! Offline verification of a signed report: every signature's integrity
//! over its byte ranges and its ECDSA signature, the `signing-certificate-v2`
//! binding, whether anything was appended after the last signature, and
//! whether the embedded data is the data the signed report was made from.

use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use der::{Decode, Encode};
use ecdsa::signature::Verifier;
use lopdf::{Document, Object};
use p256::ecdsa::{DerSignature, VerifyingKey};
use serde::Serialize;
use sha2::{Digest, Sha256};
use spki::DecodePublicKey;
use x509_cert::Certificate;

use crate::ReportError;
use crate::identity::fingerprint_of;
use crate::pdf::{ATTACHMENT_NAME, DATA_HASH_KEY};

const ID_MESSAGE_DIGEST: const_oid::ObjectIdentifier = const_oid::db::rfc5911::ID_MESSAGE_DIGEST;
const ID_AA_SIGNING_CERTIFICATE_V2: const_oid::ObjectIdentifier =
    const_oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "PdfSignatureCheck"))]
pub struct SignatureCheck {
    pub signer: String,
    pub fingerprint: String,
    pub signed_at: Option<String>,
    pub sub_filter: String,
    /// The hash over the signed byte ranges matches the signed digest and
    /// the ECDSA signature verifies with the embedded certificate.
    pub intact: bool,
    /// The byte ranges run from the first byte to the last of the file.
    pub covers_whole_file: bool,
    pub self_signed: bool,
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "PdfVerification"))]
pub struct Verification {
    pub signatures: Vec<SignatureCheck>,
    pub data_attached: bool,
    /// The attachment hashes to the value recorded in the signed revision
    /// and was not replaced afterwards.
    pub data_matches: bool,
    /// Verdicts named in the embedded data, one line per assessment.
    pub verdicts: Vec<String>,
    pub valid: bool,
    pub problems: Vec<String>,
}

fn text(obj: Option<&Object>) -> Option<String> {
    match obj? {
        Object::String(bytes, _) => Some(String::from_utf8_lossy(bytes).into_owned()),
        Object::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
        _ => None,
    }
}

/// Checks every signature in `pdf`. Fails only when the file is not a PDF;
/// a bad signature is a result, not an error.
pub fn verify(pdf: &[u8]) -> Result<Verification, ReportError> {
    let doc = Document::load_mem(pdf).map_err(|e| ReportError::NotPdf(e.to_string()))?;
    let mut signatures = Vec::new();
    let mut signed_end = 0usize;
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").ok().and_then(|t| t.as_name().ok()) != Some(b"Sig".as_slice()) {
            continue;
        }
        let ranges: Vec<i64> = match dict.get(b"ByteRange") {
            Ok(Object::Array(a)) => a.iter().filter_map(|o| o.as_i64().ok()).collect(),
            _ => Vec::new(),
        };
        let contents = match dict.get(b"Contents") {
            Ok(Object::String(bytes, _)) => bytes.clone(),
            _ => Vec::new(),
        };
        let check = check_signature(
            pdf,
            &ranges,
            &contents,
            text(dict.get(b"M").ok()),
            text(dict.get(b"SubFilter").ok()).unwrap_or_default(),
        );
        if let [_, _, c, d] = ranges[..] {
            signed_end = signed_end.max(usize::try_from(c + d).unwrap_or(0));
        }
        signatures.push(check);
    }

    let mut problems = Vec::new();
    if signatures.is_empty() {
        problems.push("the file carries no signature".to_owned());
    }
    // The data as signed, and as the file now presents it.
    let signed_revision = if signed_end > 0 && signed_end <= pdf.len() {
        &pdf[..signed_end]
    } else {
        pdf
    };
    let (data_attached, data_matches, verdicts) = match check_data(signed_revision, &doc) {
        Ok(result) => result,
        Err(problem) => {
            problems.push(problem);
            (false, false, Vec::new())
        }
    };
    if !data_attached {
        problems.push(format!("the report data ({ATTACHMENT_NAME}) is missing"));
    } else if !data_matches {
        problems.push("the embedded report data does not match what was signed".to_owned());
    }
    for s in &signatures {
        problems.extend(
            s.problems
                .iter()
                .map(|p| format!("signature of {}: {p}", s.signer)),
        );
    }
    let valid = !signatures.is_empty()
        && signatures.iter().all(|s| s.intact)
        && signatures.iter().any(|s| s.covers_whole_file)
        && data_matches
        && problems.is_empty();
    Ok(Verification {
        signatures,
        data_attached,
        data_matches,
        verdicts,
        valid,
        problems,
    })
}

fn check_signature(
    pdf: &[u8],
    ranges: &[i64],
    contents: &[u8],
    signed_at: Option<String>,
    sub_filter: String,
) -> SignatureCheck {
    let mut check = SignatureCheck {
        signer: "unknown".into(),
        fingerprint: String::new(),
        signed_at,
        sub_filter,
        intact: false,
        covers_whole_file: false,
        self_signed: false,
        problems: Vec::new(),
    };
    let [a, b, c, d] = ranges else {
        check.problems.push("the byte range is malformed".into());
        return check;
    };
    let (a, b, c, d) = (*a as usize, *b as usize, *c as usize, *d as usize);
    if a != 0 || b > c || c.checked_add(d).is_none_or(|end| end > pdf.len()) {
        check
            .problems
            .push("the byte range does not fit the file".into());
        return check;
    }
    check.covers_whole_file = c + d == pdf.len();
    if !check.covers_whole_file {
        check.problems.push(format!(
            "{} byte(s) were added after signing",
            pdf.len() - (c + d)
        ));
    }
    let mut hasher = Sha256::new();
    hasher.update(&pdf[a..b]);
    hasher.update(&pdf[c..c + d]);
    let digest = hasher.finalize();

    // The contents are zero-padded; the DER's own length says where it ends.
    let Some(der) = der_prefix(contents) else {
        check.problems.push("the signature value is not DER".into());
        return check;
    };
    let signed: SignedData =
        match ContentInfo::from_der(der).and_then(|ci| ci.content.decode_as::<SignedData>()) {
            Ok(s) => s,
            Err(e) => {
                check
                    .problems
                    .push(format!("the signature is not CMS SignedData ({e})"));
                return check;
            }
        };
    let Some(cert) = signed.certificates.as_ref().and_then(|set| {
        set.0.iter().find_map(|c| match c {
            cms::cert::CertificateChoices::Certificate(cert) => Some(cert.clone()),
            _ => None,
        })
    }) else {
        check
            .problems
            .push("the signature carries no certificate".into());
        return check;
    };
    check.fingerprint = fingerprint_of(&cert);
    check.signer = cert.tbs_certificate.subject.to_string();
    check.self_signed = cert.tbs_certificate.issuer == cert.tbs_certificate.subject
        && certificate_self_verifies(&cert);
    let Some(signer) = signed.signer_infos.0.iter().next() else {
        check.problems.push("the signature has no signer".into());
        return check;
    };
    let Some(attrs) = &signer.signed_attrs else {
        check
            .problems
            .push("the signature has no signed attributes".into());
        return check;
    };
    let value_of = |oid| {
        attrs
            .iter()
            .find(|a| a.oid == oid)
            .and_then(|a| a.values.iter().next())
            .map(|v| v.value().to_vec())
    };
    let digest_ok = value_of(ID_MESSAGE_DIGEST).is_some_and(|v| v == digest.as_slice());
    if !digest_ok {
        check
            .problems
            .push("the signed digest does not match the file: it was changed after signing".into());
    }
    let cert_der = cert.to_der().unwrap_or_default();
    let binding_ok = value_of(ID_AA_SIGNING_CERTIFICATE_V2).is_some_and(|v| {
        v.windows(32)
            .any(|w| w == Sha256::digest(&cert_der).as_slice())
    });
    if !binding_ok {
        check.problems.push(
            "the signing-certificate-v2 attribute is missing or names another certificate".into(),
        );
    }
    let signature_ok = (|| -> Option<bool> {
        let key = VerifyingKey::from_public_key_der(
            &cert.tbs_certificate.subject_public_key_info.to_der().ok()?,
        )
        .ok()?;
        let sig = DerSignature::from_bytes(signer.signature.as_bytes()).ok()?;
        let attrs_der = attrs.to_der().ok()?;
        Some(key.verify(&attrs_der, &sig).is_ok())
    })()
    .unwrap_or(false);
    if !signature_ok {
        check
            .problems
            .push("the ECDSA signature does not verify with the embedded certificate".into());
    }
    check.intact = digest_ok && binding_ok && signature_ok;
    check
}

fn certificate_self_verifies(cert: &Certificate) -> bool {
    (|| -> Option<bool> {
        let key = VerifyingKey::from_public_key_der(
            &cert.tbs_certificate.subject_public_key_info.to_der().ok()?,
        )
        .ok()?;
        let sig = DerSignature::from_bytes(cert.signature.as_bytes()?).ok()?;
        Some(
            key.verify(&cert.tbs_certificate.to_der().ok()?, &sig)
                .is_ok(),
        )
    })()
    .unwrap_or(false)
}

/// The DER value at the start of `bytes`, by its own length header.
fn der_prefix(bytes: &[u8]) -> Option<&[u8]> {
    if bytes.first() != Some(&0x30) {
        return None;
    }
    let first = *bytes.get(1)?;
    let (len, header) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let n = usize::from(first & 0x7f);
        let mut len = 0usize;
        for i in 0..n {
            len = (len << 8) | usize::from(*bytes.get(2 + i)?);
        }
        (len, 2 + n)
    };
    bytes.get(..header + len)
}

/// (attached, matches, verdicts) — the attachment in the signed revision
/// must hash to the recorded value, and the current file must present the
/// same bytes.
fn check_data(
    signed_revision: &[u8],
    current: &Document,
) -> Result<(bool, bool, Vec<String>), String> {
    let signed = Document::load_mem(signed_revision)
        .map_err(|e| format!("the signed revision does not parse: {e}"))?;
    let Some(signed_data) = attachment(&signed) else {
        return Ok((false, false, Vec::new()));
    };
    let recorded = match signed
        .trailer
        .get(b"Info")
        .and_then(|r| signed.dereference(r))
        .map(|(_, o)| o.clone())
    {
        Ok(Object::Dictionary(info)) => text(info.get(DATA_HASH_KEY).ok()),
        _ => None,
    };
    let actual = crate::hex(&Sha256::digest(&signed_data));
    let now_presented = attachment(current);
    let matches = recorded.as_deref() == Some(actual.as_str())
        && now_presented.as_deref() == Some(signed_data.as_slice());
    let verdicts = serde_json::from_slice::<serde_json::Value>(&signed_data)
        .ok()
        .and_then(|v| v["assessments"].as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|a| {
            Some(format!(
                "{}: {}",
                a["questionnaire"].as_str()?,
                a["verdict"]["risk_class"].as_str()?
            ))
        })
        .collect();
    Ok((true, matches, verdicts))
}

fn attachment(doc: &Document) -> Option<Vec<u8>> {
    let catalog = doc.catalog().ok()?;
    let names = doc
        .dereference(catalog.get(b"Names").ok()?)
        .ok()?
        .1
        .as_dict()
        .ok()?
        .clone();
    let embedded = doc
        .dereference(names.get(b"EmbeddedFiles").ok()?)
        .ok()?
        .1
        .as_dict()
        .ok()?
        .clone();
    let list = embedded.get(b"Names").ok()?.as_array().ok()?.clone();
    let mut i = 0;
    while i + 1 < list.len() {
        if text(Some(&list[i])).as_deref() == Some(ATTACHMENT_NAME) {
            let spec = doc
                .dereference(&list[i + 1])
                .ok()?
                .1
                .as_dict()
                .ok()?
                .clone();
            let ef = doc
                .dereference(spec.get(b"EF").ok()?)
                .ok()?
                .1
                .as_dict()
                .ok()?
                .clone();
            let stream = doc
                .dereference(ef.get(b"F").ok()?)
                .ok()?
                .1
                .as_stream()
                .ok()?
                .clone();
            return Some(
                stream
                    .decompressed_content()
                    .unwrap_or_else(|_| stream.content.clone()),
            );
        }
        i += 2;
    }
    None
}
