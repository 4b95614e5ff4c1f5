//! The report's text: which sections, in which order, saying what. Each
//! section is its own module; this one numbers them in the order they
//! appear, so a report with some sections left out has no gaps.

mod annexes;
mod appendix;
pub(crate) mod card;
mod classification;
mod cover;
mod evidence;
pub(crate) mod plain;
mod profile;
mod readiness;
mod register;
mod risks;
mod scope;
mod signoff;
mod summary;

use assay_engine::eu_ai_act::Verdict;

use crate::data::{AssessmentReport, ReportData, Section};
use crate::layout::Block;

/// Section headings numbered as they are emitted.
pub(crate) struct Numbering {
    next: u32,
}

impl Numbering {
    fn heading(&mut self, title: &str) -> Block {
        let n = self.next;
        self.next += 1;
        Block::h1(format!("{n}. {title}"))
    }
}

/// The EU AI Act assessments with a verdict.
pub(crate) fn eu_verdicts(data: &ReportData) -> Vec<(&AssessmentReport, &Verdict)> {
    data.assessments
        .iter()
        .filter(|a| a.questionnaire == "eu-ai-act")
        .filter_map(|a| a.verdict.as_ref().map(|v| (a, v)))
        .collect()
}

pub(crate) fn blocks(data: &ReportData, sections: &[Section]) -> Vec<Block> {
    let on = |s: Section| sections.contains(&s);
    let mut out = cover::blocks(data);
    let mut n = Numbering { next: 1 };
    if on(Section::Summary) {
        out.push(n.heading("Executive summary"));
        out.extend(summary::blocks(data));
    }
    if on(Section::Scope) {
        out.push(n.heading("Scope and method"));
        out.extend(scope::blocks(data));
    }
    if on(Section::EuAiAct) {
        for (a, v) in eu_verdicts(data) {
            out.push(n.heading("EU AI Act: classification"));
            out.extend(classification::blocks(data, a, v));
        }
    }
    if on(Section::EuAiAct) {
        for a in &data.assessments {
            if let Some(p) = &a.profile {
                out.push(n.heading(&format!("Risk-management profile: {}", p.title)));
                out.extend(profile::blocks(data, a, p));
            }
            if let Some(r) = &a.readiness {
                out.push(n.heading("SOC 2 Type II readiness"));
                out.extend(readiness::blocks(a, r));
            }
        }
    }
    let has_card = data
        .assessments
        .iter()
        .any(|a| a.questionnaire == crate::card::CARD_QUESTIONNAIRE);
    if on(Section::Card) && has_card {
        out.push(n.heading("System card"));
        out.extend(card::blocks(&crate::card::SystemCard::from_report(data)));
    }
    if on(Section::Register) {
        for (a, v) in eu_verdicts(data) {
            out.push(n.heading("Obligation register and plan"));
            out.extend(register::blocks(data, a, v));
            out.extend(annexes::blocks(a, v));
        }
    }
    if on(Section::Risks) {
        out.push(n.heading("Risk register"));
        out.extend(risks::blocks(data));
    }
    if on(Section::Crosswalk) {
        let rows = evidence::crosswalk(data);
        if !rows.is_empty() {
            out.push(n.heading("Crosswalk coverage"));
            out.extend(rows);
        }
    }
    if on(Section::Evidence) {
        out.push(n.heading("Evidence index"));
        out.extend(evidence::blocks(data));
    }
    if on(Section::Appendix) {
        out.extend(appendix::blocks(data));
    }
    if on(Section::Signature) {
        out.extend(signoff::blocks(data));
    }
    out
}

/// The line every page of a provisional or draft report carries.
pub(crate) fn banner(data: &ReportData) -> Option<String> {
    let open: usize = eu_verdicts(data)
        .iter()
        .map(|(_, v)| v.open_questions.len())
        .sum();
    if data.is_provisional() {
        Some(format!(
            "PROVISIONAL: {} could change the conclusions; see “Open questions”",
            plain::count(open, "open question", "open questions")
        ))
    } else if !data.is_final {
        Some("DRAFT: not yet issued as final by the assessor".to_owned())
    } else {
        None
    }
}
