//! `assay`: the headless face of Assay. Every subcommand is a thin wrapper
//! over one use case of `assay-app`, the same one the desktop window calls.
//!
//! The command lives in this library so that two binaries can run it: the
//! `assay` binary, and the installed desktop app when started as
//! `assay-desktop --cli` (the packaged `/usr/bin/assay` is that one line, so
//! the package carries the core once, not twice).

mod assess;
mod countersign;
mod demo;
mod engagement;
mod evidence;
mod export;
mod kb;
mod output;
mod practice;
mod profile;
mod project;
mod readiness;
mod registers;
mod report;

use std::{ffi::OsString, path::PathBuf, process::ExitCode};

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
        /// The assessment date, YYYY-MM-DD (treatment due dates count from
        /// it); today by default.
        #[arg(long)]
        on: Option<String>,
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
        command: evidence::EvidenceCommand,
    },
    /// The project's risk register: add, list, update, remove risks.
    Risk {
        #[command(subcommand)]
        command: registers::RiskCommand,
    },
    /// The obligation register: status, owner and target date of each duty.
    Register {
        #[command(subcommand)]
        command: registers::RegisterCommand,
    },
    /// Render a project's report as a PDF, optionally signed (PAdES B-B).
    Report(report::ReportArgs),
    /// Write the project as a system card (Markdown), a CycloneDX 1.6
    /// AI-BOM, OSCAL assessment results, or Assay JSON.
    Export(export::ExportArgs),
    /// Check a signed report offline. Exit 0 valid (and from the expected
    /// signer when asked), 1 invalid or tampered, 2 unreadable input or bad
    /// usage, 3 valid but the signer is not trusted or not the one expected.
    Verify(report::VerifyArgs),
    /// Add your acceptance signature to a signed report (as the client);
    /// the report must verify, and nothing but the signature is added.
    Countersign(countersign::CountersignArgs),
    /// Signers whose reports this computer trusts.
    Trust {
        #[command(subcommand)]
        command: report::TrustCommand,
    },
    /// Create, import or show the signer identity.
    Identity {
        #[command(subcommand)]
        command: report::IdentityCommand,
    },
    /// Interview practice for the AI security / compliance specialist role:
    /// scenarios graded offline against rubrics, with cited feedback.
    Practice {
        #[command(subcommand)]
        command: practice::PracticeCommand,
    },
    /// Run the headless demo: write what Assay can produce into a folder.
    Demo {
        /// Where to write the demo's files.
        #[arg(long, default_value = "assay-demo")]
        out: PathBuf,
    },
}

/// Runs the command line `args` (the program name first) and returns the
/// process's exit status.
pub fn run_from(args: Vec<OsString>) -> ExitCode {
    if let Some(position) = args.iter().position(|a| a.to_str().is_none()) {
        // A lossy conversion would act on another file than the one named.
        eprintln!(
            "assay: argument {position} is not valid UTF-8; Assay needs file names and values in UTF-8"
        );
        return ExitCode::from(2);
    }
    let cli = Cli::parse_from(args);
    let result = match cli.command {
        Command::Kb { command } => kb::run(command),
        Command::Questions {
            questionnaire,
            format,
        } => assess::questions(&questionnaire, format),
        Command::Assess {
            questionnaire,
            answers,
            on,
            format,
        } => assess::assess(&questionnaire, &answers, on.as_deref(), format),
        Command::Project { command } => project::run(command),
        Command::Evidence { command } => evidence::run(command),
        Command::Risk { command } => registers::risk(command),
        Command::Register { command } => registers::register(command),
        Command::Report(args) => report::report(args),
        Command::Export(args) => export::run(args).map(|()| ExitCode::SUCCESS),
        Command::Verify(args) => report::verify(&args),
        Command::Countersign(args) => countersign::run(&args),
        Command::Trust { command } => report::trust(command),
        Command::Identity { command } => report::identity(command),
        Command::Practice { command } => practice::run(command),
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

/// Bad input from the user (unknown IDs, malformed arguments, a file that
/// exists or one that does not, no signing identity yet) exits 2 like a
/// usage error; everything else that fails exits 1.
fn exit_code_for(error: &anyhow::Error) -> ExitCode {
    match error.downcast_ref::<AppError>().map(|e| e.code) {
        Some(
            ErrorCode::UnknownId
            | ErrorCode::InvalidArgument
            | ErrorCode::InvalidAnswers
            | ErrorCode::NoProjectOpen
            | ErrorCode::WrongPassphrase
            | ErrorCode::AlreadyExists
            | ErrorCode::ProtectedFile
            | ErrorCode::MissingFolder
            | ErrorCode::NotFound
            | ErrorCode::NoIdentity,
        ) => ExitCode::from(2),
        _ => ExitCode::FAILURE,
    }
}

fn open_app() -> anyhow::Result<Assay> {
    Ok(Assay::open(Paths::from_environment())?)
}
