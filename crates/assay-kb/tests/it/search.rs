use crate::kb;

fn top(query: &str) -> String {
    kb().search(query, 5)
        .first()
        .map(|h| h.item.id.clone())
        .unwrap_or_default()
}

#[test]
fn id_spellings_find_the_item_first() {
    assert_eq!(top("cc6.1"), "soc2:CC6.1");
    assert_eq!(top("CC6.1"), "soc2:CC6.1");
    assert_eq!(top("AC-2(1)"), "nist-800-53r5:AC-2(1)");
    assert_eq!(top("ac-02(01)"), "nist-800-53r5:AC-2(1)");
    assert_eq!(top("GOVERN 1.1"), "nist-ai-rmf:GOVERN-1.1");
    assert_eq!(top("A.6.2.4"), "iso42001:A.6.2.4");
    assert_eq!(top("Annex III 4(a)"), "eu-ai-act:annex-iii.4.a");
    assert_eq!(top("Art. 6(3)(a)"), "eu-ai-act:art-6.3.a");
}

#[test]
fn one_typo_in_an_id_still_finds_it() {
    // CC6.11 does not exist; CC6.1 is one keystroke away.
    assert_eq!(top("cc6.11"), "soc2:CC6.1");
    assert_eq!(top("AC-2(1))"), "nist-800-53r5:AC-2(1)");
    let hits: Vec<String> = kb()
        .search("govern-1.l", 10)
        .into_iter()
        .map(|h| h.item.id.clone())
        .collect();
    assert!(
        hits.iter().any(|h| h.starts_with("nist-ai-rmf:GOVERN-1")),
        "{hits:?}"
    );
}

#[test]
fn words_rank_titles_above_passing_mentions() {
    let kb = kb();
    let hits = kb.search("human oversight", 10);
    assert!(!hits.is_empty());
    assert!(
        hits[..3].iter().any(|h| h.item.id == "eu-ai-act:art-14"),
        "{:?}",
        hits.iter().map(|h| &h.item.id).collect::<Vec<_>>()
    );
    let hits = kb.search("account management", 3);
    assert_eq!(hits[0].item.id, "nist-800-53r5:AC-2");
}

#[test]
fn nonsense_finds_nothing() {
    assert!(kb().search("zzqxv", 10).is_empty());
}
