//! The `.assay` project file: one SQLite database per engagement.
//!
//! A project holds the engagement, its assessments and answers (each change
//! in one durable transaction), evidence files (streamed in and out in
//! chunks, hashed on the way), overrides, a risk register, the obligation
//! register, exported reports and a hash-chained audit trail of every
//! change, which the assessor can seal with a signature. Each module owns
//! one concern:
//!
//! - `project`: opening (header, application ID, format, recovery after a
//!   crash), creating under a temporary name, the one-transaction `change`;
//! - `lock`: one writer per file, keyed by the file itself, not its path;
//! - `answers`, `records`, `evidence`: the rows a user sees;
//! - `audit`, `seal`, `verify`: the chain, its signed seals, and the check
//!   that every row is what the chain says;
//! - `backup`: rolling automatic backups;
//! - `output`: writing user files (reports, exports, extracted evidence)
//!   without ever destroying one.
//!
//! Times and actors come in as a [`Stamp`] from the caller; this crate reads
//! no clock.

mod answers;
mod audit;
mod backup;
mod error;
mod evidence;
mod lock;
mod opening;
pub mod output;
pub mod practice;
mod project;
mod records;
pub mod schema;
mod seal;
mod verify;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use answers::{MAX_ANSWER_BYTES, MAX_NOTE_BYTES};
pub use audit::{AuditEntry, BrokenLink, canonical};
pub use backup::backup_folder;
pub use error::StoreError;
pub use evidence::{EvidenceInfo, NewEvidence, sanitise_file_name};
pub use project::{DEFAULT_EVIDENCE_LIMIT, Project};
pub use records::{NewAssessment, RegisterEntry, RegisterStatus, ReportRecord, Risk, RiskInput};
pub use seal::{Seal, SealSignature, seal_payload};
pub use verify::{Difference, Verification};

pub type Result<T> = std::result::Result<T, StoreError>;

/// Who did something, and when. The caller reads the clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub at: DateTime<Utc>,
    pub actor: String,
}

impl Stamp {
    pub fn new(at: DateTime<Utc>, actor: impl Into<String>) -> Self {
        Stamp {
            at,
            actor: actor.into(),
        }
    }

    pub(crate) fn at_text(&self) -> String {
        self.at.to_rfc3339_opts(SecondsFormat::Millis, true)
    }
}

/// Why a project is open read-only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum ReadOnly {
    /// The caller asked for it.
    Requested,
    /// The file is marked read-only.
    FileNotWritable,
    /// The folder is read-only, so SQLite cannot write its journal there.
    FolderNotWritable,
    /// Made by a newer Assay whose format this build can read but not write.
    NewerFormat {
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        format: i64,
    },
}

impl ReadOnly {
    pub fn describe(&self) -> String {
        match self {
            ReadOnly::Requested => "opened read-only on request".into(),
            ReadOnly::FileNotWritable => "the file is read-only".into(),
            ReadOnly::FolderNotWritable => "its folder is read-only".into(),
            ReadOnly::NewerFormat { format } => {
                format!(
                    "made by a newer Assay (format {format}; this version writes format {})",
                    schema::FORMAT_VERSION
                )
            }
        }
    }
}

/// How to open a project.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    pub read_only: bool,
    /// Where automatic backups go; `None` takes none.
    pub backup_dir: Option<std::path::PathBuf>,
    /// Used to name the backup taken at open.
    pub now: DateTime<Utc>,
    pub app_version: String,
}

/// The engagement a project is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Engagement {
    pub client: String,
    pub system_name: String,
    pub system_description: String,
    pub assessor: String,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub template: String,
    /// Who reviews the report before it is issued (may be empty).
    #[serde(default)]
    pub reviewer: String,
    /// The people interviewed, as the report's scope lists them.
    #[serde(default)]
    pub interviewees: Vec<String>,
}

/// The file's own facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Meta {
    pub project_id: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub format_version: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub min_reader_version: i64,
    pub app_version: String,
    pub created_at: String,
    pub modified_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Assessment {
    pub id: String,
    pub questionnaire: String,
    pub questionnaire_version: String,
    pub kb_version: String,
    pub kb_hash: String,
    pub verdict_snapshot: Option<Value>,
    pub created_at: String,
}

/// Where an answer's truth comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    ClientAsserted,
    EvidenceVerified,
    AssessorJudgement,
}

impl Provenance {
    pub fn as_str(self) -> &'static str {
        match self {
            Provenance::ClientAsserted => "client_asserted",
            Provenance::EvidenceVerified => "evidence_verified",
            Provenance::AssessorJudgement => "assessor_judgement",
        }
    }

    pub fn parse(text: &str) -> Option<Provenance> {
        match text {
            "client_asserted" => Some(Provenance::ClientAsserted),
            "evidence_verified" => Some(Provenance::EvidenceVerified),
            "assessor_judgement" => Some(Provenance::AssessorJudgement),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StoredAnswer {
    pub question_id: String,
    pub value: Value,
    pub note: String,
    pub provenance: Provenance,
    pub answered_by: String,
    pub answered_at: String,
}

/// An answer to save.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerInput {
    pub question_id: String,
    pub value: Value,
    pub note: String,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Override {
    pub id: String,
    pub assessment_id: String,
    pub finding: String,
    pub original: String,
    pub replacement: String,
    pub justification: String,
    pub made_by: String,
    pub made_at: String,
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `Some(value)` for a single-row query, `None` for no rows.
pub(crate) fn optional<T>(result: rusqlite::Result<T>) -> rusqlite::Result<Option<T>> {
    result.optional()
}
