//! The obligation register: every duty once, with what to do, the evidence
//! an auditor will expect, and its status, owner and target date, grouped
//! into phases by the date it applies from and ordered within a phase by
//! the compliance plan (which puts prerequisites first).

use std::collections::BTreeMap;

use assay_engine::eu_ai_act::Verdict;
use chrono::NaiveDate;

use crate::charts::Chart;
use crate::data::{AssessmentReport, RegisterRow, ReportData};
use crate::layout::Block;

use super::plain;

/// One phase: the rows that apply from the same date (or already apply).
struct Phase<'a> {
    title: String,
    date: Option<NaiveDate>,
    rows: Vec<&'a RegisterRow>,
}

fn phases<'a>(data: &ReportData, a: &'a AssessmentReport) -> Vec<Phase<'a>> {
    let today = data.report_date.as_str();
    let mut now = Vec::new();
    let mut later: BTreeMap<&str, Vec<&RegisterRow>> = BTreeMap::new();
    for row in &a.register {
        if row.applies_from.as_str() <= today {
            now.push(row);
        } else {
            later
                .entry(row.applies_from.as_str())
                .or_default()
                .push(row);
        }
    }
    let mut out = Vec::new();
    if !now.is_empty() {
        out.push(Phase {
            title: "In force now".into(),
            date: None,
            rows: now,
        });
    }
    for (date, rows) in later {
        let milestones: Vec<String> = data
            .milestones
            .iter()
            .filter(|m| m.date == date)
            .map(|m| m.title.clone())
            .collect();
        let mut title = format!("From {}", plain::date(date));
        if !milestones.is_empty() {
            title.push_str(&format!(": {}", milestones.join("; ")));
        }
        out.push(Phase {
            title,
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
            rows,
        });
    }
    for phase in &mut out {
        phase.rows.sort_by_key(|r| r.step);
    }
    out
}

pub(super) fn blocks(data: &ReportData, a: &AssessmentReport, v: &Verdict) -> Vec<Block> {
    if a.register.is_empty() {
        return vec![Block::text(
            "On the answers given, the AI Act sets no duty on the organisation for this system.",
        )];
    }
    let phases = phases(data, a);
    let mut out = vec![Block::text(format!(
        "{} for {}, each listed once. Status, owner and target date are kept in the engagement file and can be updated as work progresses. Duties marked “recommended” are measures the Act encourages without requiring them; “reported” marks a duty or date known only from secondary sources.",
        plain::count(a.register.len(), "duty applies", "duties apply"),
        plain::roles(&v.roles)
    ))];
    if let Ok(today) = NaiveDate::parse_from_str(&data.report_date, "%Y-%m-%d") {
        let items = phases
            .iter()
            .map(|p| {
                (
                    format!(
                        "{} ({})",
                        p.date.map_or_else(
                            || "In force now".into(),
                            |d| d.format("%-d %b %Y").to_string()
                        ),
                        plain::count(p.rows.len(), "duty", "duties")
                    ),
                    p.date.unwrap_or(today),
                )
            })
            .collect();
        out.push(Block::KeepTogether(vec![
            Block::h2("Phases"),
            Block::Chart(Chart::Timeline { items, today }),
        ]));
    }
    for phase in &phases {
        out.push(Block::h2(phase.title.clone()));
        out.push(table(&phase.rows));
    }
    out
}

fn table(rows: &[&RegisterRow]) -> Block {
    Block::Table {
        headers: vec![
            "Provision".into(),
            "What to do".into(),
            "Evidence an auditor will expect".into(),
            "Status, owner, target".into(),
        ],
        widths: vec![1.6, 4.2, 3.0, 2.0],
        rows: rows.iter().map(|r| row(r)).collect(),
        size: 8.0,
    }
}

fn row(r: &RegisterRow) -> Vec<String> {
    // An amended date is what is usually "reported"; otherwise the duty.
    let date_reported = r.reported && r.original_date.is_some();
    let mut provision = r.article.clone();
    if !r.binding {
        provision.push_str(" (recommended)");
    }
    if r.reported && !date_reported {
        provision.push_str(" (reported)");
    }
    let mut todo = format!(
        "{}: {}",
        plain::duty(&r.title, &r.article),
        plain::sentence(&r.action)
    );
    if let Some(original) = &r.original_date {
        todo.push_str(&format!(
            " Applies from {}{} (first enacted for {}; moved by {}).",
            plain::date(&r.applies_from),
            if date_reported {
                ", a reported date"
            } else {
                ""
            },
            plain::date(original),
            r.date_source
        ));
    }
    let mut evidence = plain::sentence(&r.evidence.join("; "));
    if !r.evidence_files.is_empty() {
        evidence.push_str(&format!(" On file: {}.", r.evidence_files.join(", ")));
    }
    let mut tracking = vec![r.status.clone()];
    tracking.push(if r.owner.is_empty() {
        "owner not yet assigned".into()
    } else {
        r.owner.clone()
    });
    if let Some(t) = &r.target_date {
        tracking.push(format!("target {}", plain::date(t)));
    }
    if !r.note.is_empty() {
        tracking.push(r.note.clone());
    }
    vec![provision, todo, evidence, tracking.join("; ")]
}
