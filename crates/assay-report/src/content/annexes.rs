//! The role-specific worksheets that follow the register: the Annex IV
//! technical-documentation checklist for providers, the Art. 27
//! fundamental-rights impact assessment for deployers (filled with the
//! answers given), and where personal data meet the GDPR.

use assay_engine::eu_ai_act::{FriaStatus, RiskClass, Verdict};

use crate::data::AssessmentReport;
use crate::layout::Block;

pub(super) fn blocks(a: &AssessmentReport, v: &Verdict) -> Vec<Block> {
    let mut out = annex_iv(a);
    out.extend(fria(a, v));
    out.extend(gdpr(a, v));
    out
}

fn annex_iv(a: &AssessmentReport) -> Vec<Block> {
    if a.annex_iv.is_empty() {
        return Vec::new();
    }
    let rows = a
        .annex_iv
        .iter()
        .map(|c| {
            vec![
                c.label.clone(),
                format!("{}: {}", c.title, c.summary),
                if c.evidence_files.is_empty() {
                    "To be prepared".into()
                } else {
                    format!("On file: {}", c.evidence_files.join(", "))
                },
            ]
        })
        .collect();
    vec![
        Block::h2("Technical documentation checklist (Art. 11, Annex IV)"),
        Block::text(
            "As provider of a high-risk system you must draw up this documentation before the system is placed on the market or put into service, and keep it up to date. Link a document to a point (its knowledge-base item) and it appears here as on file.",
        ),
        Block::Table {
            headers: vec![
                "Point".into(),
                "What it must contain".into(),
                "Status".into(),
            ],
            widths: vec![1.2, 6.8, 2.4],
            rows,
            size: 8.0,
        },
    ]
}

fn fria(a: &AssessmentReport, v: &Verdict) -> Vec<Block> {
    if v.fria.status == FriaStatus::NotApplicable || v.fria.worksheet.is_empty() {
        return Vec::new();
    }
    let heading = match v.fria.status {
        FriaStatus::Required => "Fundamental-rights impact assessment (Art. 27): required",
        _ => "Fundamental-rights impact assessment (Art. 27): recommended",
    };
    let rows = v
        .fria
        .worksheet
        .iter()
        .map(|w| {
            let answer = a.answer_to(&w.question).map_or_else(
                || "Not yet described".to_owned(),
                |row| {
                    let number = format!("Q{}: ", row.number);
                    number + &row.answer
                },
            );
            vec![w.citation.clone(), w.prompt.clone(), answer]
        })
        .collect();
    vec![
        Block::h2(heading),
        Block::text(v.fria.reason.clone()),
        Block::Table {
            headers: vec![
                "Element".into(),
                "What the assessment must describe".into(),
                "What the client has described".into(),
            ],
            widths: vec![1.5, 4.0, 4.5],
            rows,
            size: 8.5,
        },
        Block::small(
            "Art. 27(3) requires the deployer to notify the market surveillance authority of the results, using the template the AI Office provides; Art. 27(4) lets a data protection impact assessment under GDPR Art. 35 cover part of this assessment.",
        ),
    ]
}

/// Where the AI Act meets the GDPR for this system.
fn gdpr(a: &AssessmentReport, v: &Verdict) -> Vec<Block> {
    let in_scope = !matches!(
        v.risk_class,
        RiskClass::OutOfScope | RiskClass::GpaiModelOnly
    );
    if !in_scope {
        return Vec::new();
    }
    let Some(personal) = a.personal_data else {
        return vec![
            Block::h2("Data protection (GDPR)"),
            Block::text(
                "Whether the system processes personal data is not recorded. If it does, the touchpoints below in the GDPR (Regulation (EU) 2016/679) apply alongside the AI Act; answer the personal-data question to have them assessed.",
            ),
        ];
    };
    if !personal {
        return Vec::new();
    }
    let high_risk = v.risk_class == RiskClass::HighRisk;
    let decides = a
        .answer_to("decisions_about_people")
        .is_some_and(|r| r.answer == "Yes")
        || v.profiling == Some(true);
    let mut items = Vec::new();
    if high_risk || v.profiling == Some(true) {
        items.push("Data protection impact assessment (GDPR Art. 35): processing personal data with this system is likely to result in a high risk to people's rights, so a DPIA is expected before processing starts. Deployers of high-risk systems use the provider's Art. 13 information for it (AI Act Art. 26(9)), and it can cover part of the fundamental-rights impact assessment (AI Act Art. 27(4)).".to_owned());
    }
    if decides {
        items.push("Automated decisions (GDPR Art. 22): where a decision about a person with legal or similarly significant effects is based solely on automated processing, including profiling, it needs one of the grounds in Art. 22(2), and the person can obtain human intervention, express their point of view and contest it. Meaningful human review (AI Act Art. 14 and 26(2)) is what keeps a decision from being solely automated.".to_owned());
    }
    if high_risk && v.roles.iter().any(|r| r == "provider") {
        items.push("Bias detection with special categories of data (AI Act Art. 10(5)): providers may process such data only where strictly necessary to detect and correct bias, with the safeguards listed there, and alongside GDPR Art. 9.".to_owned());
    }
    items.push("Transparency to the people concerned (GDPR Arts 13–14) and the AI Act's information duties (Art. 26(11), Art. 50) are separate duties; meet both.".to_owned());
    vec![
        Block::h2("Data protection (GDPR) touchpoints"),
        Block::Bullets(items),
    ]
}
