//! The organisation's roles: the ones it declares (Art. 3(3)–(7), Art.
//! 2(1)(e)), the ones the Act gives it (Art. 25(1) and 25(3)), and where it
//! is established (Arts 22 and 54).

use assay_kb::{Fact, KnowledgeBase, Role};

use super::findings::{Findings, Reading};
use super::verdict::HighRiskRoute;

const DECLARED: [(&str, Role, &str); 6] = [
    ("provider", Role::Provider, "eu-ai-act:art-3.3"),
    ("deployer", Role::Deployer, "eu-ai-act:art-3.4"),
    ("importer", Role::Importer, "eu-ai-act:art-3.6"),
    ("distributor", Role::Distributor, "eu-ai-act:art-3.7"),
    (
        "authorised_representative",
        Role::AuthorisedRepresentative,
        "eu-ai-act:art-3.5",
    ),
    (
        "product_manufacturer",
        Role::ProductManufacturer,
        "eu-ai-act:art-2.1.e",
    ),
];

/// Art. 3(3)–(7) and Art. 2(1)(e): the roles the organisation holds for the
/// system. Providing a general-purpose AI model does not make it the
/// provider of a different system it only deploys (Art. 3(3)–(4); only Art.
/// 25 turns a deployer into a provider).
pub(crate) fn declared(kb: &KnowledgeBase, r: &Reading<'_>, f: &mut Findings) {
    let mut cites = Vec::new();
    for (option, role, definition) in DECLARED {
        if r.includes("org_roles", option) {
            f.roles.insert(role);
            cites.push(definition);
        }
    }
    if cites.is_empty() {
        return;
    }
    let names: Vec<&str> = f.roles.iter().map(|r| r.label()).collect();
    f.step(
        kb,
        "role",
        &["org_roles"],
        &cites,
        format!("Roles for the system: {}.", names.join(", ")),
    );
}

/// Arts 22 and 54: a provider established outside the EU needs an EU
/// authorised representative; this applies to every party that is or
/// becomes a provider, and to model providers.
pub(crate) fn establishment(r: &Reading<'_>, f: &mut Findings) {
    if r.is("provider_established_in_eu", "no") {
        f.fact(Fact::EstablishedOutsideEu);
    }
}

/// Art. 25(1): a deployer, importer or distributor becomes the provider of a
/// high-risk system when it (a) puts its name or trademark on it, (b)
/// substantially modifies it so that it remains high-risk, or (c) changes
/// the intended purpose of a system so that it becomes high-risk.
pub(crate) fn requalification(kb: &KnowledgeBase, r: &Reading<'_>, f: &mut Findings) {
    let downstream = [Role::Deployer, Role::Importer, Role::Distributor]
        .iter()
        .any(|role| f.roles.contains(role));
    if !downstream || f.roles.contains(&Role::Provider) {
        return;
    }
    for (question, article, what) in [
        (
            "rebrand",
            "eu-ai-act:art-25.1.a",
            "puts its name or trademark on the high-risk system",
        ),
        (
            "substantial_modification",
            "eu-ai-act:art-25.1.b",
            "substantially modifies the high-risk system",
        ),
        (
            "purpose_change",
            "eu-ai-act:art-25.1.c",
            "changes the intended purpose so that the system becomes high-risk",
        ),
    ] {
        if r.yes(question) {
            f.step(kb, "re-qualification", &[question], &[article], format!("The organisation {what}: it becomes the provider, with all provider duties (Art. 25(1))."));
            f.roles.insert(Role::Provider);
            f.fact(Fact::RequalifiedAsProvider);
            return;
        }
    }
}

/// Art. 25(3): the manufacturer of a product covered by Annex I Section A is
/// the provider of a high-risk AI system that is a safety component of it,
/// placed on the market with the product under its name. Not for Section B
/// products, which Art. 2(2) keeps outside Art. 25.
pub(crate) fn product_manufacturer(kb: &KnowledgeBase, f: &mut Findings) {
    if f.roles.contains(&Role::ProductManufacturer)
        && f.routes.contains(&HighRiskRoute::AnnexISectionA)
    {
        f.step(
            kb,
            "role",
            &["org_roles"],
            &["eu-ai-act:art-25.3"],
            "The product manufacturer is the provider of the high-risk AI system in its product.",
        );
        f.roles.insert(Role::Provider);
    }
}
