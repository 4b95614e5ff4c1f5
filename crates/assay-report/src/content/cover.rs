//! The cover page: what this is, for whom, by whom, in which state.

use crate::data::ReportData;
use crate::layout::Block;

use super::plain;

pub(super) fn blocks(data: &ReportData) -> Vec<Block> {
    let e = &data.engagement;
    let status = if data.is_provisional() {
        "Provisional draft: open questions remain"
    } else if data.is_final {
        "Final"
    } else {
        "Draft"
    };
    let mut facts = vec![
        ("Client".to_owned(), e.client.clone()),
        ("System assessed".into(), e.system_name.clone()),
        ("Assessor".into(), e.assessor.clone()),
    ];
    if !e.reviewer.is_empty() {
        facts.push(("Reviewer".into(), e.reviewer.clone()));
    }
    facts.extend([
        ("Report date".into(), plain::date(&data.report_date)),
        (
            "Version".into(),
            format!("{} ({status})", data.document.version),
        ),
        (
            "Signature".into(),
            match &data.signer {
                Some(s) if s.demo => {
                    "Signed with Assay's demonstration identity: a sample, not a deliverable".into()
                }
                Some(s) => format!("Digitally signed by {} ({})", s.name, s.organisation),
                None => "Not signed".into(),
            },
        ),
        (
            "Confidentiality".into(),
            format!(
                "Confidential. Prepared for {}; not to be passed on without its consent.",
                e.client
            ),
        ),
    ]);
    let mut out = vec![
        Block::Title {
            text: data.title.clone(),
            subtitle: format!("{} — {}", e.client, e.system_name),
        },
        Block::KeyValue(facts),
    ];
    if !e.system_description.is_empty() {
        out.push(Block::small(format!(
            "The system as the client describes it: {}",
            e.system_description
        )));
    }
    out.push(Block::small(
        "This report states the assessor's conclusions from the answers and evidence recorded in the engagement. Every conclusion names the provision it rests on. It supports, and does not replace, legal advice. The answers and results are embedded in this PDF as a data file (assay-report.json), so the conclusions can be checked again from the report alone.",
    ));
    out.push(Block::PageBreak);
    out
}
