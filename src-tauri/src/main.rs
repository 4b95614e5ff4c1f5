// Without this a release build on Windows opens a console window beside the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

/// `assay-desktop --cli ARGS…` runs the `assay` command instead of the
/// window. The Linux package installs `/usr/bin/assay` as a one-line script
/// that does this, so the package ships the core once rather than in two
/// binaries of 16 and 24 MB.
const CLI_FLAG: &str = "--cli";

fn main() -> ExitCode {
    let mut args: Vec<_> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == CLI_FLAG) {
        args.remove(1);
        args[0] = "assay".into();
        return assay_cli::run_from(args);
    }
    assay_desktop::run();
    ExitCode::SUCCESS
}
