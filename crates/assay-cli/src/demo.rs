//! `assay demo`: the headless main job. It validates the knowledge base,
//! runs the résumé-screener interview for both shipped samples (the employer
//! that deploys the tool and the vendor that provides it), writes a sample
//! project file for the employer with its answers and a piece of evidence,
//! and exports that project's report signed with the clearly labelled demo
//! identity — no prompts — then verifies it.

use std::{fs, path::Path, process::ExitCode};

use anyhow::{Context, Result, bail};

use crate::output::say;

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

    // The sample project and its signed report.
    let project = out.join("resume-screener-employer.assay");
    if project.exists() {
        fs::remove_file(&project).with_context(|| format!("replacing {}", project.display()))?;
    }
    app.project_new(&assay_app::dto::NewProject {
        path: project.display().to_string(),
        template: "resume-screener".into(),
        client: "Łódź Logistics GmbH (sample)".into(),
        system_name: "Vendor CV-ranking tool".into(),
        system_description: "A vendor's tool that ranks and filters applicants for warehouse and office roles; the employer uses it in the EU.".into(),
        assessor: "Demo Assessor".into(),
    })?;
    let assessment = app.project_summary()?.assessments[0].assessment.id.clone();
    let sample = app
        .samples("eu-ai-act")?
        .into_iter()
        .find(|s| s.name == "cv-screener-deployer")
        .context("the deployer sample ships")?;
    app.project_import_answers(&assessment, &sample.answers)?;
    let evidence = out.join("vendor-instructions-for-use.txt");
    fs::write(
        &evidence,
        "Sample evidence: the vendor's instructions for use (Art. 13), section 4: human review of every rejection.\n",
    )?;
    app.evidence_add(
        &evidence,
        &[assay_app::EvidenceLink::KbItem {
            id: "eu-ai-act:art-13".into(),
        }],
        "policy",
        None,
        &mut |_| {},
    )?;
    let report_path = out.join("resume-screener-employer-report.pdf");
    let export = app.report_export(&assay_app::ExportRequest {
        out: report_path.clone(),
        sections: Vec::new(),
        signing: assay_app::Signing::Demo,
        force: true,
        is_final: false,
    })?;
    let check = app.verify_pdf(&report_path)?;
    app.project_close();
    if !check.valid {
        bail!("the demo report does not verify: {:?}", check.problems);
    }

    say!(
        "Assay {} — knowledge base {}",
        assay_app::APP_VERSION,
        summary.version
    );
    for f in &summary.frameworks {
        say!("  {:<16} {} items", f.id, f.total_items);
    }
    say!("wrote {}", stats_path.display());
    say!("wrote {}", search_path.display());
    say!("wrote {} (sample project)", project.display());
    say!(
        "wrote {} ({} bytes), signed with the DEMO identity {}; verified: {}",
        report_path.display(),
        export.bytes,
        export.signer_fingerprint.as_deref().unwrap_or("-"),
        if check.valid { "valid" } else { "INVALID" }
    );
    for (name, verdict, path) in &verdicts {
        say!("\n== EU AI Act: résumé screener, {name}");
        crate::assess::print_verdict(verdict);
        say!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
