//! The NIST AI RMF risk-management profile: the EU AI Act conclusion, the
//! scored risks with what set each score, inherent and residual heat maps,
//! the current and target profile with its gaps, the treatment plan, and
//! the business figures with their formulas and inputs.

use assay_engine::risk_profile::{LossFigure, ProfileResult, ScoredRisk};

use crate::charts::Chart;
use crate::data::{AssessmentReport, ReportData};
use crate::layout::Block;

use super::{plain, summary};

pub(super) fn blocks(data: &ReportData, a: &AssessmentReport, p: &ProfileResult) -> Vec<Block> {
    let mut out = vec![
        Block::h2("Is it high-risk under the EU AI Act?"),
        Block::text(summary::verdict_sentence(data, &p.eu_ai_act.verdict)),
        Block::small(p.eu_ai_act.note.clone()),
        Block::h2("Risk appetite"),
        Block::text(format!(
            "Residual scores above {} need a treatment decision ({}). {}",
            p.appetite.value,
            if p.appetite.from_answer {
                "the organisation's stated appetite"
            } else {
                "the catalogue's default, as the organisation stated none"
            },
            p.appetite.why
        )),
    ];
    out.push(Block::KeepTogether(vec![
        Block::h2("Heat map before controls (inherent)"),
        Block::Chart(Chart::HeatMap {
            counts: p.heat_map_inherent,
            bands: bands(p),
        }),
    ]));
    out.push(Block::KeepTogether(vec![
        Block::h2("Heat map with the controls in place (residual)"),
        Block::Chart(Chart::HeatMap {
            counts: p.heat_map_residual,
            bands: bands(p),
        }),
    ]));
    out.extend(risks(p));
    out.extend(profile_table(a, p));
    out.extend(treatment(p));
    out.extend(losses(p));
    out
}

fn bands(p: &ProfileResult) -> Vec<(u32, u32, String)> {
    p.bands
        .iter()
        .map(|b| (b.min, b.max, b.label.clone()))
        .collect()
}

fn why(risk: &ScoredRisk) -> String {
    let mut parts = vec![format!(
        "Likelihood {} ({}): {}",
        risk.likelihood.level, risk.likelihood.label, risk.likelihood.base_why
    )];
    parts.extend(
        risk.likelihood
            .steps
            .iter()
            .map(|s| format!("{:+}: {}", s.by, s.why)),
    );
    parts.push(format!(
        "Impact {} ({}): {}",
        risk.impact.level, risk.impact.label, risk.impact.base_why
    ));
    parts.extend(
        risk.impact
            .steps
            .iter()
            .map(|s| format!("{:+}: {}", s.by, s.why)),
    );
    if let Some(o) = &risk.overridden {
        parts.push(format!(
            "The assessor set these scores by hand (computed: {} inherent, {} residual): {}",
            o.computed.0, o.computed.1, o.justification
        ));
    }
    parts.join(" ")
}

fn risks(p: &ProfileResult) -> Vec<Block> {
    let rows = p
        .risks
        .iter()
        .map(|r| {
            let in_place: Vec<String> = r
                .controls
                .iter()
                .filter(|c| c.in_place)
                .map(|c| c.title.clone())
                .collect();
            vec![
                format!("{}. {}", r.title, why(r)),
                format!(
                    "{} × {} = {}",
                    r.likelihood.level, r.impact.level, r.inherent
                ),
                if in_place.is_empty() {
                    "None in place".into()
                } else {
                    in_place.join("; ")
                },
                format!(
                    "{} × {} = {} ({}{})",
                    r.residual_likelihood,
                    r.residual_impact,
                    r.residual,
                    r.band,
                    if r.above_appetite {
                        ", above appetite"
                    } else {
                        ""
                    }
                ),
            ]
        })
        .collect();
    let mut out = vec![
        Block::h2("Risks, scored"),
        Block::small(
            "Each score starts from the catalogue's base level for this kind of system and moves with the answers that apply (shown with the sign of the change); controls in place lower the residual score.",
        ),
        Block::Table {
            headers: vec![
                "Risk and why it scores so".into(),
                "Inherent".into(),
                "Controls in place".into(),
                "Residual".into(),
            ],
            widths: vec![5.6, 1.2, 2.6, 1.6],
            rows,
            size: 7.5,
        },
    ];
    if !p.not_applicable.is_empty() {
        let names: Vec<String> = p.not_applicable.iter().map(|r| r.title.clone()).collect();
        out.push(Block::small(format!(
            "Not applicable on the answers given: {}.",
            names.join("; ")
        )));
    }
    out
}

fn status(s: &str) -> &str {
    match s {
        "not_addressed" => "Not addressed",
        "partial" => "Partly in place",
        "implemented" => "In place",
        "not_applicable" => "Does not apply",
        _ => "Not answered",
    }
}

fn profile_table(a: &AssessmentReport, p: &ProfileResult) -> Vec<Block> {
    let rows = p
        .subcategories
        .iter()
        .map(|s| {
            let rank = p
                .gaps
                .iter()
                .position(|g| g.question == s.question)
                .map_or_else(String::new, |i| format!("gap no. {}", i + 1));
            vec![
                a.label(&s.subcategory).to_owned(),
                status(&s.current).to_owned(),
                status(&s.target).to_owned(),
                rank,
            ]
        })
        .collect();
    vec![
        Block::h2("Current and target profile (NIST AI RMF)"),
        Block::small(
            "Gaps are numbered by the residual risk closing them would reduce: the sum of the residual scores of the risks managed under the subcategory.",
        ),
        Block::Table {
            headers: vec![
                "Subcategory".into(),
                "Today".into(),
                "Target".into(),
                "Gap".into(),
            ],
            widths: vec![6.0, 1.6, 1.6, 1.2],
            rows,
            size: 7.5,
        },
    ]
}

fn treatment(p: &ProfileResult) -> Vec<Block> {
    if p.treatment_plan.is_empty() {
        return vec![Block::text(
            "No residual score is above the appetite: no treatment decision is needed now.",
        )];
    }
    let rows = p
        .treatment_plan
        .iter()
        .map(|t| {
            vec![
                format!("{} ({} {})", t.title, t.band, t.residual),
                format!("{}: {}", capitalise(&t.treatment), t.actions.join(" ")),
                t.owner_role.clone(),
                plain::date(&t.due),
                format!("{} ({})", t.metric, t.cadence),
            ]
        })
        .collect();
    vec![
        Block::h2("Treatment plan"),
        Block::Table {
            headers: vec![
                "Risk".into(),
                "Treatment and actions".into(),
                "Owner".into(),
                "Due".into(),
                "What to measure".into(),
            ],
            widths: vec![2.0, 4.4, 1.6, 1.3, 2.4],
            rows,
            size: 7.5,
        },
    ]
}

fn figure(l: &LossFigure) -> String {
    match l.value {
        Some(v) => {
            let inputs: Vec<String> = l
                .inputs
                .iter()
                .map(|(name, value)| format!("{} = {value}", name.replace('_', " ")))
                .collect();
            format!(
                "{}: {} {}. {} Formula: {}; with {}.",
                l.title,
                plain::euros(v).trim_start_matches('€'),
                l.unit,
                l.explain,
                l.formula.replace('_', " "),
                inputs.join(", ")
            )
        }
        None => format!(
            "{}: not computed, because these answers are missing: {}.",
            l.title,
            l.missing.join(", ").replace('_', " ")
        ),
    }
}

fn losses(p: &ProfileResult) -> Vec<Block> {
    if p.losses.is_empty() {
        return Vec::new();
    }
    vec![
        Block::h2("What the risks cost"),
        Block::Bullets(p.losses.iter().map(figure).collect()),
    ]
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}
