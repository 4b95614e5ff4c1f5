//! The report's tables built from the project and the knowledge base: the
//! obligation register, the Annex IV checklist, the evidence index, the
//! risk register, the crosswalk coverage and the application dates.

use std::collections::{BTreeMap, BTreeSet};

use assay_engine::eu_ai_act::{RiskClass, Verdict};
use assay_kb::KnowledgeBase;
use assay_report::{ChecklistRow, CoverageRow, EvidenceRow, Milestone, RegisterRow, RiskRow};
use assay_store::{EvidenceInfo, RegisterEntry, RegisterStatus, Risk};

fn status_label(status: RegisterStatus) -> &'static str {
    match status {
        RegisterStatus::Open => "Open",
        RegisterStatus::InProgress => "In progress",
        RegisterStatus::Done => "Done",
        RegisterStatus::NotApplicable => "Not applicable",
    }
}

/// The knowledge-base item and every ancestor: evidence linked to Art. 26
/// supports Art. 26(7).
fn lineage(kb: &KnowledgeBase, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = Some(id.to_owned());
    while let Some(item) = current {
        current = kb.item(&item).and_then(|i| i.parent.clone());
        out.push(item);
    }
    out
}

/// The evidence linked to `id` or one of its ancestors.
pub(crate) fn evidence_for<'a>(
    kb: &KnowledgeBase,
    id: &str,
    evidence: &'a [EvidenceInfo],
) -> Vec<&'a EvidenceInfo> {
    let targets: Vec<String> = lineage(kb, id)
        .into_iter()
        .map(|i| format!("kb_item:{i}"))
        .collect();
    evidence
        .iter()
        .filter(|e| e.links.iter().any(|l| targets.contains(l)))
        .collect()
}

/// Names of the evidence files linked to `id` or one of its ancestors.
fn files_for(kb: &KnowledgeBase, id: &str, evidence: &[EvidenceInfo]) -> Vec<String> {
    evidence_for(kb, id, evidence)
        .into_iter()
        .map(|e| e.file_name.clone())
        .collect()
}

/// Each duty of the verdict once, with its tracking and plan position.
pub(crate) fn register_rows(
    kb: &KnowledgeBase,
    v: &Verdict,
    tracking: &[RegisterEntry],
    evidence: &[EvidenceInfo],
) -> Vec<RegisterRow> {
    let steps: BTreeMap<&str, u32> = v
        .plan
        .iter()
        .map(|p| (p.obligation.as_str(), p.step))
        .collect();
    v.obligations
        .iter()
        .map(|o| {
            let entry = tracking.iter().find(|e| e.item_id == o.id);
            let status = entry.map_or(RegisterStatus::Open, |e| e.status);
            RegisterRow {
                item_id: o.id.clone(),
                article: o.article.clone(),
                title: o.title.clone(),
                action: o.action.clone(),
                evidence: o.evidence.clone(),
                role: o.role.replace('_', " "),
                applies_from: o.applies_from.clone(),
                original_date: o.original_date.clone(),
                date_source: o.date_source.clone(),
                binding: o.binding,
                reported: o.reported,
                step: steps.get(o.id.as_str()).copied().unwrap_or(u32::MAX),
                status: status_label(status).to_owned(),
                closed: matches!(status, RegisterStatus::Done | RegisterStatus::NotApplicable),
                owner: entry.map_or_else(String::new, |e| e.owner.clone()),
                target_date: entry.and_then(|e| e.target_date.clone()),
                note: entry.map_or_else(String::new, |e| e.note.clone()),
                evidence_files: files_for(kb, &o.article_id, evidence),
            }
        })
        .collect()
}

/// Annex IV point by point, for a provider of a high-risk system.
pub(crate) fn annex_iv(
    kb: &KnowledgeBase,
    v: &Verdict,
    evidence: &[EvidenceInfo],
) -> Vec<ChecklistRow> {
    let provider = v.roles.iter().any(|r| r == "provider");
    if v.risk_class != RiskClass::HighRisk || !provider {
        return Vec::new();
    }
    kb.children("eu-ai-act:annex-iv")
        .into_iter()
        .map(|item| ChecklistRow {
            label: item.label.clone(),
            title: item.title.clone(),
            summary: item.summary.clone().unwrap_or_default(),
            evidence_files: files_for(kb, &item.id, evidence),
        })
        .collect()
}

/// The evidence index, with links in words: `Q12`, `Art. 10`.
pub(crate) fn evidence_rows(
    kb: &KnowledgeBase,
    evidence: &[EvidenceInfo],
    questions: &BTreeMap<String, u32>,
) -> Vec<EvidenceRow> {
    evidence
        .iter()
        .map(|e| EvidenceRow {
            file_name: e.file_name.clone(),
            size: e.size,
            sha256: e.sha256.clone(),
            links: e
                .links
                .iter()
                .map(|l| match l.split_once(':') {
                    Some(("kb_item", id)) => kb
                        .item(id)
                        .map_or_else(|| id.to_owned(), |i| i.label.clone()),
                    Some(("answer", target)) => {
                        let question = target.rsplit('/').next().unwrap_or(target);
                        questions
                            .get(question)
                            .map_or_else(|| "an answer".to_owned(), |n| format!("Q{n}"))
                    }
                    _ => l.clone(),
                })
                .collect(),
            kind: e.kind.clone(),
            collected_on: e.collected_on.clone(),
        })
        .collect()
}

pub(crate) fn risk_rows(kb: &KnowledgeBase, risks: &[Risk]) -> Vec<RiskRow> {
    risks
        .iter()
        .map(|r| {
            let i = &r.input;
            RiskRow {
                title: i.title.clone(),
                description: i.description.clone(),
                likelihood: i.likelihood,
                impact: i.impact,
                residual_likelihood: i.residual_likelihood,
                residual_impact: i.residual_impact,
                owner: i.owner.clone(),
                treatment: i.treatment.clone(),
                due_date: i.due_date.clone(),
                status: i.status.clone(),
                relates_to: i
                    .kb_refs
                    .iter()
                    .map(|id| kb.item(id).map_or_else(|| id.clone(), |x| x.label.clone()))
                    .collect(),
            }
        })
        .collect()
}

/// The application-dates table, each row at its effective date.
pub(crate) fn milestones(kb: &KnowledgeBase) -> Vec<Milestone> {
    kb.application_dates()
        .dates
        .iter()
        .filter_map(|d| {
            let rule = d.effective()?;
            Some(Milestone {
                key: d.key.clone(),
                date: rule.date.to_string(),
                title: d.title.clone(),
                source: rule.source.clone(),
                reported: !rule.status.is_published(),
            })
        })
        .collect()
}

/// For each cited article, the AI RMF and ISO/IEC 42001 items mapped to it
/// or to the article it belongs to.
pub(crate) fn coverage<'a>(
    kb: &KnowledgeBase,
    articles: impl Iterator<Item = &'a str>,
) -> Vec<CoverageRow> {
    let mut seen = BTreeSet::new();
    let mut rows = Vec::new();
    for id in articles {
        // Climb to the first item that has mappings (Art. 26(7) → Art. 26).
        for item in lineage(kb, id) {
            let links = kb.neighbours(&item);
            if links.is_empty() {
                continue;
            }
            if seen.insert(item.clone()) {
                let label = kb.item(&item).map_or(item.clone(), |i| i.label.clone());
                let of = |framework: &str| -> Vec<String> {
                    links
                        .iter()
                        .filter(|l| {
                            kb.framework_of(&l.item.id)
                                .is_some_and(|f| f.id == framework)
                        })
                        .map(|l| l.item.label.clone())
                        .collect()
                };
                rows.push(CoverageRow {
                    article: label,
                    rmf: of("nist-ai-rmf"),
                    iso: of("iso42001"),
                });
            }
            break;
        }
    }
    rows
}
