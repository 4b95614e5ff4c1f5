//! The AI system as a CycloneDX 1.6 ML-BOM: the system as the BOM's
//! subject, each model a `machine-learning-model` component with a model
//! card, each dataset a `data` component, outside services as services,
//! and the dependencies between them.
//!
//! Facts come from the system card; a fact nobody recorded is not guessed
//! but named in an `assay:not-recorded` property, so a consumer can tell
//! "none" from "unknown".

use assay_report::ReportData;
use assay_report::card::{CardDataset, CardMetric, CardModel, SystemCard};
use serde_json::{Value, json};

use crate::derived_uuid;

const SPEC_VERSION: &str = "1.6";

/// The BOM for `data`, stamped `timestamp` (RFC 3339).
pub fn bom(data: &ReportData, timestamp: &str) -> Value {
    let card = SystemCard::from_report(data);
    let models = card.models.clone().unwrap_or_default();
    let datasets = card.datasets.clone().unwrap_or_default();
    let services = card.services.clone().unwrap_or_default();
    let mut components: Vec<Value> = Vec::new();
    for (i, m) in models.iter().enumerate() {
        let metrics = if models.len() == 1 {
            card.metrics.as_deref().unwrap_or_default()
        } else {
            &[]
        };
        components.push(model_component(i, m, &datasets, metrics, &card));
    }
    components.extend(
        datasets
            .iter()
            .enumerate()
            .map(|(i, d)| dataset_component(i, d)),
    );
    let services_json: Vec<Value> = services
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut v = json!({
                "bom-ref": format!("service-{}", i + 1),
                "provider": { "name": s.supplier },
                "name": s.name,
            });
            if let Some(p) = &s.purpose {
                v["description"] = json!(p);
            }
            if let Some(e) = s.endpoint.as_ref().filter(|e| is_web_address(e)) {
                v["endpoints"] = json!([e]);
            }
            v
        })
        .collect();
    let mut bom = json!({
        "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
        "bomFormat": "CycloneDX",
        "specVersion": SPEC_VERSION,
        "serialNumber": format!("urn:uuid:{}", serial(data)),
        "version": data.document.version.max(1),
        "metadata": {
            "timestamp": timestamp,
            "tools": { "components": [{
                "type": "application",
                "name": "Assay",
                "version": data.app_version,
                "description": format!("Assay knowledge base {}", data.kb_version),
            }] },
            "component": system_component(&card),
        },
        "components": components,
        "dependencies": dependencies(&models, &datasets, services.len()),
    });
    if !services_json.is_empty() {
        bom["services"] = Value::Array(services_json);
    }
    bom
}

/// The project's UUID: one serial number per project, as CycloneDX asks
/// for one per BOM subject, with `version` counting the issues.
fn serial(data: &ReportData) -> String {
    uuid_or_derived(&data.project_id)
}

fn uuid_or_derived(id: &str) -> String {
    if id.len() == 36 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        id.to_ascii_lowercase()
    } else {
        derived_uuid(id, "cyclonedx")
    }
}

fn is_web_address(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://")) && !s.contains(char::is_whitespace)
}

fn property(name: &str, value: impl Into<String>) -> Value {
    json!({ "name": format!("assay:{name}"), "value": value.into() })
}

fn system_component(card: &SystemCard) -> Value {
    let mut props = vec![property("client", &card.client)];
    if let Some(c) = &card.classification {
        props.push(property("eu-ai-act:classification", &c.risk_class));
        props.push(property(
            "eu-ai-act:status",
            if c.final_verdict {
                "final"
            } else {
                "provisional"
            },
        ));
        if !c.final_verdict {
            props.push(property(
                "eu-ai-act:open-questions",
                c.open_questions.to_string(),
            ));
        }
        for basis in &c.legal_basis {
            props.push(property("eu-ai-act:legal-basis", basis));
        }
        if !c.roles.is_empty() {
            props.push(property("eu-ai-act:role", &c.roles));
        }
    }
    for (name, value) in [
        ("intended-use", &card.intended_use),
        ("out-of-scope-use", &card.out_of_scope),
        ("users", &card.users),
        ("affected-people", &card.affected),
        ("human-oversight", &card.oversight),
    ] {
        if let Some(v) = value {
            props.push(property(name, v));
        }
    }
    if card.models.as_ref().is_some_and(|m| m.len() != 1) {
        for m in card.metrics.iter().flatten() {
            props.push(property("performance-metric", metric_text(m)));
        }
    }
    for missing in card.missing() {
        props.push(property("not-recorded", missing));
    }
    let mut component = json!({
        "type": "application",
        "bom-ref": "system",
        "name": card.system_name,
        "properties": props,
    });
    if let Some(d) = card.description.as_ref().or(card.intended_use.as_ref()) {
        component["description"] = json!(d);
    }
    component
}

fn metric_text(m: &CardMetric) -> String {
    let mut s = format!("{} = {}", m.metric, m.value);
    if let Some(slice) = &m.slice {
        s.push_str(&format!(" ({slice})"));
    }
    s
}

fn approach(value: &str) -> Option<&'static str> {
    Some(match value {
        "supervised" => "supervised",
        "unsupervised" => "unsupervised",
        "semi_supervised" => "semi-supervised",
        "self_supervised" => "self-supervised",
        "reinforcement_learning" => "reinforcement-learning",
        _ => return None,
    })
}

fn model_component(
    i: usize,
    m: &CardModel,
    datasets: &[CardDataset],
    metrics: &[CardMetric],
    card: &SystemCard,
) -> Value {
    let mut parameters = json!({ "task": m.task_label });
    if let Some(a) = m.approach.as_deref().and_then(approach) {
        parameters["approach"] = json!({ "type": a });
    }
    if let Some(arch) = &m.architecture {
        parameters["modelArchitecture"] = json!(arch);
    }
    let refs: Vec<Value> = datasets
        .iter()
        .enumerate()
        .filter(|(_, d)| d.used_for != "operation")
        .map(|(j, _)| json!({ "ref": format!("dataset-{}", j + 1) }))
        .collect();
    if !refs.is_empty() {
        parameters["datasets"] = Value::Array(refs);
    }
    let mut model_card = json!({ "modelParameters": parameters });
    if !metrics.is_empty() {
        let performance: Vec<Value> = metrics
            .iter()
            .map(|x| {
                let mut v = json!({ "type": x.metric, "value": x.value });
                if let Some(s) = &x.slice {
                    v["slice"] = json!(s);
                }
                if let Some((lower, upper)) = x.interval.as_deref().and_then(interval) {
                    v["confidenceInterval"] = json!({ "lowerBound": lower, "upperBound": upper });
                }
                v
            })
            .collect();
        model_card["quantitativeAnalysis"] = json!({ "performanceMetrics": performance });
    }
    model_card["considerations"] = considerations(card);
    let mut v = json!({
        "type": "machine-learning-model",
        "bom-ref": format!("model-{}", i + 1),
        "name": m.name,
        "description": format!("{}; {}", m.origin_label, m.task_label),
        "modelCard": model_card,
        "properties": [property("origin", &m.origin)],
    });
    if let Some(version) = &m.version {
        v["version"] = json!(version);
    }
    if let Some(supplier) = &m.supplier {
        v["supplier"] = json!({ "name": supplier });
    }
    if let Some(licence) = &m.licence {
        v["licenses"] = json!([{ "license": { "name": licence } }]);
    }
    v
}

/// `0.91–0.95`, `0.91-0.95` or `0.91 to 0.95` as its two bounds.
fn interval(text: &str) -> Option<(String, String)> {
    for separator in ["–", " to ", "-"] {
        if let Some((a, b)) = text.split_once(separator) {
            let (a, b) = (a.trim(), b.trim());
            if !a.is_empty() && !b.is_empty() {
                return Some((a.to_owned(), b.to_owned()));
            }
        }
    }
    None
}

fn considerations(card: &SystemCard) -> Value {
    let mut c = json!({});
    if let Some(u) = &card.users {
        c["users"] = json!([u]);
    }
    if let Some(u) = &card.intended_use {
        c["useCases"] = json!([u]);
    }
    if let Some(l) = &card.limitations {
        c["technicalLimitations"] = json!([l]);
    }
    let mut ethical: Vec<Value> = card
        .risks
        .iter()
        .map(|r| {
            let mut v = json!({ "name": r.title });
            if let Some(m) = &r.mitigation {
                v["mitigationStrategy"] = json!(m);
            }
            v
        })
        .collect();
    if let Some(f) = &card.fairness {
        ethical.push(json!({ "name": "Fairness and bias", "mitigationStrategy": f }));
    }
    if !ethical.is_empty() {
        c["ethicalConsiderations"] = Value::Array(ethical);
    }
    c
}

fn dataset_component(i: usize, d: &CardDataset) -> Value {
    let mut description = format!("Used for: {}.", d.used_for_label);
    if let Some(s) = &d.source {
        description.push_str(&format!(" Source: {s}."));
    }
    if let Some(p) = &d.provenance {
        description.push_str(&format!(" Provenance: {p}."));
    }
    let mut data = json!({
        "type": "dataset",
        "name": d.name,
        "description": description,
    });
    match d.personal_data.as_deref() {
        Some("yes") => data["sensitiveData"] = json!(["Personal data"]),
        Some("no") => data["classification"] = json!("No personal data"),
        _ => {}
    }
    let mut props = vec![property("used-for", &d.used_for)];
    if d.personal_data.as_deref() != Some("yes") && d.personal_data.as_deref() != Some("no") {
        props.push(property("not-recorded", "Whether it holds personal data"));
    }
    let mut v = json!({
        "type": "data",
        "bom-ref": format!("dataset-{}", i + 1),
        "name": d.name,
        "data": [data],
        "properties": props,
    });
    if let Some(licence) = &d.licence {
        v["licenses"] = json!([{ "license": { "name": licence } }]);
    }
    v
}

fn dependencies(models: &[CardModel], datasets: &[CardDataset], services: usize) -> Value {
    let model_refs: Vec<String> = (1..=models.len()).map(|i| format!("model-{i}")).collect();
    let dataset_refs = |operation: bool| -> Vec<String> {
        datasets
            .iter()
            .enumerate()
            .filter(|(_, d)| (d.used_for == "operation") == operation)
            .map(|(j, _)| format!("dataset-{}", j + 1))
            .collect()
    };
    let mut system: Vec<String> = model_refs.clone();
    system.extend(dataset_refs(true));
    system.extend((1..=services).map(|i| format!("service-{i}")));
    let mut out = vec![json!({ "ref": "system", "dependsOn": system })];
    for r in &model_refs {
        out.push(json!({ "ref": r, "dependsOn": dataset_refs(false) }));
    }
    for j in 1..=datasets.len() {
        out.push(json!({ "ref": format!("dataset-{j}"), "dependsOn": [] }));
    }
    for s in 1..=services {
        out.push(json!({ "ref": format!("service-{s}"), "dependsOn": [] }));
    }
    Value::Array(out)
}

#[cfg(test)]
mod tests {
    use super::interval;

    #[test]
    fn intervals_are_read_only_when_they_have_two_bounds() {
        assert_eq!(interval("0.91–0.95"), Some(("0.91".into(), "0.95".into())));
        assert_eq!(
            interval("0.91 to 0.95"),
            Some(("0.91".into(), "0.95".into()))
        );
        assert_eq!(interval("±0.02"), None);
    }
}
