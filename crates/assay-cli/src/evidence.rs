use std::{path::PathBuf, process::ExitCode};

use anyhow::Result;
use assay_app::EvidenceLink;
use clap::Subcommand;

use crate::output::{Format, json, say};
use crate::project::{assessment, open};

#[derive(Debug, Subcommand)]
pub(crate) enum EvidenceCommand {
    /// Add a regular file as evidence, hashed as it streams in; its links
    /// are checked first and saved with it.
    Add {
        project: PathBuf,
        file: PathBuf,
        /// Link it to an answer: QUESTION (of the only assessment) or ASSESSMENT/QUESTION. Repeatable.
        #[arg(long)]
        answer: Vec<String>,
        /// Link it to a knowledge-base item, e.g. eu-ai-act:art-10. Repeatable.
        #[arg(long)]
        kb_item: Vec<String>,
        /// What kind of evidence it is (an evidence kind of the SOC 2 readiness rules, e.g. access_review).
        #[arg(long, default_value = "")]
        kind: String,
        /// When it was collected, YYYY-MM-DD.
        #[arg(long)]
        collected_on: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Link evidence already in the project to more answers or provisions
    /// (the obligation register lists evidence linked to a duty's article).
    Link {
        project: PathBuf,
        /// The evidence's ID, as `evidence list` shows it.
        id: String,
        /// Link it to an answer: QUESTION (of the only assessment) or ASSESSMENT/QUESTION. Repeatable.
        #[arg(long)]
        answer: Vec<String>,
        /// Link it to a knowledge-base item, e.g. eu-ai-act:art-26.2. Repeatable.
        #[arg(long)]
        kb_item: Vec<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// List the evidence with sizes and SHA-256 hashes.
    List {
        project: PathBuf,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Write evidence back out, byte-identical, into an existing folder.
    Extract {
        project: PathBuf,
        id: String,
        #[arg(long, default_value = ".")]
        out: PathBuf,
        /// Replace a file of the same name.
        #[arg(long)]
        force: bool,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

pub(crate) fn run(command: EvidenceCommand) -> Result<ExitCode> {
    match command {
        EvidenceCommand::Add {
            project,
            file,
            answer,
            kb_item,
            kind,
            collected_on,
            format,
        } => {
            let app = open(&project, false)?;
            let links = links(&app, answer, kb_item)?;
            let info =
                app.evidence_add(&file, &links, &kind, collected_on.as_deref(), &mut |_| {})?;
            match format {
                Format::Json => json(&info)?,
                Format::Text => say!(
                    "added {} ({} bytes, sha256 {}) as {}",
                    info.file_name,
                    info.size,
                    info.sha256,
                    info.id
                ),
            }
        }
        EvidenceCommand::Link {
            project,
            id,
            answer,
            kb_item,
            format,
        } => {
            let app = open(&project, false)?;
            let links = links(&app, answer, kb_item)?;
            let info = app.evidence_link(&id, &links)?;
            match format {
                Format::Json => json(&info)?,
                Format::Text => say!(
                    "{} now supports: {}",
                    info.file_name,
                    info.links
                        .iter()
                        .map(|l| plain_link(l))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            }
        }
        EvidenceCommand::List { project, format } => {
            let evidence = open(&project, true)?.project_summary()?.evidence;
            match format {
                Format::Json => json(&evidence)?,
                Format::Text => {
                    for e in evidence {
                        say!("{}  {:>12}  {}  {}", e.id, e.size, e.sha256, e.file_name);
                    }
                }
            }
        }
        EvidenceCommand::Extract {
            project,
            id,
            out,
            force,
            format,
        } => {
            let written = open(&project, true)?.evidence_extract(&id, &out, force)?;
            match format {
                Format::Json => json(&serde_json::json!({ "written": written }))?,
                Format::Text => say!("wrote {}", written.display()),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The links named on the command line; an answer without an assessment
/// belongs to the project's only assessment.
fn links(
    app: &assay_app::Assay,
    answers: Vec<String>,
    kb_items: Vec<String>,
) -> Result<Vec<EvidenceLink>> {
    let mut links = Vec::new();
    for a in answers {
        let (assessment_id, question) = match a.split_once('/') {
            Some((x, q)) => (x.to_owned(), q.to_owned()),
            None => (assessment(app, None)?, a),
        };
        links.push(EvidenceLink::Answer {
            assessment: assessment_id,
            question,
        });
    }
    links.extend(kb_items.into_iter().map(|id| EvidenceLink::KbItem { id }));
    Ok(links)
}

/// A stored link (`kb_item:ID` or `answer:ASSESSMENT/QUESTION`) as a
/// person reads it.
fn plain_link(link: &str) -> String {
    match link.split_once(':') {
        Some(("kb_item", id)) => format!("provision {id}"),
        Some(("answer", target)) => format!("the answer to {target}"),
        _ => link.to_owned(),
    }
}
