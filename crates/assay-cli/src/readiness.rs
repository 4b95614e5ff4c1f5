//! SOC 2 readiness in a terminal: scope, scores, the stale evidence, the
//! ranked gaps, the timeline and the sampling plan.

use assay_engine::soc2::ReadinessResult;

use crate::output::say;

pub(crate) fn print(r: &ReadinessResult) {
    say!(
        "SOC 2 readiness as of {} ({} {})",
        r.assessed_on,
        r.rules,
        r.version
    );
    say!("In scope: {}", r.in_scope.join(", ").replace('_', " "));
    for s in &r.suggested {
        say!(
            "Consider adding {}: {}",
            s.category.replace('_', " "),
            s.guidance
        );
    }
    say!("\nReady (weighted):        Type I   Type II   mean level");
    for s in r.scores.iter().chain([&r.overall]) {
        say!(
            "  {:<22} {:>5.1} %  {:>5.1} %   {:.2} / 4",
            s.category.replace('_', " "),
            s.type1_percent,
            s.type2_percent,
            s.mean_level
        );
    }
    for s in &r.stale {
        say!(
            "Stale evidence: {} ({}, collected {}, lapsed {})",
            s.id,
            s.kind,
            s.collected_on,
            s.lapsed_on
        );
    }
    say!("\nGaps, most valuable first:");
    for g in r.gaps.iter().take(15) {
        say!(
            "  {:<22} level {} priority {:>2}, {} day(s){}",
            g.id,
            g.level,
            g.priority,
            g.effort_days,
            if g.owner.is_empty() {
                String::new()
            } else {
                format!(", owner {}", g.owner)
            }
        );
    }
    if r.gaps.len() > 15 {
        say!(
            "  … and {} more (--format json lists all)",
            r.gaps.len() - 15
        );
    }
    say!("\nTimeline:");
    for step in &r.timeline.steps {
        say!("  {step}");
    }
    say!("\nSampling ({}):", r.sampling_basis);
    for s in &r.sampling {
        say!("  {:<22} {:<14} sample {}", s.id, s.frequency, s.sample);
    }
}
