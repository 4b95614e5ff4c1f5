//! PAdES B-B signing (ETSI EN 319 142-1): a detached CMS signature with
//! `signing-certificate-v2` and no `signing-time` attribute (the time goes in
//! the signature dictionary's `/M`), SHA-256 over the whole file except the
//! signature, appended as an incremental update so the signed bytes are the
//! report exactly as rendered.

use chrono::{DateTime, Utc};
use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::ContentInfo;
use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
use der::asn1::SetOfVec;
use der::{Any, Decode, Encode};
use lopdf::{Dictionary, IncrementalDocument, Object, StringFormat};
use p256::ecdsa::DerSignature;
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;

use crate::ReportError;
use crate::identity::Identity;

/// Bytes reserved for the CMS signature (hex-encoded in the file, so twice
/// this many characters). An ECDSA P-256 signature with its certificate
/// needs about 1.5 KB.
const SIGNATURE_SPACE: usize = 8192;
/// Written first, then overwritten in place with the real offsets padded
/// to the same length, so nothing after it moves.
const PLACEHOLDER_OFFSET: i64 = 9_999_999_999;
const BYTE_RANGE_PLACEHOLDER: &[u8] = b"[0 9999999999 9999999999 9999999999]";

/// OID of the `signing-certificate-v2` signed attribute (RFC 5035).
const ID_AA_SIGNING_CERTIFICATE_V2: const_oid::ObjectIdentifier =
    const_oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");

fn err(e: impl std::fmt::Display) -> ReportError {
    ReportError::Sign(e.to_string())
}

/// DER of a definite-length TLV.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else if len < 0x100 {
        out.extend([0x81, len as u8]);
    } else {
        out.extend([0x82, (len >> 8) as u8, len as u8]);
    }
    out.extend_from_slice(content);
    out
}

/// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 },
/// ESSCertIDv2 ::= SEQUENCE { certHash OCTET STRING } (SHA-256 is the
/// default hash algorithm, so it is omitted).
fn signing_certificate_v2(certificate_der: &[u8]) -> Result<Attribute, ReportError> {
    let hash = Sha256::digest(certificate_der);
    let value = tlv(0x30, &tlv(0x30, &tlv(0x30, &tlv(0x04, &hash))));
    let any = Any::from_der(&value).map_err(err)?;
    Ok(Attribute {
        oid: ID_AA_SIGNING_CERTIFICATE_V2,
        values: SetOfVec::try_from(vec![any]).map_err(err)?,
    })
}

/// The detached CMS SignedData over `digest`.
pub(crate) fn cms_signature(identity: &Identity, digest: &[u8]) -> Result<Vec<u8>, ReportError> {
    let content = EncapsulatedContentInfo {
        econtent_type: const_oid::db::rfc5911::ID_DATA,
        econtent: None,
    };
    let sha256 = AlgorithmIdentifierOwned {
        oid: const_oid::db::rfc5912::ID_SHA_256,
        parameters: None,
    };
    let cert = &identity.certificate;
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: cert.tbs_certificate.issuer.clone(),
        serial_number: cert.tbs_certificate.serial_number.clone(),
    });
    let mut signer =
        SignerInfoBuilder::new(&identity.key, sid, sha256.clone(), &content, Some(digest))
            .map_err(err)?;
    signer
        .add_signed_attribute(signing_certificate_v2(&identity.certificate_der())?)
        .map_err(err)?;
    let mut builder = SignedDataBuilder::new(&content);
    let signed: ContentInfo = builder
        .add_digest_algorithm(sha256)
        .map_err(err)?
        .add_certificate(CertificateChoices::Certificate(cert.clone()))
        .map_err(err)?
        .add_signer_info::<_, DerSignature>(signer)
        .map_err(err)?
        .build()
        .map_err(err)?;
    signed.to_der().map_err(err)
}

fn pdf_date(t: DateTime<Utc>) -> String {
    t.format("D:%Y%m%d%H%M%S+00'00'").to_string()
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// The signature fields of the document's form, if it has one.
fn existing_signature_fields(doc: &lopdf::Document, catalog_id: lopdf::ObjectId) -> Vec<Object> {
    let form = doc
        .get_dictionary(catalog_id)
        .ok()
        .and_then(|c| c.get(b"AcroForm").ok())
        .and_then(|f| match f {
            Object::Reference(id) => doc.get_dictionary(*id).ok(),
            Object::Dictionary(d) => Some(d),
            _ => None,
        });
    match form.and_then(|f| f.get(b"Fields").ok()) {
        Some(Object::Array(fields)) => fields.clone(),
        _ => Vec::new(),
    }
}

/// Signs `pdf` and returns the signed file: the original bytes unchanged,
/// followed by an incremental update holding the signature.
pub fn sign(
    pdf: &[u8],
    identity: &Identity,
    at: DateTime<Utc>,
    reason: &str,
) -> Result<Vec<u8>, ReportError> {
    let prev = lopdf::Document::load_mem(pdf).map_err(|e| ReportError::NotPdf(e.to_string()))?;
    let catalog_id = match prev.trailer.get(b"Root") {
        Ok(Object::Reference(id)) => *id,
        _ => return Err(ReportError::NotPdf("no document catalog".into())),
    };
    let last_page = *prev
        .get_pages()
        .values()
        .last()
        .ok_or_else(|| ReportError::NotPdf("the document has no pages".into()))?;
    let mut inc = IncrementalDocument::create_from(pdf.to_vec(), prev);

    let mut sig = Dictionary::new();
    sig.set("Type", Object::Name(b"Sig".to_vec()));
    sig.set("Filter", Object::Name(b"Adobe.PPKLite".to_vec()));
    sig.set("SubFilter", Object::Name(b"ETSI.CAdES.detached".to_vec()));
    sig.set(
        "ByteRange",
        Object::Array(vec![
            0.into(),
            PLACEHOLDER_OFFSET.into(),
            PLACEHOLDER_OFFSET.into(),
            PLACEHOLDER_OFFSET.into(),
        ]),
    );
    sig.set(
        "Contents",
        Object::String(vec![0u8; SIGNATURE_SPACE], StringFormat::Hexadecimal),
    );
    sig.set("M", Object::string_literal(pdf_date(at)));
    sig.set("Name", Object::string_literal(identity.name.clone()));
    sig.set("Reason", Object::string_literal(reason));
    let sig_id = inc.new_document.add_object(sig);

    // A countersignature joins the fields already there.
    let mut fields = existing_signature_fields(inc.get_prev_documents(), catalog_id);
    let mut widget = Dictionary::new();
    widget.set("Type", Object::Name(b"Annot".to_vec()));
    widget.set("Subtype", Object::Name(b"Widget".to_vec()));
    widget.set("FT", Object::Name(b"Sig".to_vec()));
    widget.set(
        "T",
        Object::string_literal(format!("Signature {}", fields.len() + 1)),
    );
    widget.set("V", Object::Reference(sig_id));
    widget.set("F", Object::Integer(132));
    widget.set(
        "Rect",
        Object::Array(vec![0.into(), 0.into(), 0.into(), 0.into()]),
    );
    widget.set("P", Object::Reference(last_page));
    let widget_id = inc.new_document.add_object(widget);

    inc.opt_clone_object_to_new_document(last_page)
        .map_err(err)?;
    let page = inc
        .new_document
        .get_object_mut(last_page)
        .and_then(Object::as_dict_mut)
        .map_err(err)?;
    let mut annots = match page.get(b"Annots") {
        Ok(Object::Array(a)) => a.clone(),
        _ => Vec::new(),
    };
    annots.push(Object::Reference(widget_id));
    page.set("Annots", Object::Array(annots));

    inc.opt_clone_object_to_new_document(catalog_id)
        .map_err(err)?;
    let catalog = inc
        .new_document
        .get_object_mut(catalog_id)
        .and_then(Object::as_dict_mut)
        .map_err(err)?;
    fields.push(Object::Reference(widget_id));
    let mut form = Dictionary::new();
    form.set("Fields", Object::Array(fields));
    form.set("SigFlags", Object::Integer(3));
    catalog.set("AcroForm", Object::Dictionary(form));

    let mut out = Vec::new();
    inc.save_to(&mut out).map_err(err)?;

    // Locate the placeholders in the appended update and patch the offsets
    // in place; the signature itself goes in last.
    let br = find(&out, BYTE_RANGE_PLACEHOLDER, pdf.len())
        .ok_or_else(|| err("the signature dictionary was not written"))?;
    // lopdf writes `/Contents<…>` with no space; the `<` is where the
    // excluded range starts.
    let key = find(&out, b"/Contents", br).ok_or_else(|| err("no signature placeholder"))?;
    let start = find(&out, b"<", key).ok_or_else(|| err("no signature placeholder"))?;
    let end = find(&out, b">", start).ok_or_else(|| err("unterminated signature placeholder"))? + 1;
    if end - start != SIGNATURE_SPACE * 2 + 2 {
        return Err(err("the signature placeholder has an unexpected size"));
    }
    let len = out.len();
    let mut ranges = format!("[0 {start} {end} {}", len - end);
    while ranges.len() < BYTE_RANGE_PLACEHOLDER.len() - 1 {
        ranges.push(' ');
    }
    ranges.push(']');
    let mut signed = out;
    signed[br..br + ranges.len()].copy_from_slice(ranges.as_bytes());

    let mut hasher = Sha256::new();
    hasher.update(&signed[..start]);
    hasher.update(&signed[end..]);
    let digest = hasher.finalize();
    let cms = cms_signature(identity, &digest)?;
    if cms.len() > SIGNATURE_SPACE {
        return Err(err("the signature does not fit the space reserved for it"));
    }
    let hex: String = cms.iter().map(|b| format!("{b:02X}")).collect();
    signed[start + 1..start + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(signed)
}
