//! The EU AI Act classification: the verdict and its basis, what is still
//! open and what each open answer could change, the fines, and the
//! reasoning step by step with the answers each step used.

use assay_engine::eu_ai_act::{OpenEffect, OpenQuestion, Verdict, VerdictStatus};
use assay_engine::presume::OpenState;

use crate::data::{AssessmentReport, ReportData};
use crate::layout::Block;

use super::{plain, summary};

pub(super) fn blocks(data: &ReportData, a: &AssessmentReport, v: &Verdict) -> Vec<Block> {
    let mut out = vec![
        Block::text(summary::verdict_sentence(data, v)),
        Block::KeyValue(facts(v)),
    ];
    if !v.scope_notes.is_empty() {
        out.push(Block::Bullets(v.scope_notes.clone()));
    }
    if !v.open_questions.is_empty() {
        out.push(Block::h2("Open questions"));
        out.push(Block::text(
            "Each question below is unanswered or answered “not sure”, and at least one of its answers would change the class, the roles or the duties. The conclusions above are provisional until each is settled.",
        ));
        for q in &v.open_questions {
            out.push(open_question(a, q));
        }
    }
    out.extend(penalties(v));
    out.extend(trace(a, v));
    out.extend(overrides(data));
    out
}

fn facts(v: &Verdict) -> Vec<(String, String)> {
    let status = match v.status {
        VerdictStatus::Final => "Final: no open answer could change it".to_owned(),
        VerdictStatus::Provisional => format!(
            "Provisional: {} could change it",
            plain::count(v.open_questions.len(), "open question", "open questions")
        ),
    };
    let mut facts = vec![
        ("Classification".to_owned(), v.risk_class.label().to_owned()),
        ("Status".into(), status),
        ("Legal basis".into(), v.legal_basis.join(", ")),
        (
            "Your role".into(),
            if v.roles.is_empty() {
                "None established".into()
            } else {
                capitalised(&plain::roles(&v.roles))
            },
        ),
        (
            "Profiling of people".into(),
            match v.profiling {
                Some(true) => "Yes: the Art. 6(3) derogation is not available".into(),
                Some(false) => "No".into(),
                None => "Not established".into(),
            },
        ),
    ];
    facts.push((
        "Transparency (Art. 50)".into(),
        v.transparency.as_ref().map_or_else(
            || "No Art. 50 duty on the answers given".into(),
            |t| {
                format!(
                    "{} from {}",
                    t.articles.join(", "),
                    plain::date(&t.applies_from)
                )
            },
        ),
    ));
    if let Some(g) = &v.gpai {
        facts.push((
            "General-purpose AI model".into(),
            format!(
                "{} from {}{}",
                g.articles.join(", "),
                plain::date(&g.applies_from),
                if g.systemic_risk {
                    "; with systemic risk"
                } else {
                    ""
                }
            ),
        ));
    }
    facts
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

fn open_question(a: &AssessmentReport, q: &OpenQuestion) -> Block {
    let number = a
        .number_of(&q.question)
        .map_or_else(String::new, |n| format!("Q{n} "));
    let state = match q.state {
        OpenState::Unanswered => "Not answered yet.",
        OpenState::NotSure => "Answered “not sure”.",
    };
    let mut items: Vec<String> = q.effects.iter().map(effect).collect();
    items.push(format!("How to settle it: {}", q.why));
    if !q.citation.is_empty() {
        items.push(format!("Relies on {}.", q.citation.join(", ")));
    }
    Block::KeepTogether(vec![
        Block::strong(format!("{number}“{}” — {state}", q.prompt)),
        Block::Bullets(items),
    ])
}

fn effect(e: &OpenEffect) -> String {
    let mut changes = Vec::new();
    if let Some(class) = e.class {
        changes.push(format!("the class would be “{}”", class.label()));
    }
    if !e.roles_added.is_empty() {
        changes.push(format!(
            "you would also be {}",
            plain::roles(&e.roles_added)
        ));
    }
    if !e.roles_removed.is_empty() {
        changes.push(format!(
            "you would no longer be {}",
            plain::roles(&e.roles_removed)
        ));
    }
    if !e.duties_added.is_empty() {
        changes.push(format!("added duties: {}", e.duties_added.join("; ")));
    }
    if !e.duties_removed.is_empty() {
        changes.push(format!(
            "duties that fall away: {}",
            e.duties_removed.join("; ")
        ));
    }
    let with = if e.with.is_empty() {
        String::new()
    } else {
        format!(" (with {})", e.with.join(", "))
    };
    format!("If “{}”{with}: {}.", e.answer, changes.join("; "))
}

fn penalties(v: &Verdict) -> Vec<Block> {
    if v.penalties.is_empty() {
        return Vec::new();
    }
    let rows = v
        .penalties
        .iter()
        .map(|p| {
            let mut cap = format!(
                "Up to {} or {}% of worldwide annual turnover, whichever is {}",
                plain::euros(p.fixed_eur as f64),
                p.turnover_percent,
                p.combine
            );
            if let Some(m) = p.maximum_eur {
                cap.push_str(&format!("; here at most {}", plain::euros(m)));
            }
            if p.reported {
                cap.push_str(" (reported)");
            }
            vec![
                format!("{}: {}", p.article, p.title),
                p.covers.clone(),
                cap,
                plain::date(&p.applies_from),
            ]
        })
        .collect();
    vec![
        Block::h2("Penalty exposure"),
        Block::Table {
            headers: vec![
                "Provision".into(),
                "Covers".into(),
                "Maximum fine".into(),
                "Applies from".into(),
            ],
            widths: vec![2.4, 3.0, 3.4, 1.6],
            rows,
            size: 8.5,
        },
    ]
}

/// The reasoning, step by step; answers are referred to by their number in
/// the appendix, and an unanswered one says so.
fn trace(a: &AssessmentReport, v: &Verdict) -> Vec<Block> {
    let rows = v
        .trace
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let used: Vec<String> = s
                .answers
                .iter()
                .filter_map(|q| {
                    let n = a.number_of(q)?;
                    Some(if a.answer_to(q).is_some() {
                        format!("Q{n}")
                    } else {
                        format!("Q{n} (not answered)")
                    })
                })
                .collect();
            let mut relies = s.citation.join(", ");
            if s.reported {
                relies.push_str(" (reported)");
            }
            vec![
                (i + 1).to_string(),
                s.outcome.clone(),
                relies,
                if used.is_empty() {
                    "—".into()
                } else {
                    used.join(", ")
                },
            ]
        })
        .collect();
    vec![
        Block::h2("How the conclusion was reached"),
        Block::small(
            "Each step names the provision it applies and the answers it used (numbered as in the appendix).",
        ),
        Block::Table {
            headers: vec![
                "Step".into(),
                "Finding".into(),
                "Relies on".into(),
                "Answers".into(),
            ],
            widths: vec![0.6, 5.4, 2.2, 1.8],
            rows,
            size: 8.5,
        },
    ]
}

fn overrides(data: &ReportData) -> Vec<Block> {
    if data.overrides.is_empty() {
        return Vec::new();
    }
    vec![
        Block::h2("Assessor overrides"),
        Block::Table {
            headers: vec![
                "Finding".into(),
                "Computed".into(),
                "Override".into(),
                "Justification".into(),
                "By".into(),
            ],
            widths: vec![2.0, 2.0, 2.0, 5.0, 1.5],
            rows: data
                .overrides
                .iter()
                .map(|o| {
                    vec![
                        o.finding.clone(),
                        o.original.clone(),
                        o.replacement.clone(),
                        o.justification.clone(),
                        o.made_by.clone(),
                    ]
                })
                .collect(),
            size: 8.5,
        },
    ]
}
