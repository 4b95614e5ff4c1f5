use std::{io::IsTerminal, path::PathBuf, process::ExitCode};

use anyhow::Result;
use assay_app::{AppError, ErrorCode, ExportRequest, ReportOutcome, Signing};
use clap::Subcommand;

use crate::output::{Format, json, say};

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
pub(crate) fn secret(variable: &str, prompt: &str) -> Result<String> {
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

#[derive(Debug, clap::Args)]
pub(crate) struct ReportArgs {
    project: PathBuf,
    #[arg(long)]
    out: PathBuf,
    /// Sign with your identity (passphrase from ASSAY_PASSPHRASE or a prompt).
    #[arg(long)]
    sign: bool,
    /// Sign with the built-in, clearly labelled demonstration identity instead (not a deliverable).
    #[arg(long, conflicts_with = "sign")]
    demo_identity: bool,
    /// Comma-separated: summary,scope,eu-ai-act,register,risks,crosswalk,evidence,appendix,signature (default: all).
    #[arg(long, value_delimiter = ',')]
    sections: Vec<String>,
    /// Replace an existing file at --out (never the project itself).
    #[arg(long)]
    force: bool,
    /// Issue the report as final rather than a draft (refused while questions are open).
    #[arg(long = "final")]
    is_final: bool,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub(crate) fn report(args: ReportArgs) -> Result<ExitCode> {
    let signing = if args.demo_identity {
        Signing::Demo
    } else if args.sign {
        Signing::Stored(secret(
            "ASSAY_PASSPHRASE",
            "Passphrase for your signing key",
        )?)
    } else {
        Signing::Unsigned
    };
    let app = crate::open_app()?;
    // Writable, so the export is recorded and sealed in the project; a
    // project nobody may write still gets its (unrecorded) draft.
    if let Err(e) = app.project_open(&args.project, false) {
        if !matches!(e.code, ErrorCode::ReadOnly | ErrorCode::ProjectLocked) {
            return Err(e.into());
        }
        app.project_open(&args.project, true)?;
    }
    let export = app.report_export(&ExportRequest {
        out: args.out.clone(),
        sections: args.sections,
        signing,
        force: args.force,
        is_final: args.is_final,
    })?;
    match args.format {
        Format::Json => json(&export)?,
        Format::Text => {
            say!(
                "wrote {} ({} bytes, sha256 {})",
                export.path,
                export.bytes,
                export.sha256
            );
            say!(
                "{}",
                if export.is_final {
                    "final report"
                } else {
                    "draft"
                }
            );
            if let Some(f) = &export.signer_fingerprint {
                say!("signed; certificate SHA-256 {f}");
            }
            if !export.recorded_in_project {
                say!("not recorded in the project (it is open read-only)");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, clap::Args)]
pub(crate) struct VerifyArgs {
    file: PathBuf,
    /// The signer you expect: a certificate file (PEM or DER) or its SHA-256 fingerprint.
    #[arg(long)]
    expect_signer: Option<String>,
    /// Also recompute each verdict from the answers embedded in the report.
    #[arg(long)]
    reassess: bool,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub(crate) fn verify(args: &VerifyArgs) -> Result<ExitCode> {
    let checked =
        crate::open_app()?.verify_report(&args.file, args.expect_signer.as_deref(), args.reassess);
    // Whatever stops the check (a missing file, one that is not a PDF, a
    // malformed fingerprint) is unreadable input: exit 2, as documented,
    // never 1, which says the report was tampered with.
    let check = match checked {
        Ok(check) => check,
        Err(error) => {
            eprintln!("assay: {error}");
            return Ok(ExitCode::from(2));
        }
    };
    match args.format {
        Format::Json => json(&check)?,
        Format::Text => print_report_check(&check),
    }
    Ok(ExitCode::from(match check.outcome {
        ReportOutcome::Valid => 0,
        ReportOutcome::Invalid => 1,
        ReportOutcome::ValidUntrusted => 3,
    }))
}

fn print_report_check(check: &assay_app::ReportCheck) {
    let v = &check.pdf;
    for s in &v.signatures {
        say!("signature by {}", s.signer);
        say!(
            "  signed at {}",
            s.signed_at.as_deref().unwrap_or("unknown")
        );
        say!("  certificate SHA-256 {}", s.fingerprint);
        if s.demo {
            say!("  DEMONSTRATION identity: not a deliverable");
        } else if s.self_signed {
            say!("  self-signed: trust it only if you know this fingerprint is the signer's");
        }
        say!(
            "  integrity: {}",
            if s.intact { "intact" } else { "BROKEN" }
        );
        say!(
            "  revision covers: {}",
            if s.covers_whole_file {
                "the whole file"
            } else {
                "an earlier revision"
            }
        );
    }
    for verdict in &v.verdicts {
        say!("verdict {verdict}");
    }
    say!(
        "embedded data: {}",
        if v.data_matches {
            "matches what was signed"
        } else {
            "DOES NOT MATCH"
        }
    );
    for line in &check.reassessment {
        say!("reassessed: {line}");
    }
    for p in &v.problems {
        say!("problem: {p}");
    }
    for note in &check.notes {
        say!("{note}");
    }
    say!(
        "{}",
        match check.outcome {
            ReportOutcome::Valid => "VALID",
            ReportOutcome::Invalid => "INVALID",
            ReportOutcome::ValidUntrusted =>
                "VALID SIGNATURE, BUT NOT FROM A SIGNER YOU TRUST OR EXPECT",
        }
    );
}

#[derive(Debug, Subcommand)]
pub(crate) enum TrustCommand {
    /// Trust a signer: a certificate file (PEM or DER) or a SHA-256 fingerprint.
    Add {
        signer: String,
        /// A name to remember the signer by (default: the certificate's subject).
        #[arg(long, default_value = "")]
        name: String,
    },
    /// List the trusted signers.
    List {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Stop trusting a signer.
    Remove { fingerprint: String },
}

pub(crate) fn trust(command: TrustCommand) -> Result<ExitCode> {
    let app = crate::open_app()?;
    match command {
        TrustCommand::Add { signer, name } => {
            let t = app.trust_add(&signer, &name)?;
            say!("trusted {} ({})", t.fingerprint, t.name);
        }
        TrustCommand::List { format } => {
            let list = app.trust_list();
            match format {
                Format::Json => json(&list)?,
                Format::Text => {
                    for t in list {
                        say!("{}  {}  since {}", t.fingerprint, t.name, t.added_at);
                    }
                }
            }
        }
        TrustCommand::Remove { fingerprint } => {
            app.trust_remove(&fingerprint)?;
            say!("no longer trusted: {fingerprint}");
        }
    }
    Ok(ExitCode::SUCCESS)
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
            // The file is checked before anyone is asked for its password.
            assay_app::read_input(&file, 1 << 20, "a PKCS#12 file")?;
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
            say!("{} ({}) <{}>", info.name, info.organisation, info.email);
            say!("certificate SHA-256 {}", info.fingerprint);
            say!("stored at {}", info.path);
        }
    }
    Ok(ExitCode::SUCCESS)
}
