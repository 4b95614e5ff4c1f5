use std::collections::{BTreeMap, BTreeSet};

use assay_engine::eu_ai_act::{Verdict, classify};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CasesFile {
    questionnaire: String,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    id: String,
    title: String,
    basis: String,
    answers: assay_engine::Answers,
    expect: Expect,
}

/// What the law requires of a case. Sets are compared exactly: an extra
/// duty is as wrong as a missing one.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    risk_class: String,
    status: String,
    roles: Vec<String>,
    /// Obligation IDs, exactly.
    obligations: Vec<String>,
    /// Question IDs whose open answers could change the verdict, exactly.
    open_questions: Vec<String>,
    /// Duties the case is about that must not apply (also implied by the
    /// exact `obligations`; listed to state the point of the case).
    #[serde(default)]
    absent: Vec<String>,
    legal_basis: Option<Vec<String>>,
    possible_classes: Option<Vec<String>>,
    routes: Option<Vec<String>>,
    profiling: Option<bool>,
    fria: Option<String>,
    /// `Art. 50(x)` labels, exactly; empty for none.
    transparency: Option<Vec<String>>,
    /// `{ "systemic_risk": …, "open_source_exemption": …, "legacy_model": … }`
    /// or `false` for no general-purpose AI model duties.
    gpai: Option<Value>,
    /// Obligation ID → the date it applies from.
    #[serde(default)]
    dates: BTreeMap<String, String>,
    /// Penalty tier IDs, exactly.
    penalties: Option<Vec<String>>,
    /// Penalty tier ID → maximum fine in euros.
    #[serde(default)]
    penalty_max: BTreeMap<String, f64>,
    /// Obligation IDs that must carry the "reported" mark.
    #[serde(default)]
    reported: Vec<String>,
}

fn set(items: &[String]) -> BTreeSet<&str> {
    items.iter().map(String::as_str).collect()
}

fn exact(wrong: &mut Vec<String>, what: &str, got: BTreeSet<&str>, want: BTreeSet<&str>) {
    if got != want {
        let extra: Vec<_> = got.difference(&want).collect();
        let missing: Vec<_> = want.difference(&got).collect();
        wrong.push(format!("{what}: extra {extra:?}, missing {missing:?}"));
    }
}

fn check(case: &Case, verdict: &Verdict) -> Vec<String> {
    let v = serde_json::to_value(verdict).unwrap();
    let e = &case.expect;
    let mut wrong = Vec::new();
    for (field, want) in [("risk_class", &e.risk_class), ("status", &e.status)] {
        if v[field] != want.as_str() {
            wrong.push(format!("{field} {} (expected {want})", v[field]));
        }
    }
    exact(&mut wrong, "roles", set(&verdict.roles), set(&e.roles));
    let duties: Vec<String> = verdict.obligations.iter().map(|o| o.id.clone()).collect();
    exact(&mut wrong, "obligations", set(&duties), set(&e.obligations));
    for absent in &e.absent {
        if duties.contains(absent) {
            wrong.push(format!("{absent} must not apply"));
        }
    }
    let open: Vec<String> = verdict
        .open_questions
        .iter()
        .map(|o| o.question.clone())
        .collect();
    exact(
        &mut wrong,
        "open_questions",
        set(&open),
        set(&e.open_questions),
    );
    if let Some(basis) = &e.legal_basis {
        exact(
            &mut wrong,
            "legal_basis",
            set(&verdict.legal_basis),
            set(basis),
        );
    }
    let strings = |key: &str| -> Vec<String> {
        v[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    if let Some(classes) = &e.possible_classes {
        exact(
            &mut wrong,
            "possible_classes",
            set(&strings("possible_classes")),
            set(classes),
        );
    }
    if let Some(routes) = &e.routes {
        exact(
            &mut wrong,
            "routes",
            set(&strings("high_risk_routes")),
            set(routes),
        );
    }
    if let Some(p) = e.profiling
        && verdict.profiling != Some(p)
    {
        wrong.push(format!("profiling {:?} (expected {p})", verdict.profiling));
    }
    if let Some(f) = &e.fria
        && v["fria"]["status"] != f.as_str()
    {
        wrong.push(format!("fria {} (expected {f})", v["fria"]["status"]));
    }
    if let Some(t) = &e.transparency {
        let got = verdict
            .transparency
            .as_ref()
            .map(|t| t.articles.clone())
            .unwrap_or_default();
        exact(&mut wrong, "transparency", set(&got), set(t));
    }
    if let Some(g) = &e.gpai {
        let got = match &verdict.gpai {
            None => Value::Bool(false),
            Some(d) => serde_json::json!({
                "systemic_risk": d.systemic_risk,
                "open_source_exemption": d.open_source_exemption,
                "legacy_model": d.legacy_model,
            }),
        };
        if &got != g {
            wrong.push(format!("gpai {got} (expected {g})"));
        }
    }
    for (id, date) in &e.dates {
        match verdict.obligations.iter().find(|o| &o.id == id) {
            Some(o) if &o.applies_from == date => {}
            Some(o) => wrong.push(format!(
                "{id} applies from {} (expected {date})",
                o.applies_from
            )),
            None => wrong.push(format!("{id} has no date: it does not apply")),
        }
    }
    if let Some(tiers) = &e.penalties {
        let got: Vec<String> = verdict.penalties.iter().map(|p| p.tier.clone()).collect();
        exact(&mut wrong, "penalties", set(&got), set(tiers));
    }
    for (tier, max) in &e.penalty_max {
        let got = verdict
            .penalties
            .iter()
            .find(|p| &p.tier == tier)
            .and_then(|p| p.maximum_eur);
        if got.is_none_or(|g| (g - max).abs() > 0.5) {
            wrong.push(format!("penalty {tier} maximum {got:?} (expected {max})"));
        }
    }
    for id in &e.reported {
        if !verdict
            .obligations
            .iter()
            .any(|o| &o.id == id && o.reported)
        {
            wrong.push(format!("{id} is not marked reported"));
        }
    }
    // Every verdict explains itself: each step cites the provision it uses.
    if verdict.trace.iter().any(|s| s.citation.is_empty()) {
        wrong.push("a trace step cites nothing".to_owned());
    }
    wrong
}

/// Every case in `eu-ai-act.cases.json`; all failures are reported together.
#[test]
fn eu_ai_act_cases() {
    let (kb, questionnaires) = crate::setup();
    let questionnaire = crate::eu_ai_act(&questionnaires);
    let text = include_str!("../../../../assets/questionnaires/eu-ai-act.cases.json");
    let file: CasesFile = serde_json::from_str(text).unwrap();
    assert_eq!(file.questionnaire, "eu-ai-act");
    assert!(file.cases.len() >= 110, "at least 110 cases");

    let mut ids = BTreeSet::new();
    let mut failures = Vec::new();
    for case in &file.cases {
        assert!(ids.insert(case.id.as_str()), "{} appears twice", case.id);
        assert!(
            !case.title.is_empty() && !case.basis.is_empty(),
            "{} needs a title and a basis",
            case.id
        );
        match classify(&kb, questionnaire, &case.answers) {
            Ok(verdict) => {
                let wrong = check(case, &verdict);
                if !wrong.is_empty() {
                    failures.push(format!(
                        "{} ({}):\n    {}",
                        case.id,
                        case.basis,
                        wrong.join("\n    ")
                    ));
                }
            }
            Err(e) => failures.push(format!("{}: {e}", case.id)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        file.cases.len(),
        failures.join("\n")
    );
}

#[test]
fn samples_parse_and_classify() {
    let (kb, questionnaires) = crate::setup();
    let questionnaire = crate::eu_ai_act(&questionnaires);
    for text in [
        include_str!(
            "../../../../assets/questionnaires/samples/eu-ai-act-cv-screener-deployer.json"
        ),
        include_str!(
            "../../../../assets/questionnaires/samples/eu-ai-act-cv-screener-provider.json"
        ),
    ] {
        let answers: assay_engine::Answers = serde_json::from_str(text).unwrap();
        let verdict = classify(&kb, questionnaire, &answers).unwrap();
        let v: Value = serde_json::to_value(&verdict).unwrap();
        assert_eq!(v["risk_class"], "high_risk");
        assert_eq!(v["status"], "final", "{:#?}", verdict.open_questions);
        assert!(verdict.legal_basis.contains(&"Annex III 4(a)".to_owned()));
        assert_eq!(verdict.profiling, Some(true));
    }
}
