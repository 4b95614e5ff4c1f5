//! Scope and method, as an engagement report states them: when, with whom,
//! on which documents, what rests on assertion and what on evidence, the
//! assumptions and limits, and which issue of the document this is.

use crate::data::ReportData;
use crate::layout::Block;

use super::{eu_verdicts, plain};

pub(super) fn blocks(data: &ReportData) -> Vec<Block> {
    let mut out = engagement(data);
    out.extend(basis(data));
    out.extend(assumptions(data));
    out.push(Block::h2("Method"));
    out.push(Block::text(
        "The assessment followed guided interviews that ask only the questions the law makes relevant given earlier answers, and recorded for every answer who gave it, when, and on what basis. For the EU AI Act, conclusions come from rules applied in the order the Regulation applies them: whether the system is an AI system (Art. 3(1)) and within the Act's scope (Art. 2); the prohibited practices (Art. 5), which prevail over every other class; high-risk status through Annex I products (Art. 6(1)) or Annex III uses (Art. 6(2)) with the Art. 6(3) derogation and its profiling exception; transparency duties (Art. 50); and general-purpose AI model duties (Arts 51–55). Deadlines come from a table of application dates that records the date first enacted and the date set by the 2026 amendment, each with its source.",
    ));
    out.push(Block::small(format!(
        "Knowledge base {} (content hash {}). Facts marked “reported” are known from secondary sources only, not yet from the Official Journal. Crosswalks to NIST AI RMF and ISO/IEC 42001 are Assay's own mappings, not official ones.",
        data.kb_version, data.kb_hash
    )));
    out.push(Block::h2("Limitations and disclaimer"));
    out.push(Block::text(
        "This report rests on the answers and documents the client provided during the engagement; it does not audit the system's code, data or operation. Where an answer is the client's assertion alone, the conclusion that depends on it is only as reliable as that assertion. The report is an assessment to support compliance work, not legal advice, and it speaks for the law as recorded in the knowledge base on the report date.",
    ));
    out.extend(document_control(data));
    out
}

fn engagement(data: &ReportData) -> Vec<Block> {
    let e = &data.engagement;
    let period = match (&e.start_date, &e.end_date) {
        (Some(s), Some(t)) => format!("{} to {}", plain::date(s), plain::date(t)),
        (Some(s), None) => format!("from {}", plain::date(s)),
        _ => format!("report date {}", plain::date(&data.report_date)),
    };
    let documents: Vec<String> = data.evidence.iter().map(|e| e.file_name.clone()).collect();
    vec![
        Block::text(plain::sentence(&format!(
            "The assessment covers {} as operated by or for {}",
            e.system_name, e.client
        ))),
        Block::KeyValue(vec![
            ("Engagement period".into(), period),
            (
                "People interviewed".into(),
                if e.interviewees.is_empty() {
                    "Not recorded".into()
                } else {
                    e.interviewees.join("; ")
                },
            ),
            (
                "Documents reviewed".into(),
                if documents.is_empty() {
                    "None".into()
                } else {
                    format!(
                        "{} (listed in the evidence index)",
                        plain::count(documents.len(), "file", "files")
                    )
                },
            ),
            ("Assessor".into(), e.assessor.clone()),
            (
                "Reviewer".into(),
                if e.reviewer.is_empty() {
                    "Not named".into()
                } else {
                    e.reviewer.clone()
                },
            ),
        ]),
    ]
}

/// What the conclusions rest on: assertion, verified evidence, judgement.
fn basis(data: &ReportData) -> Vec<Block> {
    let answers: Vec<_> = data
        .assessments
        .iter()
        .flat_map(|a| &a.answers)
        .filter(|a| a.answered)
        .collect();
    let by = |label: &str| answers.iter().filter(|a| a.provenance == label).count();
    let asserted = by("client_asserted");
    let verified = by("evidence_verified");
    let judged = by("assessor_judgement");
    let mut text = format!(
        "Of {} given, {} {} on the client's assertion alone, {} {} verified against evidence, and {} {} the assessor's judgement.",
        plain::count(answers.len(), "answer", "answers"),
        asserted,
        if asserted == 1 { "rests" } else { "rest" },
        verified,
        if verified == 1 { "was" } else { "were" },
        judged,
        if judged == 1 { "is" } else { "are" }
    );
    if data.evidence.is_empty() || verified == 0 {
        text.push_str(" No conclusion in this report is supported by verified evidence: each rests on what the client stated.");
    }
    vec![Block::h2("What the conclusions rest on"), Block::text(text)]
}

fn assumptions(data: &ReportData) -> Vec<Block> {
    let mut out = Vec::new();
    for (a, v) in eu_verdicts(data) {
        let mut items: Vec<String> = a
            .assumptions
            .iter()
            .map(|x| {
                format!(
                    "Q{} “{}” ({}): assumed “{}”.",
                    x.number,
                    x.prompt,
                    x.state.to_lowercase(),
                    x.assumed
                )
            })
            .collect();
        items.extend(v.scope_notes.iter().cloned());
        if !v.exploration_complete {
            items.push("Not every combination of the open answers could be tried; the open questions listed may not be the only ones that matter.".into());
        }
        if !items.is_empty() {
            out.push(Block::h2("Assumptions"));
            out.push(Block::Bullets(items));
        }
    }
    out
}

fn document_control(data: &ReportData) -> Vec<Block> {
    let status = |is_final: bool| if is_final { "Final" } else { "Draft" };
    let mut rows: Vec<Vec<String>> = data
        .document
        .history
        .iter()
        .map(|h| {
            vec![
                h.version.to_string(),
                status(h.is_final).into(),
                plain::date(&h.date),
                String::new(),
                String::new(),
            ]
        })
        .collect();
    rows.push(vec![
        data.document.version.to_string(),
        if data.is_provisional() {
            "Provisional draft".into()
        } else {
            status(data.is_final).into()
        },
        plain::date(&data.report_date),
        data.engagement.assessor.clone(),
        data.engagement.reviewer.clone(),
    ]);
    vec![
        Block::h2("Document control"),
        Block::Table {
            headers: vec![
                "Version".into(),
                "Status".into(),
                "Date".into(),
                "Author".into(),
                "Reviewer".into(),
            ],
            widths: vec![1.0, 2.0, 2.0, 2.5, 2.5],
            rows,
            size: 9.0,
        },
    ]
}
