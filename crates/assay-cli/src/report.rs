use std::{io::IsTerminal, path::Path, process::ExitCode};

use anyhow::Result;
use assay_app::{AppError, ErrorCode, Signing};
use clap::Subcommand;

use crate::output::{Format, json};

#[derive(Debug, Subcommand)]
pub(crate) enum IdentityCommand {
    /// Create a signing key and a self-signed certificate (passphrase from ASSAY_PASSPHRASE or a prompt).
    New {
        #[arg(long)]
        name: String,
        #[arg(long)]
        organisation: String,
        #[arg(long)]
        email: String,
        /// Replace an existing identity.
        #[arg(long)]
        replace: bool,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Import a CA-issued identity from a PKCS#12 file (its password from ASSAY_P12_PASSWORD or a prompt).
    Import {
        file: std::path::PathBuf,
        #[arg(long, default_value = "")]
        email: String,
        #[arg(long)]
        replace: bool,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Show the identity and its certificate fingerprint.
    Show {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

/// A secret from the environment, or typed at a hidden prompt.
fn secret(variable: &str, prompt: &str) -> Result<String> {
    if let Ok(value) = std::env::var(variable) {
        return Ok(value);
    }
    if !std::io::stdin().is_terminal() {
        return Err(AppError::new(
            ErrorCode::InvalidArgument,
            format!("{prompt}: set {variable} when running without a terminal"),
        )
        .into());
    }
    Ok(rpassword::prompt_password(format!("{prompt}: "))?)
}

pub(crate) fn report(
    project: &Path,
    out: &Path,
    sign: bool,
    demo: bool,
    sections: &[String],
    format: Format,
) -> Result<ExitCode> {
    let signing = if demo {
        Signing::Demo
    } else if sign {
        Signing::Stored(secret(
            "ASSAY_PASSPHRASE",
            "Passphrase for your signing key",
        )?)
    } else {
        Signing::Unsigned
    };
    let app = crate::open_app()?;
    app.project_open(project, true)?;
    let export = app.report_export(out, sections, &signing)?;
    match format {
        Format::Json => json(&export)?,
        Format::Text => {
            println!(
                "wrote {} ({} bytes, sha256 {})",
                export.path, export.bytes, export.sha256
            );
            if let Some(f) = &export.signer_fingerprint {
                println!("signed; certificate SHA-256 {f}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn verify(file: &Path, format: Format) -> Result<ExitCode> {
    let v = crate::open_app()?.verify_pdf(file)?;
    match format {
        Format::Json => json(&v)?,
        Format::Text => {
            for s in &v.signatures {
                println!("signature by {}", s.signer);
                println!(
                    "  signed at {}",
                    s.signed_at.as_deref().unwrap_or("unknown")
                );
                println!(
                    "  certificate SHA-256 {}{}",
                    s.fingerprint,
                    if s.self_signed {
                        " (self-signed: confirm it with the signer)"
                    } else {
                        ""
                    }
                );
                println!(
                    "  integrity: {}",
                    if s.intact { "intact" } else { "BROKEN" }
                );
                println!(
                    "  covers the whole file: {}",
                    if s.covers_whole_file { "yes" } else { "NO" }
                );
            }
            for verdict in &v.verdicts {
                println!("verdict {verdict}");
            }
            println!(
                "embedded data: {}",
                if v.data_matches {
                    "matches what was signed"
                } else {
                    "DOES NOT MATCH"
                }
            );
            for p in &v.problems {
                println!("problem: {p}");
            }
            println!("{}", if v.valid { "VALID" } else { "INVALID" });
        }
    }
    Ok(if v.valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

pub(crate) fn identity(command: IdentityCommand) -> Result<ExitCode> {
    let app = crate::open_app()?;
    let (info, format) = match command {
        IdentityCommand::New {
            name,
            organisation,
            email,
            replace,
            format,
        } => {
            let passphrase = secret("ASSAY_PASSPHRASE", "New passphrase for your signing key")?;
            (
                app.identity_new(&name, &organisation, &email, &passphrase, replace)?,
                format,
            )
        }
        IdentityCommand::Import {
            file,
            email,
            replace,
            format,
        } => {
            let p12 = secret("ASSAY_P12_PASSWORD", "Password of the PKCS#12 file")?;
            let passphrase = secret("ASSAY_PASSPHRASE", "New passphrase to store the key under")?;
            (
                app.identity_import(&file, &p12, &email, &passphrase, replace)?,
                format,
            )
        }
        IdentityCommand::Show { format } => (app.identity_show()?, format),
    };
    match format {
        Format::Json => json(&info)?,
        Format::Text => {
            println!("{} ({}) <{}>", info.name, info.organisation, info.email);
            println!("certificate SHA-256 {}", info.fingerprint);
            println!("stored at {}", info.path);
        }
    }
    Ok(ExitCode::SUCCESS)
}
