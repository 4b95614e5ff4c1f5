//! The fundamental-rights impact assessment, Art. 27.

use assay_kb::{Fact, Role};

use super::findings::{Findings, Reading};
use super::high_risk::only_point_2;
use super::verdict::{Fria, FriaStatus, HighRiskRoute, WorksheetElement};

const CREDIT: &str = "eu-ai-act:annex-iii.5.b";
const INSURANCE: &str = "eu-ai-act:annex-iii.5.c";

/// Art. 27(1): before deploying a high-risk system referred to in Art. 6(2)
/// (Annex III, point 2 excepted), deployers that are bodies governed by
/// public law or private entities providing public services, and deployers
/// of Annex III 5(b) or 5(c) systems, must assess its impact on fundamental
/// rights. For other deployers of such systems it is good practice.
pub(crate) fn assess(r: &Reading<'_>, f: &mut Findings) -> Fria {
    let deployer = f.roles.contains(&Role::Deployer);
    let annex_iii = f.has(Fact::HighRisk) && f.routes.contains(&HighRiskRoute::AnnexIii);
    if !deployer || !annex_iii {
        let reason = if !deployer {
            "Art. 27 binds deployers; the organisation is not a deployer of this system."
        } else {
            "Art. 27 applies to deployers of high-risk systems listed in Annex III (Art. 6(2)); its high-risk duties do not apply to this system."
        };
        return not_applicable(reason);
    }
    if only_point_2(f) {
        return not_applicable(
            "Art. 27(1) excludes high-risk systems used as safety components of critical infrastructure (Annex III point 2).",
        );
    }
    let public = matches!(
        r.view.choice("deployer_type"),
        Some("public_body" | "private_public_service")
    );
    let credit_or_insurance = f.listed.iter().any(|l| l == CREDIT || l == INSURANCE);
    if public || credit_or_insurance {
        f.fact(Fact::FriaRequired);
        let why = if public {
            "the deployer is a body governed by public law or a private entity providing public services"
        } else {
            "the system is used for creditworthiness or credit scoring (Annex III 5(b)) or life and health insurance pricing (Annex III 5(c))"
        };
        return Fria {
            status: FriaStatus::Required,
            reason: format!(
                "Required by Art. 27(1) before first use: {why}. Notify the market surveillance authority of the results (Art. 27(3))."
            ),
            worksheet: worksheet(),
        };
    }
    Fria {
        status: FriaStatus::Recommended,
        reason: "Not legally required: Art. 27(1) covers public bodies, private entities providing public services and deployers of Annex III 5(b)/5(c) systems, and this deployer is none of these. Recommended as good practice; it also feeds the GDPR data protection impact assessment (Art. 26(9)).".to_owned(),
        worksheet: worksheet(),
    }
}

fn not_applicable(reason: &str) -> Fria {
    Fria {
        status: FriaStatus::NotApplicable,
        reason: reason.to_owned(),
        worksheet: Vec::new(),
    }
}

/// Art. 27(1)(a)–(f): what the assessment must describe, each with the
/// interview question that collects it.
fn worksheet() -> Vec<WorksheetElement> {
    [
        ("a", "fria_process", "The deployer's processes in which the system will be used, in line with its intended purpose."),
        ("b", "fria_period", "The period of time within which, and the frequency with which, the system is intended to be used."),
        ("c", "fria_affected", "The categories of natural persons and groups likely to be affected in this context."),
        ("d", "fria_harms", "The specific risks of harm likely to affect those categories, using the provider's Art. 13 information."),
        ("e", "fria_oversight", "The human oversight measures, following the instructions for use."),
        ("f", "fria_measures", "The measures to take if those risks materialise, including internal governance and complaint mechanisms."),
    ]
    .into_iter()
    .map(|(letter, question, prompt)| WorksheetElement {
        element: letter.to_owned(),
        citation: format!("Art. 27(1)({letter})"),
        prompt: prompt.to_owned(),
        question: question.to_owned(),
    })
    .collect()
}
