//! The fines a client is exposed to, Arts 99 and 101. Tiers, amounts, the
//! SME rule and its reported extension are data
//! (`assets/eu-ai-act/penalties.json`).

use assay_kb::{Certainty, Combine, KnowledgeBase};

use super::findings::{Findings, Reading};
use super::verdict::PenaltyExposure;

/// Every tier whose facts hold, with its cap worked out from the answers on
/// size and turnover.
pub(crate) fn exposure(kb: &KnowledgeBase, r: &Reading<'_>, f: &Findings) -> Vec<PenaltyExposure> {
    let table = kb.penalties();
    let size = r.view.choice("org_size");
    let size_rule = table.sizes.iter().find(|s| Some(s.size.as_str()) == size);
    let turnover = r.view.number("annual_turnover_eur").filter(|t| *t >= 0.0);
    table
        .tiers
        .iter()
        .filter(|t| t.when_any.iter().any(|fact| f.has(*fact)))
        .map(|tier| {
            let (combine, size_reported) = match size_rule {
                Some(rule) if tier.sme_rule_applies => {
                    (rule.combine, rule.status == Certainty::Reported)
                }
                _ => (tier.combine, false),
            };
            let share = turnover.map(|t| t * tier.turnover_percent / 100.0);
            #[allow(clippy::cast_precision_loss)]
            let fixed = tier.fixed_eur as f64;
            let maximum_eur = share.map(|s| match combine {
                Combine::Higher => s.max(fixed),
                Combine::Lower => s.min(fixed),
            });
            let word = match combine {
                Combine::Higher => "higher",
                Combine::Lower => "lower",
            };
            let rule = format!(
                "Up to EUR {} or {} % of total worldwide annual turnover, whichever is {word}{}.",
                thousands(tier.fixed_eur),
                tier.turnover_percent,
                if combine == Combine::Lower && tier.combine == Combine::Higher {
                    " (the SME rule of Art. 99(6))"
                } else {
                    ""
                }
            );
            let applies_from = kb
                .application_date(&tier.date_key)
                .and_then(|d| d.effective())
                .map(|d| d.date.to_string())
                .unwrap_or_default();
            PenaltyExposure {
                tier: tier.id.clone(),
                article: kb
                    .item(&tier.article)
                    .map_or_else(|| tier.article.clone(), |i| i.label.clone()),
                title: tier.title.clone(),
                covers: tier.covers.clone(),
                fixed_eur: tier.fixed_eur,
                turnover_percent: tier.turnover_percent,
                combine: word.to_owned(),
                maximum_eur,
                rule,
                applies_from,
                reported: size_reported,
                note: tier.note.clone(),
            }
        })
        .collect()
}

/// `35000000` → `35,000,000`.
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn amounts_group_digits_in_threes_without_a_leading_comma() {
        assert_eq!(thousands(750_000), "750,000");
        assert_eq!(thousands(7_500_000), "7,500,000");
        assert_eq!(thousands(35_000_000), "35,000,000");
        assert_eq!(thousands(100_000_000), "100,000,000");
        assert_eq!(thousands(999), "999");
    }
}
