//! `assay export`: the project in a machine-readable format, written all or
//! nothing to a file the user names.

use std::path::PathBuf;

use anyhow::Result;
use assay_app::{InteropFormat, InteropRequest};
use clap::{Args, ValueEnum};

use crate::output::{Format, json, say};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum ExportKind {
    /// The system card, as Markdown.
    Card,
    /// The AI bill of materials, as CycloneDX 1.6 JSON.
    Cyclonedx,
    /// Findings and observations, as OSCAL 1.1 assessment results (JSON).
    Oscal,
    /// Answers, results and registers in Assay's JSON format, which
    /// `assay project import-answers` reads back.
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    kind: ExportKind,
    /// The project file.
    project: PathBuf,
    /// The file to write.
    #[arg(long)]
    out: PathBuf,
    /// Replace an existing file at --out (never the project itself).
    #[arg(long)]
    force: bool,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub(crate) fn run(args: ExportArgs) -> Result<()> {
    let app = crate::project::open(&args.project, true)?;
    let format = match args.kind {
        ExportKind::Card => InteropFormat::Card,
        ExportKind::Cyclonedx => InteropFormat::Cyclonedx,
        ExportKind::Oscal => InteropFormat::Oscal,
        ExportKind::Json => InteropFormat::Json,
    };
    let written = app.interop_export(&InteropRequest {
        format,
        out: args.out,
        force: args.force,
    })?;
    match args.format {
        Format::Json => json(&written)?,
        Format::Text => say!(
            "wrote {} ({} bytes, SHA-256 {})",
            written.path,
            written.bytes,
            written.sha256
        ),
    }
    Ok(())
}
