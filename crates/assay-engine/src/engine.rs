//! Runs any questionnaire: which questions are asked given the answers so
//! far, whether the answers are well-formed, and how far along the interview
//! is. Pure: answers in, facts out.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::questionnaire::{
    AnswerOption, AnswerType, Condition, Question, Questionnaire, RecordField,
};

/// Question ID → answer value (`"yes"`, `["a", "b"]`, `"text"`, `3`).
pub type Answers = BTreeMap<String, Value>;

pub const NOT_SURE: &str = "not_sure";

/// One thing wrong with a set of answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AnswerProblem {
    pub question: String,
    pub message: String,
}

/// Where an interview stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Progress {
    /// Questions asked given the current answers, in questionnaire order.
    pub asked: Vec<String>,
    pub answered: usize,
    /// The first asked question without an answer.
    pub next: Option<String>,
    /// Asked decisive questions answered `not_sure`.
    pub unsure: Vec<String>,
}

/// Typed read access to answers.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    answers: &'a Answers,
}

impl<'a> View<'a> {
    pub fn new(answers: &'a Answers) -> Self {
        View { answers }
    }

    /// A yes/no/not-sure or single-choice answer.
    pub fn choice(&self, question: &str) -> Option<&'a str> {
        self.answers.get(question).and_then(Value::as_str)
    }

    pub fn is(&self, question: &str, value: &str) -> bool {
        self.choice(question) == Some(value)
    }

    pub fn yes(&self, question: &str) -> bool {
        self.is(question, "yes")
    }

    pub fn unsure(&self, question: &str) -> bool {
        self.is(question, NOT_SURE)
    }

    /// A multiple-choice answer; empty when unanswered.
    pub fn many(&self, question: &str) -> Vec<&'a str> {
        match self.answers.get(question) {
            Some(Value::Array(values)) => values.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        }
    }

    pub fn includes(&self, question: &str, value: &str) -> bool {
        self.many(question).contains(&value)
    }

    pub fn answered(&self, question: &str) -> bool {
        self.answers.contains_key(question)
    }

    pub fn number(&self, question: &str) -> Option<f64> {
        self.answers.get(question).and_then(Value::as_f64)
    }

    /// A field of a record answer.
    pub fn field(&self, question: &str, field: &str) -> Option<&'a Value> {
        self.answers.get(question).and_then(|v| v.get(field))
    }

    pub fn holds(&self, condition: &Condition) -> bool {
        match condition {
            Condition::Is { q, is } => self.choice(q) == Some(is.as_str()),
            Condition::FieldIs { q, field, is } => {
                self.field(q, field).and_then(Value::as_str) == Some(is.as_str())
            }
            Condition::AtLeast { q, gte } => self.number(q).is_some_and(|n| n >= *gte),
            Condition::AtMost { q, lte } => self.number(q).is_some_and(|n| n <= *lte),
            Condition::In { q, r#in: values } => self
                .choice(q)
                .is_some_and(|v| values.iter().any(|x| x == v)),
            Condition::Includes { q, includes } => self.includes(q, includes),
            Condition::IncludesAny { q, includes_any } => {
                includes_any.iter().any(|v| self.includes(q, v))
            }
            Condition::All { all } => all.iter().all(|c| self.holds(c)),
            Condition::Any { any } => any.iter().any(|c| self.holds(c)),
            Condition::Not { not } => !self.holds(not),
        }
    }
}

/// Whether `question` is asked given `answers`.
pub fn is_asked(question: &Question, answers: &Answers) -> bool {
    question
        .ask_if
        .as_ref()
        .is_none_or(|c| View::new(answers).holds(c))
}

/// `answers` without the answers to questions that are no longer asked, as
/// after a person changes an earlier answer. Repeats until nothing changes,
/// since dropping one answer can unask another question.
pub fn prune(questionnaire: &Questionnaire, answers: &Answers) -> Answers {
    let mut kept = answers.clone();
    loop {
        let before = kept.len();
        let snapshot = kept.clone();
        kept.retain(|id, _| {
            questionnaire
                .question(id)
                .is_some_and(|q| is_asked(q, &snapshot))
        });
        if kept.len() == before {
            return kept;
        }
    }
}

/// The interview's position.
pub fn progress(questionnaire: &Questionnaire, answers: &Answers) -> Progress {
    let view = View::new(answers);
    let asked: Vec<&Question> = questionnaire
        .questions
        .iter()
        .filter(|q| is_asked(q, answers))
        .collect();
    Progress {
        answered: asked.iter().filter(|q| answers.contains_key(&q.id)).count(),
        next: asked
            .iter()
            .find(|q| !answers.contains_key(&q.id))
            .map(|q| q.id.clone()),
        unsure: asked
            .iter()
            .filter(|q| q.decisive && view.unsure(&q.id))
            .map(|q| q.id.clone())
            .collect(),
        asked: asked.into_iter().map(|q| q.id.clone()).collect(),
    }
}

/// Every problem with `answers`: unknown questions, wrong value types,
/// values that are not options, and answers to questions that would not be
/// asked. Empty when the answers are acceptable.
///
/// Whether a question is asked is not judged from a value that is itself
/// wrong: a question whose condition reads a wrong answer (or reads such a
/// question, and so on) is not reported as unasked, so one typo yields one
/// problem rather than one for every question after it.
pub fn check(questionnaire: &Questionnaire, answers: &Answers) -> Vec<AnswerProblem> {
    let mut problems = Vec::new();
    let mut report = |question: &str, message: String| {
        problems.push(AnswerProblem {
            question: question.to_owned(),
            message,
        });
    };
    let mut wrong = std::collections::BTreeSet::new();
    for (id, value) in answers {
        let Some(question) = questionnaire.question(id) else {
            report(id, "no question has this ID".to_owned());
            continue;
        };
        if let Err(message) = check_answer(questionnaire, question, value) {
            report(id, message);
            wrong.insert(id.as_str());
        }
    }
    let mut undecidable = wrong.clone();
    for question in &questionnaire.questions {
        let reads_undecidable = question
            .ask_if
            .as_ref()
            .is_some_and(|c| c.questions().iter().any(|q| undecidable.contains(q)));
        if reads_undecidable {
            undecidable.insert(question.id.as_str());
        } else if answers.contains_key(&question.id)
            && !wrong.contains(question.id.as_str())
            && !is_asked(question, answers)
        {
            report(
                &question.id,
                "this question is not asked given the other answers".to_owned(),
            );
        }
    }
    problems.sort_by(|a, b| a.question.cmp(&b.question));
    problems
}

/// Whether `value` is an acceptable answer to `question`.
pub fn check_answer(
    questionnaire: &Questionnaire,
    question: &Question,
    value: &Value,
) -> Result<(), String> {
    match (question.answer_type, value) {
        (AnswerType::Record, _) => return check_record(questionnaire.fields(question), value),
        (AnswerType::RecordList, Value::Array(records)) => {
            for (n, record) in records.iter().enumerate() {
                check_record(questionnaire.fields(question), record)
                    .map_err(|e| format!("entry {}: {e}", n + 1))?;
            }
            return Ok(());
        }
        _ => {}
    }
    check_value(question.answer_type, &question.options, value)
}

fn check_record(fields: &[RecordField], value: &Value) -> Result<(), String> {
    let Value::Object(map) = value else {
        return Err(format!(
            "expected an object of fields but got {}",
            kind_of(value)
        ));
    };
    for key in map.keys() {
        if !fields.iter().any(|f| &f.id == key) {
            let known: Vec<&str> = fields.iter().map(|f| f.id.as_str()).collect();
            return Err(format!(
                "`{key}` is not one of the fields {}",
                known.join(", ")
            ));
        }
    }
    for field in fields {
        match map.get(&field.id) {
            None if field.required => return Err(format!("`{}` is required", field.id)),
            None => {}
            Some(v) => check_value(field.field_type, &field.options, v)
                .map_err(|e| format!("`{}`: {e}", field.id))?,
        }
    }
    Ok(())
}

fn check_value(
    answer_type: AnswerType,
    options: &[AnswerOption],
    value: &Value,
) -> Result<(), String> {
    let option = |v: &str| -> Result<(), String> {
        if options.iter().any(|o| o.value == v) {
            Ok(())
        } else {
            let allowed: Vec<_> = options.iter().map(|o| o.value.as_str()).collect();
            Err(format!("`{v}` is not one of {}", allowed.join(", ")))
        }
    };
    match (answer_type, value) {
        (AnswerType::YesNoUnsure, Value::String(v)) => match v.as_str() {
            "yes" | "no" | NOT_SURE => Ok(()),
            other => Err(format!("`{other}` is not one of yes, no, not_sure")),
        },
        (AnswerType::Single, Value::String(v)) => option(v),
        (AnswerType::Multi, Value::Array(values)) => {
            let mut seen = Vec::new();
            for v in values {
                let Some(v) = v.as_str() else {
                    return Err("every value of a multiple-choice answer must be a string".into());
                };
                option(v)?;
                if seen.contains(&v) {
                    return Err(format!("`{v}` is given twice"));
                }
                seen.push(v);
            }
            if values.is_empty() {
                return Err("choose at least one option (or `none` where offered)".into());
            }
            if seen.len() > 1 && seen.contains(&"none") {
                return Err("`none` cannot be combined with other options".into());
            }
            Ok(())
        }
        (AnswerType::Text, Value::String(_)) => Ok(()),
        // serde_json numbers are always finite, so any number is a number answer.
        (AnswerType::Number, Value::Number(_)) => Ok(()),
        (AnswerType::Date, Value::String(v)) => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .map(|_| ())
            .map_err(|_| format!("`{v}` is not a date in YYYY-MM-DD form")),
        (expected, got) => Err(format!(
            "expected {} but got {}",
            describe(expected),
            kind_of(got)
        )),
    }
}

fn describe(t: AnswerType) -> &'static str {
    match t {
        AnswerType::YesNoUnsure => "\"yes\", \"no\" or \"not_sure\"",
        AnswerType::Single => "one option as a string",
        AnswerType::Multi => "an array of options",
        AnswerType::Text => "a string",
        AnswerType::Number => "a number",
        AnswerType::Date => "a date string",
        AnswerType::Record => "an object of fields",
        AnswerType::RecordList => "an array of objects of fields",
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
