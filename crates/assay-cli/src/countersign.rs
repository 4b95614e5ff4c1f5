//! `assay countersign`: the client's acceptance signature on a report.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use assay_app::Signing;

use crate::output::{Format, json, say};
use crate::report::secret;

#[derive(Debug, clap::Args)]
pub(crate) struct CountersignArgs {
    /// The signed report to accept.
    report: PathBuf,
    /// Where to write the countersigned copy.
    #[arg(long)]
    out: PathBuf,
    /// Countersign with the demonstration identity (for trying it out).
    #[arg(long)]
    demo_identity: bool,
    /// Replace an existing file at --out.
    #[arg(long)]
    force: bool,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub(crate) fn run(args: &CountersignArgs) -> Result<ExitCode> {
    let signing = if args.demo_identity {
        Signing::Demo
    } else {
        Signing::Stored(secret(
            "ASSAY_PASSPHRASE",
            "Passphrase for your signing key",
        )?)
    };
    let app = crate::open_app()?;
    let check = app.countersign(&args.report, &args.out, &signing, args.force)?;
    match args.format {
        Format::Json => json(&check)?,
        Format::Text => {
            say!("wrote {}", args.out.display());
            for s in &check.pdf.signatures {
                say!("signature by {} ({})", s.signer, s.fingerprint);
            }
            say!(
                "{}",
                if check.pdf.valid {
                    "every signature verifies"
                } else {
                    "INVALID"
                }
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
