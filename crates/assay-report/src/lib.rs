//! Signed PDF deliverables. [`render`] lays the report out with a small
//! layout engine of its own and draws it with printpdf (fonts subset);
//! [`sign::sign`] appends a PAdES B-B signature as an incremental update;
//! [`verify::verify`] checks every signature, what was appended after it,
//! and the embedded data. [`identity`] creates and stores signer keys.
//!
//! Rendering is pure: data and a timestamp in, bytes out.

pub mod card;
mod charts;
mod content;
pub mod data;
mod error;
mod font;
pub mod identity;
mod layout;
pub mod markdown;
pub mod pdf;
mod pdf_meta;
pub mod sign;
pub mod verify;

use chrono::{DateTime, Utc};

pub use data::*;
pub use error::ReportError;

/// Renders the report for `data` with the chosen sections. The returned
/// PDF carries `data` as an embedded JSON file.
pub fn render(
    data: &ReportData,
    sections: &[Section],
    created: DateTime<Utc>,
) -> Result<Vec<u8>, ReportError> {
    let blocks = content::blocks(data, sections);
    let running = format!(
        "{} — {} — version {}",
        data.engagement.client, data.title, data.document.version
    );
    let banner = content::banner(data);
    let pages = layout::lay_out(&blocks, &running, banner.as_deref());
    let json = serde_json::to_vec_pretty(data).map_err(|e| ReportError::Render(e.to_string()))?;
    let meta = pdf::Meta {
        title: &format!("{} — {}", data.title, data.engagement.system_name),
        author: &data.engagement.assessor,
        subject: &format!(
            "{} — {}",
            data.engagement.client, data.engagement.system_name
        ),
        keywords: vec!["AI compliance".into(), "EU AI Act".into(), "Assay".into()],
        created,
        app_version: &data.app_version,
    };
    pdf::write(&pages, &meta, &json)
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
