//! The EU AI Act classifier: answers to the `eu-ai-act` questionnaire in, a
//! verdict out — risk class, legal basis, roles, duties with deadlines,
//! penalty exposure, a compliance plan and the reasoning trace.
//!
//! The tests run in the order the law applies them, one small, cited
//! function per legal test: AI system (Art. 3(1), `scope`), scope and
//! exclusions (Art. 2, `scope`), prohibitions (Art. 5, `prohibitions`, which
//! win over everything), high-risk routes (Art. 6(1) with Annex I, Art. 6(2)
//! with Annex III, and the Art. 6(3) derogation, `high_risk`), transparency
//! (Art. 50), general-purpose AI models (Arts 51–55, `gpai`, beside any
//! class), roles (Art. 3, Art. 25, `roles`), transitions (Art. 111,
//! `timing`), then duties, the fundamental-rights impact assessment and
//! penalties from the knowledge-base tables.
//!
//! The tests decide on firm answers only. Unanswered and "not sure" answers
//! take the questionnaire's `presume` value, every assumption is reported,
//! and `determinacy` tries every other value to say what each open answer
//! could change: a verdict is final only when nothing open could change it.

mod determinacy;
mod duties;
mod findings;
mod fria;
mod gpai;
mod high_risk;
mod penalties;
mod prohibitions;
mod roles;
mod scope;
mod timing;
mod transparency;
mod verdict;

use std::collections::BTreeSet;

use assay_kb::{Fact, KnowledgeBase, Obligation, Role};

pub use verdict::*;

use crate::engine::{Answers, check};
use crate::presume::presume;
use crate::{EngineError, Questionnaire};
use findings::{Findings, Reading};

pub const QUESTIONNAIRE_ID: &str = "eu-ai-act";

/// Everything the legal tests established for one set of firm answers.
pub(crate) struct Assessment<'kb> {
    pub(crate) class: RiskClass,
    pub(crate) findings: Findings,
    pub(crate) model_roles: BTreeSet<Role>,
    pub(crate) obligations: Vec<(&'kb Obligation, ObligationDue)>,
    pub(crate) fria: Fria,
    pub(crate) penalties: Vec<PenaltyExposure>,
}

/// Classifies `answers`. Fails only when the answers are malformed (unknown
/// questions, wrong types, answers to questions that are not asked).
pub fn classify(
    kb: &KnowledgeBase,
    questionnaire: &Questionnaire,
    answers: &Answers,
) -> Result<Verdict, EngineError> {
    let problems = check(questionnaire, answers);
    if !problems.is_empty() {
        return Err(EngineError::BadAnswers(problems));
    }
    let (resolved, assumptions) = presume(questionnaire, answers);
    let baseline = assess(kb, questionnaire, &resolved);
    let open = determinacy::open_questions(kb, questionnaire, answers, &baseline);
    Ok(verdict(kb, baseline, assumptions, open))
}

/// Applies every legal test to firm answers.
pub(crate) fn assess<'kb>(
    kb: &'kb KnowledgeBase,
    questionnaire: &Questionnaire,
    answers: &Answers,
) -> Assessment<'kb> {
    let r = Reading::new(answers, questionnaire);
    let mut f = Findings::default();
    let model = gpai::model(kb, &r, &mut f);
    roles::establishment(&r, &mut f);
    let class = decide(kb, &r, &mut f, model);
    derive_facts(kb, &r, &mut f, class);
    let fria = fria::assess(&r, &mut f);
    let model_roles: BTreeSet<Role> = if f.has(Fact::GpaiModel) {
        BTreeSet::from([Role::Provider])
    } else {
        BTreeSet::new()
    };
    let obligations = duties::select(kb, &f, &model_roles);
    if obligations
        .iter()
        .any(|(ob, _)| duties::fined_under_art_99_4(ob))
    {
        f.fact(Fact::OperatorDuties);
    }
    // A party with no duty under the Act is exposed to no fine under it.
    let penalties = if obligations.is_empty() {
        Vec::new()
    } else {
        penalties::exposure(kb, &r, &f)
    };
    Assessment {
        class,
        findings: f,
        model_roles,
        obligations,
        fria,
        penalties,
    }
}

/// The class, in the law's order of precedence.
fn decide(kb: &KnowledgeBase, r: &Reading<'_>, f: &mut Findings, model: bool) -> RiskClass {
    // Outside the Act as a system; a general-purpose AI model the
    // organisation provides stays within it (Art. 2(1)(a), Chapter V).
    let outside = |f: &mut Findings| {
        f.roles.clear();
        if f.has(Fact::GpaiModel) {
            f.basis(&["eu-ai-act:art-2.1.a", "eu-ai-act:art-53.1"]);
            RiskClass::GpaiModelOnly
        } else {
            RiskClass::OutOfScope
        }
    };
    if !scope::is_ai_system(kb, r, f) {
        f.basis(&["eu-ai-act:art-3.1"]);
        return outside(f);
    }
    if !scope::has_eu_link(kb, r, f) {
        f.basis(&["eu-ai-act:art-2.1"]);
        return outside(f);
    }
    if let Some(excluded) = scope::exclusion(kb, r, f) {
        if excluded.covers_models && model {
            clear_model_facts(f);
        }
        return outside(f);
    }
    roles::declared(kb, r, f);
    scope::personal_use(kb, r, f);
    if prohibitions::practices(kb, r, f) {
        return RiskClass::Prohibited;
    }
    high_risk::annex_i(kb, r, f);
    high_risk::annex_iii(kb, r, f);
    high_risk::derogation(kb, r, f);
    transparency::duties(kb, r, f);
    let class = if !f.routes.is_empty() {
        RiskClass::HighRisk
    } else if !f.transparency.is_empty() {
        RiskClass::TransparencyOnly
    } else {
        RiskClass::MinimalRisk
    };
    if scope::open_source_excluded(kb, r, f, class != RiskClass::MinimalRisk) {
        return outside(f);
    }
    if class == RiskClass::TransparencyOnly {
        let paragraphs: Vec<String> = f.transparency.clone();
        let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        f.basis(&refs);
    }
    let chapter_iii = f.routes.contains(&HighRiskRoute::AnnexIii)
        || f.routes.contains(&HighRiskRoute::AnnexISectionA);
    if chapter_iii {
        roles::requalification(kb, r, f);
        roles::product_manufacturer(kb, f);
    }
    timing::legacy_generative(kb, r, f);
    class
}

fn clear_model_facts(f: &mut Findings) {
    for fact in [
        Fact::GpaiModel,
        Fact::GpaiSystemicRisk,
        Fact::GpaiOpenSourceExempt,
        Fact::GpaiLegacyModel,
    ] {
        f.facts.remove(&fact);
    }
}

/// The facts the duty and penalty tables read, from what the tests found.
fn derive_facts(kb: &KnowledgeBase, r: &Reading<'_>, f: &mut Findings, class: RiskClass) {
    let routes = f.routes.clone();
    let chapter_iii = routes.contains(&HighRiskRoute::AnnexIii)
        || routes.contains(&HighRiskRoute::AnnexISectionA);
    // Art. 2(2): a system whose only route is Annex I Section B is reached
    // by Art. 6(1), Arts 102-109 and 112 alone.
    let section_b_only = class == RiskClass::HighRisk && !chapter_iii;
    let in_scope = matches!(
        class,
        RiskClass::HighRisk | RiskClass::TransparencyOnly | RiskClass::MinimalRisk
    );
    if !in_scope || section_b_only {
        for fact in [
            Fact::Transparency50_1,
            Fact::Transparency50_2,
            Fact::Transparency50_3,
            Fact::Transparency50_4DeepFake,
            Fact::Transparency50_4Text,
            Fact::ProviderTransparency,
            Fact::DeployerTransparency,
            Fact::Derogation,
        ] {
            f.facts.remove(&fact);
        }
        // The Art. 50 labels found earlier stay in the findings but are
        // shown only where the Act applies (`Fact::AiActApplies`).
        return;
    }
    f.fact(Fact::AiActApplies);
    if chapter_iii && timing::legacy_high_risk(kb, r, f) {
        f.fact(Fact::HighRisk);
        if routes.contains(&HighRiskRoute::AnnexISectionA) {
            f.fact(Fact::AnnexISectionA);
        }
        if routes.contains(&HighRiskRoute::AnnexIii) {
            f.fact(Fact::AnnexIii);
            let listed = f.listed.clone();
            if listed.iter().any(|l| l == "eu-ai-act:annex-iii.2") {
                f.fact(Fact::AnnexIiiPoint2);
            }
            if listed.iter().any(|l| l != "eu-ai-act:annex-iii.2") {
                f.fact(Fact::AnnexIiiBeyondPoint2);
            }
            let sensitive = [
                "eu-ai-act:annex-iii.1.",
                "eu-ai-act:annex-iii.6.",
                "eu-ai-act:annex-iii.7.",
            ];
            if listed
                .iter()
                .any(|l| sensitive.iter().any(|s| l.starts_with(s)))
            {
                f.fact(Fact::AnnexIiiNonPublicRegistration);
            }
        }
    }
    for (question, fact) in [
        ("workplace_use", Fact::WorkplaceUse),
        ("decisions_about_people", Fact::DecisionsAboutPeople),
        ("personal_data", Fact::PersonalData),
        (
            "post_rbi_investigation",
            Fact::PostRemoteBiometricIdentification,
        ),
        ("third_party_components", Fact::ThirdPartyComponents),
    ] {
        if r.yes(question) {
            f.fact(fact);
        }
    }
    if r.is("deployer_type", "public_body") {
        f.fact(Fact::PublicAuthorityDeployer);
    }
}

fn verdict(
    kb: &KnowledgeBase,
    a: Assessment<'_>,
    assumptions: Vec<crate::presume::Assumption>,
    open: determinacy::Open,
) -> Verdict {
    let f = a.findings;
    let mut possible: BTreeSet<RiskClass> = open.classes.clone();
    possible.insert(a.class);
    let risk_class = if possible.len() > 1 {
        RiskClass::NeedsReview
    } else {
        a.class
    };
    let status = if open.questions.is_empty() && open.complete {
        VerdictStatus::Final
    } else {
        VerdictStatus::Provisional
    };
    let legal_basis = labels(kb, &f.basis);
    let plan = duties::plan(&a.obligations, &f);
    let in_scope = f.has(Fact::AiActApplies);
    let transparency = (in_scope && !f.transparency.is_empty()).then(|| TransparencyDuties {
        articles: labels(kb, &f.transparency),
        applies_from: effective_date(kb, "transparency"),
    });
    let gpai = f
        .has(Fact::GpaiModel)
        .then(|| gpai_duties(kb, &f, &a.obligations));
    let mut roles: Vec<String> = f.roles.iter().map(|r| r.as_str().to_owned()).collect();
    if roles.is_empty() && a.class == RiskClass::GpaiModelOnly {
        roles = a
            .model_roles
            .iter()
            .map(|r| r.as_str().to_owned())
            .collect();
    }
    Verdict {
        risk_class,
        status,
        possible_classes: if possible.len() > 1 {
            possible.into_iter().collect()
        } else {
            Vec::new()
        },
        assumed_class: a.class,
        legal_basis,
        roles,
        profiling: f.profiling,
        high_risk_routes: f.routes.iter().copied().collect(),
        derogation: f.derogation,
        gpai,
        transparency,
        fria: a.fria,
        obligations: a.obligations.into_iter().map(|(_, d)| d).collect(),
        plan,
        penalties: a.penalties,
        scope_notes: f.scope_notes,
        trace: f.trace,
        assumptions,
        open_questions: open.questions,
        exploration_complete: open.complete,
        kb_version: kb.version().to_owned(),
    }
}

fn gpai_duties(
    kb: &KnowledgeBase,
    f: &Findings,
    obligations: &[(&Obligation, ObligationDue)],
) -> GpaiDuties {
    let model_duties: Vec<&ObligationDue> = obligations
        .iter()
        .map(|(_, d)| d)
        .filter(|d| d.subject == "gpai_model")
        .collect();
    let mut articles: Vec<String> = Vec::new();
    for d in &model_duties {
        if !articles.contains(&d.article) {
            articles.push(d.article.clone());
        }
    }
    let applies_from = model_duties
        .iter()
        .map(|d| d.applies_from.clone())
        .min()
        .unwrap_or_else(|| effective_date(kb, "gpai"));
    GpaiDuties {
        role: Role::Provider.as_str().to_owned(),
        systemic_risk: f.has(Fact::GpaiSystemicRisk),
        open_source_exemption: f.has(Fact::GpaiOpenSourceExempt),
        legacy_model: f.has(Fact::GpaiLegacyModel),
        articles,
        applies_from,
    }
}

fn labels(kb: &KnowledgeBase, ids: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        let label = kb.item(id).map_or_else(|| id.clone(), |i| i.label.clone());
        if !out.contains(&label) {
            out.push(label);
        }
    }
    out
}

fn effective_date(kb: &KnowledgeBase, key: &str) -> String {
    kb.application_date(key)
        .and_then(|d| d.effective())
        .map(|d| d.date.to_string())
        .unwrap_or_default()
}
