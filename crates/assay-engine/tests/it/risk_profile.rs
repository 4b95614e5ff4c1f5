//! The AI RMF risk profile's cases (`assets/questionnaires/ai-rmf.cases.json`):
//! answers in; the EU AI Act class, every applicable risk's inherent and
//! residual score, the risks that must be absent, exactly the risks that
//! need treatment, the top gap and each expected-loss figure out.

use std::collections::{BTreeMap, BTreeSet};

use assay_engine::risk_profile::{ProfileResult, load_profiles, score};
use assay_engine::{Answers, Questionnaire};
use assay_kb::bundled_files;
use chrono::NaiveDate;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct CasesFile {
    questionnaire: String,
    cases: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    id: String,
    assessed_on: NaiveDate,
    answers: Answers,
    expect: Expect,
}

#[derive(Debug, Deserialize)]
struct Scores {
    inherent: u32,
    residual: u32,
}

#[derive(Debug, Deserialize)]
struct Expect {
    eu_ai_act_class: String,
    risks: BTreeMap<String, Scores>,
    absent_risks: Vec<String>,
    needs_treatment: Vec<String>,
    top_gap: Option<String>,
    losses: BTreeMap<String, f64>,
}

fn problems(result: &ProfileResult, e: &Expect) -> Vec<String> {
    let mut wrong = Vec::new();
    let class = serde_json::to_value(result.eu_ai_act.verdict.risk_class).unwrap();
    if class != e.eu_ai_act_class.as_str() {
        wrong.push(format!(
            "EU AI Act class {class} (expected {})",
            e.eu_ai_act_class
        ));
    }
    let got: BTreeMap<&str, (u32, u32)> = result
        .risks
        .iter()
        .map(|r| (r.id.as_str(), (r.inherent, r.residual)))
        .collect();
    let want: BTreeMap<&str, (u32, u32)> = e
        .risks
        .iter()
        .map(|(id, s)| (id.as_str(), (s.inherent, s.residual)))
        .collect();
    if got != want {
        wrong.push(format!(
            "risks (inherent, residual) {got:?}, expected {want:?}"
        ));
    }
    for absent in &e.absent_risks {
        if got.contains_key(absent.as_str()) {
            wrong.push(format!("{absent} applies but must not"));
        }
    }
    let treated: BTreeSet<&str> = result
        .treatment_plan
        .iter()
        .map(|t| t.risk.as_str())
        .collect();
    let expected: BTreeSet<&str> = e.needs_treatment.iter().map(String::as_str).collect();
    if treated != expected {
        wrong.push(format!(
            "needs treatment {treated:?}, expected {expected:?}"
        ));
    }
    let top = result.gaps.first().map(|g| g.question.clone());
    if top != e.top_gap {
        wrong.push(format!("top gap {top:?}, expected {:?}", e.top_gap));
    }
    let figures: BTreeMap<&str, f64> = result
        .losses
        .iter()
        .filter_map(|l| Some((l.id.as_str(), l.value?)))
        .collect();
    if figures.len() != e.losses.len()
        || e.losses.iter().any(|(id, v)| {
            figures
                .get(id.as_str())
                .is_none_or(|got| (got - v).abs() > 1e-6 * v.abs().max(1.0))
        })
    {
        wrong.push(format!("losses {figures:?}, expected {:?}", e.losses));
    }
    wrong
}

#[test]
fn every_ai_rmf_case_scores_as_expected() {
    let (kb, questionnaires) = crate::setup();
    let profiles = load_profiles(&kb, &bundled_files(), &questionnaires).unwrap();
    let file: CasesFile = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../assets/questionnaires/ai-rmf.cases.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let q: &Questionnaire = questionnaires
        .iter()
        .find(|q| q.id == file.questionnaire)
        .unwrap();
    let profile = profiles.iter().find(|p| p.questionnaire == q.id).unwrap();
    let eu = crate::eu_ai_act(&questionnaires);
    let mut failures = Vec::new();
    for case in &file.cases {
        match score(&kb, profile, q, eu, &case.answers, case.assessed_on) {
            Ok(result) => {
                let wrong = problems(&result, &case.expect);
                if !wrong.is_empty() {
                    failures.push(format!("{}:\n    {}", case.id, wrong.join("\n    ")));
                }
            }
            Err(e) => failures.push(format!("{}: {e}", case.id)),
        }
    }
    assert!(file.cases.len() >= 7);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every score carries what set it: each adjustment names the answers it
/// read, and each control whether it is in place and by which answers.
#[test]
fn every_score_traces_to_answers_and_catalogue_entries() {
    let (kb, questionnaires) = crate::setup();
    let profiles = load_profiles(&kb, &bundled_files(), &questionnaires).unwrap();
    let q = questionnaires.iter().find(|q| q.id == "ai-rmf").unwrap();
    let answers: Answers = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../assets/questionnaires/samples/ai-rmf-predictive-maintenance.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let result = score(
        &kb,
        &profiles[0],
        q,
        crate::eu_ai_act(&questionnaires),
        &answers,
        day,
    )
    .unwrap();
    for risk in &result.risks {
        for step in risk.likelihood.steps.iter().chain(&risk.impact.steps) {
            assert!(
                !step.answers.is_empty() && !step.why.is_empty(),
                "{}",
                risk.id
            );
            assert!(
                step.answers.iter().all(|a| answers.contains_key(a)),
                "{}",
                risk.id
            );
        }
        let level = |l: &assay_engine::risk_profile::Level| {
            (i32::from(l.base) + l.steps.iter().map(|s| i32::from(s.by)).sum::<i32>()).clamp(1, 5)
        };
        assert_eq!(i32::from(risk.likelihood.level), level(&risk.likelihood));
        assert_eq!(
            risk.inherent,
            u32::from(risk.likelihood.level) * u32::from(risk.impact.level)
        );
    }
    let count: u32 = result.heat_map_residual.iter().flatten().sum();
    assert_eq!(count as usize, result.risks.len());
    for loss in &result.losses {
        assert!(
            loss.value.is_some() == loss.missing.is_empty(),
            "{}",
            loss.id
        );
    }
}

/// Each rule of the catalogue validator fires on a catalogue broken for it.
#[test]
fn a_broken_catalogue_is_refused_with_every_problem() {
    let (kb, questionnaires) = crate::setup();
    let files = bundled_files();
    let original = files
        .iter()
        .find(|f| f.path == "risk-profiles/predictive-maintenance.json")
        .unwrap();
    let mut v: serde_json::Value = serde_json::from_str(original.text).unwrap();
    v["risks"][0]["subcategories"][0] = "nist-ai-rmf:MAP-99.9".into();
    v["risks"][0]["controls"][0]["iso42001"][0] = "nist-800-53r5:SI-4".into();
    v["losses"][0]["formula"] = "failures_per_year * nonsense".into();
    v["scales"]["impact"].as_array_mut().unwrap().pop();
    v["bands"][0]["max"] = 3.into();
    v["eu_ai_act"]["assumed"]["no_such_eu_question"] = "yes".into();
    v["risks"][1]["applies_if"] = serde_json::json!({ "q": "not_asked_here", "is": "yes" });
    let text = v.to_string();
    let broken: Vec<assay_kb::AssetFile<'_>> = files
        .iter()
        .map(|f| {
            if f.path == original.path {
                assay_kb::AssetFile {
                    path: f.path,
                    text: &text,
                }
            } else {
                *f
            }
        })
        .collect();
    let problems = assay_engine::risk_profile::validate_profiles(&kb, &broken, &questionnaires);
    let messages: Vec<String> = problems.iter().map(|d| d.message.clone()).collect();
    for expected in [
        "`nist-ai-rmf:MAP-99.9` is not an AI RMF subcategory",
        "`nist-800-53r5:SI-4` is not an ISO/IEC 42001 control",
        "the formula reads `nonsense`",
        "the impact scale needs levels 1 to 5",
        "does not continue from",
        "`no_such_eu_question` is not an EU AI Act question",
        "a condition reads `not_asked_here`",
    ] {
        assert!(
            messages.iter().any(|m| m.contains(expected)),
            "`{expected}` in {messages:#?}"
        );
    }
    assert!(assay_engine::risk_profile::validate_profiles(&kb, &files, &questionnaires).is_empty());
}
