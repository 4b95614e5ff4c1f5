//! The appendix: every question asked, in interview order and numbered as
//! the rest of the report refers to it, with the answer and its basis.

use crate::charts::Chart;
use crate::data::ReportData;
use crate::layout::Block;

use super::plain;

pub(super) fn blocks(data: &ReportData) -> Vec<Block> {
    let mut out = vec![Block::h1("Appendix: questions and answers")];
    out.extend(completeness(data));
    for a in &data.assessments {
        out.push(Block::h2(a.questionnaire_title.clone()));
        let rows = a
            .answers
            .iter()
            .map(|r| {
                let mut answer = if r.answered {
                    r.answer.clone()
                } else {
                    "Not answered".into()
                };
                if !r.note.is_empty() {
                    answer.push_str(&format!(" — note: {}", r.note));
                }
                let basis = if r.answered {
                    let mut basis = format!(
                        "{}; {}, {}",
                        plain::provenance(&r.provenance),
                        r.answered_by,
                        plain::date(r.answered_at.get(..10).unwrap_or(""))
                    );
                    if !r.evidence.is_empty() {
                        basis.push_str(&format!("; evidence: {}", r.evidence.join(", ")));
                    }
                    basis
                } else {
                    String::new()
                };
                vec![format!("Q{}", r.number), r.prompt.clone(), answer, basis]
            })
            .collect();
        out.push(Block::Table {
            headers: vec![
                "No.".into(),
                "Question".into(),
                "Answer".into(),
                "Basis".into(),
            ],
            widths: vec![0.6, 4.6, 3.0, 2.2],
            rows,
            size: 8.0,
        });
    }
    out
}

/// How much of each interview was answered.
fn completeness(data: &ReportData) -> Vec<Block> {
    let mut out = Vec::new();
    for a in &data.assessments {
        let items: Vec<(String, f32, String)> = a
            .completeness
            .iter()
            .filter(|c| c.asked > 0)
            .map(|c| {
                (
                    c.section.clone(),
                    c.answered as f32 / c.asked as f32,
                    format!("{} of {}", c.answered, c.asked),
                )
            })
            .collect();
        if !items.is_empty() {
            out.push(Block::KeepTogether(vec![
                Block::h2(format!("Interview completeness: {}", a.questionnaire_title)),
                Block::Chart(Chart::Bars { items }),
            ]));
        }
    }
    out
}
