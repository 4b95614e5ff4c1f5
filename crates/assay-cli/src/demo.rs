//! `assay demo`: the headless main job. It validates the knowledge base,
//! runs the résumé-screener interview for both shipped samples (the employer
//! that deploys the tool and the vendor that provides it), writes three sample
//! projects with their answers and a piece of evidence (the employer's
//! résumé screener, a plant's predictive-maintenance risk profile and an AI
//! SaaS company's SOC 2 readiness), and
//! exports each project's report signed with the clearly labelled demo
//! identity — no prompts — then verifies it. Each project also gets a
//! system card, and is exported as Markdown card, CycloneDX AI-BOM, OSCAL
//! assessment results and Assay JSON beside its report.

use std::{
    fs,
    path::{Path, PathBuf},
    process::ExitCode,
};

use anyhow::{Context, Result, bail};
use assay_app::{Assay, InteropFormat, InteropRequest};

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

    // The sample projects and their signed reports.
    let employer = sample_project(
        &app,
        out,
        &Sample {
            name: "resume-screener-employer",
            template: "resume-screener",
            questionnaire: "eu-ai-act",
            answers: "cv-screener-deployer",
            client: "Łódź Logistics GmbH (sample)",
            system: "Vendor CV-ranking tool",
            description: "A vendor's tool that ranks and filters applicants for warehouse and office roles; the employer uses it in the EU.",
        },
    )?;
    let plant = sample_project(
        &app,
        out,
        &Sample {
            name: "predictive-maintenance-plant",
            template: "predictive-maintenance",
            questionnaire: "ai-rmf",
            answers: "predictive-maintenance",
            client: "Stamping plant (sample)",
            system: "Predictive-maintenance model for presses and conveyors",
            description: "A vendor's vision and sensor model that predicts equipment failure and raises maintenance tickets.",
        },
    )?;
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
    let saas = sample_project(
        &app,
        out,
        &Sample {
            name: "soc2-ai-saas",
            template: "soc2-readiness",
            questionnaire: "soc2",
            answers: "ai-saas",
            client: "Contract-analysis SaaS (sample)",
            system: "Contract-analysis platform",
            description: "An AI SaaS platform that extracts and summarises customer contracts; preparing for a first SOC 2 Type II report.",
        },
    )?;
    for written in [&employer, &plant, &saas] {
        say!("wrote {} (sample project)", written.project.display());
        say!(
            "wrote {} ({} bytes), signed with the DEMO identity {}; verified: valid",
            written.report.display(),
            written.bytes,
            written.fingerprint
        );
    }
    for (name, verdict, path) in &verdicts {
        say!("\n== EU AI Act: résumé screener, {name}");
        crate::assess::print_verdict(verdict);
        say!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// A sample engagement the demo writes.
struct Sample<'a> {
    name: &'a str,
    template: &'a str,
    questionnaire: &'a str,
    /// The shipped sample answers, `<questionnaire>-<answers>.json`.
    answers: &'a str,
    client: &'a str,
    system: &'a str,
    description: &'a str,
}

struct Written {
    project: PathBuf,
    report: PathBuf,
    bytes: u64,
    fingerprint: String,
}

/// Writes `<name>.assay` with the sample's answers and a piece of evidence,
/// and `<name>-report.pdf` signed with the demonstration identity, verified.
fn sample_project(app: &Assay, out: &Path, sample: &Sample<'_>) -> Result<Written> {
    let project = out.join(format!("{}.assay", sample.name));
    if project.exists() {
        // The demo's own output from an earlier run.
        fs::remove_file(&project).with_context(|| format!("replacing {}", project.display()))?;
    }
    app.project_new(&assay_app::dto::NewProject {
        path: project.display().to_string(),
        template: sample.template.into(),
        client: sample.client.into(),
        system_name: sample.system.into(),
        system_description: sample.description.into(),
        assessor: "Demo Assessor".into(),
    })?;
    let assessment = app.project_summary()?.assessments[0].assessment.id.clone();
    let answers = app
        .samples(sample.questionnaire)?
        .into_iter()
        .find(|s| s.name == sample.answers)
        .with_context(|| format!("the sample {} ships", sample.answers))?;
    app.project_import_answers(&assessment, &answers.answers)?;
    let card = app
        .project_add_assessment("system-card")?
        .assessments
        .into_iter()
        .find(|a| a.assessment.questionnaire == "system-card")
        .context("the system card was just added")?;
    let card_answers = app
        .samples("system-card")?
        .into_iter()
        .find(|s| s.name == sample.answers)
        .with_context(|| format!("the system-card sample {} ships", sample.answers))?;
    app.project_import_answers(&card.assessment.id, &card_answers.answers)?;
    let evidence = out.join(format!("{}-evidence.txt", sample.name));
    fs::write(
        &evidence,
        "Sample evidence: the vendor's instructions for use (Art. 13), section 4: human review of every alert.\n",
    )?;
    app.evidence_add(
        &evidence,
        &[assay_app::EvidenceLink::KbItem {
            id: "eu-ai-act:art-13".into(),
        }],
        "policy_approval",
        None,
        &mut |_| {},
    )?;
    let report = out.join(format!("{}-report.pdf", sample.name));
    let export = app.report_export(&assay_app::ExportRequest {
        out: report.clone(),
        sections: Vec::new(),
        signing: assay_app::Signing::Demo,
        force: true,
        is_final: false,
    })?;
    let check = app.verify_pdf(&report)?;
    for (format, suffix) in [
        (InteropFormat::Card, "card.md"),
        (InteropFormat::Cyclonedx, "cdx.json"),
        (InteropFormat::Oscal, "oscal.json"),
        (InteropFormat::Json, "export.json"),
    ] {
        app.interop_export(&InteropRequest {
            format,
            out: out.join(format!("{}.{suffix}", sample.name)),
            force: true,
        })?;
    }
    app.project_close();
    if !check.valid {
        bail!(
            "the demo report {} does not verify: {:?}",
            report.display(),
            check.problems
        );
    }
    Ok(Written {
        project,
        report,
        bytes: export.bytes,
        fingerprint: export.signer_fingerprint.unwrap_or_default(),
    })
}
