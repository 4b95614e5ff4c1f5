//! The risk register with its 5×5 likelihood × impact heat map.

use crate::charts::Chart;
use crate::data::ReportData;
use crate::layout::Block;

use super::plain;

pub(super) fn blocks(data: &ReportData) -> Vec<Block> {
    if data.risks.is_empty() {
        let profiled = data.assessments.iter().any(|a| a.profile.is_some());
        return vec![Block::text(if profiled {
            "The risks the risk-management profile scores are set out with it above, with their heat maps and treatment plan; no other risk is recorded in the engagement's register."
        } else {
            "No risks are recorded in the engagement's risk register yet."
        })];
    }
    let mut counts = [[0u32; 5]; 5];
    for r in &data.risks {
        let l = usize::from(r.likelihood.clamp(1, 5)) - 1;
        let i = usize::from(r.impact.clamp(1, 5)) - 1;
        counts[l][i] += 1;
    }
    let rows = data
        .risks
        .iter()
        .map(|r| {
            let score = u32::from(r.likelihood) * u32::from(r.impact);
            let residual = match (r.residual_likelihood, r.residual_impact) {
                (Some(l), Some(i)) => format!("{l} × {i} = {}", u32::from(l) * u32::from(i)),
                _ => "not assessed".into(),
            };
            let mut title = r.title.clone();
            if !r.description.is_empty() {
                title.push_str(&format!(": {}", r.description));
            }
            if !r.relates_to.is_empty() {
                title.push_str(&format!(" ({})", r.relates_to.join(", ")));
            }
            let mut plan = if r.treatment.is_empty() {
                "Treatment not chosen".to_owned()
            } else {
                capitalise(&r.treatment)
            };
            if let Some(due) = &r.due_date {
                plan.push_str(&format!(", due {}", plain::date(due)));
            }
            plan.push_str(&format!("; {}", r.status.replace('_', " ")));
            vec![
                title,
                format!("{} × {} = {score}", r.likelihood, r.impact),
                residual,
                if r.owner.is_empty() {
                    "not assigned".into()
                } else {
                    r.owner.clone()
                },
                plan,
            ]
        })
        .collect();
    vec![
        Block::text(format!(
            "{} recorded; likelihood and impact are scored from 1 (rare, negligible) to 5 (almost certain, severe).",
            plain::count(data.risks.len(), "risk is", "risks are")
        )),
        Block::KeepTogether(vec![
            Block::h2("Likelihood × impact"),
            Block::Chart(Chart::HeatMap {
                counts,
                bands: crate::charts::default_bands(),
            }),
        ]),
        Block::Table {
            headers: vec![
                "Risk".into(),
                "Inherent".into(),
                "Residual".into(),
                "Owner".into(),
                "Treatment".into(),
            ],
            widths: vec![4.6, 1.3, 1.5, 1.6, 2.4],
            rows,
            size: 8.5,
        },
    ]
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}
