//! The questionnaire data format (`assets/questionnaires/<id>.json`). See
//! `docs/questionnaire-format.md`.

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
    pub questions: Vec<Question>,
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
}

/// When a question is asked. A condition on an unanswered question is false.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged, deny_unknown_fields)]
pub enum Condition {
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
            | Condition::In { q, .. }
            | Condition::Includes { q, .. }
            | Condition::IncludesAny { q, .. } => vec![q.as_str()],
            Condition::All { all: list } | Condition::Any { any: list } => {
                list.iter().flat_map(Condition::questions).collect()
            }
            Condition::Not { not } => not.questions(),
        }
    }

    /// The (question, value) pairs this condition compares against.
    pub fn values(&self) -> Vec<(&str, &str)> {
        match self {
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
}
