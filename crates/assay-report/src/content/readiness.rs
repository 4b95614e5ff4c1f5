//! SOC 2 Type II readiness: scope, readiness per category, the ranked gaps
//! with remediation and what the auditor will sample, stale evidence, the
//! timeline to a report, the sampling plan and the crosswalk coverage.

use assay_engine::soc2::ReadinessResult;

use crate::charts::Chart;
use crate::data::AssessmentReport;
use crate::layout::Block;

use super::plain;

fn category(id: &str) -> String {
    match id {
        "security" => "Security (common criteria)".into(),
        "availability" => "Availability".into(),
        "confidentiality" => "Confidentiality".into(),
        "processing_integrity" => "Processing Integrity".into(),
        "privacy" => "Privacy".into(),
        "ai_controls" => "AI-specific controls".into(),
        "overall" => "Overall".into(),
        other => other.replace('_', " "),
    }
}

pub(super) fn blocks(a: &AssessmentReport, r: &ReadinessResult) -> Vec<Block> {
    let scope: Vec<String> = r.in_scope.iter().map(|c| category(c)).collect();
    let mut out = vec![Block::text(format!(
        "In scope: {}. Type I readiness means a control is designed and running on the assessment date (level 3 or 4); Type II readiness means it has run, with fresh verified evidence, through the observation window so far (level 4).",
        plain::list(&scope, "and")
    ))];
    for s in &r.suggested {
        out.push(Block::small(format!(
            "Consider adding {}: {}",
            category(&s.category),
            s.guidance
        )));
    }
    let items = r
        .scores
        .iter()
        .chain([&r.overall])
        .flat_map(|s| {
            [
                (
                    format!("{}: Type I", category(&s.category)),
                    (s.type1_percent / 100.0) as f32,
                    format!("{:.0} %", s.type1_percent),
                ),
                (
                    format!("{}: Type II", category(&s.category)),
                    (s.type2_percent / 100.0) as f32,
                    format!("{:.0} %", s.type2_percent),
                ),
            ]
        })
        .collect();
    out.push(Block::KeepTogether(vec![
        Block::h2("Readiness by category (weighted)"),
        Block::Chart(Chart::Bars { items }),
    ]));
    if !r.stale.is_empty() {
        out.push(Block::h2("Evidence that has lapsed"));
        out.push(Block::Bullets(
            r.stale
                .iter()
                .map(|s| {
                    format!(
                        "{}: evidence of kind “{}” collected on {} lapsed on {}; the control counts as implemented, not operating, until fresh evidence is collected.",
                        a.label(&s.id),
                        s.kind.replace('_', " "),
                        plain::date(&s.collected_on),
                        plain::date(&s.lapsed_on)
                    )
                })
                .collect(),
        ));
    }
    out.extend(gaps(a, r));
    out.extend(timeline(r));
    out.extend(sampling(a, r));
    out
}

fn gaps(a: &AssessmentReport, r: &ReadinessResult) -> Vec<Block> {
    let rows = r
        .gaps
        .iter()
        .map(|g| {
            vec![
                a.label(&g.id).to_owned(),
                format!("{} (priority {})", g.level, g.priority),
                g.remediation.clone(),
                if g.owner.is_empty() {
                    "not yet assigned".into()
                } else {
                    g.owner.clone()
                },
                plain::count(g.effort_days as usize, "day", "days"),
                g.auditor_evidence.clone(),
            ]
        })
        .collect();
    vec![
        Block::h2("Gaps, most valuable first"),
        Block::small(
            "Priority is the control's weight times the levels it still has to climb to 4; effort is in working days, scaled by how far the control has to go.",
        ),
        Block::Table {
            headers: vec![
                "Control".into(),
                "Level".into(),
                "What to put in place".into(),
                "Owner".into(),
                "Effort".into(),
                "What the auditor will sample".into(),
            ],
            widths: vec![1.8, 1.0, 3.6, 1.3, 0.9, 3.0],
            rows,
            size: 7.0,
        },
    ]
}

fn timeline(r: &ReadinessResult) -> Vec<Block> {
    let t = &r.timeline;
    let mut facts = vec![(
        "Remediation done".to_owned(),
        format!(
            "{} ({} working days)",
            plain::date(&t.remediation_done),
            t.remediation_working_days
        ),
    )];
    if let Some(d) = &t.type1_report {
        facts.push(("Type I report".into(), format!("about {}", plain::date(d))));
    }
    facts.extend([
        (
            "Observation window".into(),
            format!(
                "{} months, {} to {}",
                t.observation_months,
                plain::date(&t.observation_start),
                plain::date(&t.observation_end)
            ),
        ),
        (
            "Type II report".into(),
            format!("about {}", plain::date(&t.type2_report)),
        ),
    ]);
    let mut out = vec![
        Block::h2("When a Type II report can be issued"),
        Block::KeyValue(facts),
        Block::Bullets(t.steps.clone()),
    ];
    if !t.rationale.is_empty() {
        out.push(Block::small(t.rationale.clone()));
    }
    out
}

fn sampling(a: &AssessmentReport, r: &ReadinessResult) -> Vec<Block> {
    if r.sampling.is_empty() {
        return Vec::new();
    }
    let rows = r
        .sampling
        .iter()
        .map(|s| {
            vec![
                a.label(&s.id).to_owned(),
                s.frequency.replace('_', " "),
                s.population.clone(),
                s.sample.to_string(),
            ]
        })
        .collect();
    vec![
        Block::h2("Sampling plan"),
        Block::small(r.sampling_basis.clone()),
        Block::Table {
            headers: vec![
                "Control".into(),
                "Runs".into(),
                "Population".into(),
                "Sample".into(),
            ],
            widths: vec![2.6, 1.4, 5.0, 0.8],
            rows,
            size: 7.5,
        },
    ]
}
