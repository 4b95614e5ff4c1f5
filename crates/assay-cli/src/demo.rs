//! `assay demo`: the headless main job. It grows with the product; today it
//! validates the knowledge base and writes its statistics and a sample
//! search, so a machine without a display still exercises the real core.

use std::{fs, path::Path, process::ExitCode};

use anyhow::{Context, Result, bail};

pub(crate) fn run(out: &Path) -> Result<ExitCode> {
    let problems = assay_app::validate_bundled();
    if !problems.is_empty() {
        bail!(
            "the bundled knowledge base has {} problem(s); run `assay kb validate`",
            problems.len()
        );
    }
    let app = crate::open_app()?;
    fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;

    let summary = app.kb_summary();
    let stats_path = out.join("kb-summary.json");
    fs::write(&stats_path, serde_json::to_string_pretty(&summary)? + "\n")
        .with_context(|| format!("writing {}", stats_path.display()))?;

    let hits = app.kb_search("human oversight", 10)?;
    let search_path = out.join("search-human-oversight.json");
    fs::write(&search_path, serde_json::to_string_pretty(&hits)? + "\n")
        .with_context(|| format!("writing {}", search_path.display()))?;

    println!(
        "Assay {} — knowledge base {}",
        assay_app::APP_VERSION,
        summary.version
    );
    for f in &summary.frameworks {
        println!("  {:<16} {} items", f.id, f.total_items);
    }
    println!("wrote {}", stats_path.display());
    println!("wrote {}", search_path.display());
    Ok(ExitCode::SUCCESS)
}
