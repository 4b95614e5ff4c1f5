//! Transparency duties, Art. 50. They accompany any class, fall on the
//! provider (50(1), 50(2)) or the deployer (50(3), 50(4)), and are delivered
//! in the manner of Art. 50(5).

use assay_kb::{Fact, KnowledgeBase};

use super::findings::{Findings, Reading};

const EMOTION: &str = "eu-ai-act:annex-iii.1.c";
const CATEGORISATION: &str = "eu-ai-act:annex-iii.1.b";

/// Establishes which Art. 50 paragraphs apply to the system.
pub(crate) fn duties(kb: &KnowledgeBase, r: &Reading<'_>, f: &mut Findings) {
    interaction(kb, r, f);
    synthetic_content(kb, r, f);
    emotion_or_categorisation(kb, r, f);
    deep_fake(kb, r, f);
    public_interest_text(kb, r, f);
    if f.has(Fact::Transparency50_1) || f.has(Fact::Transparency50_2) {
        f.fact(Fact::ProviderTransparency);
    }
    if f.has(Fact::Transparency50_3)
        || f.has(Fact::Transparency50_4DeepFake)
        || f.has(Fact::Transparency50_4Text)
    {
        f.fact(Fact::DeployerTransparency);
    }
}

fn applies(
    kb: &KnowledgeBase,
    f: &mut Findings,
    fact: Fact,
    article: &str,
    answers: &[&str],
    outcome: &str,
) {
    f.fact(fact);
    if !f.transparency.iter().any(|t| t == article) {
        f.transparency.push(article.to_owned());
    }
    f.step(
        kb,
        "transparency",
        answers,
        &[article, "eu-ai-act:art-50.5"],
        outcome,
    );
}

/// Art. 50(1): systems that interact directly with people must tell them,
/// unless it is obvious to a reasonably well-informed person.
fn interaction(kb: &KnowledgeBase, r: &Reading<'_>, f: &mut Findings) {
    if !r.yes("t_interacts") {
        return;
    }
    if r.yes("t_interaction_obvious") {
        f.step(kb, "transparency", &["t_interacts", "t_interaction_obvious"], &["eu-ai-act:art-50.1"], "People interact with it, but that it is an AI system is obvious to a reasonably well-informed person: no Art. 50(1) notice is needed.");
        return;
    }
    applies(
        kb,
        f,
        Fact::Transparency50_1,
        "eu-ai-act:art-50.1",
        &["t_interacts", "t_interaction_obvious"],
        "It interacts directly with people: its provider must design it so they are told they are dealing with an AI system.",
    );
}

/// Art. 50(2): generated or manipulated audio, image, video or text must be
/// marked as such in a machine-readable way, unless the system only assists
/// standard editing or leaves the input substantially unchanged.
fn synthetic_content(kb: &KnowledgeBase, r: &Reading<'_>, f: &mut Findings) {
    if !r.yes("t_synthetic_content") {
        return;
    }
    if r.yes("t_synthetic_exception") {
        f.step(kb, "transparency", &["t_synthetic_content", "t_synthetic_exception"], &["eu-ai-act:art-50.2"], "It only assists standard editing or leaves the input substantially unchanged: no Art. 50(2) marking duty.");
        return;
    }
    applies(
        kb,
        f,
        Fact::Transparency50_2,
        "eu-ai-act:art-50.2",
        &["t_synthetic_content", "t_synthetic_exception"],
        "It generates synthetic content: its provider must mark the outputs in a machine-readable, detectable way.",
    );
}

/// Art. 50(3): deployers of emotion recognition or biometric categorisation
/// systems must inform the people exposed.
fn emotion_or_categorisation(kb: &KnowledgeBase, r: &Reading<'_>, f: &mut Findings) {
    let listed = f.listed.iter().any(|l| l == EMOTION || l == CATEGORISATION);
    if !r.yes("t_emotion_or_biometric_categorisation") && !listed {
        return;
    }
    applies(
        kb,
        f,
        Fact::Transparency50_3,
        "eu-ai-act:art-50.3",
        &[
            "t_emotion_or_biometric_categorisation",
            "annex_iii_biometrics",
        ],
        "It recognises emotions or categorises people by biometric data: its deployer must inform the people exposed.",
    );
}

/// Art. 50(4), first subparagraph: deployers must disclose deep fakes.
fn deep_fake(kb: &KnowledgeBase, r: &Reading<'_>, f: &mut Findings) {
    if r.yes("t_deepfake") {
        applies(
            kb,
            f,
            Fact::Transparency50_4DeepFake,
            "eu-ai-act:art-50.4",
            &["t_deepfake"],
            "It is used to make deep fakes: its deployer must disclose that the content is artificial.",
        );
    }
}

/// Art. 50(4), second subparagraph: deployers publishing AI-generated text to
/// inform the public on matters of public interest must disclose it, unless
/// the text is under human editorial control and responsibility.
fn public_interest_text(kb: &KnowledgeBase, r: &Reading<'_>, f: &mut Findings) {
    if !r.yes("t_public_interest_text") {
        return;
    }
    if r.yes("t_text_editorial") {
        f.step(kb, "transparency", &["t_public_interest_text", "t_text_editorial"], &["eu-ai-act:art-50.4"], "Published text is under human editorial control and responsibility: no disclosure is required.");
        return;
    }
    applies(
        kb,
        f,
        Fact::Transparency50_4Text,
        "eu-ai-act:art-50.4",
        &["t_public_interest_text", "t_text_editorial"],
        "AI-generated text informs the public on matters of public interest without editorial responsibility: its deployer must disclose it.",
    );
}
