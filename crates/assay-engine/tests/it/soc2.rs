//! The SOC 2 readiness cases (`assets/questionnaires/soc2.cases.json`):
//! answers in; the categories in scope, every in-scope criterion's level and
//! Type I / Type II readiness, the criteria not asked and the stale evidence
//! out. Also the gaps, timeline and sampling plan of the shipped sample.

use std::collections::{BTreeMap, BTreeSet};

use assay_engine::Answers;
use assay_engine::soc2::{ReadinessResult, assess, load_rules};
use assay_kb::bundled_files;
use chrono::NaiveDate;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct CasesFile {
    cases: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    id: String,
    assessed_on: NaiveDate,
    answers: Answers,
    expect: Expect,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Criterion {
    level: u8,
    type1: bool,
    type2: bool,
}

#[derive(Debug, Deserialize)]
struct Expect {
    in_scope_categories: Vec<String>,
    criteria: BTreeMap<String, Criterion>,
    not_asked: Vec<String>,
    stale: Vec<String>,
}

fn problems(r: &ReadinessResult, e: &Expect) -> Vec<String> {
    let mut wrong = Vec::new();
    let scope: BTreeSet<&String> = r.in_scope.iter().collect();
    let want: BTreeSet<&String> = e.in_scope_categories.iter().collect();
    if scope != want {
        wrong.push(format!("in scope {scope:?}, expected {want:?}"));
    }
    let got: BTreeMap<&str, Criterion> = r
        .controls
        .iter()
        .filter(|c| c.id.starts_with("soc2:"))
        .map(|c| {
            (
                c.id.as_str(),
                Criterion {
                    level: c.level,
                    type1: c.type1_ready,
                    type2: c.type2_ready,
                },
            )
        })
        .collect();
    for (id, expected) in &e.criteria {
        match got.get(id.as_str()) {
            Some(c) if c == expected => {}
            other => wrong.push(format!("{id}: {other:?}, expected {expected:?}")),
        }
    }
    let not_asked: BTreeSet<&String> = r.not_asked.iter().collect();
    if not_asked != e.not_asked.iter().collect() {
        wrong.push(format!(
            "not asked {not_asked:?}, expected {:?}",
            e.not_asked
        ));
    }
    let stale: BTreeSet<&String> = r.stale.iter().map(|s| &s.id).collect();
    if stale != e.stale.iter().collect() {
        wrong.push(format!("stale {stale:?}, expected {:?}", e.stale));
    }
    wrong
}

fn setup() -> (
    assay_kb::KnowledgeBase,
    Vec<assay_engine::Questionnaire>,
    Vec<assay_engine::soc2::ReadinessRules>,
) {
    let (kb, questionnaires) = crate::setup();
    let rules = load_rules(&kb, &bundled_files(), &questionnaires).unwrap();
    (kb, questionnaires, rules)
}

#[test]
fn every_soc2_case_scores_as_expected() {
    let (kb, questionnaires, rules) = setup();
    let q = questionnaires.iter().find(|q| q.id == "soc2").unwrap();
    let file: CasesFile = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../assets/questionnaires/soc2.cases.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let mut failures = Vec::new();
    for case in &file.cases {
        match assess(&kb, &rules[0], q, &case.answers, case.assessed_on) {
            Ok(r) => {
                let wrong = problems(&r, &case.expect);
                if !wrong.is_empty() {
                    failures.push(format!("{}:\n    {}", case.id, wrong.join("\n    ")));
                }
            }
            Err(e) => failures.push(format!("{}: {e}", case.id)),
        }
    }
    assert!(file.cases.len() >= 12);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_sample_gets_ranked_gaps_a_timeline_and_a_sampling_plan() {
    let (kb, questionnaires, rules) = setup();
    let q = questionnaires.iter().find(|q| q.id == "soc2").unwrap();
    let answers: Answers = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../assets/questionnaires/samples/soc2-ai-saas.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let on = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let r = assess(&kb, &rules[0], q, &answers, on).unwrap();
    // Gaps: every control not Type II ready, by weight × (4 − level).
    let not_ready = r.controls.iter().filter(|c| !c.type2_ready).count();
    assert_eq!(r.gaps.len(), not_ready);
    assert!(r.gaps.windows(2).all(|w| w[0].priority >= w[1].priority));
    for g in &r.gaps {
        let c = r.controls.iter().find(|c| c.id == g.id).unwrap();
        assert_eq!(g.priority, c.weight * u32::from(4 - c.level));
    }
    // The timeline adds up: remediation, then the window, then the report.
    let t = &r.timeline;
    let effort: u32 = r.gaps.iter().map(|g| g.effort_days).sum();
    assert_eq!(
        t.remediation_working_days,
        effort.div_ceil(rules[0].timeline.remediation_parallelism)
    );
    assert!(t.observation_start >= t.remediation_done);
    assert!(t.type2_report > t.observation_end && t.observation_end > t.observation_start);
    assert_eq!(t.observation_months, 6);
    assert!(
        t.type1_report.is_some(),
        "the sample asks for a Type I first"
    );
    // Every control with a frequency has a sample size from the table.
    let with_frequency = r.controls.iter().filter(|c| c.frequency.is_some()).count();
    assert_eq!(r.sampling.len(), with_frequency);
    // Scores are weighted shares, 0–100, Type II never above Type I.
    for s in r.scores.iter().chain([&r.overall]) {
        assert!((0.0..=100.0).contains(&s.type1_percent), "{s:?}");
        assert!(s.type2_percent <= s.type1_percent, "{s:?}");
    }
    // Crosswalk coverage reaches SP 800-53 for CC6.1.
    let cc6_1 = r
        .coverage
        .iter()
        .find(|c| c.criterion == "soc2:CC6.1")
        .unwrap();
    assert!(!cc6_1.sp80053.is_empty());
}

/// Each rule of the readiness validator fires on rules broken for it.
#[test]
fn broken_readiness_rules_are_refused_with_every_problem() {
    let (kb, questionnaires) = crate::setup();
    let files = bundled_files();
    let original = files
        .iter()
        .find(|f| f.path == "soc2/readiness.json")
        .unwrap();
    let mut v: serde_json::Value = serde_json::from_str(original.text).unwrap();
    v["criteria"][0]["criterion"] = "soc2:CC99.9".into();
    v["criteria"][1]["evidence_kinds"][0] = "tarot".into();
    v["ai_controls"][0]["sp80053"][0] = "nist-800-53r5:ZZ-1".into();
    v["sampling"]["table"].as_array_mut().unwrap().remove(0);
    v["levels"].as_array_mut().unwrap().pop();
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
    let messages: Vec<String> = assay_engine::soc2::validate_rules(&kb, &broken, &questionnaires)
        .into_iter()
        .map(|d| format!("{} {}", d.id.unwrap_or_default(), d.message))
        .collect();
    for expected in [
        "soc2:CC99.9 is not a SOC 2 criterion",
        "`tarot` is not an evidence kind",
        "`nist-800-53r5:ZZ-1` is not in the knowledge base",
        "no sampling row for the frequency `continuous`",
        "the levels must be 0 to 4",
        "soc2:CC1.1 has no readiness rule",
    ] {
        assert!(
            messages.iter().any(|m| m.contains(expected)),
            "`{expected}` in {messages:#?}"
        );
    }
    assert!(assay_engine::soc2::validate_rules(&kb, &files, &questionnaires).is_empty());
}
