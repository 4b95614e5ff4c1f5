//! Is it an AI system, and does the Act reach it? Art. 3(1) and Art. 2.

use assay_kb::KnowledgeBase;

use super::findings::{Findings, Reading};

const NEXUS: [&str; 4] = [
    "placed_on_eu_market",
    "put_into_service_eu",
    "deployer_in_eu",
    "output_used_in_eu",
];

/// Art. 3(1): the Act's rules on AI systems reach only machine-based
/// systems that infer how to produce their outputs.
pub(crate) fn is_ai_system(kb: &KnowledgeBase, r: &Reading<'_>, f: &mut Findings) -> bool {
    let yes = !r.is("ai_system", "no");
    let outcome = if yes {
        "The tool is an AI system: it infers from its input how to produce its outputs."
    } else {
        "The tool is not an AI system: the Act's rules on AI systems do not apply to it."
    };
    f.step(
        kb,
        "ai-system",
        &["ai_system"],
        &["eu-ai-act:art-3.1"],
        outcome,
    );
    yes
}

/// Art. 2(1): the Act applies where the system is placed on the EU market or
/// put into service there, its deployer is in the EU, or its output is used
/// in the EU.
pub(crate) fn has_eu_link(kb: &KnowledgeBase, r: &Reading<'_>, f: &mut Findings) -> bool {
    let linked = NEXUS.iter().any(|n| r.includes("eu_nexus", n));
    if !r.answered("eu_nexus") {
        // Unanswered: the rest of the interview has not been reached, so
        // nothing establishes a link yet; the determinacy check reports it.
        f.step(
            kb,
            "territorial-scope",
            &["eu_nexus"],
            &["eu-ai-act:art-2.1"],
            "The link to the EU market is not yet known.",
        );
        return false;
    }
    let outcome = if linked {
        "The system has a link to the EU (market, deployer or use of its output): the Act applies."
    } else {
        "The system has no link to the EU market or to people in the EU: outside the Act's territorial scope."
    };
    f.step(
        kb,
        "territorial-scope",
        &["eu_nexus"],
        &["eu-ai-act:art-2.1"],
        outcome,
    );
    linked
}

/// An Art. 2 exclusion that takes the system out of the Act, and whether it
/// also covers AI models (Art. 2(6) and 2(8) name "AI systems or AI models").
pub(crate) struct Excluded {
    pub(crate) covers_models: bool,
}

/// Art. 2(3) (military, defence, national security), 2(4) (third-country
/// authorities under cooperation agreements), 2(6) (research only) and 2(8)
/// (before the market).
pub(crate) fn exclusion(kb: &KnowledgeBase, r: &Reading<'_>, f: &mut Findings) -> Option<Excluded> {
    for item in r.items("exclusion") {
        let (covers_models, why) = match item {
            "eu-ai-act:art-2.3" => (
                false,
                "used exclusively for military, defence or national-security purposes",
            ),
            "eu-ai-act:art-2.4" => (
                false,
                "used by a third-country public authority or international organisation under a law-enforcement or judicial cooperation agreement with adequate safeguards",
            ),
            "eu-ai-act:art-2.6" => (
                true,
                "developed and put into service solely for scientific research and development",
            ),
            "eu-ai-act:art-2.8" => (
                true,
                "still in research, testing or development before being placed on the market or put into service",
            ),
            _ => continue,
        };
        f.step(
            kb,
            "exclusion",
            &["exclusion"],
            &[item],
            format!("Outside the Act: the system is {why}."),
        );
        f.basis(&[item]);
        return Some(Excluded { covers_models });
    }
    None
}

/// Art. 2(10): natural persons using AI in a purely personal,
/// non-professional activity carry no deployer duties. It lifts only those
/// duties: providers and other operators stay bound (Arts 5, 50 and the rest).
pub(crate) fn personal_use(kb: &KnowledgeBase, r: &Reading<'_>, f: &mut Findings) {
    if !r.items("exclusion").contains(&"eu-ai-act:art-2.10") {
        return;
    }
    let had_deployer = f.roles.remove(&assay_kb::Role::Deployer);
    let outcome = if had_deployer {
        "Purely personal, non-professional use by a natural person: the organisation has no deployer duties for it; any other role keeps its duties."
    } else {
        "The system's users are individuals in purely personal use, who have no deployer duties; that does not relieve the provider or other operators."
    };
    f.step(
        kb,
        "personal-use",
        &["exclusion", "org_roles"],
        &["eu-ai-act:art-2.10"],
        outcome,
    );
    f.scope_notes.push("Art. 2(10): individuals using the system for purely personal, non-professional purposes have no deployer duties; providers and other operators keep theirs.".to_owned());
}

/// Art. 2(12): a free and open-source AI system is outside the Act unless it
/// is high-risk or falls under Art. 5 or Art. 50. True when it is excluded.
pub(crate) fn open_source_excluded(
    kb: &KnowledgeBase,
    r: &Reading<'_>,
    f: &mut Findings,
    caught: bool,
) -> bool {
    if !r.items("exclusion").contains(&"eu-ai-act:art-2.12") {
        return false;
    }
    if caught {
        f.step(kb, "open-source", &["exclusion"], &["eu-ai-act:art-2.12"], "Released under a free and open-source licence, but the exclusion does not cover high-risk systems or Art. 50 duties.");
        return false;
    }
    f.step(kb, "open-source", &["exclusion"], &["eu-ai-act:art-2.12"], "A free and open-source system that is neither prohibited, high-risk nor subject to Art. 50: outside the Act. This does not touch the duties of a general-purpose AI model's provider.");
    f.basis(&["eu-ai-act:art-2.12"]);
    true
}
