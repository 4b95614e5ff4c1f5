//! The `assay` binary: the command line in `assay_cli`, run as it is.

use std::process::ExitCode;

fn main() -> ExitCode {
    assay_cli::run_from(std::env::args_os().collect())
}
