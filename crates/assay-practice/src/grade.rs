//! Grading an answer against a rubric, deterministically: each key point
//! with the sentence that earned it, the structure, the numbers, the
//! penalties with their corrections, and the score with its band. A point
//! is claimed only when the answer's own words contain it.

use serde::Serialize;

use crate::model::{Rubric, Scenario};
use crate::normalise::{Sentence, contains, sentences, tokens};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PointResult {
    pub id: String,
    pub title: String,
    pub weight: u32,
    pub covered: bool,
    /// The answer's sentence(s) that earned it, quoted.
    pub evidence: Vec<String>,
    /// Why it matters, naming the provision.
    pub why: String,
    pub cites: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StructureResult {
    pub title: String,
    pub weight: u32,
    pub holds: bool,
    /// Each section and the sentence where it first appears.
    pub found: Vec<(String, Option<String>)>,
    pub ordered: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PenaltyResult {
    pub id: String,
    pub title: String,
    pub points: u32,
    /// The sentence that states the error.
    pub evidence: String,
    pub correction: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "GradeBand"))]
#[serde(rename_all = "snake_case")]
pub enum Band {
    Strong,
    Adequate,
    Weak,
}

impl Band {
    pub fn label(self) -> &'static str {
        match self {
            Band::Strong => "Strong",
            Band::Adequate => "Adequate",
            Band::Weak => "Weak",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Grade {
    pub scenario: String,
    /// 0–100.
    pub score: u32,
    pub band: Band,
    pub earned: u32,
    pub available: u32,
    pub points: Vec<PointResult>,
    pub structure: Option<StructureResult>,
    /// `None` when the rubric does not ask for numbers.
    pub quantified: Option<bool>,
    pub quantification_hint: String,
    pub penalties: Vec<PenaltyResult>,
    /// Common mistakes for this scenario and their corrections.
    pub mistakes: Vec<(String, String)>,
    pub model_outline: Vec<String>,
}

fn phrases(list: &[String]) -> Vec<Vec<String>> {
    list.iter()
        .map(|p| tokens(p))
        .filter(|t| !t.is_empty())
        .collect()
}

fn holds_any(sentence: &[String], list: &[Vec<String>]) -> bool {
    list.iter().any(|p| contains(sentence, p))
}

/// The first sentence, or pair of adjacent sentences, holding a phrase from
/// every list.
fn find_all(sentences: &[Sentence], all_of: &[Vec<String>]) -> Option<Vec<String>> {
    let lists: Vec<Vec<Vec<String>>> = all_of.iter().map(|l| phrases(l)).collect();
    let holds = |tokens: &[String]| lists.iter().all(|l| holds_any(tokens, l));
    for (i, s) in sentences.iter().enumerate() {
        if holds(&s.tokens) {
            return Some(vec![s.text.clone()]);
        }
        if let Some(next) = sentences.get(i + 1) {
            let joined: Vec<String> = s.tokens.iter().chain(&next.tokens).cloned().collect();
            // Both sentences must contribute, or it would have matched alone.
            if holds(&joined) {
                return Some(vec![s.text.clone(), next.text.clone()]);
            }
        }
    }
    None
}

fn structure(rubric: &Rubric, sentences: &[Sentence]) -> Option<StructureResult> {
    let s = rubric.structure.as_ref()?;
    let positions: Vec<Option<usize>> = s
        .sections
        .iter()
        .map(|section| {
            let list = phrases(&section.any_of);
            sentences.iter().position(|x| holds_any(&x.tokens, &list))
        })
        .collect();
    let all_found = positions.iter().all(Option::is_some);
    let in_order = positions
        .windows(2)
        .all(|w| matches!((w[0], w[1]), (Some(a), Some(b)) if a <= b));
    Some(StructureResult {
        title: s.title.clone(),
        weight: s.weight,
        holds: all_found && (!s.ordered || in_order),
        found: s
            .sections
            .iter()
            .zip(&positions)
            .map(|(section, p)| (section.title.clone(), p.map(|i| sentences[i].text.clone())))
            .collect(),
        ordered: s.ordered,
    })
}

/// A number with a unit, a percentage or an amount of money.
fn quantified(text: &str) -> bool {
    const UNITS: &[&str] = &[
        "%",
        "percent",
        "per cent",
        "eur",
        "euro",
        "usd",
        "dollar",
        "gbp",
        "pound",
        "hour",
        "day",
        "week",
        "month",
        "year",
        "minute",
        "k",
        "m",
        "million",
        "thousand",
        "bn",
        "billion",
        "x",
        "times",
        "work order",
        "escalation",
        "ticket",
        "alert",
    ];
    let lower = text.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let currency = chars.windows(2).any(|w| {
        matches!(w[0], '€' | '$' | '£') && w[1].is_ascii_digit()
            || w[0].is_ascii_digit() && matches!(w[1], '€' | '$' | '£' | '%')
    });
    if currency {
        return true;
    }
    let mut rest = lower.as_str();
    while let Some(i) = rest.find(|c: char| c.is_ascii_digit()) {
        let after =
            rest[i..].trim_start_matches(|c: char| c.is_ascii_digit() || c == ',' || c == '.');
        let after = after.trim_start();
        let unit = UNITS.iter().any(|u| {
            after.strip_prefix(u).is_some_and(|rest| {
                // "m" and "k" are units only on their own: "6 members" is not.
                u.chars().count() > 2 || rest.chars().next().is_none_or(|c| !c.is_alphabetic())
            })
        });
        if unit {
            return true;
        }
        rest = &rest[i + 1..];
    }
    false
}

fn penalties(rubric: &Rubric, sentences: &[Sentence]) -> Vec<PenaltyResult> {
    let mut out = Vec::new();
    for p in &rubric.penalties {
        let all: Vec<Vec<Vec<String>>> = p.all_of.iter().map(|l| phrases(l)).collect();
        let none: Vec<Vec<Vec<String>>> = p.none_of.iter().map(|l| phrases(l)).collect();
        let hit = sentences.iter().find(|s| {
            all.iter().all(|l| holds_any(&s.tokens, l))
                && !none.iter().any(|l| holds_any(&s.tokens, l))
        });
        if let Some(s) = hit {
            out.push(PenaltyResult {
                id: p.id.clone(),
                title: p.title.clone(),
                points: p.points,
                evidence: s.text.clone(),
                correction: p.correction.clone(),
            });
        }
    }
    for w in &rubric.wrong_citations {
        let reference = tokens(&w.reference);
        let about = phrases(&w.about);
        let hit = sentences.iter().find(|s| {
            s.tokens.iter().any(|t| cites(t, &reference)) && holds_any(&s.tokens, &about)
        });
        if let Some(s) = hit {
            out.push(PenaltyResult {
                id: format!("wrong-citation:{}", w.reference),
                title: format!("Cites {} for this", w.reference),
                points: w.points,
                evidence: s.text.clone(),
                correction: w.correction.clone(),
            });
        }
    }
    out
}

/// Whether `token` cites exactly the reference (or a paragraph of it):
/// `annexiii:3` and `annexiii:3(a)` cite Annex III point 3; `annexiii:30`
/// does not.
fn cites(token: &str, reference: &[String]) -> bool {
    let [r] = reference else {
        return false;
    };
    token == r
        || token
            .strip_prefix(r.as_str())
            .is_some_and(|rest| rest.starts_with('('))
}

/// Grades `answer` to `scenario`.
pub fn grade(scenario: &Scenario, answer: &str) -> Grade {
    let sentences = sentences(answer);
    let rubric = &scenario.rubric;
    let points: Vec<PointResult> = rubric
        .key_points
        .iter()
        .map(|k| {
            let evidence = find_all(&sentences, &k.all_of);
            PointResult {
                id: k.id.clone(),
                title: k.title.clone(),
                weight: k.weight,
                covered: evidence.is_some(),
                evidence: evidence.unwrap_or_default(),
                why: k.why.clone(),
                cites: k.cites.clone(),
            }
        })
        .collect();
    let structure = structure(rubric, &sentences);
    let quantified = rubric.quantification.expected.then(|| quantified(answer));
    let penalties = penalties(rubric, &sentences);
    let available = points.iter().map(|p| p.weight).sum::<u32>()
        + structure.as_ref().map_or(0, |s| s.weight)
        + if rubric.quantification.expected {
            rubric.quantification.weight
        } else {
            0
        };
    let gained = points
        .iter()
        .filter(|p| p.covered)
        .map(|p| p.weight)
        .sum::<u32>()
        + structure
            .as_ref()
            .filter(|s| s.holds)
            .map_or(0, |s| s.weight)
        + if quantified == Some(true) {
            rubric.quantification.weight
        } else {
            0
        };
    let lost: u32 = penalties.iter().map(|p| p.points).sum();
    let earned = gained.saturating_sub(lost);
    let score = if available == 0 {
        0
    } else {
        (f64::from(earned) * 100.0 / f64::from(available)).round() as u32
    }
    .min(100);
    let band = match score {
        75.. => Band::Strong,
        50.. => Band::Adequate,
        _ => Band::Weak,
    };
    Grade {
        scenario: scenario.id.clone(),
        score,
        band,
        earned,
        available,
        points,
        structure,
        quantified,
        quantification_hint: rubric.quantification.hint.clone(),
        penalties,
        mistakes: rubric
            .mistakes
            .iter()
            .map(|m| (m.title.clone(), m.correction.clone()))
            .collect(),
        model_outline: scenario.model_outline.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::quantified;

    #[test]
    fn numbers_with_units_count_as_quantified() {
        assert!(quantified("false positives rose 15 % a month"));
        assert!(quantified("it cost €40,000"));
        assert!(quantified("500 work orders a month"));
        assert!(quantified("we saved 12 hours a week"));
        assert!(!quantified("Article 6 applies"));
        assert!(!quantified("a board of 6 members"));
        assert!(!quantified("no numbers here"));
    }
}
