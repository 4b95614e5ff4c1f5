use serde_json::json;

use crate::{validate, with_edit};

fn items(value: &mut serde_json::Value) -> &mut Vec<serde_json::Value> {
    value["items"].as_array_mut().unwrap()
}

#[test]
fn shipped_data_is_valid() {
    let problems = crate::validate(
        &assay_kb::bundled_files()
            .iter()
            .map(|f| (f.path.to_owned(), f.text.to_owned()))
            .collect::<Vec<_>>(),
    );
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn dangling_parent_is_reported_with_file_and_id() {
    let files = with_edit("frameworks/soc2.json", |v| {
        let criterion = items(v)
            .iter_mut()
            .find(|i| i["id"] == "soc2:CC6.1")
            .unwrap();
        criterion["parent"] = json!("soc2:CC66");
    });
    assert_eq!(
        validate(&files),
        ["frameworks/soc2.json: soc2:CC6.1: parent `soc2:CC66` does not exist in this framework"]
    );
}

#[test]
fn dangling_crosswalk_target_is_reported() {
    let files = with_edit("crosswalks/soc2--nist-800-53r5.json", |v| {
        v["mappings"][0]["to"] = json!("nist-800-53r5:ZZ-99");
    });
    let problems = validate(&files);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].contains("`nist-800-53r5:ZZ-99` is not an item of nist-800-53r5"),
        "{problems:#?}"
    );
}

#[test]
fn dangling_citation_and_obligation_article_are_reported() {
    let files = with_edit("frameworks/nist-ai-600-1.json", |v| {
        items(v)[0]["cites"] = json!(["nist-ai-rmf:GOVERN-9.9"]);
    });
    assert!(validate(&files)[0].contains("cites `nist-ai-rmf:GOVERN-9.9`, which does not exist"));

    let files = with_edit("eu-ai-act/obligations.json", |v| {
        v["obligations"][0]["article"] = json!("eu-ai-act:art-999");
        v["obligations"][1]["date_key"] = json!("someday");
    });
    let problems = validate(&files);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("article `eu-ai-act:art-999` does not exist"))
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("date key `someday` is not in the dates table"))
    );
}

#[test]
fn count_that_disagrees_with_the_items_is_reported() {
    let files = with_edit("frameworks/nist-ai-rmf.json", |v| {
        let list = items(v);
        let last = list
            .iter()
            .rposition(|i| i["kind"] == "subcategory")
            .unwrap();
        let removed = list.remove(last);
        // Keep the crosswalk consistent so only the count is wrong.
        assert!(
            removed["id"]
                .as_str()
                .unwrap()
                .starts_with("nist-ai-rmf:MANAGE")
        );
    });
    let problems = validate(&files);
    assert!(
        problems.iter().any(|p| p == "frameworks/nist-ai-rmf.json: nist-ai-rmf: declares 72 item(s) of kind `subcategory` but has 71"),
        "{problems:#?}"
    );
}

#[test]
fn duplicate_id_is_reported() {
    let files = with_edit("frameworks/iso42001.json", |v| {
        let list = items(v);
        let copy = list
            .iter()
            .find(|i| i["id"] == "iso42001:A.6.2.4")
            .unwrap()
            .clone();
        list.push(copy);
    });
    let problems = validate(&files);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("iso42001:A.6.2.4: duplicate ID")),
        "{problems:#?}"
    );
}

#[test]
fn unmapped_item_breaks_a_complete_crosswalk() {
    let files = with_edit("crosswalks/nist-ai-rmf--iso42001.json", |v| {
        v["mappings"]
            .as_array_mut()
            .unwrap()
            .retain(|m| m["from"] != "nist-ai-rmf:GOVERN-1.1");
    });
    let problems = validate(&files);
    assert_eq!(
        problems,
        [
            "crosswalks/nist-ai-rmf--iso42001.json: nist-ai-rmf:GOVERN-1.1: is not mapped, but the crosswalk claims every-from-item coverage"
        ]
    );
}

#[test]
fn missing_provenance_and_unknown_fields_are_reported() {
    let files = with_edit("frameworks/soc2.json", |v| {
        v["licence"]["name"] = json!("");
        v["source"]["url"] = json!(" ");
    });
    let problems = validate(&files);
    assert_eq!(problems.len(), 2, "{problems:#?}");

    let files = with_edit("frameworks/soc2.json", |v| {
        v["items"][0]["titel"] = json!("typo");
    });
    let problems = validate(&files);
    assert!(
        problems[0].contains("unknown field `titel`"),
        "{problems:#?}"
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut files = with_edit("frameworks/soc2.json", |v| {
        v["declared_counts"]["criterion"] = json!(60);
        v["items"][3]["parent"] = json!("soc2:nowhere");
    });
    let broken_dates: Vec<(String, String)> = with_edit("eu-ai-act/application-dates.json", |v| {
        v["dates"]
            .as_array_mut()
            .unwrap()
            .retain(|d| d["key"] != "high-risk.annex-iii");
    });
    let dates = broken_dates
        .into_iter()
        .find(|(p, _)| p == "eu-ai-act/application-dates.json")
        .unwrap();
    files.retain(|(p, _)| p != &dates.0);
    files.push(dates);
    let problems = validate(&files);
    // The count, the parent, the missing row, and each obligation that used
    // the row's key through the high-risk route.
    assert!(
        problems.iter().any(|p| p.contains("declares 60")),
        "{problems:#?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("soc2:nowhere")),
        "{problems:#?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("`high-risk.annex-iii` row is missing")),
        "{problems:#?}"
    );
}

#[test]
fn invalid_knowledge_base_refuses_to_load() {
    let files = with_edit("frameworks/soc2.json", |v| {
        v["declared_counts"]["criterion"] = json!(62);
    });
    let borrowed: Vec<assay_kb::AssetFile<'_>> = files
        .iter()
        .map(|(path, text)| assay_kb::AssetFile { path, text })
        .collect();
    let error = assay_kb::KnowledgeBase::load(&borrowed)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("declares 62 item(s) of kind `criterion` but has 61"),
        "{error}"
    );
}
