//! What the scenario file must satisfy beyond its schema: unique IDs, every
//! cited item in the knowledge base, positive weights, phrases that still
//! say something once normalised, and for the core scenarios the sample
//! answers the tests grade.

use std::collections::BTreeSet;

use assay_kb::{AssetFile, Diagnostic, KnowledgeBase};

use crate::SCENARIOS_FILE;
use crate::model::{Scenario, ScenarioFile};
use crate::normalise::tokens;

pub(crate) fn parse(
    kb: &KnowledgeBase,
    files: &[AssetFile<'_>],
) -> (Vec<Scenario>, Vec<Diagnostic>) {
    let Some(file) = files.iter().find(|f| f.path == SCENARIOS_FILE) else {
        return (Vec::new(), Vec::new());
    };
    let diagnostic = |id: Option<&str>, message: String| Diagnostic {
        file: SCENARIOS_FILE.to_owned(),
        id: id.map(str::to_owned),
        message,
    };
    let parsed: ScenarioFile = match serde_json::from_str(file.text) {
        Ok(p) => p,
        Err(e) => {
            return (
                Vec::new(),
                vec![diagnostic(None, format!("does not match its schema: {e}"))],
            );
        }
    };
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for s in &parsed.scenarios {
        if !seen.insert(s.id.as_str()) {
            problems.push(diagnostic(
                Some(&s.id),
                "the scenario ID is used twice".into(),
            ));
        }
        for message in check(kb, s) {
            problems.push(diagnostic(Some(&s.id), message));
        }
    }
    (parsed.scenarios, problems)
}

fn check(kb: &KnowledgeBase, s: &Scenario) -> Vec<String> {
    let mut out = Vec::new();
    let r = &s.rubric;
    let cited = s
        .cites
        .iter()
        .chain(r.key_points.iter().flat_map(|k| &k.cites))
        .chain(r.penalties.iter().flat_map(|p| &p.cites))
        .chain(r.mistakes.iter().flat_map(|m| &m.cites));
    for id in cited.filter(|id| kb.item(id).is_none()) {
        out.push(format!("`{id}` is not in the knowledge base"));
    }
    if !matches!(s.difficulty.as_str(), "core" | "intermediate" | "advanced") {
        out.push(format!(
            "difficulty `{}` is not core, intermediate or advanced",
            s.difficulty
        ));
    }
    if !matches!(s.kind.as_str(), "technical" | "behavioural") {
        out.push(format!("kind `{}` is not technical or behavioural", s.kind));
    }
    for k in &r.key_points {
        if k.weight == 0 || k.all_of.is_empty() {
            out.push(format!("key point `{}` needs a weight and phrases", k.id));
        }
        let phrases = k.all_of.iter().flatten();
        for p in phrases.filter(|p| tokens(p).is_empty()) {
            out.push(format!(
                "key point `{}`: the phrase `{p}` says nothing once normalised",
                k.id
            ));
        }
    }
    if s.difficulty == "core" {
        let labels: BTreeSet<&str> = s.samples.iter().map(|x| x.label.as_str()).collect();
        for needed in ["strong", "middling", "weak", "wrong-citation"] {
            if !labels.contains(needed) {
                out.push(format!("a core scenario needs a `{needed}` sample answer"));
            }
        }
    }
    out
}
