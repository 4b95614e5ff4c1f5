use std::{collections::BTreeMap, path::Path};

use assay_kb::{Statement, oscal::parse_catalog};

const FIXTURE: &str = include_str!("../fixtures/tiny-oscal-catalog.json");

#[test]
fn fixture_statements_attach_and_become_searchable() {
    let parsed = parse_catalog(FIXTURE).unwrap();
    assert_eq!(parsed.statements.len(), 3);
    let mut kb = crate::kb();
    assert!(kb.search("zebracrossing", 5).is_empty());
    let statements: BTreeMap<String, Statement> = parsed
        .statements
        .into_iter()
        .map(|(label, text)| {
            (
                format!("nist-800-53r5:{label}"),
                Statement {
                    text,
                    source: "fixture".into(),
                },
            )
        })
        .collect();
    let unknown = kb.attach_statements(statements);
    assert_eq!(unknown, ["nist-800-53r5:ZZ-1"]);
    assert_eq!(
        kb.search("zebracrossing", 5)[0].item.id,
        "nist-800-53r5:AC-2"
    );
    assert!(
        kb.statement("nist-800-53r5:AC-2(1)")
            .unwrap()
            .text
            .contains("[Selection: automated; manual]")
    );
}

/// The official catalogue, when the shared sources are beside the checkout.
#[test]
fn real_nist_catalog_parses_and_matches_the_kb() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/kb-sources/nist-800-53-rev5-oscal/NIST_SP-800-53_rev5.1.0_catalog_2021-06-08_a849dbc.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {} is not present", path.display());
        return;
    };
    let parsed = parse_catalog(&text).unwrap();
    let kb = crate::kb();
    let matched = parsed
        .statements
        .keys()
        .filter(|label| kb.item(&format!("nist-800-53r5:{label}")).is_some())
        .count();
    // Withdrawn controls carry no statement, so fewer than 1,189 have text;
    // every one that has text must match an item.
    assert_eq!(matched, parsed.statements.len());
    assert!(matched > 1000, "{matched}");
    assert!(parsed.statements["AC-2"].starts_with("a. Define and document the types of accounts"));
}
