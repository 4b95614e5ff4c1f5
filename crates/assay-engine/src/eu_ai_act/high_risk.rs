//! The routes to high-risk: Art. 6(1) with Annex I (which section decides
//! what applies), Art. 6(2) with Annex III and its built-in exclusions, and
//! the Art. 6(3) derogation with its profiling override.

use assay_kb::KnowledgeBase;

use super::findings::{Findings, Reading};
use super::verdict::HighRiskRoute;

const SECTION_B: &str = "eu-ai-act:annex-i.b";
const POINT_2: &str = "eu-ai-act:annex-iii.2";

/// Art. 6(1): a product, or a safety component of one, covered by Annex I
/// legislation that requires third-party conformity assessment. The section
/// of Annex I the act sits in decides what follows (Art. 2(2)).
pub(crate) fn annex_i(kb: &KnowledgeBase, r: &Reading<'_>, f: &mut Findings) {
    if !r.yes("annex_i_product") {
        if r.answered("annex_i_product") {
            f.step(kb, "high-risk-annex-i", &["annex_i_product"], &["eu-ai-act:art-6.1"], "Not a product, or a safety component of a product, covered by Annex I: Art. 6(1) does not apply.");
        }
        return;
    }
    if !r.yes("third_party_conformity") {
        f.step(kb, "high-risk-annex-i", &["annex_i_product", "third_party_conformity"], &["eu-ai-act:art-6.1.b"], "The product needs no third-party conformity assessment: Art. 6(1) does not make it high-risk.");
        return;
    }
    let act = r.items("annex_i_act").first().copied();
    let section_b = act
        .and_then(|a| kb.item(a))
        .is_some_and(|i| i.parent.as_deref() == Some(SECTION_B));
    let mut cites = vec!["eu-ai-act:art-6.1"];
    cites.extend(act);
    let answers = ["annex_i_product", "annex_i_act", "third_party_conformity"];
    if section_b {
        cites.push("eu-ai-act:art-2.2");
        f.step(kb, "high-risk-annex-i", &answers, &cites, "High-risk under Art. 6(1): a product under Annex I Section B that needs third-party conformity assessment. Under Art. 2(2) only Art. 6(1), Arts 102-109 and Art. 112 apply directly; the high-risk requirements reach it through the sectoral legislation.");
        f.routes.insert(HighRiskRoute::AnnexISectionB);
        f.scope_notes.push("Art. 2(2): for a product under Annex I Section B only Art. 6(1), Arts 102-109 and Art. 112 of the AI Act apply directly; there is no AI Act provider package, CE marking or declaration, and Art. 25(3) does not apply. The requirements come through the sectoral product legislation.".to_owned());
    } else {
        let outcome = if act.is_none() {
            "High-risk under Art. 6(1): a product under Annex I that needs third-party conformity assessment. Which act applies is not yet known; Section A is assumed, with the full high-risk regime."
        } else {
            "High-risk under Art. 6(1): a product under Annex I Section A that needs third-party conformity assessment."
        };
        f.step(kb, "high-risk-annex-i", &answers, &cites, outcome);
        f.routes.insert(HighRiskRoute::AnnexISectionA);
    }
    f.basis(&cites[..cites.len().min(2)]);
}

/// Art. 6(2) with Annex III: every listed use case the answers name, after
/// the uses Annex III itself excludes (verification only, fraud detection,
/// travel documents, campaign logistics).
pub(crate) fn annex_iii(kb: &KnowledgeBase, r: &Reading<'_>, f: &mut Findings) {
    let section: Vec<&str> = r.section("annex_iii").collect();
    let mut used = vec!["annex_iii_area"];
    for question in &section {
        for excluded in r.exclusions(question) {
            let label = kb.item(excluded).map_or(excluded, |i| i.label.as_str());
            f.step(
                kb,
                "annex-iii-exclusion",
                &[question],
                &[excluded],
                format!(
                    "The use named is one {label} itself excludes: that point does not list it."
                ),
            );
        }
        for item in r.items(question) {
            if kb.item(item).is_some_and(|i| i.kind == "annex-iii-entry") {
                if !f.listed.iter().any(|l| l == item) {
                    f.listed.push(item.to_owned());
                }
                if !used.contains(question) {
                    used.push(question);
                }
            }
        }
    }
    if f.listed.is_empty() {
        if r.answered("annex_iii_area") {
            f.step(
                kb,
                "annex-iii",
                &["annex_iii_area"],
                &["eu-ai-act:annex-iii"],
                "No use case listed in Annex III.",
            );
        }
        return;
    }
    let mut cites = vec!["eu-ai-act:art-6.2"];
    cites.extend(f.listed.iter().map(String::as_str));
    let cites: Vec<String> = cites.into_iter().map(str::to_owned).collect();
    let refs: Vec<&str> = cites.iter().map(String::as_str).collect();
    f.step(kb, "annex-iii", &used, &refs, "Listed in Annex III.");
}

/// Art. 6(3): an Annex III system is not high-risk where it meets one of the
/// conditions (a)–(d) and does not materially influence decision outcomes;
/// never where it profiles natural persons (second subparagraph). The
/// derogation is the provider's to establish and document (Art. 6(4)).
pub(crate) fn derogation(kb: &KnowledgeBase, r: &Reading<'_>, f: &mut Findings) {
    if f.listed.is_empty() {
        return;
    }
    if r.yes("profiling") {
        f.profiling = Some(true);
        f.step(kb, "profiling-override", &["profiling"], &["eu-ai-act:art-6.3", "eu-ai-act:art-3.52"], "The system profiles natural persons: the Art. 6(3) derogation is not available, so it is high-risk.");
        return listed_high_risk(f);
    }
    if r.answered("profiling") {
        f.profiling = Some(false);
    }
    let conditions = r.items("derogation_condition");
    if conditions.is_empty() {
        f.step(kb, "derogation", &["profiling", "derogation_condition"], &["eu-ai-act:art-6.3"], "No Art. 6(3) condition is established: the listing stands and the system is high-risk.");
        return listed_high_risk(f);
    }
    if !r.yes("derogation_no_material_influence") {
        f.step(kb, "derogation", &["derogation_no_material_influence"], &["eu-ai-act:art-6.3"], "The system materially influences the outcome of decisions: the derogation fails and it is high-risk.");
        return listed_high_risk(f);
    }
    let mut cites = vec!["eu-ai-act:art-6.3"];
    cites.extend(&conditions);
    cites.extend(["eu-ai-act:art-6.4", "eu-ai-act:art-49.2"]);
    f.step(kb, "derogation", &["profiling", "derogation_condition", "derogation_no_material_influence"], &cites, "The Art. 6(3) derogation applies: not high-risk, but the provider must document the assessment before placing it on the market (Art. 6(4)) and register it (Art. 49(2)).");
    f.derogation = true;
    f.fact(assay_kb::Fact::Derogation);
    f.basis(&conditions);
}

fn listed_high_risk(f: &mut Findings) {
    f.routes.insert(HighRiskRoute::AnnexIii);
    let listed: Vec<String> = f.listed.clone();
    let mut basis = vec!["eu-ai-act:art-6.2"];
    basis.extend(listed.iter().map(String::as_str));
    f.basis(&basis);
}

/// Whether only Annex III point 2 is listed.
pub(crate) fn only_point_2(f: &Findings) -> bool {
    !f.listed.is_empty() && f.listed.iter().all(|l| l == POINT_2)
}
