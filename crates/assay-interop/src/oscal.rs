//! The project's conclusions as OSCAL assessment results (OSCAL 1.1):
//! one result per interview, with an observation for each thing the
//! assessor recorded and a finding for each control or duty judged.
//!
//! - SOC 2 readiness is reported in the NIST SP 800-53 Rev. 5 view: a
//!   finding per 800-53 control that Assay's SOC 2 crosswalk maps the
//!   assessed criteria to, satisfied only when every such criterion is
//!   ready for a Type II period.
//! - A NIST AI RMF profile gives a finding per subcategory: satisfied when
//!   the current state meets the target.
//! - The EU AI Act register gives a finding per duty: satisfied when the
//!   duty is done or does not apply.
//!
//! Nothing unanswered is reported as satisfied: it is "not-satisfied" with
//! reason "other" and a remark that says why (not assessed, not yet in
//! force).

use assay_engine::risk_profile::ProfileResult;
use assay_engine::soc2::ReadinessResult;
use assay_report::{AssessmentReport, ReportData};
use serde_json::{Value, json};

use crate::derived_uuid;

pub const OSCAL_VERSION: &str = "1.1.2";
const NS: &str = "https://assay.invalid/ns/oscal";

/// The assessment results for `data`, stamped `timestamp` (RFC 3339).
pub fn assessment_results(data: &ReportData, timestamp: &str) -> Value {
    let ids = Ids {
        project: &data.project_id,
    };
    let results: Vec<Value> = data
        .assessments
        .iter()
        .filter_map(|a| result(&ids, data, a, timestamp))
        .collect();
    let plan = ids.of("resource/assessment-plan");
    let interviews: Vec<String> = data
        .assessments
        .iter()
        .map(|a| {
            format!(
                "{} (knowledge base {})",
                a.questionnaire_title, a.kb_version
            )
        })
        .collect();
    let mut doc = json!({
        "uuid": ids.of("assessment-results"),
        "metadata": metadata(&ids, data, timestamp),
        "import-ap": {
            "href": format!("#{plan}"),
            "remarks": "The assessment plan is the set of Assay interviews named in the back matter; Assay does not produce a separate OSCAL assessment plan.",
        },
        "back-matter": { "resources": [{
            "uuid": plan,
            "title": "Assessment plan: guided interviews in Assay",
            "description": one_line(&format!("Interviews held: {}.", interviews.join("; "))),
        }] },
    });
    doc["results"] = if results.is_empty() {
        json!([empty_result(&ids, data, timestamp)])
    } else {
        Value::Array(results)
    };
    json!({ "assessment-results": doc })
}

struct Ids<'a> {
    project: &'a str,
}

impl Ids<'_> {
    fn of(&self, name: &str) -> String {
        derived_uuid(self.project, name)
    }

    fn assessor(&self) -> String {
        self.of("party/assessor")
    }

    fn system(&self) -> String {
        self.of("component/system")
    }
}

/// OSCAL's single-line strings: no line breaks, no surrounding space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn or_placeholder(text: &str, placeholder: &str) -> String {
    let t = one_line(text);
    if t.is_empty() {
        placeholder.to_owned()
    } else {
        t
    }
}

fn metadata(ids: &Ids<'_>, data: &ReportData, timestamp: &str) -> Value {
    let e = &data.engagement;
    json!({
        "title": one_line(&format!(
            "Assessment results: {} for {}",
            or_placeholder(&e.system_name, "AI system"),
            or_placeholder(&e.client, "client")
        )),
        "last-modified": timestamp,
        "version": data.document.version.to_string(),
        "oscal-version": OSCAL_VERSION,
        "roles": [{ "id": "assessor", "title": "Assessor" }],
        "parties": [
            { "uuid": ids.assessor(), "type": "person", "name": or_placeholder(&e.assessor, "Assessor") },
            { "uuid": ids.of("party/client"), "type": "organization", "name": or_placeholder(&e.client, "Client") },
        ],
        "responsible-parties": [{ "role-id": "assessor", "party-uuids": [ids.assessor()] }],
        "props": [
            { "name": "assay-version", "ns": NS, "value": data.app_version },
            { "name": "knowledge-base", "ns": NS, "value": data.kb_version },
        ],
    })
}

fn local_definitions(ids: &Ids<'_>, data: &ReportData) -> Value {
    let e = &data.engagement;
    json!({ "components": [{
        "uuid": ids.system(),
        "type": "this-system",
        "title": or_placeholder(&e.system_name, "AI system"),
        "description": or_placeholder(&e.system_description, "No description recorded."),
        "status": { "state": "operational" },
    }] })
}

fn subjects(ids: &Ids<'_>) -> Value {
    json!([{ "subject-uuid": ids.system(), "type": "component" }])
}

fn origins(ids: &Ids<'_>) -> Value {
    json!([{ "actors": [{ "type": "party", "actor-uuid": ids.assessor(), "role-id": "assessor" }] }])
}

/// When the answer was recorded, else the export time.
fn collected(a: &AssessmentReport, question: &str, timestamp: &str) -> String {
    a.answer_to(question)
        .map(|r| r.answered_at.clone())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| timestamp.to_owned())
}

fn start(data: &ReportData, timestamp: &str) -> String {
    data.engagement
        .start_date
        .as_ref()
        .map_or_else(|| timestamp.to_owned(), |d| format!("{d}T00:00:00Z"))
}

fn result(
    ids: &Ids<'_>,
    data: &ReportData,
    a: &AssessmentReport,
    timestamp: &str,
) -> Option<Value> {
    let (observations, findings) = if let Some(r) = &a.readiness {
        soc2(ids, a, r, timestamp)
    } else if let Some(p) = &a.profile {
        ai_rmf(ids, a, p, timestamp)
    } else if a.verdict.is_some() {
        eu_ai_act(ids, a, timestamp, &data.report_date)
    } else {
        return None;
    };
    if findings.is_empty() {
        return None;
    }
    let controls: Vec<Value> = findings
        .iter()
        .map(|f| json!({ "control-id": f["target"]["target-id"] }))
        .collect();
    Some(json!({
        "uuid": ids.of(&format!("result/{}", a.questionnaire)),
        "title": one_line(&a.questionnaire_title),
        "description": one_line(&format!(
            "Findings from the {} interview, as recorded in Assay.",
            a.questionnaire_title
        )),
        "start": start(data, timestamp),
        "local-definitions": local_definitions(ids, data),
        "reviewed-controls": { "control-selections": [{ "include-controls": controls }] },
        "observations": observations,
        "findings": findings,
    }))
}

/// A result saying nothing was assessed, so the document is still valid
/// and still honest for a project with no scored interview.
fn empty_result(ids: &Ids<'_>, data: &ReportData, timestamp: &str) -> Value {
    json!({
        "uuid": ids.of("result/none"),
        "title": "No interview with findings yet",
        "description": "The project holds no interview with a verdict, profile or readiness score; nothing has been judged.",
        "start": start(data, timestamp),
        "reviewed-controls": { "control-selections": [{ "include-all": {} }] },
    })
}

fn observation(ids: &Ids<'_>, key: &str, title: &str, description: &str, when: String) -> Value {
    json!({
        "uuid": ids.of(&format!("observation/{key}")),
        "title": one_line(title),
        "description": or_placeholder(description, "Nothing recorded."),
        "methods": ["INTERVIEW"],
        "origins": origins(ids),
        "subjects": subjects(ids),
        "collected": when,
    })
}

/// A finding on `target`; `state` is `Some(true)` satisfied, `Some(false)`
/// not satisfied, `None` not assessed.
fn finding(
    ids: &Ids<'_>,
    key: &str,
    target: &str,
    title: &str,
    state: Option<bool>,
    remark: &str,
    observations: &[String],
) -> Value {
    let (state, reason) = match state {
        Some(true) => ("satisfied", "pass"),
        Some(false) => ("not-satisfied", "fail"),
        None => ("not-satisfied", "other"),
    };
    let mut f = json!({
        "uuid": ids.of(&format!("finding/{key}")),
        "title": one_line(title),
        "description": or_placeholder(remark, "No remark."),
        "origins": origins(ids),
        "target": {
            "type": "objective-id",
            "target-id": target,
            "status": { "state": state, "reason": reason },
        },
    });
    if !observations.is_empty() {
        f["related-observations"] = observations
            .iter()
            .map(|o| json!({ "observation-uuid": o }))
            .collect();
    }
    f
}

/// The token form of a knowledge-base ID: `nist-800-53r5:AC-2(1)` → `ac-2.1`.
fn sp80053_control(id: &str) -> String {
    let bare = id.rsplit(':').next().unwrap_or(id).to_ascii_lowercase();
    bare.replace('(', ".").replace(')', "")
}

fn label(a: &AssessmentReport, id: &str) -> String {
    a.labels.get(id).cloned().unwrap_or_else(|| id.to_owned())
}

fn soc2(
    ids: &Ids<'_>,
    a: &AssessmentReport,
    r: &ReadinessResult,
    timestamp: &str,
) -> (Vec<Value>, Vec<Value>) {
    let mut observations = Vec::new();
    for c in &r.controls {
        let mut text = format!("Readiness level: {}.", c.level_label);
        if !c.answered {
            text = "Not yet answered.".into();
        }
        for rule in &c.rules {
            text.push_str(&format!(" {rule}"));
        }
        observations.push(observation(
            ids,
            &format!("soc2/{}", c.id),
            &label(a, &c.id),
            &text,
            collected(a, &c.question, timestamp),
        ));
    }
    // 800-53 control → the criteria mapped to it, in first-seen order.
    let mut mapped: Vec<(String, Vec<&assay_engine::soc2::ControlReadiness>)> = Vec::new();
    for cov in &r.coverage {
        let Some(control) = r.controls.iter().find(|c| c.id == cov.criterion) else {
            continue;
        };
        for (sp, _) in &cov.sp80053 {
            let id = sp80053_control(sp);
            match mapped.iter_mut().find(|(k, _)| *k == id) {
                Some((_, list)) => list.push(control),
                None => mapped.push((id, vec![control])),
            }
        }
    }
    let findings = mapped
        .iter()
        .map(|(control, criteria)| {
            let answered: Vec<_> = criteria.iter().filter(|c| c.answered).collect();
            let state = if answered.is_empty() {
                None
            } else {
                Some(answered.len() == criteria.len() && criteria.iter().all(|c| c.type2_ready))
            };
            let names: Vec<String> = criteria.iter().map(|c| label(a, &c.id)).collect();
            let remark = match state {
                None => format!("Not yet assessed: no answer for {}.", names.join("; ")),
                Some(true) => format!("Ready for a Type II period: {}.", names.join("; ")),
                Some(false) => format!(
                    "Not yet ready for a Type II period: {}.",
                    criteria
                        .iter()
                        .filter(|c| !c.type2_ready)
                        .map(|c| format!("{} ({})", label(a, &c.id), c.level_label))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            };
            let related: Vec<String> = criteria
                .iter()
                .map(|c| ids.of(&format!("observation/soc2/{}", c.id)))
                .collect();
            finding(
                ids,
                &format!("sp80053/{control}"),
                control,
                &format!("NIST SP 800-53 Rev. 5 {}", control.to_ascii_uppercase()),
                state,
                &remark,
                &related,
            )
        })
        .collect();
    (observations, findings)
}

fn state_words(code: &str) -> String {
    match code {
        "not_addressed" => "not addressed".into(),
        "partial" => "partly in place".into(),
        "implemented" => "in place and followed".into(),
        "not_applicable" => "does not apply".into(),
        other => other.replace('_', " "),
    }
}

fn ai_rmf(
    ids: &Ids<'_>,
    a: &AssessmentReport,
    p: &ProfileResult,
    timestamp: &str,
) -> (Vec<Value>, Vec<Value>) {
    let mut observations = Vec::new();
    let mut findings = Vec::new();
    for s in &p.subcategories {
        let target = s.subcategory.rsplit(':').next().unwrap_or(&s.subcategory);
        let key = format!("ai-rmf/{target}");
        let text = format!(
            "Current: {}. Target: {}. {}",
            state_words(&s.current),
            state_words(&s.target),
            s.note
        );
        observations.push(observation(
            ids,
            &key,
            &label(a, &s.subcategory),
            &text,
            collected(a, &s.question, timestamp),
        ));
        let state = if s.current.is_empty() {
            None
        } else {
            Some(!s.gap)
        };
        let remark = if s.gap {
            format!(
                "Gap: {} now, {} targeted.",
                state_words(&s.current),
                state_words(&s.target)
            )
        } else {
            format!("Meets the target ({}).", state_words(&s.target))
        };
        findings.push(finding(
            ids,
            &key,
            target,
            &label(a, &s.subcategory),
            state,
            &remark,
            &[ids.of(&format!("observation/{key}"))],
        ));
    }
    (observations, findings)
}

fn eu_ai_act(
    ids: &Ids<'_>,
    a: &AssessmentReport,
    timestamp: &str,
    today: &str,
) -> (Vec<Value>, Vec<Value>) {
    let Some(v) = &a.verdict else {
        return (Vec::new(), Vec::new());
    };
    let settled = v.status == assay_engine::eu_ai_act::VerdictStatus::Final;
    let mut text = format!(
        "Classification: {}{}. Legal basis: {}.",
        v.risk_class.label(),
        if settled {
            String::new()
        } else {
            format!(
                " (provisional: {} open question(s) could change it)",
                v.open_questions.len()
            )
        },
        v.legal_basis.join(", ")
    );
    if v.legal_basis.is_empty() {
        text = format!("Classification: {}.", v.risk_class.label());
    }
    let verdict_key = "eu-ai-act/classification";
    let observations = vec![observation(
        ids,
        verdict_key,
        "EU AI Act classification",
        &text,
        timestamp.to_owned(),
    )];
    let related = [ids.of(&format!("observation/{verdict_key}"))];
    let findings = a
        .register
        .iter()
        .map(|row| {
            let target = row.item_id.replace(':', "_");
            let remark = format!(
                "{}{}. Applies from {}. Owner: {}.{}",
                row.status,
                if row.binding {
                    ""
                } else {
                    " (voluntary measure)"
                },
                row.applies_from,
                if row.owner.is_empty() {
                    "not assigned"
                } else {
                    &row.owner
                },
                if row.reported {
                    " The date is known from secondary sources only (reported)."
                } else {
                    ""
                }
            );
            finding(
                ids,
                &format!("eu-ai-act/{}", row.item_id),
                &target,
                &format!("{} {}", row.article, row.title),
                // A voluntary measure, or a duty not yet in force, is not
                // failed, only not yet met.
                if row.closed {
                    Some(true)
                } else if row.binding && row.applies_from.as_str() <= today {
                    Some(false)
                } else {
                    None
                },
                &remark,
                &related,
            )
        })
        .collect();
    (observations, findings)
}

#[cfg(test)]
mod tests {
    use super::{one_line, sp80053_control};

    #[test]
    fn control_ids_take_oscal_token_form() {
        assert_eq!(sp80053_control("nist-800-53r5:AC-2(1)"), "ac-2.1");
        assert_eq!(sp80053_control("nist-800-53r5:SR-3"), "sr-3");
    }

    #[test]
    fn single_line_strings_have_no_breaks_or_padding() {
        assert_eq!(one_line("  a\nb  c \n"), "a b c");
    }
}
