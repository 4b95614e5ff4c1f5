//! `assay demo`: the headless main job. It grows with the product; today it
//! validates the knowledge base, writes its statistics, and runs the
//! résumé-screener interview for both shipped samples (the employer that
//! deploys the tool and the vendor that provides it), writing each verdict.

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

    let mut verdicts = Vec::new();
    for sample in app.samples("eu-ai-act")? {
        let verdict = app.assess("eu-ai-act", &sample.answers)?;
        let path = out.join(format!("eu-ai-act-{}.verdict.json", sample.name));
        fs::write(&path, serde_json::to_string_pretty(&verdict)? + "\n")
            .with_context(|| format!("writing {}", path.display()))?;
        verdicts.push((sample.name, verdict, path));
    }

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
    for (name, verdict, path) in &verdicts {
        println!("\n== EU AI Act: résumé screener, {name}");
        crate::assess::print_verdict(verdict);
        println!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
