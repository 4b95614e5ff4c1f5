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
    /// Made with the built-in demonstration identity: not a deliverable.
    pub demo: bool,
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
///
/// Signatures are taken in the order they were made (by where their signed
/// bytes end). Each covers its own revision; every revision after the
/// first signature may only add signatures (a client's countersignature),
/// and the last must cover the whole file.
pub fn verify(pdf: &[u8]) -> Result<Verification, ReportError> {
    let doc = Document::load_mem(pdf).map_err(|e| ReportError::NotPdf(e.to_string()))?;
    let mut found: Vec<(usize, SignatureCheck)> = Vec::new();
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
        let end = match ranges[..] {
            [_, _, c, d] => usize::try_from(c + d).unwrap_or(0),
            _ => 0,
        };
        found.push((end, check));
    }
    found.sort_by_key(|(end, _)| *end);

    let mut problems = Vec::new();
    if found.is_empty() {
        problems.push("the file carries no signature".to_owned());
    }
    problems.extend(revision_problems(pdf, &found));
    // The data as the first signer signed it, and as the file presents it.
    let first_end = found
        .first()
        .map(|(end, _)| *end)
        .filter(|end| *end > 0 && *end <= pdf.len());
    let signed_revision = first_end.map_or(pdf, |end| &pdf[..end]);
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
    let signatures: Vec<SignatureCheck> = found.into_iter().map(|(_, s)| s).collect();
    for s in &signatures {
        problems.extend(
            s.problems
                .iter()
                .map(|p| format!("signature of {}: {p}", s.signer)),
        );
    }
    let valid = !signatures.is_empty()
        && signatures.iter().all(|s| s.intact)
        && signatures.last().is_some_and(|s| s.covers_whole_file)
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

/// What was added after each signature: after the last, nothing; between
/// two signatures, only the later signature itself.
fn revision_problems(pdf: &[u8], found: &[(usize, SignatureCheck)]) -> Vec<String> {
    let mut problems = Vec::new();
    let Some((last_end, _)) = found.last() else {
        return problems;
    };
    if *last_end < pdf.len() {
        problems.push(format!(
            "{} byte(s) were added after signing",
            pdf.len() - last_end
        ));
    }
    for pair in found.windows(2) {
        let (before, after) = (pair[0].0, pair[1].0);
        if before == 0 || after > pdf.len() || before >= after {
            continue;
        }
        if let Some(changed) = changed_after_signing(&pdf[..before], &pdf[..after]) {
            problems.push(format!(
                "a later revision changes the document after the first signature ({changed}); only signatures may be added"
            ));
        }
    }
    problems
}

/// The first object a later revision changed that a countersignature may
/// not change, if any.
fn changed_after_signing(signed: &[u8], later: &[u8]) -> Option<String> {
    let (Ok(before), Ok(after)) = (Document::load_mem(signed), Document::load_mem(later)) else {
        return Some("the later revision does not parse".into());
    };
    for (id, object) in &after.objects {
        let previous = before.objects.get(id);
        if previous == Some(object) || signature_addition(previous, object) {
            continue;
        }
        return Some(format!("object {} {}", id.0, id.1));
    }
    None
}

/// A signature, its widget, the form listing it, or the catalog or page
/// that gained only the form or the widget.
fn signature_addition(previous: Option<&Object>, object: &Object) -> bool {
    let Ok(dict) = object.as_dict() else {
        return false;
    };
    let name = |key: &[u8]| dict.get(key).ok().and_then(|v| v.as_name().ok());
    if name(b"Type") == Some(b"Sig".as_slice()) && previous.is_none() {
        return true;
    }
    if name(b"FT") == Some(b"Sig".as_slice()) && previous.is_none() {
        return true;
    }
    let Some(Ok(old)) = previous.map(Object::as_dict) else {
        return previous.is_none() && dict.has(b"Fields") && dict.has(b"SigFlags");
    };
    let same_without = |key: &[u8]| {
        let (mut a, mut b) = (old.clone(), dict.clone());
        a.remove(key);
        b.remove(key);
        a == b
    };
    same_without(b"AcroForm") || same_without(b"Annots")
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
        demo: false,
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
    // Whether anything follows is judged across all signatures (see
    // `revision_problems`): a countersignature legitimately follows.
    check.covers_whole_file = c + d == pdf.len();
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
    check.demo = crate::identity::is_demo_certificate(&cert);
    if let Some(problem) = outside_validity(&cert, check.signed_at.as_deref()) {
        check.problems.push(problem);
    }
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

/// A certificate is only good for signatures made inside its validity
/// period; the PDF's signing time (`/M`) says when this one was made.
fn outside_validity(cert: &Certificate, signed_at: Option<&str>) -> Option<String> {
    let Some(when) = signed_at.and_then(pdf_date) else {
        return Some("the signature states no signing time".into());
    };
    let validity = &cert.tbs_certificate.validity;
    let from = validity.not_before.to_unix_duration().as_secs();
    let until = validity.not_after.to_unix_duration().as_secs();
    let at = u64::try_from(when.timestamp()).unwrap_or(0);
    if at < from {
        return Some("the certificate was not yet valid when the report was signed".into());
    }
    if at > until {
        return Some("the certificate had expired when the report was signed".into());
    }
    None
}

/// `D:YYYYMMDDHHmmSS` with an optional `Z` or `+HH'mm'` offset.
fn pdf_date(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let digits: String = text.trim_start_matches("D:").chars().take(14).collect();
    let naive = chrono::NaiveDateTime::parse_from_str(&digits, "%Y%m%d%H%M%S").ok()?;
    let rest = &text.trim_start_matches("D:")[digits.len().min(text.len())..];
    let offset_minutes: i64 = match rest.chars().next() {
        Some(sign @ ('+' | '-')) => {
            let nums: String = rest.chars().filter(char::is_ascii_digit).collect();
            let hours: i64 = nums.get(0..2)?.parse().ok()?;
            let minutes: i64 = nums.get(2..4).and_then(|m| m.parse().ok()).unwrap_or(0);
            let total = hours * 60 + minutes;
            if sign == '+' { total } else { -total }
        }
        _ => 0,
    };
    Some(naive.and_utc() - chrono::Duration::minutes(offset_minutes))
}

/// The report data embedded in `pdf`, as the file presents it.
pub fn embedded_data(pdf: &[u8]) -> Option<serde_json::Value> {
    let doc = Document::load_mem(pdf).ok()?;
    serde_json::from_slice(&attachment(&doc)?).ok()
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
