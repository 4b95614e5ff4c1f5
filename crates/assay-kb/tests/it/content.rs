//! The shipped content holds the facts the official sources state.

use std::collections::BTreeMap;

use assay_kb::{Baseline, Certainty, Fact, Role};

use crate::kb;

fn counts(framework: &str) -> BTreeMap<String, usize> {
    kb().stats()
        .into_iter()
        .find(|s| s.id == framework)
        .unwrap()
        .counts
}

#[test]
fn official_counts() {
    let rmf = counts("nist-ai-rmf");
    assert_eq!(
        (
            rmf["function"],
            rmf["category"],
            rmf["subcategory"],
            rmf["characteristic"]
        ),
        (4, 19, 72, 7)
    );
    assert_eq!(counts("nist-ai-600-1")["risk"], 12);
    assert_eq!(counts("iso42001")["control"], 38);
    assert_eq!(counts("soc2")["criterion"], 61);
    let sp = counts("nist-800-53r5");
    assert_eq!(
        (sp["family"], sp["control"], sp["enhancement"]),
        (20, 324, 872)
    );
}

#[test]
fn ai_rmf_subcategories_per_function() {
    let kb = kb();
    let rmf = kb.framework("nist-ai-rmf").unwrap();
    let per_function = |f: &str| {
        rmf.items
            .iter()
            .filter(|i| i.kind == "subcategory" && i.id.starts_with(&format!("nist-ai-rmf:{f}-")))
            .count()
    };
    assert_eq!(
        [
            per_function("GOVERN"),
            per_function("MAP"),
            per_function("MEASURE"),
            per_function("MANAGE")
        ],
        [19, 18, 22, 13]
    );
}

#[test]
fn soc2_criteria_per_category() {
    let kb = kb();
    let soc2 = kb.framework("soc2").unwrap();
    let prefix = |p: &str| {
        soc2.items
            .iter()
            .filter(|i| i.kind == "criterion" && i.label.starts_with(p))
            .count()
    };
    assert_eq!(
        [
            prefix("CC"),
            prefix("A1"),
            prefix("C1"),
            prefix("PI"),
            prefix("P") - prefix("PI")
        ],
        [33, 3, 2, 5, 18]
    );
}

#[test]
fn eu_ai_act_annex_iii_and_article_5() {
    let kb = kb();
    let annex_iii: Vec<_> = kb
        .framework("eu-ai-act")
        .unwrap()
        .items
        .iter()
        .filter(|i| i.kind == "annex-iii-entry")
        .collect();
    assert_eq!(annex_iii.len(), 25);
    assert!(kb.item("eu-ai-act:annex-iii.2").is_some());
    assert!(kb.item("eu-ai-act:annex-iii.4.a").is_some());
    // The eight points of 2024 and the two the 2026 amendment is reported
    // to add; the added ones carry the "reported" mark.
    let practices: Vec<_> = kb
        .framework("eu-ai-act")
        .unwrap()
        .items
        .iter()
        .filter(|i| i.kind == "prohibited-practice")
        .map(|i| (i.id.as_str(), i.status))
        .collect();
    let expected: Vec<(String, Certainty)> = ["a", "b", "ba", "bb", "c", "d", "e", "f", "g", "h"]
        .iter()
        .map(|p| {
            let status = if p.len() == 2 {
                Certainty::Reported
            } else {
                Certainty::Published
            };
            (format!("eu-ai-act:art-5.1.{p}"), status)
        })
        .collect();
    let mut got: Vec<(String, Certainty)> = practices
        .iter()
        .map(|(id, s)| ((*id).to_owned(), *s))
        .collect();
    got.sort();
    let mut want = expected;
    want.sort();
    assert_eq!(got, want);
    // Annex I: 12 Section A points, 8 Section B points, and machinery moved
    // to Section B as reported.
    let machinery = kb.item("eu-ai-act:annex-i.b.machinery").unwrap();
    assert_eq!(machinery.parent.as_deref(), Some("eu-ai-act:annex-i.b"));
    assert_eq!(machinery.status, Certainty::Reported);
    for condition in ["a", "b", "c", "d"] {
        assert!(kb.item(&format!("eu-ai-act:art-6.3.{condition}")).is_some());
    }
}

#[test]
fn sp_800_53_baselines_match_sp_800_53b() {
    let kb = kb();
    let sp = kb.framework("nist-800-53r5").unwrap();
    let count = |b: Baseline| sp.items.iter().filter(|i| i.baselines.contains(&b)).count();
    assert_eq!(
        [
            count(Baseline::Low),
            count(Baseline::Moderate),
            count(Baseline::High),
            count(Baseline::Privacy)
        ],
        [149, 287, 370, 96]
    );
    let ac21 = kb.item("nist-800-53r5:AC-2(1)").unwrap();
    assert_eq!(ac21.baselines, [Baseline::Moderate, Baseline::High]);
    assert_eq!(ac21.parent.as_deref(), Some("nist-800-53r5:AC-2"));
}

#[test]
fn omnibus_dates_record_both_rules_and_their_sources() {
    let kb = kb();
    let annex_iii = kb.application_date("high-risk.annex-iii").unwrap();
    assert_eq!(
        annex_iii.original.as_ref().unwrap().date.to_string(),
        "2026-08-02"
    );
    assert_eq!(
        annex_iii.effective().unwrap().date.to_string(),
        "2027-12-02"
    );
    assert!(
        annex_iii
            .amended
            .as_ref()
            .unwrap()
            .source
            .contains("2026/1744")
    );
    let annex_i = kb.application_date("high-risk.annex-i").unwrap();
    assert_eq!(
        annex_i.original.as_ref().unwrap().date.to_string(),
        "2027-08-02"
    );
    assert_eq!(annex_i.effective().unwrap().date.to_string(), "2028-08-02");
    let effective = |key: &str| {
        kb.application_date(key)
            .unwrap()
            .effective()
            .unwrap()
            .date
            .to_string()
    };
    assert_eq!(effective("transparency"), "2026-08-02");
    assert_eq!(effective("prohibitions"), "2025-02-02");
    assert_eq!(effective("gpai"), "2025-08-02");
    assert_eq!(effective("prohibition.ncii-csam"), "2026-12-02");
}

#[test]
fn every_role_has_obligations_with_articles() {
    let kb = kb();
    for role in Role::ALL {
        let duties: Vec<_> = kb
            .obligations()
            .obligations
            .iter()
            .filter(|o| o.role == role)
            .collect();
        assert!(!duties.is_empty(), "{role:?} has no obligations");
    }
    let deployer_high_risk: Vec<_> = kb
        .obligations()
        .obligations
        .iter()
        .filter(|o| o.role == Role::Deployer && o.when.contains(&Fact::HighRisk))
        .map(|o| o.article.as_str())
        .collect();
    for article in [
        "eu-ai-act:art-26.1",
        "eu-ai-act:art-26.2",
        "eu-ai-act:art-26.7",
        "eu-ai-act:art-26.9",
    ] {
        assert!(deployer_high_risk.contains(&article), "{article}");
    }
}

#[test]
fn copyrighted_frameworks_ship_no_official_text() {
    let kb = kb();
    for id in ["iso42001", "soc2"] {
        assert!(
            !kb.framework(id).unwrap().licence.official_text_shipped,
            "{id}"
        );
    }
}

#[test]
fn content_hash_is_stable_and_sensitive() {
    let a = kb();
    assert_eq!(a.content_hash(), kb().content_hash());
    let edited = crate::with_edit("kb.json", |v| {
        v["version"] = serde_json::json!("0.0.0-test")
    });
    let borrowed: Vec<assay_kb::AssetFile<'_>> = edited
        .iter()
        .map(|(path, text)| assay_kb::AssetFile { path, text })
        .collect();
    let b = assay_kb::KnowledgeBase::load(&borrowed).unwrap();
    assert_ne!(a.content_hash(), b.content_hash());
    assert_eq!(b.version(), "0.0.0-test");
}
