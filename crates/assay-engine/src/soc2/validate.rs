//! What the readiness rules must satisfy beyond their schema: five levels
//! 0–4, every criterion of the knowledge base covered once by a question of
//! the questionnaire, known evidence kinds, resolvable crosswalk IDs, and a
//! sampling row for every frequency the questionnaire offers.

use std::collections::BTreeSet;

use assay_kb::{AssetFile, Diagnostic, KnowledgeBase};

use super::model::ReadinessRules;
use crate::Questionnaire;

fn is_rules(path: &str) -> bool {
    path.starts_with("soc2/") && path.ends_with(".json")
}

pub(crate) fn parse_rules(
    kb: &KnowledgeBase,
    files: &[AssetFile<'_>],
    questionnaires: &[Questionnaire],
) -> (Vec<ReadinessRules>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut diagnostics = Vec::new();
    for file in files.iter().filter(|f| is_rules(f.path)) {
        match serde_json::from_str::<ReadinessRules>(file.text) {
            Ok(r) => {
                diagnostics.extend(check(kb, file.path, &r, questionnaires));
                out.push(r);
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

/// Every problem in the readiness rules among `files`.
pub fn validate_rules(
    kb: &KnowledgeBase,
    files: &[AssetFile<'_>],
    questionnaires: &[Questionnaire],
) -> Vec<Diagnostic> {
    parse_rules(kb, files, questionnaires).1
}

fn check(
    kb: &KnowledgeBase,
    path: &str,
    r: &ReadinessRules,
    questionnaires: &[Questionnaire],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut report = |id: Option<&str>, message: String| {
        out.push(Diagnostic {
            file: path.to_owned(),
            id: id.map(str::to_owned),
            message,
        });
    };
    let Some(q) = questionnaires.iter().find(|q| q.id == r.questionnaire) else {
        report(
            None,
            format!("no questionnaire has the ID `{}`", r.questionnaire),
        );
        return out;
    };
    if r.levels.iter().map(|l| l.level).collect::<Vec<_>>() != [0, 1, 2, 3, 4] {
        report(None, "the levels must be 0 to 4".into());
    }
    let kinds: BTreeSet<&str> = r.evidence_kinds.iter().map(|k| k.id.as_str()).collect();
    let mut covered = BTreeSet::new();
    for c in &r.criteria {
        if kb.item(&c.criterion).is_none_or(|i| i.kind != "criterion") {
            report(
                Some(&c.criterion),
                "is not a SOC 2 criterion in the knowledge base".into(),
            );
        }
        if !covered.insert(c.criterion.as_str()) {
            report(Some(&c.criterion), "has two rules".into());
        }
        if q.question(&c.question).is_none() {
            report(
                Some(&c.criterion),
                format!("`{}` is not a question of `{}`", c.question, q.id),
            );
        }
        for k in c
            .evidence_kinds
            .iter()
            .filter(|k| !kinds.contains(k.as_str()))
        {
            report(Some(&c.criterion), format!("`{k}` is not an evidence kind"));
        }
    }
    let uncovered = kb
        .framework("soc2")
        .into_iter()
        .flat_map(|f| &f.items)
        .filter(|i| i.kind == "criterion" && !covered.contains(i.id.as_str()));
    for item in uncovered {
        report(Some(&item.id), "has no readiness rule".into());
    }
    for ai in &r.ai_controls {
        if q.question(&ai.question).is_none() {
            report(
                Some(&ai.question),
                format!("is not a question of `{}`", q.id),
            );
        }
        let ids = ai.criteria.iter().chain(&ai.iso42001).chain(&ai.sp80053);
        for id in ids.filter(|id| kb.item(id).is_none()) {
            report(
                Some(&ai.question),
                format!("`{id}` is not in the knowledge base"),
            );
        }
    }
    let frequencies: BTreeSet<&str> = r
        .sampling
        .table
        .iter()
        .map(|s| s.frequency.as_str())
        .collect();
    for field in q.record_types.values().flat_map(|t| &t.fields) {
        if field.id != "frequency" {
            continue;
        }
        for option in field
            .options
            .iter()
            .filter(|o| !frequencies.contains(o.value.as_str()))
        {
            report(
                None,
                format!("no sampling row for the frequency `{}`", option.value),
            );
        }
    }
    for c in &r.categories {
        if q.question(&c.expected_when).is_none() {
            report(
                Some(&c.id),
                format!("`{}` is not a question of `{}`", c.expected_when, q.id),
            );
        }
    }
    out
}
