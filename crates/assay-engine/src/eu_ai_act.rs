//! The EU AI Act classifier: answers to the `eu-ai-act` questionnaire in, a
//! verdict out — risk class, legal basis, roles, obligations with deadlines,
//! a compliance plan and the reasoning trace. It checks in the order the law
//! does: AI system (Art. 3(1)), scope (Art. 2), prohibitions (Art. 5, which
//! win over everything), high-risk via Annex I (Art. 6(1)) and Annex III
//! (Art. 6(2)) with the Art. 6(3) derogation, transparency (Art. 50), then
//! general-purpose AI models (Arts 51–55) as a separate flag.
//!
//! Every citation is a knowledge-base ID; labels, dates and obligations come
//! from the knowledge base, so changing the dates table changes deadlines
//! without touching this file.

use std::collections::BTreeSet;

use assay_kb::{KnowledgeBase, Obligation, Qualifier, Role, Trigger};
use serde::Serialize;

use crate::engine::{Answers, View, check};
use crate::{EngineError, Questionnaire};

pub const QUESTIONNAIRE_ID: &str = "eu-ai-act";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RiskClass {
    Prohibited,
    HighRisk,
    TransparencyOnly,
    MinimalRisk,
    OutOfScope,
    NeedsReview,
}

/// Which route made a system high-risk; it decides the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum HighRiskRoute {
    /// Art. 6(1): a product, or safety component of one, under Annex I.
    AnnexI,
    /// Art. 6(2): a use case listed in Annex III.
    AnnexIii,
}

/// One step of the reasoning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TraceStep {
    pub rule: String,
    /// Question IDs whose answers this step used.
    pub answers: Vec<String>,
    /// Labels of the provisions relied on (`Art. 6(2)`, `Annex III 4(a)`).
    pub citation: Vec<String>,
    /// The knowledge-base IDs behind `citation`.
    pub citation_ids: Vec<String>,
    pub outcome: String,
}

/// A question whose answer blocks a final verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OpenQuestion {
    pub question: String,
    pub prompt: String,
    /// What depends on it and what would settle it.
    pub why: String,
    pub citation: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TransparencyDuties {
    /// `Art. 50(1)` … `Art. 50(4)`.
    pub articles: Vec<String>,
    pub applies_from: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GpaiDuties {
    pub systemic_risk: bool,
    /// Art. 53(2): free and open-source models are relieved of some duties
    /// unless they carry systemic risk.
    pub open_source_exemption: bool,
    pub articles: Vec<String>,
    pub applies_from: String,
}

/// One duty of one role, with its deadline from the dates table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ObligationDue {
    pub id: String,
    pub role: String,
    /// The article's label (`Art. 26(7)`).
    pub article: String,
    pub article_id: String,
    pub title: String,
    pub action: String,
    pub evidence: Vec<String>,
    /// Effective date (`YYYY-MM-DD`), after any amendment.
    pub applies_from: String,
    /// The date as first enacted, where an amendment moved it.
    pub original_date: Option<String>,
    /// The text the effective date comes from.
    pub date_source: String,
}

/// A step of the compliance plan: an obligation placed in sequence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanStep {
    pub step: u32,
    pub title: String,
    pub role: String,
    pub article: String,
    pub due: String,
    pub action: String,
    pub evidence: Vec<String>,
    /// Route-specific advice (the conformity-assessment procedure, say).
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FriaStatus {
    Required,
    Recommended,
    NotApplicable,
}

/// Art. 27 fundamental-rights impact assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Fria {
    pub status: FriaStatus,
    pub reason: String,
    /// Art. 27(1)(a)–(f): what the assessment must describe.
    pub worksheet: Vec<WorksheetElement>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WorksheetElement {
    pub element: String,
    pub citation: String,
    pub prompt: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Verdict {
    pub risk_class: RiskClass,
    pub legal_basis: Vec<String>,
    pub roles: Vec<String>,
    pub profiling: Option<bool>,
    pub high_risk_route: Option<HighRiskRoute>,
    /// Art. 6(3) derogation applied (the system is listed in Annex III but not high-risk).
    pub derogation: bool,
    pub gpai: Option<GpaiDuties>,
    pub transparency: Option<TransparencyDuties>,
    pub fria: Fria,
    pub obligations: Vec<ObligationDue>,
    pub plan: Vec<PlanStep>,
    pub trace: Vec<TraceStep>,
    pub open_questions: Vec<OpenQuestion>,
    /// Decisive questions left unanswered; what they would establish was
    /// taken not to apply. Answer them before relying on the verdict.
    pub unanswered: Vec<String>,
    pub kb_version: String,
}

/// Annex III: (question, option, KB item) for every listed use case.
const ANNEX_III: &[(&str, &str, &str)] = &[
    (
        "annex_iii_biometrics",
        "remote_identification",
        "eu-ai-act:annex-iii.1.a",
    ),
    (
        "annex_iii_biometrics",
        "categorisation_sensitive",
        "eu-ai-act:annex-iii.1.b",
    ),
    (
        "annex_iii_biometrics",
        "emotion_recognition",
        "eu-ai-act:annex-iii.1.c",
    ),
    (
        "annex_iii_education",
        "admission",
        "eu-ai-act:annex-iii.3.a",
    ),
    (
        "annex_iii_education",
        "evaluate_outcomes",
        "eu-ai-act:annex-iii.3.b",
    ),
    (
        "annex_iii_education",
        "assess_level",
        "eu-ai-act:annex-iii.3.c",
    ),
    (
        "annex_iii_education",
        "proctoring",
        "eu-ai-act:annex-iii.3.d",
    ),
    (
        "annex_iii_employment",
        "recruitment_selection",
        "eu-ai-act:annex-iii.4.a",
    ),
    (
        "annex_iii_employment",
        "work_decisions",
        "eu-ai-act:annex-iii.4.b",
    ),
    (
        "annex_iii_essential_services",
        "public_benefits",
        "eu-ai-act:annex-iii.5.a",
    ),
    (
        "annex_iii_essential_services",
        "creditworthiness",
        "eu-ai-act:annex-iii.5.b",
    ),
    (
        "annex_iii_essential_services",
        "life_health_insurance",
        "eu-ai-act:annex-iii.5.c",
    ),
    (
        "annex_iii_essential_services",
        "emergency_triage",
        "eu-ai-act:annex-iii.5.d",
    ),
    (
        "annex_iii_law_enforcement",
        "victim_risk",
        "eu-ai-act:annex-iii.6.a",
    ),
    (
        "annex_iii_law_enforcement",
        "polygraph",
        "eu-ai-act:annex-iii.6.b",
    ),
    (
        "annex_iii_law_enforcement",
        "evidence_reliability",
        "eu-ai-act:annex-iii.6.c",
    ),
    (
        "annex_iii_law_enforcement",
        "offending_risk",
        "eu-ai-act:annex-iii.6.d",
    ),
    (
        "annex_iii_law_enforcement",
        "profiling_investigation",
        "eu-ai-act:annex-iii.6.e",
    ),
    (
        "annex_iii_migration",
        "polygraph",
        "eu-ai-act:annex-iii.7.a",
    ),
    (
        "annex_iii_migration",
        "risk_assessment",
        "eu-ai-act:annex-iii.7.b",
    ),
    (
        "annex_iii_migration",
        "application_examination",
        "eu-ai-act:annex-iii.7.c",
    ),
    (
        "annex_iii_migration",
        "identification",
        "eu-ai-act:annex-iii.7.d",
    ),
    (
        "annex_iii_justice",
        "judicial_assistance",
        "eu-ai-act:annex-iii.8.a",
    ),
    (
        "annex_iii_justice",
        "election_influence",
        "eu-ai-act:annex-iii.8.b",
    ),
];

/// Options that name a use case Annex III itself excludes.
const ANNEX_III_EXCLUSIONS: &[(&str, &str, &str, &str)] = &[
    (
        "annex_iii_biometrics",
        "verification_only",
        "eu-ai-act:annex-iii.1.a",
        "biometric verification that only confirms a person is who they claim to be is excluded from point 1(a)",
    ),
    (
        "annex_iii_essential_services",
        "fraud_detection_only",
        "eu-ai-act:annex-iii.5.b",
        "systems used to detect financial fraud are excluded from point 5(b)",
    ),
    (
        "annex_iii_migration",
        "travel_document_verification_only",
        "eu-ai-act:annex-iii.7.d",
        "verification of travel documents is excluded from point 7(d)",
    ),
    (
        "annex_iii_justice",
        "campaign_admin_only",
        "eu-ai-act:annex-iii.8.b",
        "tools that only organise, optimise or structure political campaigns administratively or logistically are excluded from point 8(b)",
    ),
];

/// Art. 5(1): (question, exception question, KB item).
const PROHIBITIONS: &[(&str, Option<&str>, &str)] = &[
    ("p_manipulation", None, "eu-ai-act:art-5.1.a"),
    ("p_vulnerability", None, "eu-ai-act:art-5.1.b"),
    ("p_social_scoring", None, "eu-ai-act:art-5.1.c"),
    (
        "p_crime_prediction",
        Some("p_crime_prediction_human_support"),
        "eu-ai-act:art-5.1.d",
    ),
    ("p_face_scraping", None, "eu-ai-act:art-5.1.e"),
    (
        "p_emotion_work_education",
        Some("p_emotion_medical_safety"),
        "eu-ai-act:art-5.1.f",
    ),
    (
        "p_biometric_sensitive",
        Some("p_biometric_lawful_labelling"),
        "eu-ai-act:art-5.1.g",
    ),
    (
        "p_realtime_rbi",
        Some("p_rbi_strictly_necessary"),
        "eu-ai-act:art-5.1.h",
    ),
    ("p_ncii_csam", None, "eu-ai-act:art-5.1.i"),
];

/// Art. 2 exclusions that take a system out of the Act whatever it does.
const EXCLUSIONS: &[(&str, &str)] = &[
    ("military_defence_security", "eu-ai-act:art-2.3"),
    ("scientific_research_only", "eu-ai-act:art-2.6"),
    ("pre_market_research", "eu-ai-act:art-2.8"),
    ("personal_non_professional", "eu-ai-act:art-2.10"),
];

const NEXUS: [&str; 4] = [
    "placed_on_eu_market",
    "put_into_service_eu",
    "deployer_in_eu",
    "output_used_in_eu",
];

struct Classifier<'a> {
    kb: &'a KnowledgeBase,
    questionnaire: &'a Questionnaire,
    view: View<'a>,
    trace: Vec<TraceStep>,
    open: Vec<OpenQuestion>,
    unanswered: Vec<String>,
}

impl Classifier<'_> {
    fn label(&self, id: &str) -> String {
        self.kb
            .item(id)
            .map_or_else(|| id.to_owned(), |i| i.label.clone())
    }

    fn step(
        &mut self,
        rule: &str,
        answers: &[&str],
        citations: &[&str],
        outcome: impl Into<String>,
    ) {
        self.trace.push(TraceStep {
            rule: rule.to_owned(),
            answers: answers.iter().map(|a| (*a).to_owned()).collect(),
            citation: citations.iter().map(|c| self.label(c)).collect(),
            citation_ids: citations.iter().map(|c| (*c).to_owned()).collect(),
            outcome: outcome.into(),
        });
    }

    /// Records that `question` (unanswered or "not sure") blocks a verdict.
    fn open(&mut self, question: &str, depends: &str) {
        if self.open.iter().any(|o| o.question == question) {
            return;
        }
        let (prompt, citation) = match self.questionnaire.question(question) {
            Some(q) => (
                q.prompt.clone(),
                q.cites.iter().map(|c| self.label(c)).collect(),
            ),
            None => (question.to_owned(), Vec::new()),
        };
        let state = if self.view.answered(question) {
            "was answered \"not sure\""
        } else {
            "is unanswered"
        };
        self.open.push(OpenQuestion {
            question: question.to_owned(),
            prompt,
            why: format!("{depends}; it {state}. A firm yes or no, backed by the system's documentation or the provider's statement, settles it."),
            citation,
        });
    }

    /// For a question whose "yes" would establish a prohibition, an
    /// exception, a derogation or a duty: an unanswered question establishes
    /// nothing (recorded in `unanswered`), while "not sure" is an open
    /// question that blocks the verdict.
    fn claimed(&mut self, question: &str, depends: &str) -> Option<bool> {
        if !self.view.answered(question) {
            if !self.unanswered.iter().any(|q| q == question) {
                self.unanswered.push(question.to_owned());
            }
            return Some(false);
        }
        self.firm(question, depends)
    }

    /// `Some(true)` / `Some(false)` for a firm answer; `None` (and an open
    /// question) when it is unsure or missing.
    fn firm(&mut self, question: &str, depends: &str) -> Option<bool> {
        match self.view.choice(question) {
            Some("yes") => Some(true),
            Some("no") => Some(false),
            _ => {
                self.open(question, depends);
                None
            }
        }
    }
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
    let mut c = Classifier {
        kb,
        questionnaire,
        view: View::new(answers),
        trace: Vec::new(),
        open: Vec::new(),
        unanswered: Vec::new(),
    };
    let view = c.view;
    let mut basis: Vec<&str> = Vec::new();

    // 1. Is it an AI system at all (Art. 3(1))?
    let ai_system = c.firm(
        "ai_system",
        "Whether the Act applies depends on the tool being an AI system (Art. 3(1))",
    );
    match ai_system {
        Some(false) => {
            c.step(
                "ai-system",
                &["ai_system"],
                &["eu-ai-act:art-3.1"],
                "not an AI system: the Act's rules on AI systems do not apply",
            );
            // A general-purpose AI model is not an AI system, but its
            // provider has the model duties of Arts 53–55 all the same.
            let gpai = gpai(&mut c);
            let facts = Facts {
                roles: if gpai.is_some() {
                    vec![Role::Provider]
                } else {
                    Vec::new()
                },
                gpai,
                ..Facts::default()
            };
            return Ok(finish(
                c,
                RiskClass::OutOfScope,
                vec!["eu-ai-act:art-3.1"],
                facts,
            ));
        }
        Some(true) => c.step(
            "ai-system",
            &["ai_system"],
            &["eu-ai-act:art-3.1"],
            "an AI system within Art. 3(1)",
        ),
        None => c.step(
            "ai-system",
            &["ai_system"],
            &["eu-ai-act:art-3.1"],
            "open: whether it is an AI system",
        ),
    }

    // 2. Territorial scope and exclusions (Art. 2).
    let nexus: Vec<&str> = view
        .many("eu_nexus")
        .into_iter()
        .filter(|n| NEXUS.contains(n))
        .collect();
    if !view.answered("eu_nexus") {
        c.open(
            "eu_nexus",
            "The Act applies only with a link to the EU market or to people in the EU (Art. 2(1))",
        );
    } else if nexus.is_empty() {
        c.step(
            "territorial-scope",
            &["eu_nexus"],
            &["eu-ai-act:art-2.1"],
            "no link to the EU: outside the Act's territorial scope",
        );
        return Ok(finish(
            c,
            RiskClass::OutOfScope,
            vec!["eu-ai-act:art-2.1"],
            Facts::default(),
        ));
    } else {
        c.step(
            "territorial-scope",
            &["eu_nexus"],
            &["eu-ai-act:art-2.1"],
            format!("within scope: {}", nexus.join(", ")),
        );
    }
    for (option, article) in EXCLUSIONS {
        if view.includes("exclusion", option) {
            c.step(
                "exclusion",
                &["exclusion"],
                &[article],
                format!("excluded from the Act ({option})"),
            );
            return Ok(finish(
                c,
                RiskClass::OutOfScope,
                vec![article],
                Facts::default(),
            ));
        }
    }
    let open_source = view.includes("exclusion", "open_source_free");

    let scope_open = ai_system.is_none() || !c.open.is_empty();
    let mut facts = Facts::default();

    // 3. Prohibited practices (Art. 5) win over every other class.
    let mut prohibited: Vec<&str> = Vec::new();
    // A practice that escapes Art. 5 through its own exception is still a
    // listed biometric use case (Annex III 1(a)–(c)).
    let mut excepted_listings: Vec<&str> = Vec::new();
    for (question, exception, article) in PROHIBITIONS {
        if !view.answered(question) && nexus.is_empty() {
            continue;
        }
        let depends = format!(
            "Whether the practice is prohibited under {}",
            c.label(article)
        );
        if c.claimed(question, &depends) == Some(true) {
            let excepted = match exception {
                Some(e) => c.claimed(
                    e,
                    &format!("Whether the exception in {} applies", c.label(article)),
                ),
                None => Some(false),
            };
            match excepted {
                Some(false) => {
                    c.step("prohibited-practice", &[question], &[article], "prohibited");
                    prohibited.push(article);
                }
                Some(true) => {
                    c.step(
                        "prohibition-exception",
                        &[question, exception.unwrap_or_default()],
                        &[article],
                        "the practice falls within the exception the article itself makes",
                    );
                    match *article {
                        "eu-ai-act:art-5.1.f" => excepted_listings.push("eu-ai-act:annex-iii.1.c"),
                        "eu-ai-act:art-5.1.g" => excepted_listings.push("eu-ai-act:annex-iii.1.b"),
                        "eu-ai-act:art-5.1.h" => excepted_listings.push("eu-ai-act:annex-iii.1.a"),
                        _ => {}
                    }
                }
                None => {}
            }
        }
    }
    if !prohibited.is_empty() && !scope_open {
        (facts.roles, facts.requalified) = roles(&mut c, false, None);
        facts.prohibited = prohibited.iter().map(|p| (*p).to_owned()).collect();
        return Ok(finish(c, RiskClass::Prohibited, prohibited, facts));
    }
    let prohibition_open = c.open.len();
    if prohibited.is_empty() {
        c.step(
            "prohibited-practice",
            &[],
            &["eu-ai-act:art-5"],
            "no prohibited practice established",
        );
    }

    // 4. High-risk via Annex I product legislation (Art. 6(1)).
    let mut route = None;
    if view.answered("annex_i_product") || !nexus.is_empty() {
        match c.claimed("annex_i_product", "Whether the system is (a safety component of) a product under Annex I legislation decides Art. 6(1)") {
            Some(true) => match c.firm("third_party_conformity", "Art. 6(1)(b) turns on whether that legislation requires a third-party conformity assessment") {
                Some(true) => {
                    c.step("high-risk-annex-i", &["annex_i_product", "third_party_conformity"], &["eu-ai-act:art-6.1", "eu-ai-act:annex-i"], "high-risk: product under Annex I requiring third-party conformity assessment");
                    route = Some(HighRiskRoute::AnnexI);
                    basis.push("eu-ai-act:art-6.1");
                }
                Some(false) => c.step("high-risk-annex-i", &["annex_i_product", "third_party_conformity"], &["eu-ai-act:art-6.1"], "not high-risk by Art. 6(1): no third-party conformity assessment required"),
                None => {}
            },
            Some(false) => c.step("high-risk-annex-i", &["annex_i_product"], &["eu-ai-act:art-6.1"], "not an Annex I product or safety component"),
            None => {}
        }
    }

    // 5. High-risk via Annex III (Art. 6(2)), with its built-in exclusions.
    let mut listed: Vec<&str> = Vec::new();
    for (question, option, item) in ANNEX_III {
        if view.includes(question, option) {
            listed.push(item);
        }
    }
    for item in excepted_listings {
        if !listed.contains(&item) {
            listed.push(item);
        }
    }
    if view.yes("annex_iii_critical_infrastructure") {
        listed.push("eu-ai-act:annex-iii.2");
    } else if view.unsure("annex_iii_critical_infrastructure") {
        c.open("annex_iii_critical_infrastructure", "Whether the system is a safety component of critical infrastructure decides Annex III point 2");
    }
    for (question, option, item, why) in ANNEX_III_EXCLUSIONS {
        if view.includes(question, option) {
            c.step(
                "annex-iii-exclusion",
                &[question],
                &[item],
                format!("not listed: {why}"),
            );
        }
    }
    let mut derogation = false;
    if !listed.is_empty() {
        let mut answers_used: Vec<&str> = vec!["annex_iii_area"];
        answers_used.extend(
            ANNEX_III
                .iter()
                .filter(|(q, o, _)| view.includes(q, o))
                .map(|(q, _, _)| *q),
        );
        answers_used.dedup();
        let mut cites = vec!["eu-ai-act:art-6.2"];
        cites.extend(&listed);
        c.step("annex-iii", &answers_used, &cites, "listed in Annex III");
        // 5a. Art. 6(3): the derogation, never available to profiling.
        let profiling_answered = view.answered("profiling");
        match c.claimed("profiling", "Profiling of natural persons makes an Annex III system high-risk whatever else holds (Art. 6(3), second subparagraph)") {
            Some(true) => {
                facts.profiling = Some(true);
                c.step("profiling-override", &["profiling"], &["eu-ai-act:art-6.3", "eu-ai-act:art-3.52"], "profiles natural persons: the Art. 6(3) derogation is unavailable; high-risk");
                route.get_or_insert(HighRiskRoute::AnnexIii);
                basis.push("eu-ai-act:art-6.2");
                basis.extend(&listed);
            }
            Some(false) => {
                facts.profiling = profiling_answered.then_some(false);
                let conditions: Vec<(&str, &str)> = [
                    ("narrow_procedural", "eu-ai-act:art-6.3.a"),
                    ("improves_completed_human", "eu-ai-act:art-6.3.b"),
                    ("detects_patterns_without_replacing", "eu-ai-act:art-6.3.c"),
                    ("preparatory", "eu-ai-act:art-6.3.d"),
                ]
                .into_iter()
                .filter(|(o, _)| view.includes("derogation_condition", o))
                .collect();
                if conditions.is_empty() {
                    // The derogation is the provider's to establish (Art.
                    // 6(4)); without a condition claimed, the listing stands.
                    if !view.answered("derogation_condition") {
                        c.unanswered.push("derogation_condition".to_owned());
                    }
                    c.step("derogation", &["profiling", "derogation_condition"], &["eu-ai-act:art-6.3"], "no Art. 6(3) condition established: high-risk");
                    route.get_or_insert(HighRiskRoute::AnnexIii);
                    basis.push("eu-ai-act:art-6.2");
                    basis.extend(&listed);
                } else {
                    match c.claimed("derogation_no_material_influence", "The derogation needs the system not to materially influence decision outcomes (Art. 6(3), first subparagraph)") {
                        Some(true) => {
                            let mut cites = vec!["eu-ai-act:art-6.3"];
                            cites.extend(conditions.iter().map(|(_, a)| *a));
                            cites.extend(["eu-ai-act:art-6.4", "eu-ai-act:art-49.2"]);
                            c.step("derogation", &["profiling", "derogation_condition", "derogation_no_material_influence"], &cites, "Art. 6(3) derogation applies: not high-risk, but the provider must document the assessment (Art. 6(4)) and register (Art. 49(2))");
                            derogation = true;
                            basis.extend(conditions.iter().map(|(_, a)| *a));
                        }
                        Some(false) => {
                            c.step("derogation", &["derogation_no_material_influence"], &["eu-ai-act:art-6.3"], "the system materially influences decisions: the derogation fails; high-risk");
                            route.get_or_insert(HighRiskRoute::AnnexIii);
                            basis.push("eu-ai-act:art-6.2");
                            basis.extend(&listed);
                        }
                        None => {}
                    }
                }
            }
            None => {}
        }
    } else if view.includes("annex_iii_area", "none") {
        c.step(
            "annex-iii",
            &["annex_iii_area"],
            &["eu-ai-act:annex-iii"],
            "no Annex III use case",
        );
    }
    let high_risk_open = c.open.len();
    facts.route = route;
    facts.derogation = derogation;
    facts.listed = listed.iter().map(|s| (*s).to_owned()).collect();

    // 6. Transparency duties (Art. 50) accompany any class.
    let mut transparency: Vec<(&str, Trigger)> = Vec::new();
    if view.yes("t_interacts") {
        if view.yes("t_interaction_obvious") {
            c.step("transparency", &["t_interacts", "t_interaction_obvious"], &["eu-ai-act:art-50.1"], "interaction is obvious to a reasonably well-informed person: no Art. 50(1) notice needed");
        } else {
            transparency.push(("eu-ai-act:art-50.1", Trigger::Transparency50_1));
        }
    }
    if view.yes("t_synthetic_content") {
        transparency.push(("eu-ai-act:art-50.2", Trigger::Transparency50_2));
    }
    let biometric_listed = view.includes("annex_iii_biometrics", "emotion_recognition")
        || view.includes("annex_iii_biometrics", "categorisation_sensitive");
    if view.yes("t_emotion_or_biometric_categorisation") || biometric_listed {
        transparency.push(("eu-ai-act:art-50.3", Trigger::Transparency50_3));
    }
    if view.yes("t_deepfake_or_public_text") {
        transparency.push(("eu-ai-act:art-50.4", Trigger::Transparency50_4));
    }
    for q in [
        "t_interacts",
        "t_interaction_obvious",
        "t_synthetic_content",
        "t_emotion_or_biometric_categorisation",
        "t_deepfake_or_public_text",
    ] {
        if view.unsure(q) {
            c.open(
                q,
                "Whether an Art. 50 transparency duty applies depends on it",
            );
        }
    }
    let transparency_open = c.open.len();
    if !transparency.is_empty() {
        let cites: Vec<&str> = transparency.iter().map(|(a, _)| *a).collect();
        c.step(
            "transparency",
            &[
                "t_interacts",
                "t_synthetic_content",
                "t_emotion_or_biometric_categorisation",
                "t_deepfake_or_public_text",
            ],
            &cites,
            "transparency duties apply alongside the class",
        );
    }
    facts.transparency = transparency.iter().map(|(_, t)| *t).collect();

    // 7. General-purpose AI models, reported apart from the system's class.
    facts.gpai = gpai(&mut c);

    // The class, in the law's order of precedence: an open question blocks
    // the verdict only when nothing established above it already decides.
    // (Open questions about roles or GPAI systemic risk, recorded later,
    // leave the class standing.)
    let scope_or_prohibition_open = scope_open || prohibition_open > 0 || !prohibited.is_empty();
    let class = if scope_or_prohibition_open {
        RiskClass::NeedsReview
    } else if route.is_some() {
        RiskClass::HighRisk
    } else if high_risk_open > prohibition_open || transparency_open > high_risk_open {
        RiskClass::NeedsReview
    } else if !transparency.is_empty() {
        RiskClass::TransparencyOnly
    } else {
        RiskClass::MinimalRisk
    };
    // Art. 2(12): free and open-source systems are outside the Act unless
    // they are high-risk, prohibited or subject to Art. 50.
    if open_source {
        if class == RiskClass::MinimalRisk {
            c.step("exclusion", &["exclusion"], &["eu-ai-act:art-2.12"], "free and open-source system that is neither prohibited, high-risk nor subject to Art. 50: excluded");
            facts.roles = Vec::new();
            return Ok(finish(
                c,
                RiskClass::OutOfScope,
                vec!["eu-ai-act:art-2.12"],
                facts,
            ));
        }
        c.step(
            "exclusion",
            &["exclusion"],
            &["eu-ai-act:art-2.12"],
            "the open-source exclusion does not apply to high-risk systems or Art. 50 duties",
        );
    }
    if class == RiskClass::TransparencyOnly || class == RiskClass::MinimalRisk {
        basis.extend(transparency.iter().map(|(a, _)| *a));
    }
    (facts.roles, facts.requalified) = roles(&mut c, class == RiskClass::HighRisk, route);
    Ok(finish(c, class, basis, facts))
}

/// Art. 51–55: whether the organisation provides a general-purpose AI model,
/// as (systemic risk, open-source exemption).
fn gpai(c: &mut Classifier<'_>) -> Option<(bool, bool)> {
    if !c.view.yes("gpai_model") {
        return None;
    }
    let systemic = c.claimed(
        "gpai_systemic",
        "Systemic-risk duties (Art. 55) depend on the 10^25 FLOP presumption or a Commission designation (Art. 51)",
    );
    let open = c.view.yes("gpai_open_source");
    let mut cites = vec!["eu-ai-act:art-53"];
    if systemic == Some(true) {
        cites.extend(["eu-ai-act:art-51", "eu-ai-act:art-52", "eu-ai-act:art-55"]);
    }
    c.step(
        "gpai",
        &["gpai_model", "gpai_systemic", "gpai_open_source"],
        &cites,
        match systemic {
            Some(true) => "general-purpose AI model with systemic risk",
            _ => "general-purpose AI model",
        },
    );
    Some((systemic == Some(true), open && systemic != Some(true)))
}

#[derive(Debug, Default)]
struct Facts {
    roles: Vec<Role>,
    /// Art. 25(1) made a downstream operator the provider.
    requalified: bool,
    route: Option<HighRiskRoute>,
    derogation: bool,
    profiling: Option<bool>,
    listed: Vec<String>,
    transparency: Vec<Trigger>,
    /// (systemic risk, open-source exemption)
    gpai: Option<(bool, bool)>,
    /// The Art. 5 points established.
    prohibited: Vec<String>,
}

/// The organisation's roles, including Art. 25 re-qualification as provider.
fn roles(
    c: &mut Classifier<'_>,
    high_risk: bool,
    route: Option<HighRiskRoute>,
) -> (Vec<Role>, bool) {
    let view = c.view;
    let mut roles: BTreeSet<Role> = BTreeSet::new();
    for (option, role) in [
        ("provider", Role::Provider),
        ("deployer", Role::Deployer),
        ("importer", Role::Importer),
        ("distributor", Role::Distributor),
        ("authorised_representative", Role::AuthorisedRepresentative),
        ("product_manufacturer", Role::ProductManufacturer),
    ] {
        if view.includes("org_roles", option) {
            roles.insert(role);
        }
    }
    if view.yes("gpai_model") && !roles.contains(&Role::Provider) {
        c.step(
            "role",
            &["gpai_model"],
            &["eu-ai-act:art-3.3"],
            "placing a general-purpose AI model on the market makes the organisation its provider",
        );
        roles.insert(Role::Provider);
    }
    if roles.contains(&Role::ProductManufacturer) && route == Some(HighRiskRoute::AnnexI) {
        c.step(
            "role",
            &["org_roles"],
            &["eu-ai-act:art-25.3"],
            "the product manufacturer is the provider of the high-risk AI system in its product",
        );
        roles.insert(Role::Provider);
    }
    let downstream = [Role::Deployer, Role::Importer, Role::Distributor]
        .iter()
        .any(|r| roles.contains(r));
    let mut requalified = false;
    if high_risk && downstream && !roles.contains(&Role::Provider) {
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
            let depends = "Art. 25(1) would make the organisation the provider, with all provider obligations";
            if c.claimed(question, depends) == Some(true) {
                c.step(
                    "re-qualification",
                    &[question],
                    &[article],
                    format!("the organisation {what}: it becomes the provider (Art. 25(1))"),
                );
                roles.insert(Role::Provider);
                requalified = true;
                break;
            }
        }
    }
    if !roles.is_empty() {
        let names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
        let definitions: Vec<&str> = roles
            .iter()
            .map(|r| match r {
                Role::Provider => "eu-ai-act:art-3.3",
                Role::Deployer => "eu-ai-act:art-3.4",
                Role::AuthorisedRepresentative => "eu-ai-act:art-3.5",
                Role::Importer => "eu-ai-act:art-3.6",
                Role::Distributor => "eu-ai-act:art-3.7",
                Role::ProductManufacturer => "eu-ai-act:art-25.3",
            })
            .collect();
        c.step(
            "role",
            &["org_roles"],
            &definitions,
            format!("roles: {}", names.join(", ")),
        );
    }
    (roles.into_iter().collect(), requalified)
}

fn finish(mut c: Classifier<'_>, class: RiskClass, basis: Vec<&str>, facts: Facts) -> Verdict {
    let kb = c.kb;
    let mut legal_basis: Vec<String> = Vec::new();
    for id in basis {
        let label = c.label(id);
        if !legal_basis.contains(&label) {
            legal_basis.push(label);
        }
    }
    let high_risk = class == RiskClass::HighRisk;
    let fria = fria(&c, high_risk, &facts);
    let in_scope = !matches!(class, RiskClass::OutOfScope | RiskClass::Prohibited);

    let mut active: Vec<Trigger> = Vec::new();
    if class == RiskClass::Prohibited {
        active.push(Trigger::Prohibited);
    }
    if in_scope {
        active.push(Trigger::AnyAiSystem);
    }
    if high_risk {
        active.push(Trigger::HighRisk);
    }
    if facts.derogation {
        active.push(Trigger::AnnexIiiDerogation);
    }
    if !matches!(class, RiskClass::OutOfScope | RiskClass::Prohibited) {
        active.extend(&facts.transparency);
    }
    if let Some((systemic, _)) = facts.gpai {
        active.push(Trigger::Gpai);
        if systemic {
            active.push(Trigger::GpaiSystemicRisk);
        }
    }
    if fria.status == FriaStatus::Required {
        active.push(Trigger::Fria);
    }

    let route_key = match facts.route {
        Some(HighRiskRoute::AnnexI) => "high-risk.annex-i",
        _ => "high-risk.annex-iii",
    };
    let mut obligations: Vec<(&Obligation, ObligationDue)> = Vec::new();
    for ob in &kb.obligations().obligations {
        if !facts.roles.contains(&ob.role) || !active.contains(&ob.applies_to) {
            continue;
        }
        // A duty keyed to one high-risk route exists only on that route
        // (Art. 49(1) registration and Art. 27 are Annex III duties; Art.
        // 25(3) is an Annex I one).
        if ob.applies_to == Trigger::HighRisk
            && ob.date_key.starts_with("high-risk.")
            && ob.date_key != route_key
        {
            continue;
        }
        let qualified = match ob.only_when {
            None => true,
            // Unanswered or unsure counts as outside the EU: the duty is
            // shown rather than silently dropped.
            Some(Qualifier::ProviderOutsideEu) => !c.view.yes("provider_established_in_eu"),
            Some(Qualifier::RequalifiedAsProvider) => facts.requalified,
            Some(Qualifier::PublicAuthorityDeployer) => c.view.is("deployer_type", "public_body"),
        };
        if !qualified {
            continue;
        }
        let key = match ob.date_key.as_str() {
            "high-risk" => route_key,
            // A prohibition added later applies from its own date: use the
            // row that names every established point, if there is one.
            "prohibitions" if !facts.prohibited.is_empty() => kb
                .application_dates()
                .dates
                .iter()
                .find(|d| facts.prohibited.iter().all(|p| d.provisions.contains(p)))
                .map_or("prohibitions", |d| d.key.as_str()),
            other => other,
        };
        let Some(date) = kb.application_date(key) else {
            continue;
        };
        let Some(effective) = date.effective() else {
            continue;
        };
        obligations.push((
            ob,
            ObligationDue {
                id: ob.id.clone(),
                role: ob.role.as_str().to_owned(),
                article: c.label(&ob.article),
                article_id: ob.article.clone(),
                title: ob.title.clone(),
                action: ob.action.clone(),
                evidence: ob.evidence.clone(),
                applies_from: effective.date.to_string(),
                original_date: date
                    .amended
                    .as_ref()
                    .and(date.original.as_ref())
                    .map(|o| o.date.to_string()),
                date_source: effective.source.clone(),
            },
        ));
    }
    obligations.sort_by(|a, b| {
        a.0.order
            .cmp(&b.0.order)
            .then(a.0.role.cmp(&b.0.role))
            .then(a.0.id.cmp(&b.0.id))
    });

    let conformity_note = match facts.route {
        Some(HighRiskRoute::AnnexI) => Some("Follow the conformity-assessment procedure of the Annex I product legislation, with the AI Act requirements checked in it (Art. 43(3)).".to_owned()),
        Some(HighRiskRoute::AnnexIii) if facts.listed.iter().any(|l| l.starts_with("eu-ai-act:annex-iii.1.")) => Some("Biometrics (Annex III point 1): internal control (Annex VI) only where harmonised standards or common specifications are applied in full; otherwise a notified body assesses the QMS and technical documentation (Annex VII) (Art. 43(1)).".to_owned()),
        Some(HighRiskRoute::AnnexIii) => Some("Annex III points 2–8: conformity assessment based on internal control (Annex VI), without a notified body (Art. 43(2)).".to_owned()),
        None => None,
    };
    let plan = obligations
        .iter()
        .enumerate()
        .map(|(i, (ob, due))| PlanStep {
            step: u32::try_from(i + 1).unwrap_or(u32::MAX),
            title: due.title.clone(),
            role: due.role.clone(),
            article: due.article.clone(),
            due: due.applies_from.clone(),
            action: due.action.clone(),
            evidence: due.evidence.clone(),
            note: (ob.article == "eu-ai-act:art-43")
                .then(|| conformity_note.clone())
                .flatten(),
        })
        .collect();

    let transparency = (!facts.transparency.is_empty() && in_scope).then(|| TransparencyDuties {
        articles: facts
            .transparency
            .iter()
            .map(|t| match t {
                Trigger::Transparency50_1 => "Art. 50(1)",
                Trigger::Transparency50_2 => "Art. 50(2)",
                Trigger::Transparency50_3 => "Art. 50(3)",
                _ => "Art. 50(4)",
            })
            .map(str::to_owned)
            .collect(),
        applies_from: effective_date(kb, "transparency"),
    });
    let gpai = facts.gpai.map(|(systemic, open_source)| GpaiDuties {
        systemic_risk: systemic,
        open_source_exemption: open_source,
        articles: if systemic {
            vec!["Art. 51", "Art. 52", "Art. 53", "Art. 55"]
        } else {
            vec!["Art. 53"]
        }
        .into_iter()
        .map(str::to_owned)
        .collect(),
        applies_from: effective_date(kb, "gpai"),
    });
    let roles = facts.roles.iter().map(|r| r.as_str().to_owned()).collect();
    Verdict {
        risk_class: class,
        legal_basis,
        roles,
        profiling: facts.profiling,
        high_risk_route: facts.route,
        derogation: facts.derogation,
        gpai,
        transparency,
        fria,
        obligations: obligations.into_iter().map(|(_, d)| d).collect(),
        plan,
        trace: std::mem::take(&mut c.trace),
        open_questions: std::mem::take(&mut c.open),
        unanswered: std::mem::take(&mut c.unanswered),
        kb_version: kb.version().to_owned(),
    }
}

fn effective_date(kb: &KnowledgeBase, key: &str) -> String {
    kb.application_date(key)
        .and_then(|d| d.effective())
        .map(|d| d.date.to_string())
        .unwrap_or_default()
}

/// Art. 27: required of public bodies, private bodies providing public
/// services, and deployers of Annex III 5(b)/5(c) systems — except for
/// critical infrastructure (point 2); good practice for other deployers of
/// high-risk systems.
fn fria(c: &Classifier<'_>, high_risk: bool, facts: &Facts) -> Fria {
    let view = c.view;
    let worksheet = || {
        [
            ("a", "The deployer's processes in which the system will be used, in line with its intended purpose."),
            ("b", "The period of time within which, and the frequency with which, the system is intended to be used."),
            ("c", "The categories of natural persons and groups likely to be affected in this context."),
            ("d", "The specific risks of harm likely to affect those categories, using the provider's Art. 13 information."),
            ("e", "The human oversight measures, following the instructions for use."),
            ("f", "The measures to take if those risks materialise, including internal governance and complaint mechanisms."),
        ]
        .into_iter()
        .map(|(letter, prompt)| WorksheetElement {
            element: letter.to_owned(),
            citation: format!("Art. 27(1)({letter})"),
            prompt: prompt.to_owned(),
        })
        .collect()
    };
    let deployer = facts.roles.contains(&Role::Deployer);
    if !high_risk || !deployer || facts.route != Some(HighRiskRoute::AnnexIii) {
        let reason = if !deployer {
            "Art. 27 binds deployers; the organisation is not a deployer."
        } else {
            "Art. 27 applies to deployers of high-risk systems listed in Annex III; this system is not one."
        };
        return Fria {
            status: FriaStatus::NotApplicable,
            reason: reason.to_owned(),
            worksheet: Vec::new(),
        };
    }
    let only_critical_infrastructure = facts.listed.iter().all(|l| l == "eu-ai-act:annex-iii.2");
    let credit_or_insurance = facts
        .listed
        .iter()
        .any(|l| l == "eu-ai-act:annex-iii.5.b" || l == "eu-ai-act:annex-iii.5.c");
    let public = matches!(
        view.choice("deployer_type"),
        Some("public_body" | "private_public_service")
    );
    if only_critical_infrastructure {
        return Fria {
            status: FriaStatus::NotApplicable,
            reason: "Art. 27(1) excludes high-risk systems used in critical infrastructure (Annex III point 2).".to_owned(),
            worksheet: Vec::new(),
        };
    }
    if public || credit_or_insurance {
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
        reason: "Not legally required: Art. 27(1) covers public bodies, private entities providing public services and deployers of Annex III 5(b)/5(c) systems, and this deployer is none of these. Recommended as good practice; it also feeds the GDPR DPIA (Art. 26(9)).".to_owned(),
        worksheet: worksheet(),
    }
}
