//! Generates the NIST SP 800-53 Rev 5 catalogue (IDs, titles, families,
//! withdrawn flags, baselines) from the public-domain sources, and checks the
//! index against the official OSCAL baseline profiles so a transcription
//! error fails the generation.

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    path::Path,
};

use anyhow::{Context, Result, bail, ensure};
use assay_kb::model::{Baseline, Certainty, FrameworkFile, Item, Licence, Source};
use serde::Deserialize;

/// Published counts for SP 800-53 Rev 5.2.0, stated here independently of
/// the index so that validation catches an index that lost or gained rows.
const FAMILIES: usize = 20;
const CONTROLS: usize = 324;
const ENHANCEMENTS: usize = 872;

#[derive(Deserialize)]
struct Row {
    id: String,
    label: String,
    title: String,
    family: String,
    family_title: String,
    is_enhancement: String,
    withdrawn: String,
    baseline_low: String,
    baseline_moderate: String,
    baseline_high: String,
    baseline_privacy: String,
}

pub(crate) fn generate(dir: &Path) -> Result<String> {
    let index = dir.join("nist_800-53r5_control_index.csv");
    let mut reader =
        csv::Reader::from_path(&index).with_context(|| format!("reading {}", index.display()))?;
    let rows: Vec<Row> = reader.deserialize().collect::<Result<_, _>>()?;

    let mut from_index: BTreeMap<Baseline, BTreeSet<String>> = BTreeMap::new();
    for row in &rows {
        for (baseline, flag) in baselines_of(row) {
            if flag {
                from_index
                    .entry(baseline)
                    .or_default()
                    .insert(row.id.clone());
            }
        }
    }
    for (baseline, file) in [
        (
            Baseline::Low,
            "NIST_SP-800-53_rev5_LOW-baseline_profile.json",
        ),
        (
            Baseline::Moderate,
            "NIST_SP-800-53_rev5_MODERATE-baseline_profile.json",
        ),
        (
            Baseline::High,
            "NIST_SP-800-53_rev5_HIGH-baseline_profile.json",
        ),
        (
            Baseline::Privacy,
            "NIST_SP-800-53_rev5_PRIVACY-baseline_profile.json",
        ),
    ] {
        let official = profile_ids(&dir.join(file))?;
        let ours = from_index.remove(&baseline).unwrap_or_default();
        if official != ours {
            let missing: Vec<_> = official.difference(&ours).collect();
            let extra: Vec<_> = ours.difference(&official).collect();
            bail!(
                "{baseline:?} baseline differs from {file}: missing {missing:?}, extra {extra:?}"
            );
        }
    }

    let mut items = Vec::new();
    let mut families = BTreeSet::new();
    for row in &rows {
        if families.insert(row.family.clone()) {
            items.push(Item {
                id: format!("nist-800-53r5:{}", row.family),
                kind: "family".into(),
                label: row.family.clone(),
                title: row.family_title.clone(),
                summary: None,
                parent: None,
                cites: Vec::new(),
                baselines: Vec::new(),
                withdrawn: false,
                status: Certainty::Published,
            });
        }
    }
    for row in &rows {
        let enhancement = parse_bool(&row.is_enhancement)?;
        let parent = if enhancement {
            let base = row.label.split('(').next().unwrap_or_default();
            format!("nist-800-53r5:{base}")
        } else {
            format!("nist-800-53r5:{}", row.family)
        };
        let withdrawn = parse_bool(&row.withdrawn)?;
        items.push(Item {
            id: format!("nist-800-53r5:{}", row.label),
            kind: if enhancement {
                "enhancement"
            } else {
                "control"
            }
            .into(),
            label: row.label.clone(),
            title: row.title.clone(),
            summary: None,
            parent: Some(parent),
            cites: Vec::new(),
            baselines: baselines_of(row)
                .filter(|(_, on)| *on)
                .map(|(b, _)| b)
                .collect(),
            withdrawn,
            status: Certainty::Published,
        });
    }
    ensure!(
        families.len() == FAMILIES,
        "expected {FAMILIES} families, found {}",
        families.len()
    );

    let framework = FrameworkFile {
        schema: Some("../schema/framework.schema.json".into()),
        id: "nist-800-53r5".into(),
        title: "NIST SP 800-53 Rev. 5: Security and Privacy Controls for Information Systems and Organizations".into(),
        short_title: "NIST SP 800-53 Rev 5".into(),
        version: "5.2.0 (baselines 5.1.1, SP 800-53B)".into(),
        published: "2020-09-23".parse()?,
        source: Source {
            publisher: "National Institute of Standards and Technology".into(),
            document: "NIST SP 800-53 Rev. 5 (OSCAL content; control index of release 5.2.0) and SP 800-53B baselines".into(),
            url: "https://doi.org/10.6028/NIST.SP.800-53r5".into(),
        },
        licence: Licence {
            name: "US Government work, public domain in the US; CC0 1.0 worldwide (usnistgov/oscal-content)".into(),
            official_text_shipped: false,
            notes: "IDs, titles, families, withdrawn flags and baselines only. Generated by `cargo xtask nist-800-53` from nist_800-53r5_control_index.csv, checked against the four OSCAL baseline profiles. Control statements come from the user's own OSCAL catalogue via `assay kb import-oscal`.".into(),
        },
        summaries: false,
        declared_counts: BTreeMap::from([
            ("family".into(), FAMILIES),
            ("control".into(), CONTROLS),
            ("enhancement".into(), ENHANCEMENTS),
        ]),
        items,
    };
    Ok(serde_json::to_string_pretty(&framework)? + "\n")
}

fn baselines_of(row: &Row) -> impl Iterator<Item = (Baseline, bool)> {
    [
        (Baseline::Low, row.baseline_low == "True"),
        (Baseline::Moderate, row.baseline_moderate == "True"),
        (Baseline::High, row.baseline_high == "True"),
        (Baseline::Privacy, row.baseline_privacy == "True"),
    ]
    .into_iter()
}

fn parse_bool(value: &str) -> Result<bool> {
    match value {
        "True" => Ok(true),
        "False" => Ok(false),
        other => bail!("expected True or False, found {other:?}"),
    }
}

#[derive(Deserialize)]
struct ProfileDocument {
    profile: Profile,
}

#[derive(Deserialize)]
struct Profile {
    imports: Vec<Import>,
}

#[derive(Deserialize)]
struct Import {
    #[serde(rename = "include-controls")]
    include_controls: Vec<Selection>,
}

#[derive(Deserialize)]
struct Selection {
    #[serde(rename = "with-ids")]
    with_ids: Vec<String>,
}

fn profile_ids(path: &Path) -> Result<BTreeSet<String>> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let document: ProfileDocument = serde_json::from_str(&text)?;
    Ok(document
        .profile
        .imports
        .into_iter()
        .flat_map(|i| i.include_controls)
        .flat_map(|s| s.with_ids)
        .collect())
}
