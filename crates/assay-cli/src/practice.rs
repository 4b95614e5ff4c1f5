//! `assay practice`: interview practice scenarios, graded offline.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;

use crate::output::{Format, json, say};

#[derive(Debug, Subcommand)]
pub(crate) enum PracticeCommand {
    /// List the scenarios: ID, title, frameworks, difficulty, minutes.
    List {
        /// Only scenarios on this framework (e.g. eu-ai-act, soc2).
        #[arg(long)]
        framework: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Show a scenario's question and time allowed.
    Show {
        scenario: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Grade an answer (a text file) against the scenario's rubric and keep
    /// the attempt in your practice history.
    Grade {
        scenario: String,
        /// The answer, as plain text.
        #[arg(long)]
        answer: PathBuf,
        /// How long the answer took, in seconds.
        #[arg(long, default_value_t = 0)]
        seconds: u64,
        /// Grade without keeping the attempt.
        #[arg(long)]
        no_record: bool,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Your attempts, oldest first, with their scores.
    History {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

pub(crate) fn run(command: PracticeCommand) -> Result<ExitCode> {
    let app = crate::open_app()?;
    match command {
        PracticeCommand::List { framework, format } => {
            let list: Vec<_> = app
                .practice_list()
                .into_iter()
                .filter(|s| framework.as_ref().is_none_or(|f| s.frameworks.contains(f)))
                .collect();
            match format {
                Format::Json => json(&list)?,
                Format::Text => {
                    for s in list {
                        say!(
                            "{:<40} {:<12} {:>2} min  {} ({})",
                            s.id,
                            s.difficulty,
                            s.minutes,
                            s.title,
                            s.frameworks.join(", ")
                        );
                    }
                }
            }
        }
        PracticeCommand::Show { scenario, format } => {
            let s = app.practice_scenario(&scenario)?;
            match format {
                Format::Json => json(&s)?,
                Format::Text => {
                    say!("{} ({} minutes)\n", s.title, s.minutes);
                    say!("{}", s.prompt);
                }
            }
        }
        PracticeCommand::Grade {
            scenario,
            answer,
            seconds,
            no_record,
            format,
        } => {
            let bytes = assay_app::read_input(&answer, 64 * 1024, "an answer")?;
            let text = String::from_utf8_lossy(&bytes);
            let graded =
                app.practice_grade(&scenario, &text, seconds, !no_record, chrono::Utc::now())?;
            match format {
                Format::Json => json(&graded.grade)?,
                Format::Text => print(&graded.grade),
            }
        }
        PracticeCommand::History { format } => {
            let history = app.practice_history()?;
            match format {
                Format::Json => json(&history)?,
                Format::Text => {
                    for a in history {
                        say!(
                            "{}  {:<40} {:>3} %  {}",
                            &a.at[..10.min(a.at.len())],
                            a.scenario,
                            a.score,
                            a.band
                        );
                    }
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print(g: &assay_practice::Grade) {
    say!(
        "Score {} % ({}): {} of {} points",
        g.score,
        g.band.label(),
        g.earned,
        g.available
    );
    for p in &g.points {
        if p.covered {
            say!("  + {} ({}): “{}”", p.title, p.weight, p.evidence.join(" "));
        } else {
            say!("  - {} ({}): missing. {}", p.title, p.weight, p.why);
        }
    }
    if let Some(s) = &g.structure {
        say!("  {} {}", if s.holds { "+" } else { "-" }, s.title);
    }
    if let Some(q) = g.quantified {
        say!(
            "  {} Numbers: {}",
            if q { "+" } else { "-" },
            if q {
                "the answer quantifies"
            } else {
                g.quantification_hint.as_str()
            }
        );
    }
    for p in &g.penalties {
        say!(
            "  ! −{} {}: “{}”. {}",
            p.points,
            p.title,
            p.evidence,
            p.correction
        );
    }
    say!("\nA model outline:");
    for line in &g.model_outline {
        say!("  • {line}");
    }
}
