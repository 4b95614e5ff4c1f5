use std::{
    path::{Path, PathBuf},
    process::ExitCode,
};

use anyhow::Result;
use assay_app::{AppError, Assay, ErrorCode, dto::NewProject};
use assay_engine::Answers;
use assay_store::Provenance;
use clap::{Subcommand, ValueEnum};

use crate::output::{Format, json, say};

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
    /// Change the engagement details the report prints: client, system,
    /// reviewer, people interviewed, dates.
    Engagement(crate::engagement::EngagementArgs),
    /// Show the engagement, format, assessments and evidence.
    Info {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Check the project: SQLite integrity, the audit chain, every row and
    /// evidence file against the trail, and its seals. Exit 0 only when all hold.
    Verify {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Seal the audit trail with your signing key (passphrase from
    /// ASSAY_PASSPHRASE or a prompt), so a later rewrite of the history shows.
    Seal {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Save one answer. VALUE is JSON (`"text"`, `["a","b"]`, `3`) or a bare
    /// option value such as `yes` or `deployer_in_eu`.
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
    /// Add an interview to the project, e.g. `system-card`.
    AddAssessment {
        file: PathBuf,
        /// The questionnaire: system-card, eu-ai-act, ai-rmf or soc2.
        questionnaire: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Import answers in one transaction: a JSON object of question IDs to
    /// answers, or an `assay export json` file (its answers, with their
    /// sources and notes, go to the interviews of the same questionnaires).
    ImportAnswers {
        file: PathBuf,
        answers: PathBuf,
        #[arg(long)]
        assessment: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Print the file's raw contents (every table, without evidence bytes)
    /// as JSON, for inspection; `assay export json` is the interchange format.
    ExportJson { file: PathBuf },
    /// Copy the project, consistent even while another window has it open,
    /// to a new file (never over an existing one).
    SaveAs { file: PathBuf, out: PathBuf },
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

pub(crate) fn open(file: &Path, read_only: bool) -> Result<Assay> {
    let app = crate::open_app()?;
    app.project_open(file, read_only)?;
    Ok(app)
}

/// The assessment named (by its ID or its questionnaire's), or the only one.
pub(crate) fn assessment(app: &Assay, named: Option<String>) -> Result<String> {
    let summary = app.project_summary()?;
    if let Some(name) = named {
        let by_questionnaire = summary
            .assessments
            .iter()
            .find(|a| a.assessment.questionnaire == name);
        return Ok(by_questionnaire.map_or(name, |a| a.assessment.id.clone()));
    }
    match summary.assessments.as_slice() {
        [only] => Ok(only.assessment.id.clone()),
        [] => {
            Err(AppError::new(ErrorCode::InvalidArgument, "the project has no assessment").into())
        }
        _ => Err(AppError::new(
            ErrorCode::InvalidArgument,
            format!(
                "the project has several interviews; name one with --assessment ({})",
                summary
                    .assessments
                    .iter()
                    .map(|a| a.assessment.questionnaire.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
        .into()),
    }
}

/// The questionnaire of the assessment `name` (an assessment ID or a
/// questionnaire ID).
fn questionnaire_of(app: &Assay, name: &str) -> Result<String> {
    let summary = app.project_summary()?;
    summary
        .assessments
        .iter()
        .find(|a| a.assessment.id == name || a.assessment.questionnaire == name)
        .map(|a| a.assessment.questionnaire.clone())
        .ok_or_else(|| AppError::unknown_id("assessment", name).into())
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
            // A project made here appears in the window's recent list; the
            // list is written only once the project exists.
            let app = crate::open_app()?.remembering_recent_projects();
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
                Format::Text => say!(
                    "created {} ({} assessment(s))",
                    summary.path,
                    summary.assessments.len()
                ),
            }
        }
        ProjectCommand::Engagement(args) => crate::engagement::run(args)?,
        ProjectCommand::Info { file, format } => {
            let summary = open(&file, true)?.project_summary()?;
            match format {
                Format::Json => json(&summary)?,
                Format::Text => {
                    let e = &summary.engagement;
                    say!("{} — {} ({})", e.client, e.system_name, summary.path);
                    say!("assessor {}, template {}", e.assessor, e.template);
                    let m = &summary.meta;
                    say!(
                        "project {} · format {} · created {} · modified {}",
                        m.project_id,
                        m.format_version,
                        m.created_at,
                        m.modified_at
                    );
                    for a in &summary.assessments {
                        let kb = if a.kb_is_current {
                            "current knowledge base"
                        } else {
                            "knowledge base changed: re-assess"
                        };
                        say!(
                            "  assessment {} {}: {} answers, kb {} ({kb})",
                            a.assessment.id,
                            a.assessment.questionnaire,
                            a.answered,
                            a.assessment.kb_version
                        );
                    }
                    say!(
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
                Format::Text => print_check(&v),
            }
            return Ok(if v.ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            });
        }
        ProjectCommand::Seal { file, format } => {
            let app = open(&file, false)?;
            let passphrase =
                crate::report::secret("ASSAY_PASSPHRASE", "Passphrase for your signing key")?;
            let seal = app.project_seal(&assay_app::Signing::Stored(passphrase))?;
            match format {
                Format::Json => json(&seal)?,
                Format::Text => say!(
                    "sealed the audit trail at entry {} ({}) as {} ({})",
                    seal.seq,
                    short(&seal.head_hash),
                    seal.signer_name,
                    seal.signer_fingerprint
                ),
            }
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
            let value = parse_value(&value)?;
            let result =
                app.project_answer(&id, &question, Some(value), &note, provenance.into())?;
            match format {
                Format::Json => json(&result)?,
                Format::Text => {
                    say!("saved {question} at {}", result.saved_at);
                    if !result.dropped.is_empty() {
                        say!(
                            "cleared answers no longer asked: {}",
                            result.dropped.join(", ")
                        );
                    }
                    if let Some(v) = &result.state.verdict {
                        say!("verdict now: {}", v.risk_class.label());
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
            let text = read_answers(&answers)?;
            let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
                AppError::new(
                    ErrorCode::InvalidAnswers,
                    format!(
                        "{}: expected a JSON object of question IDs to answers, or an Assay export: {e}",
                        answers.display()
                    ),
                )
            })?;
            let app = open(&file, false)?;
            if assay_app::is_export(&value) {
                let export = assay_app::parse_export(value).map_err(|e| {
                    AppError::new(e.code, format!("{}: {}", answers.display(), e.message))
                })?;
                let only = named.map(|n| questionnaire_of(&app, &n)).transpose()?;
                let results = app.project_import_export(&export, only.as_deref())?;
                match format {
                    Format::Json => json(&results)?,
                    Format::Text => say!(
                        "imported the answers of {} interview(s) from the export",
                        results.len()
                    ),
                }
                return Ok(ExitCode::SUCCESS);
            }
            let parsed: Answers = serde_json::from_value(value).map_err(|e| {
                AppError::new(
                    ErrorCode::InvalidAnswers,
                    format!(
                        "{}: expected a JSON object of question IDs to answers: {e}",
                        answers.display()
                    ),
                )
            })?;
            let id = assessment(&app, named)?;
            let result = app.project_import_answers(&id, &parsed)?;
            match format {
                Format::Json => json(&result)?,
                Format::Text => {
                    say!("imported {} answer(s) at {}", parsed.len(), result.saved_at)
                }
            }
        }
        ProjectCommand::AddAssessment {
            file,
            questionnaire,
            format,
        } => {
            let app = open(&file, false)?;
            let summary = app.project_add_assessment(&questionnaire)?;
            match format {
                Format::Json => json(&summary)?,
                Format::Text => say!(
                    "added the {questionnaire} interview; the project now has {}",
                    summary
                        .assessments
                        .iter()
                        .map(|a| a.assessment.questionnaire.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
        }
        ProjectCommand::ExportJson { file } => json(&open(&file, true)?.project_export_json()?)?,
        ProjectCommand::SaveAs { file, out } => {
            let copy = open(&file, true)?.project_save_as(&out)?;
            say!("saved a copy as {}", copy.path);
        }
        ProjectCommand::Audit { file, format } => {
            let trail = open(&file, true)?.project_audit()?;
            match format {
                Format::Json => json(&trail)?,
                Format::Text => {
                    for e in trail {
                        say!(
                            "{:>5} {} {:<18} {:<40} {}",
                            e.seq,
                            e.at,
                            e.action,
                            e.subject,
                            short(&e.hash)
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
                    say!(
                        "recorded knowledge base {} → current {}{}",
                        review.recorded_kb_version,
                        review.current_kb_version,
                        if review.kb_changed { " (changed)" } else { "" }
                    );
                    for c in &review.changes {
                        say!("  {c}");
                    }
                    if accept {
                        say!("accepted");
                    }
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The first twelve characters of a hash, however short or odd it is.
fn short(hash: &str) -> String {
    hash.chars().take(12).collect()
}

/// An answer value: JSON, or a bare option value (letters, digits,
/// underscores), which is what `yes` or `deployer_in_eu` are. Anything else
/// must be quoted JSON, so a typo is never stored as text by accident.
fn parse_value(text: &str) -> Result<serde_json::Value> {
    if let Ok(value) = serde_json::from_str(text) {
        return Ok(value);
    }
    let bare = !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if bare {
        return Ok(serde_json::Value::String(text.to_owned()));
    }
    Err(AppError::new(
        ErrorCode::InvalidArgument,
        format!(
            "`{text}` is not valid JSON; write text answers as JSON strings, e.g. '\"{text}\"'"
        ),
    )
    .into())
}

/// Reads an answers file: a regular UTF-8 JSON file of at most 16 MiB.
pub(crate) fn read_answers(path: &Path) -> Result<String> {
    let bytes = assay_app::read_input(path, 16 << 20, "an answers file")?;
    String::from_utf8(bytes).map_err(|_| {
        AppError::new(
            ErrorCode::InvalidArgument,
            format!(
                "{}: not UTF-8 text, so not a JSON answers file",
                path.display()
            ),
        )
        .into()
    })
}

fn print_check(v: &assay_app::ProjectCheck) {
    let f = &v.file;
    say!("integrity check: {}", f.integrity);
    match &f.first_broken {
        None => say!("audit chain: {} entries, intact", f.audit_entries),
        Some(b) => say!("audit chain: broken at entry {}: {}", b.seq, b.reason),
    }
    say!("evidence files re-hashed: {}", f.evidence_checked);
    for d in &f.differences {
        say!(
            "changed outside Assay: {} {}: {}",
            d.kind,
            d.subject,
            d.what
        );
    }
    for s in &v.seals {
        say!(
            "seal of entry {} by {} on {}: signature {}, signer {}",
            s.seq,
            s.signer_name,
            s.sealed_at,
            if s.signature_valid {
                "valid"
            } else {
                "INVALID"
            },
            if s.trusted {
                "trusted"
            } else {
                "not in the trust list"
            }
        );
    }
    for p in &v.seal_problems {
        say!("problem: {p}");
    }
    say!("{}", if v.ok { "OK" } else { "FAILED" });
}
