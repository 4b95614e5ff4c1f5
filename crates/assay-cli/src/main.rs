//! `assay`: the headless face of Assay. Every subcommand is a thin wrapper
//! over one use case of `assay-app`, the same one the desktop window calls.

mod assess;
mod demo;
mod kb;
mod output;
mod project;
mod report;

use std::{path::PathBuf, process::ExitCode};

use assay_app::{AppError, Assay, ErrorCode, Paths};
use clap::{Parser, Subcommand};

/// Offline AI-compliance assessments: knowledge base, interviews, reports.
#[derive(Debug, Parser)]
#[command(name = "assay", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Browse, search and validate the knowledge base.
    Kb {
        #[command(subcommand)]
        command: kb::KbCommand,
    },
    /// List a questionnaire's questions: ID, prompt, answer type, allowed values, when asked.
    Questions {
        /// The questionnaire, e.g. eu-ai-act.
        questionnaire: String,
        #[arg(long, value_enum, default_value_t)]
        format: output::Format,
    },
    /// Classify a set of answers: verdict, legal basis, roles, obligations, plan, trace.
    Assess {
        /// The questionnaire, e.g. eu-ai-act.
        questionnaire: String,
        /// A JSON object mapping question IDs to answers.
        #[arg(long)]
        answers: PathBuf,
        #[arg(long, value_enum, default_value_t)]
        format: output::Format,
    },
    /// Create, inspect, verify and answer `.assay` project files.
    Project {
        #[command(subcommand)]
        command: project::ProjectCommand,
    },
    /// Add, list and extract evidence files in a project.
    Evidence {
        #[command(subcommand)]
        command: project::EvidenceCommand,
    },
    /// Render the open project's report as a PDF, optionally signed (PAdES B-B).
    Report {
        project: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// Sign with your identity (passphrase from ASSAY_PASSPHRASE or a prompt).
        #[arg(long)]
        sign: bool,
        /// Sign with the built-in, clearly labelled demonstration identity instead.
        #[arg(long, conflicts_with = "sign")]
        demo_identity: bool,
        /// Comma-separated: summary,scope,eu-ai-act,risks,crosswalk,evidence,appendix,signature (default: all).
        #[arg(long, value_delimiter = ',')]
        sections: Vec<String>,
        #[arg(long, value_enum, default_value_t)]
        format: output::Format,
    },
    /// Check a signed report offline: signatures, appended data, embedded data. Exit 0 only when valid.
    Verify {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t)]
        format: output::Format,
    },
    /// Create, import or show the signer identity.
    Identity {
        #[command(subcommand)]
        command: report::IdentityCommand,
    },
    /// Run the headless demo: write what Assay can produce into a folder.
    Demo {
        /// Where to write the demo's files.
        #[arg(long, default_value = "assay-demo")]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Kb { command } => kb::run(command),
        Command::Questions {
            questionnaire,
            format,
        } => assess::questions(&questionnaire, format),
        Command::Assess {
            questionnaire,
            answers,
            format,
        } => assess::assess(&questionnaire, &answers, format),
        Command::Project { command } => project::run(command),
        Command::Evidence { command } => project::run_evidence(command),
        Command::Report {
            project,
            out,
            sign,
            demo_identity,
            sections,
            format,
        } => report::report(&project, &out, sign, demo_identity, &sections, format),
        Command::Verify { file, format } => report::verify(&file, format),
        Command::Identity { command } => report::identity(command),
        Command::Demo { out } => demo::run(&out),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("assay: {error:#}");
            exit_code_for(&error)
        }
    }
}

/// Bad input from the user (unknown IDs, malformed arguments) exits 2 like a
/// usage error; everything else that fails exits 1.
fn exit_code_for(error: &anyhow::Error) -> ExitCode {
    match error.downcast_ref::<AppError>().map(|e| e.code) {
        Some(
            ErrorCode::UnknownId
            | ErrorCode::InvalidArgument
            | ErrorCode::InvalidAnswers
            | ErrorCode::NoProjectOpen
            | ErrorCode::WrongPassphrase,
        ) => ExitCode::from(2),
        _ => ExitCode::FAILURE,
    }
}

fn open_app() -> anyhow::Result<Assay> {
    Ok(Assay::open(Paths::from_environment())?)
}
