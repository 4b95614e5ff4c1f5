use std::collections::BTreeSet;

use assay_engine::eu_ai_act::classify;
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    risk_class: String,
    #[serde(default)]
    legal_basis: Vec<String>,
    roles: Option<Vec<String>>,
    profiling: Option<bool>,
    transparency: Option<bool>,
    gpai: Option<bool>,
    #[serde(default)]
    obligations: Vec<String>,
    #[serde(default)]
    not_obligations: Vec<String>,
    fria: Option<String>,
    open_questions: Option<Vec<String>>,
}

/// Every case in `eu-ai-act.cases.json`; all failures are reported together.
#[test]
fn eu_ai_act_cases() {
    let (kb, questionnaires) = crate::setup();
    let questionnaire = crate::eu_ai_act(&questionnaires);
    let text = include_str!("../../../../assets/questionnaires/eu-ai-act.cases.json");
    let file: CasesFile = serde_json::from_str(text).unwrap();
    assert_eq!(file.questionnaire, "eu-ai-act");
    assert!(file.cases.len() >= 30, "at least 30 cases");

    let mut failures = Vec::new();
    for case in &file.cases {
        assert!(
            !case.title.is_empty() && !case.basis.is_empty(),
            "{} needs a title and a basis",
            case.id
        );
        let verdict = match classify(&kb, questionnaire, &case.answers) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("{}: {e}", case.id));
                continue;
            }
        };
        let v = serde_json::to_value(&verdict).unwrap();
        let mut wrong = Vec::new();
        let e = &case.expect;
        if v["risk_class"] != e.risk_class.as_str() {
            wrong.push(format!(
                "risk_class {} (expected {})",
                v["risk_class"], e.risk_class
            ));
        }
        for basis in &e.legal_basis {
            if !verdict.legal_basis.contains(basis) {
                wrong.push(format!(
                    "legal_basis lacks {basis:?} (has {:?})",
                    verdict.legal_basis
                ));
            }
        }
        if let Some(roles) = &e.roles {
            let want: BTreeSet<&str> = roles.iter().map(String::as_str).collect();
            let got: BTreeSet<&str> = verdict.roles.iter().map(String::as_str).collect();
            if want != got {
                wrong.push(format!("roles {got:?} (expected {want:?})"));
            }
        }
        if let Some(p) = e.profiling
            && verdict.profiling != Some(p)
        {
            wrong.push(format!("profiling {:?} (expected {p})", verdict.profiling));
        }
        if let Some(t) = e.transparency
            && verdict.transparency.is_some() != t
        {
            wrong.push(format!(
                "transparency {:?} (expected {t})",
                verdict.transparency.as_ref().map(|t| &t.articles)
            ));
        }
        if let Some(g) = e.gpai
            && verdict.gpai.is_some() != g
        {
            wrong.push(format!("gpai {} (expected {g})", verdict.gpai.is_some()));
        }
        let articles: Vec<&str> = verdict
            .obligations
            .iter()
            .map(|o| o.article_id.as_str())
            .collect();
        for article in &e.obligations {
            if !articles.contains(&article.as_str()) {
                wrong.push(format!("obligations lack {article}"));
            }
        }
        for article in &e.not_obligations {
            if articles.contains(&article.as_str()) {
                wrong.push(format!(
                    "obligations include {article}, which must not apply"
                ));
            }
        }
        if let Some(f) = &e.fria
            && v["fria"]["status"] != f.as_str()
        {
            wrong.push(format!("fria {} (expected {f})", v["fria"]["status"]));
        }
        if let Some(open) = &e.open_questions {
            let got: Vec<&str> = verdict
                .open_questions
                .iter()
                .map(|o| o.question.as_str())
                .collect();
            for q in open {
                if !got.contains(&q.as_str()) {
                    wrong.push(format!("open_questions lack {q} (has {got:?})"));
                }
            }
            if open.is_empty() && !got.is_empty() {
                wrong.push(format!("open_questions {got:?} (expected none)"));
            }
        }
        // Every verdict explains itself.
        if verdict.trace.is_empty()
            || verdict
                .trace
                .iter()
                .any(|s| s.citation.is_empty() && s.rule != "prohibited-practice")
        {
            wrong.push("trace is empty or has an uncited step".to_owned());
        }
        if !wrong.is_empty() {
            failures.push(format!(
                "{} ({}):\n    {}",
                case.id,
                case.basis,
                wrong.join("\n    ")
            ));
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
        assert!(verdict.legal_basis.contains(&"Annex III 4(a)".to_owned()));
        assert_eq!(verdict.profiling, Some(true));
    }
}
