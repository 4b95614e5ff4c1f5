use std::{path::PathBuf, process::ExitCode};

use anyhow::Result;
use assay_app::{AppError, ErrorCode};
use assay_store::{RegisterEntry, RegisterStatus, RiskInput};
use clap::{Args, Subcommand};

use crate::output::{Format, json, say};
use crate::project::{assessment, open};

#[derive(Debug, Subcommand)]
pub(crate) enum RiskCommand {
    /// Add a risk to the project's register.
    Add {
        project: PathBuf,
        #[command(flatten)]
        risk: RiskArgs,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// List the register.
    List {
        project: PathBuf,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Replace a risk's fields.
    Update {
        project: PathBuf,
        id: String,
        #[command(flatten)]
        risk: RiskArgs,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Remove a risk.
    Remove { project: PathBuf, id: String },
}

#[derive(Debug, Args)]
pub(crate) struct RiskArgs {
    #[arg(long)]
    title: String,
    #[arg(long, default_value = "")]
    description: String,
    /// 1 (rare) to 5 (almost certain).
    #[arg(long)]
    likelihood: u8,
    /// 1 (negligible) to 5 (severe).
    #[arg(long)]
    impact: u8,
    #[arg(long)]
    residual_likelihood: Option<u8>,
    #[arg(long)]
    residual_impact: Option<u8>,
    #[arg(long, default_value = "")]
    owner: String,
    /// mitigate, transfer, avoid or accept.
    #[arg(long, default_value = "")]
    treatment: String,
    /// YYYY-MM-DD.
    #[arg(long)]
    due: Option<String>,
    #[arg(long, default_value = "open")]
    status: String,
    /// Why the scores were set by hand.
    #[arg(long, default_value = "")]
    justification: String,
    /// Knowledge-base items the risk relates to. Repeatable.
    #[arg(long = "kb-item")]
    kb_items: Vec<String>,
    #[arg(long)]
    assessment: Option<String>,
    /// Override the computed scores of this risk of the assessment's risk
    /// profile (its catalogue ID, e.g. sensor-drift); needs --justification.
    #[arg(long)]
    overrides: Option<String>,
}

impl RiskArgs {
    fn input(self, app: &assay_app::Assay) -> Result<RiskInput> {
        let assessment_id = match (&self.overrides, self.assessment) {
            // An override belongs to the only assessment unless one is named.
            (Some(_), None) => Some(crate::project::assessment(app, None)?),
            (_, named) => named,
        };
        Ok(RiskInput {
            assessment_id,
            source: self
                .overrides
                .map_or_else(|| "manual".to_owned(), |id| format!("profile:{id}")),
            title: self.title,
            description: self.description,
            likelihood: self.likelihood,
            impact: self.impact,
            residual_likelihood: self.residual_likelihood,
            residual_impact: self.residual_impact,
            owner: self.owner,
            treatment: self.treatment,
            due_date: self.due,
            status: self.status,
            justification: self.justification,
            kb_refs: self.kb_items,
        })
    }
}

#[derive(Debug, Subcommand)]
pub(crate) enum RegisterCommand {
    /// Show each duty of an assessment with its status, owner and target date.
    List {
        project: PathBuf,
        #[arg(long)]
        assessment: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Set the status, owner, target date and note of one duty (its ID, as `register list` shows).
    Set {
        project: PathBuf,
        item: String,
        /// open, in_progress, done or not_applicable.
        #[arg(long, default_value = "open")]
        status: String,
        #[arg(long, default_value = "")]
        owner: String,
        /// YYYY-MM-DD.
        #[arg(long)]
        target: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        assessment: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

pub(crate) fn risk(command: RiskCommand) -> Result<ExitCode> {
    match command {
        RiskCommand::Add {
            project,
            risk,
            format,
        } => {
            let app = open(&project, false)?;
            let saved = app.risk_add(&risk.input(&app)?)?;
            match format {
                Format::Json => json(&saved)?,
                Format::Text => say!("added risk {} ({})", saved.id, saved.input.title),
            }
        }
        RiskCommand::Update {
            project,
            id,
            risk,
            format,
        } => {
            let app = open(&project, false)?;
            let saved = app.risk_update(&id, &risk.input(&app)?)?;
            match format {
                Format::Json => json(&saved)?,
                Format::Text => say!("updated risk {} ({})", saved.id, saved.input.title),
            }
        }
        RiskCommand::Remove { project, id } => {
            open(&project, false)?.risk_remove(&id)?;
            say!("removed risk {id}");
        }
        RiskCommand::List { project, format } => {
            let risks = open(&project, true)?.risks()?;
            match format {
                Format::Json => json(&risks)?,
                Format::Text => {
                    for r in risks {
                        let i = &r.input;
                        say!(
                            "{}  L{}×I{}={:>2}  {}  owner {}  due {}",
                            r.id,
                            i.likelihood,
                            i.impact,
                            u32::from(i.likelihood) * u32::from(i.impact),
                            i.title,
                            if i.owner.is_empty() { "-" } else { &i.owner },
                            i.due_date.as_deref().unwrap_or("-")
                        );
                    }
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn register(command: RegisterCommand) -> Result<ExitCode> {
    match command {
        RegisterCommand::List {
            project,
            assessment: named,
            format,
        } => {
            let app = open(&project, true)?;
            let id = assessment(&app, named)?;
            let entries = app.register(&id)?;
            match format {
                Format::Json => json(&entries)?,
                Format::Text => {
                    for line in entries {
                        let e = &line.entry;
                        say!(
                            "{:<45} {:<14} {:<20} {:<10} {}{}",
                            e.item_id,
                            e.status.as_str(),
                            e.owner,
                            e.target_date.as_deref().unwrap_or("-"),
                            line.article,
                            if line.current {
                                ""
                            } else {
                                "(no longer a duty under the current verdict)"
                            }
                        );
                    }
                }
            }
        }
        RegisterCommand::Set {
            project,
            item,
            status,
            owner,
            target,
            note,
            assessment: named,
            format,
        } => {
            let status = RegisterStatus::parse(&status).ok_or_else(|| {
                AppError::new(
                    ErrorCode::InvalidArgument,
                    format!("`{status}` is not one of open, in_progress, done, not_applicable"),
                )
            })?;
            let app = open(&project, false)?;
            let id = assessment(&app, named)?;
            let saved = app.register_set(&RegisterEntry {
                assessment_id: id,
                item_id: item,
                status,
                owner,
                target_date: target,
                note,
                updated_by: String::new(),
                updated_at: String::new(),
            })?;
            match format {
                Format::Json => json(&saved)?,
                Format::Text => say!("{}: {}", saved.item_id, saved.status.as_str()),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
