//! Duties follow from the established facts through the obligations table
//! (`assets/eu-ai-act/obligations.json`), with deadlines from the dates
//! table. Nothing here names a duty: the table does.

use std::collections::BTreeSet;

use assay_kb::{ApplicationDate, Certainty, Fact, KnowledgeBase, Obligation, Role, Subject};

use super::findings::Findings;
use super::verdict::{HighRiskRoute, ObligationDue, PlanStep};

/// The duties that apply, each with its deadline, in plan order.
pub(crate) fn select<'kb>(
    kb: &'kb KnowledgeBase,
    f: &Findings,
    model_roles: &BTreeSet<Role>,
) -> Vec<(&'kb Obligation, ObligationDue)> {
    let mut out: Vec<(&Obligation, ObligationDue)> = kb
        .obligations()
        .obligations
        .iter()
        .filter(|ob| applies(ob, f, model_roles))
        .filter_map(|ob| due(kb, ob, f).map(|d| (ob, d)))
        .collect();
    out.sort_by(|a, b| {
        a.1.applies_from
            .cmp(&b.1.applies_from)
            .then(a.0.order.cmp(&b.0.order))
            .then(a.0.role.cmp(&b.0.role))
            .then(a.0.id.cmp(&b.0.id))
    });
    // An organisation holding two roles owes a duty worded the same for both
    // (AI literacy for a deployer that became the provider) once.
    let mut seen: Vec<(&str, &str)> = Vec::new();
    out.retain(|(ob, _)| {
        let key = (ob.article.as_str(), ob.title.as_str());
        let first = !seen.contains(&key);
        seen.push(key);
        first
    });
    out
}

/// Whether breaching the duty falls under the Art. 99(4) tier: the
/// high-risk duties of providers, representatives, importers, distributors
/// and deployers, and the Art. 50 transparency duties.
pub(crate) fn fined_under_art_99_4(ob: &Obligation) -> bool {
    ob.binding
        && ob.when.iter().any(|fact| {
            matches!(
                fact,
                Fact::HighRisk
                    | Fact::FriaRequired
                    | Fact::ProviderTransparency
                    | Fact::DeployerTransparency
                    | Fact::Transparency50_1
                    | Fact::Transparency50_2
                    | Fact::Transparency50_3
                    | Fact::Transparency50_4DeepFake
                    | Fact::Transparency50_4Text
            )
        })
}

fn applies(ob: &Obligation, f: &Findings, model_roles: &BTreeSet<Role>) -> bool {
    let roles = match ob.subject {
        Subject::System => &f.roles,
        Subject::GpaiModel => model_roles,
    };
    roles.contains(&ob.role)
        && ob.when.iter().all(|fact| f.has(*fact))
        && !ob.unless.iter().any(|fact| f.has(*fact))
}

/// The dates-table row a duty falls due under.
fn date_row<'kb>(
    kb: &'kb KnowledgeBase,
    ob: &Obligation,
    f: &Findings,
) -> Option<&'kb ApplicationDate> {
    let overridden = ob
        .date_overrides
        .iter()
        .find(|o| o.when.iter().all(|fact| f.has(*fact)))
        .map(|o| o.date_key.as_str());
    let key = match overridden.unwrap_or(&ob.date_key) {
        // The generic high-risk duties apply from the earliest route's date:
        // an Annex III listing brings them in on the Annex III date even
        // when Annex I also applies.
        "high-risk" if f.routes.contains(&HighRiskRoute::AnnexIii) => "high-risk.annex-iii",
        "high-risk" => "high-risk.annex-i",
        // A prohibition added later has its own date: use the row that
        // lists every established point, if there is one.
        "prohibitions" if !f.prohibited.is_empty() => kb
            .application_dates()
            .dates
            .iter()
            .find(|d| f.prohibited.iter().all(|p| d.provisions.contains(p)))
            .map_or("prohibitions", |d| d.key.as_str()),
        other => other,
    };
    kb.application_date(key)
}

fn due(kb: &KnowledgeBase, ob: &Obligation, f: &Findings) -> Option<ObligationDue> {
    let row = date_row(kb, ob, f)?;
    let effective = row.effective()?;
    let label = kb
        .item(&ob.article)
        .map_or_else(|| ob.article.clone(), |i| i.label.clone());
    let item_reported = kb
        .item(&ob.article)
        .is_some_and(|i| i.status == Certainty::Reported);
    Some(ObligationDue {
        id: ob.id.clone(),
        role: ob.role.as_str().to_owned(),
        subject: match ob.subject {
            Subject::System => "system",
            Subject::GpaiModel => "gpai_model",
        }
        .to_owned(),
        article: label,
        article_id: ob.article.clone(),
        title: ob.title.clone(),
        action: ob.action.clone(),
        evidence: ob.evidence.clone(),
        applies_from: effective.date.to_string(),
        original_date: row
            .amended
            .as_ref()
            .and(row.original.as_ref())
            .map(|o| o.date.to_string()),
        date_source: effective.source.clone(),
        binding: ob.binding,
        reported: ob.status == Certainty::Reported
            || effective.status == Certainty::Reported
            || item_reported,
    })
}

/// The plan: the duties in order, with the conformity-assessment procedure
/// the route calls for.
pub(crate) fn plan(obligations: &[(&Obligation, ObligationDue)], f: &Findings) -> Vec<PlanStep> {
    let note = conformity_note(f);
    obligations
        .iter()
        .enumerate()
        .map(|(i, (ob, due))| PlanStep {
            step: u32::try_from(i + 1).unwrap_or(u32::MAX),
            obligation: due.id.clone(),
            title: due.title.clone(),
            role: due.role.clone(),
            article: due.article.clone(),
            due: due.applies_from.clone(),
            action: due.action.clone(),
            evidence: due.evidence.clone(),
            note: (ob.article == "eu-ai-act:art-43")
                .then(|| note.clone())
                .flatten(),
        })
        .collect()
}

/// Art. 43: which conformity-assessment procedure the route requires.
fn conformity_note(f: &Findings) -> Option<String> {
    if f.routes.contains(&HighRiskRoute::AnnexISectionA) {
        return Some("Follow the conformity-assessment procedure of the Annex I product legislation, with the AI Act requirements checked in it (Art. 43(3)).".to_owned());
    }
    if !f.routes.contains(&HighRiskRoute::AnnexIii) {
        return None;
    }
    if f.listed
        .iter()
        .any(|l| l.starts_with("eu-ai-act:annex-iii.1."))
    {
        return Some("Biometrics (Annex III point 1): internal control (Annex VI) only where harmonised standards or common specifications are applied in full; otherwise a notified body assesses the quality management system and technical documentation (Annex VII) (Art. 43(1)).".to_owned());
    }
    Some("Annex III points 2-8: conformity assessment based on internal control (Annex VI), without a notified body (Art. 43(2)).".to_owned())
}
