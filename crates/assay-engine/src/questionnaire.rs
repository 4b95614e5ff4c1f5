//! The questionnaire data format (`assets/questionnaires/<id>.json`). See
//! `docs/questionnaire-format.md`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use assay_kb::model::{Licence, Source};

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub id: String,
    pub title: String,
    pub version: String,
    /// The framework whose items the questions cite.
    pub framework: String,
    pub source: Source,
    pub licence: Licence,
    pub sections: Vec<Section>,
    /// Field sets shared by `record` questions, by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub record_types: BTreeMap<String, RecordType>,
    pub questions: Vec<Question>,
    /// Questions an earlier version asked, with how their answers carry over.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retired: Vec<RetiredQuestion>,
}

/// The fields of a `record` answer.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct RecordType {
    pub fields: Vec<RecordField>,
}

/// One field of a record answer.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct RecordField {
    pub id: String,
    pub label: String,
    #[serde(rename = "type")]
    pub field_type: AnswerType,
    #[serde(default)]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<AnswerOption>,
}

/// A question no longer asked. Answers to it are dropped when a project is
/// read, except where `maps` says which current answers an old value means.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RetiredQuestion {
    pub id: String,
    /// Why it went, in plain words.
    pub note: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub maps: Vec<RetiredMapping>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RetiredMapping {
    /// The old answer this mapping applies to.
    pub when: serde_json::Value,
    /// The current answers it stands for.
    pub set: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AnswerType {
    /// `yes`, `no` or `not_sure`.
    YesNoUnsure,
    /// One option value.
    Single,
    /// An array of option values.
    Multi,
    Text,
    Number,
    /// `YYYY-MM-DD`.
    Date,
    /// An object whose fields the questionnaire's `record_types` declare.
    Record,
    /// Any number of records of one type, as a JSON array (empty for none).
    RecordList,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub section: String,
    /// The question in plain words.
    pub prompt: String,
    /// Why it is asked, naming the provision.
    pub help: String,
    #[serde(default)]
    pub cites: Vec<String>,
    #[serde(rename = "type")]
    pub answer_type: AnswerType,
    /// A decisive question can change the verdict; `not_sure` on it blocks a
    /// final verdict.
    #[serde(default)]
    pub decisive: bool,
    #[serde(default)]
    pub options: Vec<AnswerOption>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ask_if: Option<Condition>,
    /// For `record` questions: the name of their record type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// The answer a classifier assumes while this question is unanswered or
    /// answered "not sure"; the assumption is reported with the verdict.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub presume: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    pub value: String,
    pub label: String,
    /// The legal fact this answer establishes, in one sentence.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub establishes: String,
    /// The knowledge-base item this option names (an Annex III point, an
    /// Art. 5 practice, an Annex I act, an Art. 2 exclusion).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kb_item: Option<String>,
    /// The knowledge-base item this option carves out (a use Annex III
    /// itself excludes from a point).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excludes: Option<String>,
}

/// When a question is asked. A condition on an unanswered question is false.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged, deny_unknown_fields)]
pub enum Condition {
    /// A field of a record answer equals a value.
    FieldIs {
        q: String,
        field: String,
        is: String,
    },
    Is {
        q: String,
        is: String,
    },
    In {
        q: String,
        r#in: Vec<String>,
    },
    Includes {
        q: String,
        includes: String,
    },
    IncludesAny {
        q: String,
        includes_any: Vec<String>,
    },
    /// A number answer is at least a value.
    AtLeast {
        q: String,
        gte: f64,
    },
    /// A number answer is at most a value.
    AtMost {
        q: String,
        lte: f64,
    },
    All {
        all: Vec<Condition>,
    },
    Any {
        any: Vec<Condition>,
    },
    Not {
        not: Box<Condition>,
    },
}

impl Condition {
    /// The question IDs this condition reads.
    pub fn questions(&self) -> Vec<&str> {
        match self {
            Condition::Is { q, .. }
            | Condition::FieldIs { q, .. }
            | Condition::In { q, .. }
            | Condition::Includes { q, .. }
            | Condition::IncludesAny { q, .. }
            | Condition::AtLeast { q, .. }
            | Condition::AtMost { q, .. } => vec![q.as_str()],
            Condition::All { all: list } | Condition::Any { any: list } => {
                list.iter().flat_map(Condition::questions).collect()
            }
            Condition::Not { not } => not.questions(),
        }
    }

    /// The (question, value) pairs this condition compares a choice answer
    /// against (record fields and numbers are checked elsewhere).
    pub fn values(&self) -> Vec<(&str, &str)> {
        match self {
            Condition::FieldIs { .. } | Condition::AtLeast { .. } | Condition::AtMost { .. } => {
                Vec::new()
            }
            Condition::Is { q, is } => vec![(q.as_str(), is.as_str())],
            Condition::Includes { q, includes } => vec![(q.as_str(), includes.as_str())],
            Condition::In { q, r#in: values }
            | Condition::IncludesAny {
                q,
                includes_any: values,
            } => values.iter().map(|v| (q.as_str(), v.as_str())).collect(),
            Condition::All { all: list } | Condition::Any { any: list } => {
                list.iter().flat_map(Condition::values).collect()
            }
            Condition::Not { not } => not.values(),
        }
    }
}

impl Questionnaire {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The fields of a record question, empty for other questions.
    pub fn fields(&self, question: &Question) -> &[RecordField] {
        question
            .record
            .as_ref()
            .and_then(|name| self.record_types.get(name))
            .map_or(&[], |r| r.fields.as_slice())
    }
}

impl Question {
    /// The option with this value.
    pub fn option(&self, value: &str) -> Option<&AnswerOption> {
        self.options.iter().find(|o| o.value == value)
    }

    /// Whether the answer can be enumerated (yes/no, single or multiple
    /// choice), which is what a classifier can try alternatives of.
    pub fn is_choice(&self) -> bool {
        matches!(
            self.answer_type,
            AnswerType::YesNoUnsure | AnswerType::Single | AnswerType::Multi
        )
    }
}
