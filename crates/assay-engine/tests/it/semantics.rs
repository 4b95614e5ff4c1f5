//! The generic answer and condition rules, on a small questionnaire written
//! here so that each rule is tested apart from any framework's content.

use assay_engine::{Answers, Questionnaire, check, is_asked, progress, prune};
use serde_json::json;

fn questionnaire() -> Questionnaire {
    serde_json::from_value(json!({
        "id": "rules",
        "title": "Rules",
        "version": "1",
        "framework": "none",
        "source": { "publisher": "Assay", "document": "test", "url": "https://example.org" },
        "licence": { "name": "test", "official_text_shipped": false, "notes": "" },
        "sections": [{ "id": "s", "title": "S" }],
        "record_types": {
            "risk": { "fields": [
                { "id": "title", "label": "Title", "type": "text", "required": true },
                { "id": "level", "label": "Level", "type": "single", "options": [
                    { "value": "low", "label": "Low" }, { "value": "high", "label": "High" }
                ] }
            ] }
        },
        "questions": [
            { "id": "size", "section": "s", "prompt": "Size?", "help": "h", "type": "number" },
            { "id": "colour", "section": "s", "prompt": "Colour?", "help": "h", "type": "single",
              "decisive": true,
              "options": [{ "value": "red", "label": "Red" }, { "value": "blue", "label": "Blue" }] },
            { "id": "small_follow_up", "section": "s", "prompt": "Small?", "help": "h",
              "type": "yes_no_unsure", "ask_if": { "q": "size", "lte": 5.0 } },
            { "id": "big_follow_up", "section": "s", "prompt": "Big?", "help": "h",
              "type": "yes_no_unsure", "ask_if": { "q": "size", "gte": 10.0 } },
            { "id": "risk", "section": "s", "prompt": "Risk?", "help": "h", "type": "record",
              "record": "risk" },
            { "id": "high_follow_up", "section": "s", "prompt": "Why high?", "help": "h",
              "type": "text", "ask_if": { "q": "risk", "field": "level", "is": "high" } },
            { "id": "risks", "section": "s", "prompt": "Other risks?", "help": "h",
              "type": "record_list", "record": "risk" }
        ]
    }))
    .unwrap()
}

fn answers(value: serde_json::Value) -> Answers {
    serde_json::from_value(value).unwrap()
}

fn asked(id: &str, given: serde_json::Value) -> bool {
    let q = questionnaire();
    is_asked(q.question(id).unwrap(), &answers(given))
}

#[test]
fn number_bounds_include_the_bound_and_need_an_answer() {
    assert!(asked("small_follow_up", json!({ "size": 5 })));
    assert!(asked("small_follow_up", json!({ "size": 4.5 })));
    assert!(!asked("small_follow_up", json!({ "size": 5.5 })));
    assert!(!asked("small_follow_up", json!({})));
    assert!(asked("big_follow_up", json!({ "size": 10 })));
    assert!(!asked("big_follow_up", json!({ "size": 9.9 })));
    assert!(!asked("big_follow_up", json!({})));
}

#[test]
fn a_record_field_condition_reads_that_field() {
    let high = json!({ "risk": { "title": "Drift", "level": "high" } });
    let low = json!({ "risk": { "title": "Drift", "level": "low" } });
    assert!(asked("high_follow_up", high));
    assert!(!asked("high_follow_up", low));
    assert!(!asked(
        "high_follow_up",
        json!({ "risk": { "title": "Drift" } })
    ));
}

#[test]
fn progress_points_at_the_first_unanswered_question() {
    let q = questionnaire();
    let start = progress(&q, &Answers::new());
    assert_eq!(start.next.as_deref(), Some("size"));
    assert_eq!(start.answered, 0);

    let later = progress(&q, &answers(json!({ "size": 3, "colour": "red" })));
    assert_eq!(later.next.as_deref(), Some("small_follow_up"));
    assert_eq!(later.answered, 2);
    assert_eq!(
        later.asked,
        ["size", "colour", "small_follow_up", "risk", "risks"]
    );
    assert!(later.unsure.is_empty());

    let done = answers(json!({
        "size": 7, "colour": "blue", "risk": { "title": "Drift", "level": "low" }, "risks": []
    }));
    assert_eq!(progress(&q, &done).next, None);
}

#[test]
fn pruning_drops_answers_no_longer_asked_in_a_chain() {
    let q = questionnaire();
    let before = answers(json!({
        "size": 12, "big_follow_up": "yes",
        "risk": { "title": "Drift", "level": "high" }, "high_follow_up": "because"
    }));
    assert_eq!(prune(&q, &before), before);
    let mut changed = before.clone();
    changed.insert("size".into(), json!(2));
    let kept = prune(&q, &changed);
    assert!(!kept.contains_key("big_follow_up"));
    assert!(kept.contains_key("high_follow_up"));
}

fn messages(given: serde_json::Value) -> Vec<String> {
    check(&questionnaire(), &answers(given))
        .into_iter()
        .map(|p| format!("{}: {}", p.question, p.message))
        .collect()
}

#[test]
fn single_choice_accepts_only_its_options() {
    assert!(messages(json!({ "colour": "red" })).is_empty());
    assert_eq!(
        messages(json!({ "colour": "green" })),
        ["colour: `green` is not one of red, blue"]
    );
}

#[test]
fn records_are_checked_field_by_field() {
    assert!(messages(json!({ "risk": { "title": "Drift", "level": "low" } })).is_empty());
    assert!(messages(json!({ "risk": { "title": "Drift" } })).is_empty());
    assert_eq!(
        messages(json!({ "risk": { "level": "low" } })),
        ["risk: `title` is required"]
    );
    assert_eq!(
        messages(json!({ "risk": { "title": "Drift", "owner": "Ana" } })),
        ["risk: `owner` is not one of the fields title, level"]
    );
    assert_eq!(
        messages(json!({ "risk": { "title": "Drift", "level": "extreme" } })),
        ["risk: `level`: `extreme` is not one of low, high"]
    );
    assert_eq!(
        messages(json!({ "risk": "Drift" })),
        ["risk: expected an object of fields but got a string"]
    );
}

#[test]
fn numbers_are_checked() {
    assert!(messages(json!({ "size": 3.25 })).is_empty());
    assert_eq!(
        messages(json!({ "size": "three" })),
        ["size: expected a number but got a string"]
    );
}

#[test]
fn a_record_list_takes_any_number_of_valid_records() {
    assert!(messages(json!({ "risks": [] })).is_empty());
    assert!(
        messages(json!({ "risks": [{ "title": "Drift" }, { "title": "Bias", "level": "high" }] }))
            .is_empty()
    );
    assert_eq!(
        messages(json!({ "risks": [{ "title": "Drift" }, { "level": "high" }] })),
        ["risks: entry 2: `title` is required"]
    );
    assert_eq!(
        messages(json!({ "risks": { "title": "Drift" } })),
        ["risks: expected an array of objects of fields but got an object"]
    );
}
