//! Transitional rules for systems already on the market, Art. 111.

use assay_kb::{Fact, KnowledgeBase};

use super::findings::{Findings, Reading};

/// Art. 111(2): a high-risk system placed on the market or put into service
/// before 2 August 2026 is bound by the Act only if its design changes
/// significantly from that date; if it is intended for public authorities,
/// its providers and deployers must comply by 2 August 2030 regardless.
/// Returns false when the high-risk duties do not apply at all.
pub(crate) fn legacy_high_risk(kb: &KnowledgeBase, r: &Reading<'_>, f: &mut Findings) -> bool {
    if !r.is("market_entry", "before_2026_08_02") || !r.is("significant_change", "no") {
        return true;
    }
    let answers = ["market_entry", "significant_change", "public_authority_use"];
    if r.yes("public_authority_use") {
        f.fact(Fact::LegacyPublicAuthoritySystem);
        f.step(kb, "legacy-system", &answers, &["eu-ai-act:art-111.2"], "Already on the market before 2 August 2026 and unchanged, but intended for public authorities: the high-risk duties must be met by 2 August 2030.");
        f.scope_notes.push("Art. 111(2): the system was on the market before 2 August 2026 without significant design changes since; as it is intended for public authorities, its high-risk duties apply from 2 August 2030.".to_owned());
        return true;
    }
    f.step(kb, "legacy-system", &answers, &["eu-ai-act:art-111.2"], "Already on the market before 2 August 2026 and its design has not changed significantly: the high-risk duties do not apply unless it is significantly changed (the Art. 5 prohibitions apply regardless).");
    f.scope_notes.push("Art. 111(2): the system was on the market before 2 August 2026 and its design has not changed significantly, so the high-risk duties do not apply to it; a significant design change would bring them in.".to_owned());
    false
}

/// Art. 111(4) as amended (reported): generative systems placed on the
/// market before 2 August 2026 have until 2 December 2026 to mark their
/// outputs under Art. 50(2).
pub(crate) fn legacy_generative(kb: &KnowledgeBase, r: &Reading<'_>, f: &mut Findings) {
    if f.has(Fact::Transparency50_2) && r.is("market_entry", "before_2026_08_02") {
        f.fact(Fact::LegacyGenerativeSystem);
        f.step(kb, "legacy-system", &["market_entry", "t_synthetic_content"], &["eu-ai-act:art-111.4"], "A generative system on the market before 2 August 2026: the Art. 50(2) marking duty applies from 2 December 2026 (reported transition).");
    }
}
