//! Checks a questionnaire against itself and the knowledge base: unique IDs,
//! known sections, options where the type needs them, conditions that read
//! earlier questions and real option values, and citations that resolve.

use std::collections::{HashMap, HashSet};

use assay_kb::{AssetFile, Diagnostic, KnowledgeBase};

use crate::engine::check_answer;
use crate::questionnaire::{AnswerType, Questionnaire};

/// Is this asset a questionnaire (as opposed to its cases or samples)?
fn is_questionnaire(path: &str) -> bool {
    path.strip_prefix("questionnaires/").is_some_and(|rest| {
        !rest.contains('/') && rest.ends_with(".json") && !rest.ends_with(".cases.json")
    })
}

pub(crate) fn parse_questionnaires(
    kb: &KnowledgeBase,
    files: &[AssetFile<'_>],
) -> (Vec<Questionnaire>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut diagnostics = Vec::new();
    for file in files.iter().filter(|f| is_questionnaire(f.path)) {
        match serde_json::from_str::<Questionnaire>(file.text) {
            Ok(q) => {
                diagnostics.extend(validate_one(kb, file.path, &q));
                out.push(q);
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

/// Every problem in the questionnaires among `files`.
pub fn validate_questionnaires(kb: &KnowledgeBase, files: &[AssetFile<'_>]) -> Vec<Diagnostic> {
    parse_questionnaires(kb, files).1
}

fn validate_one(kb: &KnowledgeBase, path: &str, q: &Questionnaire) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut report = |id: Option<&str>, message: String| {
        out.push(Diagnostic {
            file: path.to_owned(),
            id: id.map(str::to_owned),
            message,
        });
    };
    if kb.framework(&q.framework).is_none() {
        report(None, format!("framework `{}` does not exist", q.framework));
    }
    if q.licence.name.trim().is_empty() || q.version.trim().is_empty() {
        report(None, "needs a version and a licence".into());
    }
    let sections: HashSet<&str> = q.sections.iter().map(|s| s.id.as_str()).collect();
    let mut earlier: HashMap<&str, &crate::Question> = HashMap::new();
    for question in &q.questions {
        let id = Some(question.id.as_str());
        if earlier.contains_key(question.id.as_str()) {
            report(id, "duplicate question ID".into());
        }
        if !sections.contains(question.section.as_str()) {
            report(id, format!("section `{}` does not exist", question.section));
        }
        if question.prompt.trim().is_empty() || question.help.trim().is_empty() {
            report(id, "needs a prompt and help text".into());
        }
        let needs_options = matches!(question.answer_type, AnswerType::Single | AnswerType::Multi);
        if needs_options && question.options.is_empty() {
            report(id, "a choice question needs options".into());
        }
        if question.answer_type == AnswerType::YesNoUnsure {
            let values: Vec<&str> = question.options.iter().map(|o| o.value.as_str()).collect();
            if !values.is_empty() && values != ["yes", "no", "not_sure"] {
                report(
                    id,
                    "yes/no/not-sure options must be yes, no, not_sure in that order".into(),
                );
            }
        }
        if question.decisive
            && question.answer_type != AnswerType::YesNoUnsure
            && question.answer_type != AnswerType::Multi
            && question.answer_type != AnswerType::Single
        {
            report(id, "only choice questions can be decisive".into());
        }
        for cited in &question.cites {
            if kb.item(cited).is_none() {
                report(
                    id,
                    format!("cites `{cited}`, which is not in the knowledge base"),
                );
            }
        }
        if let Some(condition) = &question.ask_if {
            for read in condition.questions() {
                if !earlier.contains_key(read) {
                    report(
                        id,
                        format!("condition reads `{read}`, which is not an earlier question"),
                    );
                }
            }
            for (read, value) in condition.values() {
                if let Some(source) = earlier.get(read) {
                    let valid = match source.answer_type {
                        AnswerType::YesNoUnsure => ["yes", "no", "not_sure"].contains(&value),
                        _ => source.options.iter().any(|o| o.value == value),
                    };
                    if !valid {
                        report(
                            id,
                            format!(
                                "condition compares `{read}` with `{value}`, which is not one of its values"
                            ),
                        );
                    }
                }
            }
        }
        for option in &question.options {
            for item in option.kb_item.iter().chain(&option.excludes) {
                if kb.item(item).is_none() {
                    report(
                        id,
                        format!(
                            "option `{}` names `{item}`, which is not in the knowledge base",
                            option.value
                        ),
                    );
                }
            }
        }
        if matches!(
            question.answer_type,
            AnswerType::Record | AnswerType::RecordList
        ) {
            match question.record.as_deref() {
                Some(name) if q.record_types.contains_key(name) => {}
                Some(name) => report(id, format!("record type `{name}` is not declared")),
                None => report(id, "a record question names its record type".into()),
            }
        }
        if let Some(presumed) = &question.presume
            && let Err(e) = check_answer(q, question, presumed)
        {
            report(id, format!("`presume` is not a valid answer: {e}"));
        }
        earlier.insert(&question.id, question);
    }
    check_records(q, &mut report);
    check_retired(q, &mut report);
    out
}

fn check_records(q: &Questionnaire, report: &mut impl FnMut(Option<&str>, String)) {
    for (name, record) in &q.record_types {
        for field in &record.fields {
            let needs_options = matches!(field.field_type, AnswerType::Single);
            if needs_options && field.options.is_empty() {
                report(
                    Some(name),
                    format!("field `{}` is a choice with no options", field.id),
                );
            }
            if matches!(
                field.field_type,
                AnswerType::Multi | AnswerType::Record | AnswerType::RecordList
            ) {
                report(
                    Some(name),
                    format!("field `{}` has a type fields cannot have", field.id),
                );
            }
        }
    }
}

fn check_retired(q: &Questionnaire, report: &mut impl FnMut(Option<&str>, String)) {
    for retired in &q.retired {
        let id = Some(retired.id.as_str());
        if q.question(&retired.id).is_some() {
            report(id, "is retired but still asked".into());
        }
        for mapping in &retired.maps {
            for (target, value) in &mapping.set {
                match q.question(target) {
                    None => report(id, format!("maps to `{target}`, which is not a question")),
                    Some(t) => {
                        if let Err(e) = check_answer(q, t, value) {
                            report(id, format!("maps to an invalid answer for `{target}`: {e}"));
                        }
                    }
                }
            }
        }
    }
}
