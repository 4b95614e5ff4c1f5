use std::{
    fs,
    path::{Path, PathBuf},
    process::ExitCode,
};

use anyhow::{Context, Result};
use assay_app::{AppError, Assay, ErrorCode, dto::NewProject};
use assay_engine::Answers;
use assay_store::Provenance;
use clap::{Subcommand, ValueEnum};

use crate::output::{Format, json};

#[derive(Debug, Subcommand)]
pub(crate) enum ProjectCommand {
    /// Create a project file from a template.
    New {
        file: PathBuf,
        /// resume-screener or blank.
        #[arg(long, default_value = "blank")]
        template: String,
        #[arg(long, default_value = "Client")]
        client: String,
        #[arg(long, default_value = "AI system")]
        system: String,
        #[arg(long, default_value = "")]
        description: String,
        #[arg(long, default_value = "Assessor")]
        assessor: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Show the engagement, format, assessments and evidence.
    Info {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Check SQLite integrity and the audit chain; exit 0 only when both hold.
    Verify {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Save one answer (VALUE is JSON, or plain text).
    Answer {
        file: PathBuf,
        question: String,
        value: String,
        /// The assessment, when the project has more than one.
        #[arg(long)]
        assessment: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long, value_enum, default_value_t = ProvenanceArg::ClientAsserted)]
        provenance: ProvenanceArg,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Import a JSON object of answers in one transaction.
    ImportAnswers {
        file: PathBuf,
        answers: PathBuf,
        #[arg(long)]
        assessment: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Print the whole project (without evidence bytes) as JSON.
    ExportJson { file: PathBuf },
    /// Print the audit trail.
    Audit {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Re-score an assessment against the current knowledge base and show what changed.
    Reassess {
        file: PathBuf,
        #[arg(long)]
        assessment: Option<String>,
        /// Record the new verdict and knowledge-base version as accepted.
        #[arg(long)]
        accept: bool,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum EvidenceCommand {
    /// Add a file as evidence, hashed as it streams in.
    Add {
        project: PathBuf,
        file: PathBuf,
        /// Link it to an answer: QUESTION (of the only assessment) or ASSESSMENT/QUESTION.
        #[arg(long)]
        answer: Option<String>,
        /// Link it to a knowledge-base item, e.g. eu-ai-act:art-10.
        #[arg(long)]
        kb_item: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// List the evidence with sizes and SHA-256 hashes.
    List {
        project: PathBuf,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Write evidence back out, byte-identical, into a folder.
    Extract {
        project: PathBuf,
        id: String,
        #[arg(long, default_value = ".")]
        out: PathBuf,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum ProvenanceArg {
    ClientAsserted,
    EvidenceVerified,
    AssessorJudgement,
}

impl From<ProvenanceArg> for Provenance {
    fn from(p: ProvenanceArg) -> Self {
        match p {
            ProvenanceArg::ClientAsserted => Provenance::ClientAsserted,
            ProvenanceArg::EvidenceVerified => Provenance::EvidenceVerified,
            ProvenanceArg::AssessorJudgement => Provenance::AssessorJudgement,
        }
    }
}

fn open(file: &Path, read_only: bool) -> Result<Assay> {
    let app = crate::open_app()?;
    app.project_open(file, read_only)?;
    Ok(app)
}

/// The assessment named, or the only one.
fn assessment(app: &Assay, named: Option<String>) -> Result<String> {
    if let Some(id) = named {
        return Ok(id);
    }
    let summary = app.project_summary()?;
    match summary.assessments.as_slice() {
        [only] => Ok(only.assessment.id.clone()),
        [] => {
            Err(AppError::new(ErrorCode::InvalidArgument, "the project has no assessment").into())
        }
        _ => Err(AppError::new(
            ErrorCode::InvalidArgument,
            "the project has several assessments; name one with --assessment",
        )
        .into()),
    }
}

pub(crate) fn run(command: ProjectCommand) -> Result<ExitCode> {
    match command {
        ProjectCommand::New {
            file,
            template,
            client,
            system,
            description,
            assessor,
            format,
        } => {
            let app = crate::open_app()?;
            let summary = app.project_new(&NewProject {
                path: file.display().to_string(),
                template,
                client,
                system_name: system,
                system_description: description,
                assessor,
            })?;
            match format {
                Format::Json => json(&summary)?,
                Format::Text => println!(
                    "created {} ({} assessment(s))",
                    summary.path,
                    summary.assessments.len()
                ),
            }
        }
        ProjectCommand::Info { file, format } => {
            let summary = open(&file, true)?.project_summary()?;
            match format {
                Format::Json => json(&summary)?,
                Format::Text => {
                    let e = &summary.engagement;
                    println!("{} — {} ({})", e.client, e.system_name, summary.path);
                    println!("assessor {}, template {}", e.assessor, e.template);
                    let m = &summary.meta;
                    println!(
                        "project {} · format {} · created {} · modified {}",
                        m.project_id, m.format_version, m.created_at, m.modified_at
                    );
                    for a in &summary.assessments {
                        let kb = if a.kb_is_current {
                            "current knowledge base"
                        } else {
                            "knowledge base changed: re-assess"
                        };
                        println!(
                            "  assessment {} {}: {} answers, kb {} ({kb})",
                            a.assessment.id,
                            a.assessment.questionnaire,
                            a.answered,
                            a.assessment.kb_version
                        );
                    }
                    println!(
                        "  {} evidence file(s), {} audit entries",
                        summary.evidence.len(),
                        summary.audit_entries
                    );
                }
            }
        }
        ProjectCommand::Verify { file, format } => {
            let v = open(&file, true)?.project_verify()?;
            match format {
                Format::Json => json(&v)?,
                Format::Text => {
                    println!("integrity check: {}", v.integrity);
                    match &v.first_broken {
                        None => println!("audit chain: {} entries, intact", v.audit_entries),
                        Some(b) => println!("audit chain: broken at entry {}: {}", b.seq, b.reason),
                    }
                    for a in &v.unaudited_answers {
                        println!("answer changed outside the audit trail: {a}");
                    }
                }
            }
            return Ok(if v.ok() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            });
        }
        ProjectCommand::Answer {
            file,
            question,
            value,
            assessment: named,
            note,
            provenance,
            format,
        } => {
            let app = open(&file, false)?;
            let id = assessment(&app, named)?;
            let value = serde_json::from_str(&value).unwrap_or(serde_json::Value::String(value));
            let result =
                app.project_answer(&id, &question, Some(value), &note, provenance.into())?;
            match format {
                Format::Json => json(&result)?,
                Format::Text => {
                    println!("saved {question} at {}", result.saved_at);
                    if !result.dropped.is_empty() {
                        println!(
                            "cleared answers no longer asked: {}",
                            result.dropped.join(", ")
                        );
                    }
                    if let Some(v) = &result.state.verdict {
                        println!(
                            "verdict now: {}",
                            serde_json::to_value(v.risk_class)?
                                .as_str()
                                .unwrap_or_default()
                        );
                    }
                }
            }
        }
        ProjectCommand::ImportAnswers {
            file,
            answers,
            assessment: named,
            format,
        } => {
            let text = fs::read_to_string(&answers)
                .with_context(|| format!("reading {}", answers.display()))?;
            let parsed: Answers = serde_json::from_str(&text).map_err(|e| {
                AppError::new(
                    ErrorCode::InvalidAnswers,
                    format!(
                        "{}: expected a JSON object of question IDs to answers: {e}",
                        answers.display()
                    ),
                )
            })?;
            let app = open(&file, false)?;
            let id = assessment(&app, named)?;
            let result = app.project_import_answers(&id, &parsed)?;
            match format {
                Format::Json => json(&result)?,
                Format::Text => {
                    println!("imported {} answer(s) at {}", parsed.len(), result.saved_at)
                }
            }
        }
        ProjectCommand::ExportJson { file } => json(&open(&file, true)?.project_export_json()?)?,
        ProjectCommand::Audit { file, format } => {
            let trail = open(&file, true)?.project_audit()?;
            match format {
                Format::Json => json(&trail)?,
                Format::Text => {
                    for e in trail {
                        println!(
                            "{:>5} {} {:<18} {:<40} {}",
                            e.seq,
                            e.at,
                            e.action,
                            e.subject,
                            &e.hash[..12]
                        );
                    }
                }
            }
        }
        ProjectCommand::Reassess {
            file,
            assessment: named,
            accept,
            format,
        } => {
            let app = open(&file, !accept)?;
            let id = assessment(&app, named)?;
            let review = if accept {
                app.project_accept_verdict(&id)?
            } else {
                app.project_reassess(&id)?
            };
            match format {
                Format::Json => json(&review)?,
                Format::Text => {
                    println!(
                        "recorded knowledge base {} → current {}{}",
                        review.recorded_kb_version,
                        review.current_kb_version,
                        if review.kb_changed { " (changed)" } else { "" }
                    );
                    for c in &review.changes {
                        println!("  {c}");
                    }
                    if accept {
                        println!("accepted");
                    }
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn run_evidence(command: EvidenceCommand) -> Result<ExitCode> {
    match command {
        EvidenceCommand::Add {
            project,
            file,
            answer,
            kb_item,
            format,
        } => {
            let app = open(&project, false)?;
            let link = match (answer, kb_item) {
                (Some(a), None) => {
                    let target = if a.contains('/') {
                        a
                    } else {
                        format!("{}/{a}", assessment(&app, None)?)
                    };
                    Some(("answer".to_owned(), target))
                }
                (None, Some(item)) => Some(("kb_item".to_owned(), item)),
                (None, None) => None,
                (Some(_), Some(_)) => {
                    return Err(AppError::new(
                        ErrorCode::InvalidArgument,
                        "link to an answer or a knowledge-base item, not both",
                    )
                    .into());
                }
            };
            let info = app.evidence_add(
                &file,
                link.as_ref().map(|(k, t)| (k.as_str(), t.as_str())),
                &mut |_| {},
            )?;
            match format {
                Format::Json => json(&info)?,
                Format::Text => println!(
                    "added {} ({} bytes, sha256 {}) as {}",
                    info.file_name, info.size, info.sha256, info.id
                ),
            }
        }
        EvidenceCommand::List { project, format } => {
            let evidence = open(&project, true)?.project_summary()?.evidence;
            match format {
                Format::Json => json(&evidence)?,
                Format::Text => {
                    for e in evidence {
                        println!("{}  {:>12}  {}  {}", e.id, e.size, e.sha256, e.file_name);
                    }
                }
            }
        }
        EvidenceCommand::Extract {
            project,
            id,
            out,
            format,
        } => {
            let written = open(&project, true)?.evidence_extract(&id, &out)?;
            match format {
                Format::Json => json(&serde_json::json!({ "written": written }))?,
                Format::Text => println!("wrote {}", written.display()),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
