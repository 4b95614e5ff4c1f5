//! `assay questions` and `assay assess` on answer files.

use crate::support::*;

#[test]
fn questions_lists_ids_types_values_and_conditions() {
    let home = tempfile::tempdir().unwrap();
    let questions = json(&assay(
        home.path(),
        &["questions", "eu-ai-act", "--format", "json"],
    ));
    let list = questions.as_array().unwrap();
    let ai_system = list.iter().find(|q| q["id"] == "ai_system").unwrap();
    assert_eq!(ai_system["type"], "yes_no_unsure");
    assert_eq!(
        ai_system["allowed_values"],
        serde_json::json!(["yes", "no", "not_sure"])
    );
    assert!(ai_system["ask_if"].is_null());
    let profiling = list.iter().find(|q| q["id"] == "profiling").unwrap();
    assert!(profiling["ask_if"].is_object());
    assert!(profiling["help"].as_str().unwrap().contains("6(3)"));
    let out = assay(home.path(), &["questions", "no-such-questionnaire"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn assess_the_two_resume_screener_samples() {
    let home = tempfile::tempdir().unwrap();
    let deployer = sample("eu-ai-act-cv-screener-deployer");
    let v = json(&assay(
        home.path(),
        &[
            "assess",
            "eu-ai-act",
            "--answers",
            deployer.to_str().unwrap(),
            "--format",
            "json",
        ],
    ));
    assert_eq!(v["risk_class"], "high_risk");
    assert_eq!(v["roles"], serde_json::json!(["deployer"]));
    assert_eq!(v["profiling"], true);
    let basis: Vec<&str> = v["legal_basis"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_str().unwrap())
        .collect();
    assert!(
        basis.contains(&"Annex III 4(a)") && basis.contains(&"Art. 6(2)"),
        "{basis:?}"
    );
    let obligations = v["obligations"].as_array().unwrap();
    let art_26_7 = obligations
        .iter()
        .find(|o| o["article"] == "Art. 26(7)")
        .unwrap();
    assert_eq!(art_26_7["applies_from"], "2027-12-02");
    assert_eq!(art_26_7["original_date"], "2026-08-02");
    assert!(
        art_26_7["date_source"]
            .as_str()
            .unwrap()
            .contains("2026/1744")
    );
    assert_eq!(v["fria"]["status"], "recommended");
    assert!(
        v["trace"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["rule"] == "profiling-override")
    );

    let provider = sample("eu-ai-act-cv-screener-provider");
    let v = json(&assay(
        home.path(),
        &[
            "assess",
            "eu-ai-act",
            "--answers",
            provider.to_str().unwrap(),
            "--format",
            "json",
        ],
    ));
    assert_eq!(v["roles"], serde_json::json!(["provider"]));
    let plan: Vec<&str> = v["plan"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["article"].as_str().unwrap())
        .collect();
    for article in [
        "Art. 9",
        "Art. 10",
        "Art. 11",
        "Art. 17",
        "Art. 43",
        "Art. 47",
        "Art. 48",
        "Art. 49(1)",
        "Art. 72",
        "Art. 73",
    ] {
        assert!(plan.contains(&article), "{article} in {plan:?}");
    }
    let conformity = v["plan"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["article"] == "Art. 43")
        .unwrap();
    assert!(conformity["note"].as_str().unwrap().contains("Annex VI"));
}

#[test]
fn assess_rejects_bad_answers_listing_every_problem() {
    let home = tempfile::tempdir().unwrap();
    let bad = home.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"ai_system": "perhaps", "wat": "yes", "eu_nexus": "deployer_in_eu", "gpai_systemic": "yes"}"#,
    )
    .unwrap();
    let out = assay(
        home.path(),
        &["assess", "eu-ai-act", "--answers", bad.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("4 problem(s)"), "{err}");
    for fragment in [
        "ai_system: `perhaps`",
        "wat: no question has this ID",
        "eu_nexus: expected an array",
        "gpai_systemic: this question is not asked",
    ] {
        assert!(err.contains(fragment), "{fragment} in {err}");
    }
    std::fs::write(&bad, "[1, 2]").unwrap();
    let out = assay(
        home.path(),
        &["assess", "eu-ai-act", "--answers", bad.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("expected a JSON object"));
}
