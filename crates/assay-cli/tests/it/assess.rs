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

#[test]
fn the_predictive_maintenance_sample_gets_its_risk_profile() {
    let home = tempfile::tempdir().unwrap();
    let answers = sample("ai-rmf-predictive-maintenance");
    let profile = json(&assay(
        home.path(),
        &[
            "assess",
            "ai-rmf",
            "--answers",
            answers.to_str().unwrap(),
            "--on",
            "2026-12-02",
            "--format",
            "json",
        ],
    ));
    assert_eq!(
        profile["eu_ai_act"]["verdict"]["risk_class"],
        "minimal_risk"
    );
    let trace = profile["eu_ai_act"]["verdict"]["trace"].as_array().unwrap();
    assert!(
        trace.iter().any(|s| s["citation"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "Art. 6(1)")),
        "the Art. 6(1) test is cited"
    );
    let risks = profile["risks"].as_array().unwrap();
    let drift = risks.iter().find(|r| r["id"] == "sensor-drift").unwrap();
    assert_eq!(drift["inherent"], 9);
    assert_eq!(drift["residual"], 6);
    let cells: u64 = profile["heat_map_residual"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|row| row.as_array().unwrap())
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(cells as usize, risks.len());
    assert_eq!(profile["gaps"][0]["question"], "rmf_map_2_3");
    let missed = profile["losses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == "missed-failures")
        .unwrap();
    assert_eq!(missed["value"], 777_600.0);
    assert!(
        missed["formula"]
            .as_str()
            .unwrap()
            .contains("downtime_cost_per_hour")
    );
    // Treatment is due from the assessment date by the band's allowance.
    let plan = profile["treatment_plan"].as_array().unwrap();
    assert!(
        plan.iter()
            .all(|t| t["due"].as_str().unwrap() > "2026-12-02")
    );

    let out = assay(
        home.path(),
        &[
            "assess",
            "ai-rmf",
            "--answers",
            answers.to_str().unwrap(),
            "--on",
            "someday",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_assessor_overrides_a_profile_score_only_with_a_reason() {
    let home = tempfile::tempdir().unwrap();
    let project = home.path().join("plant.assay");
    let p = project.to_str().unwrap();
    let out = assay(
        home.path(),
        &["project", "new", p, "--template", "predictive-maintenance"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let answers = sample("ai-rmf-predictive-maintenance");
    assert!(
        assay(
            home.path(),
            &["project", "import-answers", p, answers.to_str().unwrap()]
        )
        .status
        .success()
    );
    let without = assay(
        home.path(),
        &[
            "risk",
            "add",
            p,
            "--title",
            "Sensor drift",
            "--likelihood",
            "2",
            "--impact",
            "2",
            "--overrides",
            "sensor-drift",
        ],
    );
    assert_eq!(without.status.code(), Some(2));
    assert!(
        stderr(&without).contains("needs a justification"),
        "{}",
        stderr(&without)
    );
    let unknown = assay(
        home.path(),
        &[
            "risk",
            "add",
            p,
            "--title",
            "X",
            "--likelihood",
            "2",
            "--impact",
            "2",
            "--overrides",
            "no-such-risk",
            "--justification",
            "x",
        ],
    );
    assert_eq!(unknown.status.code(), Some(2));
    let with = assay(
        home.path(),
        &[
            "risk",
            "add",
            p,
            "--title",
            "Sensor drift",
            "--likelihood",
            "2",
            "--impact",
            "2",
            "--overrides",
            "sensor-drift",
            "--justification",
            "All sensors were replaced in 2026 and are under warranty.",
        ],
    );
    assert!(with.status.success(), "{}", stderr(&with));
    let exported = json(&assay(home.path(), &["project", "export-json", p]));
    assert_eq!(exported["risks"][0]["source"], "profile:sensor-drift");
    let pdf = home.path().join("plant.pdf");
    assert!(
        assay(home.path(), &["report", p, "--out", pdf.to_str().unwrap()])
            .status
            .success()
    );
    let data = assay_report_data(&pdf);
    let drift = data["assessments"][0]["profile"]["risks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "sensor-drift")
        .unwrap()
        .clone();
    assert_eq!(drift["inherent"], 4);
    assert_eq!(drift["overridden"]["computed"], serde_json::json!([9, 6]));
}

/// The data a report embeds, read with lopdf.
fn assay_report_data(pdf: &std::path::Path) -> serde_json::Value {
    let doc = lopdf::Document::load(pdf).unwrap();
    let stream = doc
        .objects
        .values()
        .find_map(|o| {
            let s = o.as_stream().ok()?;
            (s.dict.get(b"Type").ok()?.as_name().ok()? == b"EmbeddedFile")
                .then(|| s.content.clone())
        })
        .unwrap();
    serde_json::from_slice(&stream).unwrap()
}

#[test]
fn the_ai_saas_sample_gets_its_soc2_readiness() {
    let home = tempfile::tempdir().unwrap();
    let answers = sample("soc2-ai-saas");
    let r = json(&assay(
        home.path(),
        &[
            "assess",
            "soc2",
            "--answers",
            answers.to_str().unwrap(),
            "--on",
            "2026-12-01",
            "--format",
            "json",
        ],
    ));
    assert_eq!(
        r["in_scope"],
        serde_json::json!([
            "security",
            "availability",
            "confidentiality",
            "processing_integrity"
        ])
    );
    assert_eq!(r["suggested"][0]["category"], "privacy");
    assert_eq!(r["stale"][0]["id"], "soc2:CC6.3");
    assert_eq!(r["stale"][0]["lapsed_on"], "2026-08-01");
    let cc6_3 = r["controls"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "soc2:CC6.3")
        .unwrap();
    assert_eq!(cc6_3["level"], 3);
    assert!(
        cc6_3["rules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x.as_str().unwrap().contains("lapsed on 2026-08-01"))
    );
    assert!(r["timeline"]["type2_report"].as_str().unwrap() > "2027-06-01");
    assert!(!r["sampling"].as_array().unwrap().is_empty());
}

/// An answer the assessor saves as verified against evidence lifts a
/// control past the client-assertion cap; the same answer asserted does not.
#[test]
fn a_verified_answer_scores_above_an_asserted_one() {
    let home = tempfile::tempdir().unwrap();
    let project = home.path().join("saas.assay");
    let p = project.to_str().unwrap();
    assert!(
        assay(
            home.path(),
            &["project", "new", p, "--template", "soc2-readiness"]
        )
        .status
        .success()
    );
    let answers = sample("soc2-ai-saas");
    let mut set: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&answers).unwrap()).unwrap();
    // CC6.1 operating through the window, its provenance left to the answer.
    set["cc6_1"] = serde_json::json!({
        "status": "operating", "owner": "CTO", "frequency": "quarterly",
        "operated_through_window": "yes"
    });
    let file = home.path().join("answers.json");
    std::fs::write(&file, set.to_string()).unwrap();
    assert!(
        assay(
            home.path(),
            &["project", "import-answers", p, file.to_str().unwrap()]
        )
        .status
        .success()
    );
    let level = |home: &std::path::Path| {
        let pdf = home.join("r.pdf");
        let _ = std::fs::remove_file(&pdf);
        assert!(
            assay(home, &["report", p, "--out", pdf.to_str().unwrap()])
                .status
                .success()
        );
        let doc = lopdf::Document::load(&pdf).unwrap();
        let data: serde_json::Value = doc
            .objects
            .values()
            .find_map(|o| {
                let s = o.as_stream().ok()?;
                (s.dict.get(b"Type").ok()?.as_name().ok()? == b"EmbeddedFile")
                    .then(|| serde_json::from_slice(&s.content).ok())?
            })
            .unwrap();
        data["assessments"][0]["readiness"]["controls"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "soc2:CC6.1")
            .unwrap()["level"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(level(home.path()), 3, "asserted: capped at 3");
    let value = set["cc6_1"].to_string();
    let out = assay(
        home.path(),
        &[
            "project",
            "answer",
            p,
            "cc6_1",
            &value,
            "--provenance",
            "evidence-verified",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(level(home.path()), 4, "verified: operating");
}
