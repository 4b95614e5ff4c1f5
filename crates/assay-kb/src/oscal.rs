//! Reads an official OSCAL catalogue (e.g. the user's own copy of the NIST SP
//! 800-53 Rev 5 catalogue) and flattens each control's statement into plain
//! text, so the user's copy of the official wording can be attached to the
//! knowledge base without Assay shipping it.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::KbError;

/// What an OSCAL catalogue holds that Assay uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OscalStatements {
    pub title: String,
    pub version: String,
    /// Control label (`AC-2(1)`) → statement text.
    pub statements: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct Document {
    catalog: Option<Catalog>,
}

#[derive(Deserialize)]
struct Catalog {
    metadata: Metadata,
    #[serde(default)]
    groups: Vec<Group>,
    #[serde(default)]
    controls: Vec<Control>,
}

#[derive(Deserialize)]
struct Metadata {
    title: String,
    version: String,
}

#[derive(Deserialize)]
struct Group {
    #[serde(default)]
    groups: Vec<Group>,
    #[serde(default)]
    controls: Vec<Control>,
}

#[derive(Deserialize)]
struct Control {
    id: String,
    #[serde(default)]
    props: Vec<Prop>,
    #[serde(default)]
    params: Vec<Param>,
    #[serde(default)]
    parts: Vec<Part>,
    #[serde(default)]
    controls: Vec<Control>,
}

#[derive(Deserialize)]
struct Prop {
    name: String,
    value: String,
    /// Newer catalogues add a zero-padded label with `class: zero-padded`.
    class: Option<String>,
}

#[derive(Deserialize)]
struct Param {
    id: String,
    label: Option<String>,
    select: Option<Select>,
}

#[derive(Deserialize)]
struct Select {
    #[serde(default)]
    choice: Vec<String>,
}

#[derive(Deserialize)]
struct Part {
    name: String,
    #[serde(default)]
    props: Vec<Prop>,
    prose: Option<String>,
    #[serde(default)]
    parts: Vec<Part>,
}

/// Parses an OSCAL catalogue. Malformed JSON and JSON that is not a catalogue
/// get an error that says which.
pub fn parse_catalog(text: &str) -> Result<OscalStatements, KbError> {
    let document: Document = serde_json::from_str(text).map_err(|e| {
        KbError::NotOscalCatalog(format!(
            "the JSON does not parse or has the wrong shape ({e})"
        ))
    })?;
    let catalog = document
        .catalog
        .ok_or_else(|| KbError::NotOscalCatalog("there is no top-level `catalog` object".into()))?;
    let mut statements = BTreeMap::new();
    let mut stack: Vec<&Group> = catalog.groups.iter().collect();
    let mut controls: Vec<&Control> = catalog.controls.iter().collect();
    while let Some(group) = stack.pop() {
        stack.extend(&group.groups);
        controls.extend(&group.controls);
    }
    while let Some(control) = controls.pop() {
        controls.extend(&control.controls);
        let params: BTreeMap<&str, String> = control
            .params
            .iter()
            .map(|p| (p.id.as_str(), describe_param(p)))
            .collect();
        let mut text = String::new();
        for part in control.parts.iter().filter(|p| p.name == "statement") {
            flatten(part, &params, &mut text);
        }
        let text = text.trim().to_owned();
        if !text.is_empty() {
            statements.insert(label_of(control), text);
        }
    }
    if statements.is_empty() {
        return Err(KbError::NotOscalCatalog(
            "the catalog has no control statements".into(),
        ));
    }
    Ok(OscalStatements {
        title: catalog.metadata.title,
        version: catalog.metadata.version,
        statements,
    })
}

fn describe_param(param: &Param) -> String {
    if let Some(select) = &param.select {
        return format!("[Selection: {}]", select.choice.join("; "));
    }
    match &param.label {
        Some(label) => format!("[Assignment: {label}]"),
        None => format!("[Assignment: {}]", param.id),
    }
}

fn flatten(part: &Part, params: &BTreeMap<&str, String>, out: &mut String) {
    if let Some(prose) = &part.prose {
        let label = part
            .props
            .iter()
            .find(|p| p.name == "label")
            .map(|p| p.value.as_str());
        if let Some(label) = label {
            out.push_str(label);
            out.push(' ');
        }
        out.push_str(&substitute(prose, params));
        out.push('\n');
    }
    for child in &part.parts {
        flatten(child, params, out);
    }
}

/// Replaces `{{ insert: param, ac-1_prm_1 }}` with the parameter's label.
fn substitute(prose: &str, params: &BTreeMap<&str, String>) -> String {
    let mut out = String::with_capacity(prose.len());
    let mut rest = prose;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find("}}") else {
            rest = &rest[start..];
            break;
        };
        let inner = &rest[start + 2..start + end];
        let id = inner.rsplit(',').next().unwrap_or("").trim();
        match params.get(id) {
            Some(text) => out.push_str(text),
            None => out.push_str("[Assignment]"),
        }
        rest = &rest[start + end + 2..];
    }
    out.push_str(rest);
    out
}

/// The control's printed label (`AC-2(1)`), from its `label` prop or, failing
/// that, derived from its OSCAL ID (`ac-2.1`).
fn label_of(control: &Control) -> String {
    if let Some(label) = control
        .props
        .iter()
        .find(|p| p.name == "label" && p.class.is_none())
    {
        return label.value.clone();
    }
    let mut parts = control.id.split('.');
    let base = parts.next().unwrap_or("").to_uppercase();
    parts.fold(base, |acc, enhancement| format!("{acc}({enhancement})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = r#"{"catalog":{"uuid":"x","metadata":{"title":"Tiny","version":"1"},
      "groups":[{"id":"ac","title":"Access Control","controls":[
        {"id":"ac-2","props":[{"name":"label","value":"AC-2"}],
         "params":[{"id":"ac-2_prm_1","label":"account types"}],
         "parts":[{"id":"ac-2_smt","name":"statement","parts":[
            {"id":"ac-2_smt.a","name":"item","props":[{"name":"label","value":"a."}],
             "prose":"Define {{ insert: param, ac-2_prm_1 }} allowed;"}]},
            {"id":"ac-2_gdn","name":"guidance","prose":"Not a statement."}],
         "controls":[{"id":"ac-2.1","params":[{"id":"p","select":{"choice":["x","y"]}}],
           "parts":[{"id":"s","name":"statement","prose":"Use {{ insert: param, p }} tools."}]}]}]}]}}"#;

    #[test]
    fn flattens_statements_with_parameters() {
        let parsed = parse_catalog(FIXTURE).unwrap();
        assert_eq!(parsed.title, "Tiny");
        assert_eq!(
            parsed.statements["AC-2"],
            "a. Define [Assignment: account types] allowed;"
        );
        assert_eq!(parsed.statements["AC-2(1)"], "Use [Selection: x; y] tools.");
    }

    #[test]
    fn foreign_and_malformed_json_are_named() {
        let err = parse_catalog(r#"{"profile":{}}"#).unwrap_err().to_string();
        assert!(err.contains("no top-level `catalog`"), "{err}");
        let err = parse_catalog("{not json").unwrap_err().to_string();
        assert!(err.contains("does not parse"), "{err}");
    }
}
