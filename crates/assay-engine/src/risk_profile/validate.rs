//! What a risk catalogue must satisfy beyond its schema: every cited ID
//! resolves to the right kind of item, scales have five anchored levels,
//! bands cover 1–25, conditions and formulas read questions that exist, and
//! the EU AI Act link names EU AI Act questions. Every problem is reported.

use std::collections::BTreeSet;

use assay_kb::{AssetFile, Diagnostic, KnowledgeBase};

use super::formula;
use super::model::{CatalogueRisk, RiskProfile};
use crate::{AnswerType, Condition, Questionnaire};

const EU_QUESTIONNAIRE: &str = "eu-ai-act";

fn is_profile(path: &str) -> bool {
    path.starts_with("risk-profiles/") && path.ends_with(".json")
}

pub(crate) fn parse_profiles(
    kb: &KnowledgeBase,
    files: &[AssetFile<'_>],
    questionnaires: &[Questionnaire],
) -> (Vec<RiskProfile>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut diagnostics = Vec::new();
    for file in files.iter().filter(|f| is_profile(f.path)) {
        match serde_json::from_str::<RiskProfile>(file.text) {
            Ok(p) => {
                diagnostics.extend(check(kb, file.path, &p, questionnaires));
                out.push(p);
            }
            Err(e) => diagnostics.push(Diagnostic {
                file: file.path.to_owned(),
                id: None,
                message: format!("does not match its schema: {e}"),
            }),
        }
    }
    (out, diagnostics)
}

/// Every problem in the risk profiles among `files`.
pub fn validate_profiles(
    kb: &KnowledgeBase,
    files: &[AssetFile<'_>],
    questionnaires: &[Questionnaire],
) -> Vec<Diagnostic> {
    parse_profiles(kb, files, questionnaires).1
}

struct Checker<'a> {
    kb: &'a KnowledgeBase,
    path: &'a str,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn report(&mut self, id: Option<&str>, message: String) {
        self.out.push(Diagnostic {
            file: self.path.to_owned(),
            id: id.map(str::to_owned),
            message,
        });
    }

    /// `ids` must be knowledge-base items whose ID starts with `prefix`.
    fn items(&mut self, owner: &str, ids: &[String], prefix: &str, what: &str) {
        for id in ids {
            if !id.starts_with(prefix) || self.kb.item(id).is_none() {
                self.report(
                    Some(owner),
                    format!("`{id}` is not {what} in the knowledge base"),
                );
            }
        }
    }

    fn condition(&mut self, owner: &str, condition: &Condition, q: &Questionnaire) {
        for question in condition.questions() {
            if q.question(question).is_none() {
                self.report(
                    Some(owner),
                    format!(
                        "a condition reads `{question}`, which `{}` does not ask",
                        q.id
                    ),
                );
            }
        }
    }
}

fn check(
    kb: &KnowledgeBase,
    path: &str,
    p: &RiskProfile,
    questionnaires: &[Questionnaire],
) -> Vec<Diagnostic> {
    let mut c = Checker {
        kb,
        path,
        out: Vec::new(),
    };
    let Some(q) = questionnaires.iter().find(|q| q.id == p.questionnaire) else {
        c.report(
            None,
            format!("no questionnaire has the ID `{}`", p.questionnaire),
        );
        return c.out;
    };
    for (name, scale) in [
        ("likelihood", &p.scales.likelihood),
        ("impact", &p.scales.impact),
    ] {
        let levels: Vec<u8> = scale.iter().map(|s| s.level).collect();
        if levels != [1, 2, 3, 4, 5] || scale.iter().any(|s| s.anchor.trim().is_empty()) {
            c.report(
                None,
                format!("the {name} scale needs levels 1 to 5, each with an anchor"),
            );
        }
    }
    check_bands(&mut c, p);
    match q.question(&p.appetite.question) {
        Some(a) if a.answer_type == AnswerType::Number => {}
        _ => c.report(
            None,
            format!(
                "the appetite question `{}` is not a number question",
                p.appetite.question
            ),
        ),
    }
    let mut seen = BTreeSet::new();
    for risk in &p.risks {
        if !seen.insert(risk.id.as_str()) {
            c.report(Some(&risk.id), "the risk ID is used twice".into());
        }
        check_risk(&mut c, p, q, risk);
    }
    for loss in &p.losses {
        match formula::names(&loss.formula) {
            Ok(names) => {
                for n in names {
                    if q.question(&n)
                        .is_none_or(|x| x.answer_type != AnswerType::Number)
                    {
                        c.report(
                            Some(&loss.id),
                            format!("the formula reads `{n}`, which is not a number question"),
                        );
                    }
                }
            }
            Err(e) => c.report(Some(&loss.id), format!("the formula does not parse: {e}")),
        }
    }
    check_eu_link(&mut c, p, q, questionnaires);
    c.out
}

fn check_bands(c: &mut Checker<'_>, p: &RiskProfile) {
    let mut next = 1;
    for band in &p.bands {
        if band.min != next || band.max < band.min {
            c.report(
                None,
                format!("band `{}` does not continue from {next}", band.label),
            );
        }
        next = band.max + 1;
    }
    if next != 26 {
        c.report(None, "the bands do not cover scores 1 to 25".into());
    }
}

fn check_risk(c: &mut Checker<'_>, p: &RiskProfile, q: &Questionnaire, risk: &CatalogueRisk) {
    let id = risk.id.as_str();
    c.items(
        id,
        &risk.characteristics,
        "nist-ai-rmf:trait.",
        "an AI RMF trustworthiness characteristic",
    );
    c.items(
        id,
        &risk.subcategories,
        "nist-ai-rmf:",
        "an AI RMF subcategory",
    );
    c.items(
        id,
        &risk.genai_risks,
        "nist-ai-600-1:risk.",
        "an AI 600-1 risk",
    );
    if let Some(cond) = &risk.applies_if {
        c.condition(id, cond, q);
    }
    for dimension in [&risk.likelihood, &risk.impact] {
        if !(1..=5).contains(&dimension.base) {
            c.report(
                Some(id),
                format!("base level {} is outside 1 to 5", dimension.base),
            );
        }
        for a in &dimension.adjust {
            c.condition(id, &a.condition, q);
        }
    }
    for control in &risk.controls {
        c.condition(id, &control.in_place_if, q);
        c.items(
            &control.id,
            &control.iso42001,
            "iso42001:",
            "an ISO/IEC 42001 control",
        );
        c.items(
            &control.id,
            &control.sp80053,
            "nist-800-53r5:",
            "an SP 800-53 control",
        );
    }
    if let Some(loss) = &risk.loss
        && !p.losses.iter().any(|l| &l.id == loss)
    {
        c.report(Some(id), format!("no loss has the ID `{loss}`"));
    }
}

fn check_eu_link(
    c: &mut Checker<'_>,
    p: &RiskProfile,
    q: &Questionnaire,
    questionnaires: &[Questionnaire],
) {
    let Some(eu) = questionnaires.iter().find(|x| x.id == EU_QUESTIONNAIRE) else {
        c.report(None, "the EU AI Act questionnaire is missing".into());
        return;
    };
    let link = &p.eu_ai_act;
    let mut eu_keys: Vec<&String> = link.assumed.keys().collect();
    eu_keys.extend(link.from_answers.keys());
    eu_keys.extend(link.derived.iter().flat_map(|d| d.set.keys()));
    for key in eu_keys {
        if eu.question(key).is_none() {
            c.report(
                Some("eu_ai_act"),
                format!("`{key}` is not an EU AI Act question"),
            );
        }
    }
    for ours in link.from_answers.values() {
        if q.question(ours).is_none() {
            c.report(
                Some("eu_ai_act"),
                format!("`{ours}` is not a question of `{}`", q.id),
            );
        }
    }
    for derived in &link.derived {
        c.condition("eu_ai_act", &derived.condition, q);
    }
}
