//! `assay`: the headless face of Assay. Every subcommand is a thin wrapper
//! over one use case of `assay-app`, the same one the desktop window calls.

mod demo;
mod kb;
mod output;

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
        Some(ErrorCode::UnknownId | ErrorCode::InvalidArgument) => ExitCode::from(2),
        _ => ExitCode::FAILURE,
    }
}

fn open_app() -> anyhow::Result<Assay> {
    Ok(Assay::open(Paths::from_environment())?)
}
