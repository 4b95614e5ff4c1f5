//! The system card as report blocks: the PDF section and, through
//! `markdown`, the Markdown card are both written from these blocks, so the
//! two never say different things.

use crate::card::{CardClassification, SystemCard};
use crate::layout::Block;

use super::plain;

const NOT_RECORDED: &str = "Not recorded";

pub(crate) fn blocks(card: &SystemCard) -> Vec<Block> {
    let mut out = vec![Block::text(
        "What the system is for, what it is built from, how well it works and how people oversee it, as recorded during the engagement. A fact nobody recorded is shown as “Not recorded”; nothing here is inferred.",
    )];
    let missing = card.missing();
    if !missing.is_empty() {
        out.push(Block::small(format!(
            "Not recorded yet: {}.",
            missing.join(", ")
        )));
    }
    out.push(Block::h2("Purpose and intended use"));
    out.push(Block::KeyValue(vec![
        ("System".into(), card.system_name.clone()),
        ("Description".into(), shown(card.description.as_ref())),
        ("Intended use".into(), shown(card.intended_use.as_ref())),
        (
            "Not to be used for".into(),
            shown(card.out_of_scope.as_ref()),
        ),
    ]));
    out.push(Block::h2("Users and affected people"));
    out.push(Block::KeyValue(vec![
        ("Users".into(), shown(card.users.as_ref())),
        ("Affected people".into(), shown(card.affected.as_ref())),
    ]));
    out.extend(models(card));
    out.extend(datasets(card));
    out.extend(services(card));
    out.extend(performance(card));
    out.push(Block::h2("Human oversight"));
    out.push(Block::text(shown(card.oversight.as_ref())));
    out.extend(risks(card));
    out.push(Block::h2("EU AI Act classification"));
    out.push(classification(card.classification.as_ref()));
    out
}

fn shown(value: Option<&String>) -> String {
    value.map_or_else(|| NOT_RECORDED.to_owned(), Clone::clone)
}

fn or_dash(value: Option<&String>) -> String {
    value.map_or_else(|| "–".to_owned(), Clone::clone)
}

/// A table, "None" for an answered empty list, "Not recorded" for none.
fn listing<T>(
    title: &str,
    items: Option<&Vec<T>>,
    none: &str,
    headers: &[&str],
    widths: &[f32],
    row: impl Fn(&T) -> Vec<String>,
) -> Vec<Block> {
    let mut out = vec![Block::h2(title)];
    match items {
        None => out.push(Block::text(NOT_RECORDED)),
        Some(list) if list.is_empty() => out.push(Block::text(none)),
        Some(list) => out.push(Block::Table {
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            widths: widths.to_vec(),
            rows: list.iter().map(row).collect(),
            size: 8.5,
        }),
    }
    out
}

fn models(card: &SystemCard) -> Vec<Block> {
    listing(
        "Models",
        card.models.as_ref(),
        "The system uses no machine-learning model of its own.",
        &["Model", "Origin", "Task", "Architecture", "Licence"],
        &[2.6, 2.2, 1.8, 2.0, 1.4],
        |m| {
            let mut name = m.name.clone();
            if let Some(v) = &m.version {
                name.push_str(&format!(" {v}"));
            }
            if let Some(s) = &m.supplier {
                name.push_str(&format!(" ({s})"));
            }
            vec![
                name,
                m.origin_label.clone(),
                m.task_label.clone(),
                or_dash(m.architecture.as_ref()),
                or_dash(m.licence.as_ref()),
            ]
        },
    )
}

fn datasets(card: &SystemCard) -> Vec<Block> {
    listing(
        "Data",
        card.datasets.as_ref(),
        "No dataset is recorded as used.",
        &[
            "Dataset",
            "Used for",
            "Source and provenance",
            "Personal data",
            "Licence",
        ],
        &[2.0, 1.3, 3.9, 1.2, 1.6],
        |d| {
            let origin: Vec<String> = [d.source.clone(), d.provenance.clone()]
                .into_iter()
                .flatten()
                .collect();
            vec![
                d.name.clone(),
                d.used_for_label.clone(),
                if origin.is_empty() {
                    NOT_RECORDED.to_owned()
                } else {
                    origin.join(". ")
                },
                match d.personal_data.as_deref() {
                    Some("yes") => "Yes".into(),
                    Some("no") => "No".into(),
                    Some(_) => "Not sure".into(),
                    None => NOT_RECORDED.into(),
                },
                or_dash(d.licence.as_ref()),
            ]
        },
    )
}

fn services(card: &SystemCard) -> Vec<Block> {
    listing(
        "Outside services",
        card.services.as_ref(),
        "The system depends on no outside service.",
        &["Service", "Supplier", "Used for"],
        &[3.0, 2.5, 4.5],
        |s| {
            vec![
                s.name.clone(),
                s.supplier.clone(),
                or_dash(s.purpose.as_ref()),
            ]
        },
    )
}

fn performance(card: &SystemCard) -> Vec<Block> {
    let mut out = listing(
        "Performance",
        card.metrics.as_ref(),
        "No performance measurement is recorded.",
        &["Metric", "Value", "Measured on", "Confidence interval"],
        &[2.5, 1.5, 4.0, 2.0],
        |m| {
            vec![
                m.metric.clone(),
                m.value.clone(),
                or_dash(m.slice.as_ref()),
                or_dash(m.interval.as_ref()),
            ]
        },
    );
    out.push(Block::KeyValue(vec![
        ("Limitations".into(), shown(card.limitations.as_ref())),
        ("Fairness and bias".into(), shown(card.fairness.as_ref())),
    ]));
    out
}

fn risks(card: &SystemCard) -> Vec<Block> {
    let mut out = vec![Block::h2("Risks and mitigations")];
    if card.risks.is_empty() {
        out.push(Block::text(
            "No risk is recorded in the engagement's risk register or risk profile.",
        ));
        return out;
    }
    out.push(Block::Table {
        headers: vec!["Risk".into(), "Mitigation".into(), "Recorded in".into()],
        widths: vec![3.0, 4.8, 2.2],
        rows: card
            .risks
            .iter()
            .map(|r| {
                vec![
                    r.title.clone(),
                    r.mitigation
                        .clone()
                        .unwrap_or_else(|| "No treatment recorded".into()),
                    r.source.clone(),
                ]
            })
            .collect(),
        size: 8.5,
    });
    out
}

fn classification(c: Option<&CardClassification>) -> Block {
    let Some(c) = c else {
        return Block::text(
            "Not assessed: the engagement holds no EU AI Act interview with a verdict.",
        );
    };
    let class = if c.final_verdict {
        c.risk_class.clone()
    } else {
        format!(
            "{} (provisional: {} could change it)",
            c.risk_class,
            plain::count(c.open_questions, "open question", "open questions")
        )
    };
    Block::KeyValue(vec![
        ("Classification".into(), class),
        (
            "Role".into(),
            if c.roles.is_empty() {
                "None established".into()
            } else {
                capitalised(&c.roles)
            },
        ),
        ("Legal basis".into(), plain::list(&c.legal_basis, "and")),
    ])
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}
