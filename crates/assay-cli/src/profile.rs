//! A scored risk profile in a terminal: the EU AI Act conclusion, the risks
//! with inherent and residual scores, the heat map, the gaps, the treatment
//! plan and the business figures with their formulas.

use assay_engine::risk_profile::{HeatMap, ProfileResult};

use crate::assess::print_verdict_line;
use crate::output::say;

fn heat_map(title: &str, map: &HeatMap) {
    say!("\n{title} (likelihood down, impact across):");
    for likelihood in (0..5).rev() {
        let row: Vec<String> = map[likelihood]
            .iter()
            .map(|n| {
                if *n == 0 {
                    ".".to_owned()
                } else {
                    n.to_string()
                }
            })
            .collect();
        say!("  {} | {}", likelihood + 1, row.join("  "));
    }
    say!("      1  2  3  4  5");
}

pub(crate) fn print(p: &ProfileResult) {
    say!("{} ({}), assessed on {}", p.title, p.version, p.assessed_on);
    print_verdict_line(&p.eu_ai_act.verdict);
    say!(
        "Risk appetite: {} ({})",
        p.appetite.value,
        if p.appetite.from_answer {
            "set by the organisation"
        } else {
            "the catalogue's default"
        }
    );
    say!("\nRisks (inherent → residual):");
    for r in &p.risks {
        say!(
            "  {:<45} {:>2} ({}×{}) → {:>2} ({}×{}) {}{}",
            r.title,
            r.inherent,
            r.likelihood.level,
            r.impact.level,
            r.residual,
            r.residual_likelihood,
            r.residual_impact,
            r.band,
            if r.above_appetite {
                ", above appetite"
            } else {
                ""
            }
        );
    }
    for r in &p.not_applicable {
        say!("  not applicable: {}", r.title);
    }
    heat_map("Inherent", &p.heat_map_inherent);
    heat_map("Residual", &p.heat_map_residual);
    if !p.gaps.is_empty() {
        say!("\nGaps, by the residual risk they would reduce:");
        for g in &p.gaps {
            say!(
                "  {:<22} {} → {} (weight {})",
                g.subcategory,
                g.current.replace('_', " "),
                g.target.replace('_', " "),
                g.weight
            );
        }
    }
    if !p.treatment_plan.is_empty() {
        say!("\nTreatment plan:");
        for t in &p.treatment_plan {
            say!(
                "  {} ({} {}): {} by {}, owner {}; measure: {} ({})",
                t.title,
                t.band,
                t.residual,
                t.treatment,
                t.due,
                t.owner_role,
                t.metric,
                t.cadence
            );
        }
    }
    for l in &p.losses {
        match l.value {
            Some(v) => say!("\n{}: {v:.0} {} = {}", l.title, l.unit, l.formula),
            None => say!(
                "\n{}: not computed; unanswered: {}",
                l.title,
                l.missing.join(", ")
            ),
        }
    }
}
