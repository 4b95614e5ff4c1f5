//! The whole verdict, words included, for a few cases that between them
//! reach every part of it: the labels, plan, notes, penalty wording and
//! open-question explanations a client reads. The case files check the
//! legal outcome as sets of IDs; these check that what is said about it
//! does not change unnoticed. A changed verdict fails with the path of the
//! file to compare; `ASSAY_BLESS=1` rewrites the files after a review.

use std::path::PathBuf;

use assay_engine::eu_ai_act::classify;
use serde_json::Value;

/// Cases chosen so that each part of the verdict is exercised by one.
const CASES: &[&str] = &[
    "annex-iii-4a-cv-screening-deployer",
    "annex-iii-4a-cv-screening-provider",
    "n-penalties-sme-lower-of-two",
    "n-penalties-gpai-model-provider",
    "n-art-111-4-generative-legacy-marking",
    "n-art-111-2-legacy-cv-screener-unchanged",
    "art-25-1-a-deployer-rebrands",
    "n-dual-route-medical-triage-provider",
    "art-5-1-f-emotion-at-work",
    "prohibition-unsure-blocks-high-risk-verdict",
    "art-6-3-profiling-not-sure",
    "n-gpai-model-only-systemic-non-eu",
    "n-art-49-3-municipality-benefits",
    "art-50-4-deep-fake",
];

fn snapshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/it/snapshots")
}

#[test]
fn verdicts_read_as_reviewed() {
    let (kb, questionnaires) = crate::setup();
    let questionnaire = crate::eu_ai_act(&questionnaires);
    let file: Value = serde_json::from_str(include_str!(
        "../../../../assets/questionnaires/eu-ai-act.cases.json"
    ))
    .unwrap();
    let bless = std::env::var_os("ASSAY_BLESS").is_some_and(|v| v == "1");
    let mut changed = Vec::new();
    for id in CASES {
        let case = file["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == *id)
            .unwrap_or_else(|| panic!("no case {id}"));
        let answers = serde_json::from_value(case["answers"].clone()).unwrap();
        let verdict = classify(&kb, questionnaire, &answers).unwrap();
        let text = serde_json::to_string_pretty(&verdict).unwrap() + "\n";
        let path = snapshot_dir().join(format!("{id}.json"));
        if bless {
            std::fs::create_dir_all(snapshot_dir()).unwrap();
            std::fs::write(&path, &text).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if expected != text {
            let got = path.with_extension("new.json");
            std::fs::write(&got, &text).unwrap();
            changed.push(format!("{} (now in {})", path.display(), got.display()));
        }
    }
    assert!(
        changed.is_empty(),
        "verdicts differ from the reviewed snapshots; compare, then rerun with ASSAY_BLESS=1 if the change is right:\n{}",
        changed.join("\n")
    );
}
