use std::{path::Path, process::ExitCode};

use anyhow::Result;
use assay_app::{AppError, ErrorCode};
use assay_engine::AnswerType;
use assay_engine::Answers;
use assay_engine::eu_ai_act::{Verdict, VerdictStatus};

use crate::output::{Format, json, say};

pub(crate) fn questions(questionnaire: &str, format: Format) -> Result<ExitCode> {
    let q = crate::open_app()?.questionnaire(questionnaire)?;
    match format {
        Format::Json => {
            let list: Vec<_> = q
                .questions
                .iter()
                .map(|question| {
                    let allowed: Vec<&str> = match question.answer_type {
                        AnswerType::YesNoUnsure => vec!["yes", "no", "not_sure"],
                        _ => question.options.iter().map(|o| o.value.as_str()).collect(),
                    };
                    serde_json::json!({
                        "id": question.id,
                        "section": question.section,
                        "prompt": question.prompt,
                        "type": question.answer_type,
                        "allowed_values": allowed,
                        "decisive": question.decisive,
                        "ask_if": question.ask_if,
                        "help": question.help,
                        "cites": question.cites,
                    })
                })
                .collect();
            json(&list)?;
        }
        Format::Text => {
            say!(
                "{} (version {}), {} questions",
                q.title,
                q.version,
                q.questions.len()
            );
            for question in &q.questions {
                let when = if question.ask_if.is_some() {
                    " [conditional]"
                } else {
                    ""
                };
                say!("  {:<40} {}{when}", question.id, question.prompt);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn assess(
    questionnaire: &str,
    file: &Path,
    on: Option<&str>,
    format: Format,
) -> Result<ExitCode> {
    let text = crate::project::read_answers(file)?;
    let answers: Answers = serde_json::from_str(&text).map_err(|e| {
        AppError::new(
            ErrorCode::InvalidAnswers,
            format!(
                "{}: expected a JSON object of question IDs to answers: {e}",
                file.display()
            ),
        )
    })?;
    let app = crate::open_app()?;
    let (answers, notes) = app.upgrade_answers(questionnaire, &answers)?;
    for note in notes {
        eprintln!("note: {note}");
    }
    if app.judged_by(questionnaire) != "classifier" {
        let on = match on {
            Some(text) => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                AppError::new(
                    ErrorCode::InvalidArgument,
                    format!("`{text}` is not a date in YYYY-MM-DD form"),
                )
            })?,
            None => chrono::Utc::now().date_naive(),
        };
        if app.judged_by(questionnaire) == "readiness" {
            let readiness = app.assess_readiness(questionnaire, &answers, on)?;
            match format {
                Format::Json => json(&readiness)?,
                Format::Text => crate::readiness::print(&readiness),
            }
            return Ok(ExitCode::SUCCESS);
        }
        let profile = app.assess_profile(questionnaire, &answers, on)?;
        match format {
            Format::Json => json(&profile)?,
            Format::Text => crate::profile::print(&profile),
        }
        return Ok(ExitCode::SUCCESS);
    }
    let verdict = app.assess(questionnaire, &answers)?;
    match format {
        Format::Json => json(&verdict)?,
        Format::Text => print_verdict(&verdict),
    }
    Ok(ExitCode::SUCCESS)
}

/// The EU AI Act class and its basis, on one line.
pub(crate) fn print_verdict_line(v: &Verdict) {
    say!(
        "EU AI Act: {} ({})",
        v.risk_class.label(),
        v.legal_basis.join(", ")
    );
}

pub(crate) fn print_verdict(v: &Verdict) {
    say!("Verdict: {}", v.risk_class.label());
    match v.status {
        VerdictStatus::Final => say!("Status: final (no open answer can change it)"),
        VerdictStatus::Provisional => {
            let classes: Vec<&str> = v.possible_classes.iter().map(|c| c.label()).collect();
            if classes.is_empty() {
                say!("Status: provisional (open answers could change the roles or duties)");
            } else {
                say!(
                    "Status: provisional; it could be: {}. On the answers assumed so far: {}",
                    classes.join(", "),
                    v.assumed_class.label()
                );
            }
        }
    }
    say!("Legal basis: {}", v.legal_basis.join(", "));
    say!("Roles: {}", v.roles.join(", "));
    if let Some(t) = &v.transparency {
        say!(
            "Transparency: {} (from {})",
            t.articles.join(", "),
            t.applies_from
        );
    }
    if let Some(g) = &v.gpai {
        say!(
            "General-purpose AI model: {} (systemic risk: {}, open-source relief: {})",
            g.articles.join(", "),
            g.systemic_risk,
            g.open_source_exemption
        );
    }
    for note in &v.scope_notes {
        say!("Note: {note}");
    }
    for p in &v.penalties {
        let max = p
            .maximum_eur
            .map(|m| format!(" = at most EUR {m:.0}"))
            .unwrap_or_default();
        say!("Fine ({}): {}. {}{max}", p.article, p.title, p.rule);
    }
    for o in &v.open_questions {
        say!("Open: {} — {}", o.prompt, o.why);
    }
    say!("\nReasoning:");
    for step in &v.trace {
        let reported = if step.reported { " (reported)" } else { "" };
        say!(
            "  {} — {}{reported}",
            step.outcome,
            step.citation.join(", ")
        );
    }
    if !v.plan.is_empty() {
        say!("\nPlan:");
        for p in &v.plan {
            say!(
                "  {:>2}. {} by {} ({}, {})",
                p.step,
                p.title,
                p.due,
                p.article,
                p.role
            );
        }
    }
    say!(
        "\nFundamental-rights impact assessment (Art. 27): {}",
        v.fria.reason
    );
}
