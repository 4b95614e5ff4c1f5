//! `cargo xtask <task> [--check]`: regenerates committed files from their
//! sources. With `--check` nothing is written and the task fails when a
//! committed file differs from what it would write, which is how CI catches
//! drift.

mod nist80053;

use std::{
    fs,
    path::{Path, PathBuf},
};

use anyhow::{Context, Result, bail};

const USAGE: &str = "usage: cargo xtask <codegen|schema|ts|nist-800-53> [--check] [--sources DIR]

  codegen       schema + ts (what CI checks)
  schema        JSON Schemas for assets/ from the Rust types
  ts            TypeScript IPC types for ui/ from the Rust DTOs
  nist-800-53   assets/frameworks/nist-800-53r5.json from the OSCAL sources
                (default sources: ../shared/kb-sources/nist-800-53-rev5-oscal)";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = args.iter().any(|a| a == "--check");
    let sources = args
        .windows(2)
        .find(|w| w[0] == "--sources")
        .map(|w| PathBuf::from(&w[1]));
    let root = repo_root();
    let mut out = Output {
        root: root.clone(),
        check,
        stale: Vec::new(),
    };
    match args.first().map(String::as_str) {
        Some("codegen") => {
            schema(&mut out)?;
            ts(&mut out)?;
        }
        Some("schema") => schema(&mut out)?,
        Some("ts") => ts(&mut out)?,
        Some("nist-800-53") => {
            let dir =
                sources.unwrap_or_else(|| root.join("../shared/kb-sources/nist-800-53-rev5-oscal"));
            let json = nist80053::generate(&dir)?;
            out.write("assets/frameworks/nist-800-53r5.json", &json)?;
        }
        _ => {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    }
    if !out.stale.is_empty() {
        bail!(
            "generated files are out of date: {}\nrun `cargo xtask {}` and commit the result",
            out.stale.join(", "),
            args[0]
        );
    }
    Ok(())
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ sits in the repo root")
        .to_path_buf()
}

struct Output {
    root: PathBuf,
    check: bool,
    stale: Vec<String>,
}

impl Output {
    fn write(&mut self, relative: &str, contents: &str) -> Result<()> {
        let path = self.root.join(relative);
        let current = fs::read_to_string(&path).unwrap_or_default();
        if current == contents {
            return Ok(());
        }
        if self.check {
            self.stale.push(relative.to_owned());
            return Ok(());
        }
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(&path, contents).with_context(|| format!("writing {}", path.display()))?;
        println!("wrote {relative}");
        Ok(())
    }
}

fn schema(out: &mut Output) -> Result<()> {
    use assay_kb::model::*;
    let schemas = [
        ("framework", schemars::schema_for!(FrameworkFile)),
        ("crosswalk", schemars::schema_for!(CrosswalkFile)),
        ("application-dates", schemars::schema_for!(DatesFile)),
        ("obligations", schemars::schema_for!(ObligationsFile)),
        ("penalties", schemars::schema_for!(PenaltiesFile)),
        ("kb", schemars::schema_for!(Manifest)),
        (
            "questionnaire",
            schemars::schema_for!(assay_engine::Questionnaire),
        ),
        (
            "risk-profile",
            schemars::schema_for!(assay_engine::risk_profile::RiskProfile),
        ),
        (
            "soc2-readiness",
            schemars::schema_for!(assay_engine::soc2::ReadinessRules),
        ),
        (
            "practice-scenarios",
            schemars::schema_for!(assay_practice::ScenarioFile),
        ),
    ];
    for (name, schema) in schemas {
        let text = serde_json::to_string_pretty(&schema)? + "\n";
        out.write(&format!("assets/schema/{name}.schema.json"), &text)?;
    }
    // The published schema of `assay export json`, for other tools.
    let export = serde_json::to_string_pretty(&assay_interop::project_json::schema())? + "\n";
    out.write("assets/schema/project-export.schema.json", &export)?;
    Ok(())
}

fn ts(out: &mut Output) -> Result<()> {
    let text = assay_app::dto::typescript_bindings();
    out.write("ui/src/lib/ipc/bindings.ts", &text)
}
