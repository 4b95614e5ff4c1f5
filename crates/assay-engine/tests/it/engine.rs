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
