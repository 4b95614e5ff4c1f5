//! `assay project engagement`: the engagement details a report prints.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use crate::output::{Format, json, say};

/// The fields to change; those not given stay as they are.
#[derive(Debug, Args)]
pub(crate) struct EngagementArgs {
    file: PathBuf,
    #[arg(long)]
    client: Option<String>,
    #[arg(long)]
    system: Option<String>,
    #[arg(long)]
    description: Option<String>,
    #[arg(long)]
    assessor: Option<String>,
    /// Who reviews the report before it is issued.
    #[arg(long)]
    reviewer: Option<String>,
    /// A person interviewed ("Name, role"). Repeatable; replaces the list.
    #[arg(long = "interviewee")]
    interviewees: Vec<String>,
    /// First day of the engagement, YYYY-MM-DD.
    #[arg(long)]
    start: Option<String>,
    /// Last day of the engagement, YYYY-MM-DD.
    #[arg(long)]
    end: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub(crate) fn run(args: EngagementArgs) -> Result<()> {
    let app = crate::project::open(&args.file, false)?;
    let mut e = app.project_summary()?.engagement;
    let replace = |field: &mut String, value: Option<String>| {
        if let Some(v) = value {
            *field = v;
        }
    };
    replace(&mut e.client, args.client);
    replace(&mut e.system_name, args.system);
    replace(&mut e.system_description, args.description);
    replace(&mut e.assessor, args.assessor);
    replace(&mut e.reviewer, args.reviewer);
    if !args.interviewees.is_empty() {
        e.interviewees = args.interviewees;
    }
    e.start_date = args.start.or(e.start_date);
    e.end_date = args.end.or(e.end_date);
    let summary = app.project_update_engagement(&e)?;
    match args.format {
        Format::Json => json(&summary.engagement)?,
        Format::Text => {
            let e = &summary.engagement;
            say!("{} — {}", e.client, e.system_name);
            say!("assessor {}; reviewer {}", e.assessor, e.reviewer);
            say!("interviewed: {}", e.interviewees.join("; "));
            say!(
                "from {} to {}",
                e.start_date.as_deref().unwrap_or("-"),
                e.end_date.as_deref().unwrap_or("-")
            );
        }
    }
    Ok(())
}
