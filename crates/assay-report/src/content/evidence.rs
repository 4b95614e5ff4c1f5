//! The evidence index and the crosswalk coverage table.

use crate::data::ReportData;
use crate::layout::Block;

use super::{eu_verdicts, plain};

pub(super) fn blocks(data: &ReportData) -> Vec<Block> {
    if data.evidence.is_empty() {
        return vec![Block::text(
            "No evidence files are stored in the engagement: the conclusions rest on the answers alone.",
        )];
    }
    let rows = data
        .evidence
        .iter()
        .map(|e| {
            let mut about = e.kind.replace('_', " ");
            if let Some(on) = &e.collected_on {
                if !about.is_empty() {
                    about.push_str(", ");
                }
                about.push_str(&format!("collected {}", plain::date(on)));
            }
            vec![
                e.file_name.clone(),
                about,
                plain::size(e.size),
                e.sha256.clone(),
                e.links.join(", "),
            ]
        })
        .collect();
    vec![
        Block::text(
            "Each file is stored inside the engagement file; its SHA-256 lets anyone confirm that a copy is the one assessed.",
        ),
        Block::Table {
            headers: vec![
                "File".into(),
                "Kind".into(),
                "Size".into(),
                "SHA-256".into(),
                "Supports".into(),
            ],
            widths: vec![2.2, 1.6, 0.9, 4.2, 1.8],
            rows,
            size: 7.5,
        },
    ]
}

/// The crosswalk section's blocks; empty when no duty has a mapping.
pub(super) fn crosswalk(data: &ReportData) -> Vec<Block> {
    let rows: Vec<Vec<String>> = eu_verdicts(data)
        .iter()
        .flat_map(|(a, _)| &a.crosswalk)
        .map(|c| vec![c.article.clone(), c.rmf.join(", "), c.iso.join(", ")])
        .collect();
    if rows.is_empty() {
        return Vec::new();
    }
    vec![
        Block::text(
            "The EU AI Act provisions behind the duties above, mapped to NIST AI RMF subcategories and ISO/IEC 42001 Annex A controls, so work done for one framework can serve as evidence for the others. The mappings are Assay's own and say so in the knowledge base.",
        ),
        Block::Table {
            headers: vec![
                "EU AI Act".into(),
                "NIST AI RMF 1.0".into(),
                "ISO/IEC 42001 Annex A".into(),
            ],
            widths: vec![1.2, 3.0, 2.2],
            rows,
            size: 8.5,
        },
    ]
}
