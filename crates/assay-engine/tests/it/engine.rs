use assay_engine::{Answers, check, progress};
use serde_json::json;

fn answers(value: serde_json::Value) -> Answers {
    serde_json::from_value(value).unwrap()
}

#[test]
fn malformed_answers_are_all_reported() {
    let (_, questionnaires) = crate::setup();
    let q = crate::eu_ai_act(&questionnaires);
    let problems = check(
        q,
        &answers(json!({
            "ai_system": "maybe",
            "eu_nexus": "placed_on_eu_market",
            "no_such_question": "yes",
            "gpai_systemic": "yes"
        })),
    );
    let by_question: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| (p.question.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(by_question.len(), 4, "{by_question:#?}");
    assert!(by_question.contains(&("ai_system", "`maybe` is not one of yes, no, not_sure")));
    assert!(by_question.contains(&("eu_nexus", "expected an array of options but got a string")));
    assert!(by_question.contains(&("no_such_question", "no question has this ID")));
    assert!(by_question.contains(&(
        "gpai_systemic",
        "this question is not asked given the other answers"
    )));
}

#[test]
fn none_is_exclusive() {
    let (_, questionnaires) = crate::setup();
    let q = crate::eu_ai_act(&questionnaires);
    let problems = check(
        q,
        &answers(json!({ "ai_system": "yes", "eu_nexus": ["none", "deployer_in_eu"] })),
    );
    assert_eq!(
        problems[0].message,
        "`none` cannot be combined with other options"
    );
}

#[test]
fn follow_ups_appear_only_when_they_matter() {
    let (_, questionnaires) = crate::setup();
    let q = crate::eu_ai_act(&questionnaires);
    let start = progress(q, &Answers::new());
    assert!(start.asked.contains(&"ai_system".to_owned()));
    assert!(!start.asked.contains(&"profiling".to_owned()));

    let mid = progress(
        q,
        &answers(
            json!({ "ai_system": "yes", "eu_nexus": ["deployer_in_eu"], "annex_iii_area": ["employment"] }),
        ),
    );
    assert!(mid.asked.contains(&"annex_iii_employment".to_owned()));
    assert!(mid.asked.contains(&"profiling".to_owned()));
    assert!(!mid.asked.contains(&"annex_iii_education".to_owned()));

    let unsure = progress(q, &answers(json!({ "ai_system": "not_sure" })));
    assert_eq!(unsure.unsure, ["ai_system"]);
}

#[test]
fn questionnaire_validation_catches_dangling_citations_and_conditions() {
    let kb = assay_kb::KnowledgeBase::bundled().unwrap();
    let text = include_str!("../../../../assets/questionnaires/eu-ai-act.json");
    let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
    value["questions"][1]["cites"] = json!(["eu-ai-act:art-999"]);
    value["questions"][2]["ask_if"] = json!({ "q": "later_question", "is": "yes" });
    let edited = serde_json::to_string(&value).unwrap();
    let files = [assay_kb::AssetFile {
        path: "questionnaires/eu-ai-act.json",
        text: &edited,
    }];
    let problems: Vec<String> = assay_engine::validate_questionnaires(&kb, &files)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].contains("cites `eu-ai-act:art-999`"));
    assert!(
        problems[1].contains("condition reads `later_question`, which is not an earlier question")
    );
}

/// Edits the EU AI Act questionnaire in memory and returns the validator's
/// messages.
fn problems_after(edit: impl FnOnce(&mut serde_json::Value)) -> Vec<String> {
    let kb = assay_kb::KnowledgeBase::bundled().unwrap();
    let text = include_str!("../../../../assets/questionnaires/eu-ai-act.json");
    let mut value: serde_json::Value = serde_json::from_str(text).unwrap();
    edit(&mut value);
    let edited = serde_json::to_string(&value).unwrap();
    let files = [assay_kb::AssetFile {
        path: "questionnaires/eu-ai-act.json",
        text: &edited,
    }];
    assay_engine::validate_questionnaires(&kb, &files)
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn question_index(value: &serde_json::Value, id: &str) -> usize {
    value["questions"]
        .as_array()
        .unwrap()
        .iter()
        .position(|q| q["id"] == id)
        .unwrap()
}

#[test]
fn option_tables_presumptions_and_retired_questions_are_validated() {
    let problems = problems_after(|v| {
        let i = question_index(v, "annex_iii_employment");
        v["questions"][i]["options"][0]["kb_item"] = json!("eu-ai-act:annex-iii.4.z");
        let i = question_index(v, "profiling");
        v["questions"][i]["presume"] = json!("maybe");
        v["retired"][0]["id"] = json!("ai_system");
        v["retired"][1]["maps"][0]["set"] = json!({ "t_deepfake": "often" });
    });
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(problems.iter().any(|p| {
        p.contains("names `eu-ai-act:annex-iii.4.z`, which is not in the knowledge base")
    }));
    assert!(
        problems
            .iter()
            .any(|p| p.contains("`presume` is not a valid answer"))
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("is retired but still asked"))
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("maps to an invalid answer for `t_deepfake`"))
    );
}

#[test]
fn retired_answers_carry_over_where_the_questionnaire_says_how() {
    let (_, questionnaires) = crate::setup();
    let q = crate::eu_ai_act(&questionnaires);
    let old = answers(json!({
        "ai_system": "yes",
        "eu_nexus": ["deployer_in_eu"],
        "org_roles": ["deployer"],
        "p_ncii_csam": "no",
        "t_deepfake_or_public_text": "yes"
    }));
    let (new, notes) = assay_engine::upgrade(q, &old);
    // "no" to the combined question means "no" to each limb that is asked
    // of a deployer; the supplier limbs are not asked, so not set.
    assert_eq!(new.get("p_ncii_deployer"), Some(&json!("no")));
    assert_eq!(new.get("p_csam_deployer"), Some(&json!("no")));
    assert!(!new.contains_key("p_ncii_provider"));
    assert!(!new.contains_key("p_ncii_csam"));
    // "yes" to "deep fake or public text" cannot say which: nothing is set.
    assert!(!new.contains_key("t_deepfake") && !new.contains_key("t_public_interest_text"));
    assert_eq!(notes.len(), 2);
    assert!(notes[1].contains("could not be carried over"), "{notes:?}");
    assert!(check(q, &new).is_empty(), "{:?}", check(q, &new));
}

/// Answers with nothing retired come back as they were, with no notes (and
/// the pruning of carried answers stops when nothing is left to drop).
#[test]
fn answers_with_nothing_retired_are_unchanged() {
    let (_, questionnaires) = crate::setup();
    let q = crate::eu_ai_act(&questionnaires);
    let current = answers(json!({
        "ai_system": "yes",
        "eu_nexus": ["deployer_in_eu"],
        "org_roles": ["deployer"]
    }));
    let (new, notes) = assay_engine::upgrade(q, &current);
    assert_eq!(new, current);
    assert!(notes.is_empty(), "{notes:?}");
}

/// An open answer that could make a deployer the provider under Art. 25(1)
/// says, in words, that it could change the organisation's role and how
/// many duties it could add.
#[test]
fn an_open_requalification_answer_says_it_could_change_the_role() {
    let (kb, questionnaires) = crate::setup();
    let q = crate::eu_ai_act(&questionnaires);
    let mut given = answers(json!({
        "ai_system": "yes",
        "annex_i_product": "no",
        "annex_iii_area": ["employment"],
        "annex_iii_employment": ["recruitment_selection"],
        "eu_nexus": ["deployer_in_eu"],
        "exclusion": ["none"],
        "gpai_model": "no",
        "org_roles": ["deployer"],
        "profiling": "yes",
        "purpose_change": "no",
        "substantial_modification": "no",
        "rebrand": "not_sure"
    }));
    for prohibition in [
        "p_biometric_sensitive",
        "p_crime_prediction",
        "p_csam_deployer",
        "p_emotion_work_education",
        "p_face_scraping",
        "p_manipulation",
        "p_ncii_deployer",
        "p_realtime_rbi",
        "p_social_scoring",
        "p_vulnerability",
    ] {
        given.insert(prohibition.to_owned(), json!("no"));
    }
    let verdict = assay_engine::eu_ai_act::classify(&kb, q, &given).unwrap();
    let open = verdict
        .open_questions
        .iter()
        .find(|o| o.question == "rebrand")
        .expect("the rebrand answer is open");
    assert!(
        open.why.contains("could change the organisation's role"),
        "{}",
        open.why
    );
    assert!(open.why.contains("could add up to"), "{}", open.why);
}

/// A use Annex III itself leaves out (fraud detection, point 5(b)) is named
/// in the trace with the point that excludes it, so the reader sees why a
/// credit-adjacent system is not listed.
#[test]
fn an_excluded_annex_iii_use_is_traced_to_the_point_that_excludes_it() {
    let (kb, questionnaires) = crate::setup();
    let q = crate::eu_ai_act(&questionnaires);
    let given = answers(json!({
        "ai_system": "yes",
        "annex_iii_area": ["essential_services"],
        "annex_iii_essential_services": ["fraud_detection_only"],
        "eu_nexus": ["deployer_in_eu"],
        "org_roles": ["deployer"]
    }));
    let verdict = assay_engine::eu_ai_act::classify(&kb, q, &given).unwrap();
    let step = verdict
        .trace
        .iter()
        .find(|s| s.rule == "annex-iii-exclusion")
        .expect("the exclusion is in the trace");
    assert_eq!(step.citation_ids, ["eu-ai-act:annex-iii.5.b"]);
    assert_eq!(step.answers, ["annex_iii_essential_services"]);
    assert!(
        !verdict
            .legal_basis
            .iter()
            .any(|b| b.starts_with("Annex III"))
    );
}

/// Art. 6(1) help texts state the reported post-amendment safety-component
/// test and the MDR notified-body rule, so an assessor answers the right
/// question.
#[test]
fn product_help_texts_state_the_tests_they_rely_on() {
    let (_, questionnaires) = crate::setup();
    let q = crate::eu_ai_act(&questionnaires);
    let help = |id: &str| q.question(id).unwrap().help.clone();
    assert!(help("annex_i_product").contains("6(1a)"));
    assert!(help("annex_i_product").contains("reported"));
    assert!(help("third_party_conformity").contains("Art. 52 MDR"));
    assert!(help("third_party_conformity").contains("IIa, IIb and III"));
    assert!(help("annex_i_act").contains("Section B"));
    for question in &q.questions {
        assert!(
            question.help.contains("Art.") || question.help.contains("Annex"),
            "{} help names no provision",
            question.id
        );
    }
}

/// Each element of the Art. 27 worksheet is filled by a question the
/// interview asks a deployer of an Annex III system, so the report can show
/// the answer beside the element.
#[test]
fn every_fria_worksheet_element_has_its_question() {
    let (kb, questionnaires) = crate::setup();
    let q = crate::eu_ai_act(&questionnaires);
    let answers: assay_engine::Answers = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../assets/questionnaires/samples/eu-ai-act-cv-screener-deployer.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let verdict = assay_engine::eu_ai_act::classify(&kb, q, &answers).unwrap();
    assert_eq!(verdict.fria.worksheet.len(), 6);
    let asked = assay_engine::progress(q, &answers).asked;
    for element in &verdict.fria.worksheet {
        let question = q
            .question(&element.question)
            .unwrap_or_else(|| panic!("{}: no question {}", element.citation, element.question));
        assert!(asked.contains(&question.id), "{} is asked", question.id);
        assert!(question.help.contains(&element.citation));
    }
}

/// The trace must not explain a verdict with facts nobody gave: before the
/// EU-link question is answered, it says the link is unknown rather than
/// absent.
#[test]
fn the_trace_never_states_an_unanswered_fact() {
    let (kb, questionnaires) = crate::setup();
    let q = crate::eu_ai_act(&questionnaires);
    let verdict =
        assay_engine::eu_ai_act::classify(&kb, q, &answers(json!({ "ai_system": "yes" }))).unwrap();
    let scope: Vec<&str> = verdict
        .trace
        .iter()
        .filter(|s| s.rule == "territorial-scope")
        .map(|s| s.outcome.as_str())
        .collect();
    assert_eq!(scope, ["The link to the EU market is not yet known."]);
}

/// Art. 111(4)'s marking transition is for generative systems only: a
/// legacy résumé screener's reasoning must not mention it.
#[test]
fn only_generative_systems_get_the_marking_transition() {
    let (kb, questionnaires) = crate::setup();
    let q = crate::eu_ai_act(&questionnaires);
    let file: serde_json::Value = serde_json::from_str(include_str!(
        "../../../../assets/questionnaires/eu-ai-act.cases.json"
    ))
    .unwrap();
    let case = |id: &str| -> Answers {
        let c = file["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap();
        serde_json::from_value(c["answers"].clone()).unwrap()
    };
    let cites_111_4 = |answers: &Answers| {
        assay_engine::eu_ai_act::classify(&kb, q, answers)
            .unwrap()
            .trace
            .iter()
            .any(|s| s.citation_ids.iter().any(|c| c == "eu-ai-act:art-111.4"))
    };
    assert!(cites_111_4(&case("n-art-111-4-generative-legacy-marking")));
    assert!(!cites_111_4(&case(
        "n-art-111-2-legacy-cv-screener-unchanged"
    )));
}
