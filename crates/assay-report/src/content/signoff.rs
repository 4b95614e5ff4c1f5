//! The sign-off page: the assessor's attestation and signature details,
//! blocks for the reviewer and the client's acceptance, what kind of
//! signature this is and how to check it.

use crate::data::ReportData;
use crate::layout::Block;

use super::plain;

pub(super) fn blocks(data: &ReportData) -> Vec<Block> {
    let e = &data.engagement;
    let mut out = vec![
        Block::PageBreak,
        Block::h1("Sign-off"),
        Block::text(format!(
            "I, {}, attest that this report states my conclusions on {} for {} from the answers and evidence recorded in the engagement up to {}, and that the data embedded in this file is the data the report was made from.",
            data.signer
                .as_ref()
                .map_or(e.assessor.as_str(), |s| s.name.as_str()),
            e.system_name,
            e.client,
            plain::date(&data.report_date)
        )),
    ];
    match &data.signer {
        Some(s) => {
            out.push(Block::h2("Assessor's digital signature"));
            out.push(Block::KeyValue(vec![
                ("Signed by".into(), s.name.clone()),
                ("Organisation".into(), s.organisation.clone()),
                ("E-mail (in the certificate)".into(), s.email.clone()),
                ("Certificate SHA-256".into(), s.fingerprint.clone()),
                (
                    "Kind of signature".into(),
                    "An advanced electronic signature in the PAdES B-B format (ECDSA P-256, SHA-256) made with the assessor's own certificate. It is not a qualified electronic signature under the eIDAS Regulation (EU) No 910/2014.".into(),
                ),
            ]));
            if s.demo {
                out.push(Block::strong("DEMONSTRATION IDENTITY: this report was signed with Assay's built-in sample key. It shows how signing and checking work; it does not show who wrote the report and is not a deliverable."));
            }
            out.push(Block::text("The signature covers every byte of this file except the signature itself; the signing time is recorded in the signature. To check it, confirm the certificate fingerprint above with the assessor by another channel (telephone, a meeting), then run “assay verify report.pdf --expect-signer” with that fingerprint, or open the file in any PAdES-capable validator. Any change after signing makes the check fail."));
        }
        None => out.push(Block::strong(
            "This copy is not signed: it cannot show who issued it or that it is unchanged.",
        )),
    }
    out.push(Block::KeepTogether(vec![
        Block::h2("Reviewer"),
        Block::KeyValue(signature_lines(if e.reviewer.is_empty() {
            None
        } else {
            Some(e.reviewer.as_str())
        })),
        Block::h2(format!("Accepted on behalf of {}", e.client)),
        Block::small("A client who accepts the report electronically adds a second signature (with “assay countersign”); that signature may add nothing but itself, and a check of the file confirms both."),
        Block::KeyValue(signature_lines(None)),
    ]));
    out
}

fn signature_lines(name: Option<&str>) -> Vec<(String, String)> {
    let blank = "______________________________".to_owned();
    vec![
        (
            "Name".into(),
            name.map_or_else(|| blank.clone(), str::to_owned),
        ),
        ("Signature".into(), blank.clone()),
        ("Date".into(), blank),
    ]
}
