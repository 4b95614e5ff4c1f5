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

/// The official catalogue (kept gzip-compressed in `tests/fixtures/oscal/`).
#[test]
fn real_nist_catalog_parses_and_matches_the_kb() {
    use std::io::Read;
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/oscal/NIST_SP-800-53_rev5.1.0_catalog.json.gz");
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap())
        .read_to_string(&mut text)
        .unwrap();
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
