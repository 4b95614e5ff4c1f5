//! General-purpose AI models, Arts 51–55. The duties follow the model, not
//! the class of the system assessed: a model's provider keeps them next to
//! any system verdict, and Art. 2(12) (open-source systems) never removes
//! them.

use assay_kb::{Fact, KnowledgeBase};

use super::findings::{Findings, Reading};

/// Establishes whether the organisation provides a general-purpose AI model
/// (Art. 3(63), Art. 2(1)(a)) and which Chapter V duties follow: systemic
/// risk (Art. 51), the open-source relief of Art. 53(2) and 54(6) (never for
/// systemic-risk models) and the Art. 111(3) transition.
pub(crate) fn model(kb: &KnowledgeBase, r: &Reading<'_>, f: &mut Findings) -> bool {
    if !r.yes("gpai_model") {
        return false;
    }
    f.fact(Fact::GpaiModel);
    let systemic = r.yes("gpai_systemic");
    let mut cites = vec!["eu-ai-act:art-3.63", "eu-ai-act:art-53.1"];
    let mut outcome = String::from(
        "The organisation provides a general-purpose AI model: the Chapter V duties apply to the model whatever the class of the system.",
    );
    if systemic {
        f.fact(Fact::GpaiSystemicRisk);
        cites.extend([
            "eu-ai-act:art-51",
            "eu-ai-act:art-52.1",
            "eu-ai-act:art-55.1",
        ]);
        outcome.push_str(" It has systemic risk: the Art. 55 duties apply too.");
    }
    if r.yes("gpai_open_source") {
        cites.extend(["eu-ai-act:art-53.2", "eu-ai-act:art-54.6"]);
        if systemic {
            outcome.push_str(" Open-source release brings no relief for a systemic-risk model.");
        } else {
            f.fact(Fact::GpaiOpenSourceExempt);
            outcome.push_str(" As a free and open-source model without systemic risk it is relieved of Art. 53(1)(a)-(b) and Art. 54, but not of the copyright policy and training-content summary.");
        }
    }
    if r.yes("gpai_before_2025_08_02") {
        f.fact(Fact::GpaiLegacyModel);
        cites.push("eu-ai-act:art-111.3");
        outcome.push_str(
            " Placed on the market before 2 August 2025: its duties apply from 2 August 2027.",
        );
    }
    f.step(
        kb,
        "gpai",
        &[
            "gpai_model",
            "gpai_systemic",
            "gpai_open_source",
            "gpai_before_2025_08_02",
        ],
        &cites,
        outcome,
    );
    true
}
