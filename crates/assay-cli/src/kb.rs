use std::{path::PathBuf, process::ExitCode};

use anyhow::Result;
use clap::Subcommand;

use crate::output::{Format, json, say};

#[derive(Debug, Subcommand)]
pub(crate) enum KbCommand {
    /// Check every data file: schema, unique IDs, references, counts, provenance.
    Validate {
        /// Validate the data files in this assets/ folder instead of the bundled ones.
        #[arg(long)]
        assets: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// List the items of one framework, or of all.
    List {
        framework: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Show one item with its citations and crosswalk links.
    Show {
        id: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Ranked search over IDs, titles, summaries and imported statements.
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Crosswalk neighbours of an item.
    Map {
        id: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Per framework: ID, version and item counts by kind.
    Stats {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Attach the statements of your own copy of an official OSCAL catalogue.
    ImportOscal {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

pub(crate) fn run(command: KbCommand) -> Result<ExitCode> {
    match command {
        KbCommand::Validate { assets, format } => {
            let problems = match &assets {
                Some(dir) => assay_app::validate_assets_dir(dir)?,
                None => assay_app::validate_bundled(),
            };
            match format {
                Format::Json => json(
                    &serde_json::json!({ "valid": problems.is_empty(), "problems": problems }),
                )?,
                Format::Text => {
                    for p in &problems {
                        match &p.id {
                            Some(id) => eprintln!("{}: {}: {}", p.file, id, p.message),
                            None => eprintln!("{}: {}", p.file, p.message),
                        }
                    }
                    if problems.is_empty() {
                        say!("knowledge base is valid");
                    } else {
                        eprintln!("{} problem(s)", problems.len());
                    }
                }
            }
            Ok(if problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        KbCommand::List { framework, format } => {
            let items = crate::open_app()?.kb_list(framework.as_deref())?;
            match format {
                Format::Json => json(&items)?,
                Format::Text => {
                    for i in items {
                        say!("{:<28} {:<14} {}", i.id, i.kind, i.title);
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        KbCommand::Show { id, format } => {
            let d = crate::open_app()?.kb_item(&id)?;
            match format {
                Format::Json => json(&d)?,
                Format::Text => {
                    say!("{} — {} ({})", d.item.label, d.item.title, d.item.id);
                    say!("{}", d.framework_title);
                    if !d.ancestors.is_empty() {
                        let path: Vec<_> = d.ancestors.iter().map(|a| a.label.as_str()).collect();
                        say!("in: {}", path.join(" › "));
                    }
                    if let Some(s) = &d.summary {
                        say!("\n{s}");
                    }
                    if let Some(s) = &d.statement {
                        say!("\nStatement ({}):\n{}", s.source, s.text);
                    }
                    if !d.baselines.is_empty() {
                        say!("\nbaselines: {}", d.baselines.join(", "));
                    }
                    if d.withdrawn {
                        say!("\nwithdrawn");
                    }
                    for c in &d.cites {
                        say!("cites: {} {}", c.id, c.title);
                    }
                    for l in &d.crosswalk {
                        say!(
                            "{} {} {} — {}",
                            l.relationship,
                            l.item.id,
                            l.item.title,
                            l.rationale
                        );
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        KbCommand::Search {
            query,
            limit,
            format,
        } => {
            let hits = crate::open_app()?.kb_search(&query, limit)?;
            match format {
                Format::Json => json(&hits)?,
                Format::Text => {
                    for h in hits {
                        say!("{:>7.1}  {:<28} {}", h.score, h.item.id, h.item.title);
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        KbCommand::Map { id, format } => {
            let links = crate::open_app()?.kb_map(&id)?;
            match format {
                Format::Json => json(&links)?,
                Format::Text => {
                    for l in links {
                        say!(
                            "{:<9} {:<8} {:<28} {}",
                            l.direction,
                            l.relationship,
                            l.item.id,
                            l.rationale
                        );
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        KbCommand::Stats { format } => {
            let summary = crate::open_app()?.kb_summary();
            match format {
                Format::Json => json(&serde_json::json!({
                    "kb_version": summary.version,
                    "content_hash": summary.content_hash,
                    "frameworks": summary.frameworks.iter().map(|f| serde_json::json!({
                        "id": f.id,
                        "version": f.version,
                        "counts": f.counts.iter().map(|c| (c.kind.clone(), c.count)).collect::<std::collections::BTreeMap<_, _>>(),
                    })).collect::<Vec<_>>(),
                    "crosswalks": summary.crosswalks.iter().map(|x| serde_json::json!({
                        "id": x.id, "mappings": x.mappings,
                    })).collect::<Vec<_>>(),
                }))?,
                Format::Text => {
                    say!(
                        "knowledge base {} ({})",
                        summary.version,
                        &summary.content_hash[..12]
                    );
                    for f in &summary.frameworks {
                        let counts: Vec<_> = f
                            .counts
                            .iter()
                            .map(|c| format!("{} {}", c.count, c.kind))
                            .collect();
                        say!("  {:<16} {:<40} {}", f.id, f.version, counts.join(", "));
                    }
                    for x in &summary.crosswalks {
                        say!("  {:<32} {} mappings", x.id, x.mappings);
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        KbCommand::ImportOscal { file, format } => {
            let report = crate::open_app()?.kb_import_oscal(&file)?;
            match format {
                Format::Json => json(&report)?,
                Format::Text => {
                    say!(
                        "imported {} statement(s) from {} (version {}) into {}",
                        report.matched,
                        report.catalog_title,
                        report.catalog_version,
                        report.stored_at
                    );
                    if !report.unmatched.is_empty() {
                        say!(
                            "{} control(s) matched no item: {}",
                            report.unmatched.len(),
                            report.unmatched.join(", ")
                        );
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
