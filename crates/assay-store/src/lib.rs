//! The `.assay` project file: one SQLite database per engagement.
//!
//! A project holds the engagement, its assessments and answers (each saved
//! in its own durable transaction), evidence files (streamed in and out in
//! chunks, hashed on the way), overrides, a risk register, exported reports
//! and a hash-chained audit trail of every change. Opening checks, in order:
//! SQLite magic, Assay's `application_id`, the format version, integrity,
//! then takes an exclusive lock so two windows never write one file.
//!
//! Times and actors come in as a [`Stamp`] from the caller; this crate reads
//! no clock.

mod audit;
mod error;
mod evidence;
mod lock;
pub mod schema;

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use audit::{AuditEntry, BrokenLink, canonical};
pub use error::StoreError;
pub use evidence::{EvidenceInfo, sanitise_file_name};
use lock::ProjectLock;
use schema::{APPLICATION_ID, FORMAT_VERSION, MIGRATIONS, MIN_READER_VERSION};

pub type Result<T> = std::result::Result<T, StoreError>;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// How many automatic backups to keep per project.
const BACKUPS_KEPT: usize = 5;

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
                    "made by a newer Assay (format {format}; this version writes format {FORMAT_VERSION})"
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
    pub backup_dir: Option<PathBuf>,
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
    fn as_str(self) -> &'static str {
        match self {
            Provenance::ClientAsserted => "client_asserted",
            Provenance::EvidenceVerified => "evidence_verified",
            Provenance::AssessorJudgement => "assessor_judgement",
        }
    }

    fn parse(text: &str) -> Provenance {
        match text {
            "evidence_verified" => Provenance::EvidenceVerified,
            "assessor_judgement" => Provenance::AssessorJudgement,
            _ => Provenance::ClientAsserted,
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

/// The result of `verify`: SQLite's integrity check and the audit chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Verification {
    pub integrity: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub audit_entries: i64,
    pub first_broken: Option<BrokenLink>,
    /// Answers whose stored value differs from the last value the audit
    /// trail recorded for them (changed behind Assay's back).
    pub unaudited_answers: Vec<String>,
}

impl Verification {
    pub fn ok(&self) -> bool {
        self.integrity == "ok" && self.first_broken.is_none() && self.unaudited_answers.is_empty()
    }
}

/// An open project file.
#[derive(Debug)]
pub struct Project {
    conn: Connection,
    path: PathBuf,
    read_only: Option<ReadOnly>,
    _lock: Option<ProjectLock>,
    /// The largest evidence file accepted, in bytes.
    evidence_limit: u64,
    /// The automatic backup taken at open, running on its own connection so
    /// a large project opens at once; joined before the project closes.
    backup: Option<std::thread::JoinHandle<Result<()>>>,
}

/// 8 GiB: larger evidence is refused with a clear error.
pub const DEFAULT_EVIDENCE_LIMIT: u64 = 8 << 30;

impl Project {
    /// Creates a new project file; refuses to overwrite an existing one.
    pub fn create(
        path: &Path,
        engagement: &Engagement,
        stamp: &Stamp,
        app_version: &str,
    ) -> Result<Project> {
        if path.exists() {
            return Err(StoreError::AlreadyExists {
                path: path.to_owned(),
            });
        }
        let lock = ProjectLock::acquire(path, stamp, app_version)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )
        .map_err(error::sqlite(path))?;
        let mut project = Project {
            conn,
            path: path.to_owned(),
            read_only: None,
            _lock: Some(lock),
            evidence_limit: DEFAULT_EVIDENCE_LIMIT,
            backup: None,
        };
        project.configure()?;
        project.migrate()?;
        let id = uuid::Uuid::now_v7().to_string();
        let at = stamp.at_text();
        let tx = project
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(error::sqlite(path))?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(error::sqlite(path))?;
        for (key, value) in [
            ("project_id", id.as_str()),
            ("format_version", &FORMAT_VERSION.to_string()),
            ("min_reader_version", &MIN_READER_VERSION.to_string()),
            ("app_version", app_version),
            ("created_at", &at),
            ("modified_at", &at),
        ] {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)",
                params![key, value],
            )
            .map_err(error::sqlite(path))?;
        }
        tx.execute(
            "INSERT INTO engagement (id, client, system_name, system_description, assessor, start_date, end_date, template) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![engagement.client, engagement.system_name, engagement.system_description, engagement.assessor, engagement.start_date, engagement.end_date, engagement.template],
        )
        .map_err(error::sqlite(path))?;
        audit::append(
            &tx,
            stamp,
            "project.create",
            &id,
            &serde_json::to_value(engagement).unwrap_or_default(),
        )
        .map_err(error::sqlite(path))?;
        tx.commit().map_err(error::sqlite(path))?;
        Ok(project)
    }

    /// Opens a project, checking that it is SQLite, an Assay project, of a
    /// format this build reads, and undamaged; writable unless the file,
    /// folder, format or caller say otherwise.
    pub fn open(path: &Path, options: &OpenOptions) -> Result<Project> {
        check_magic(path)?;
        let mut read_only = if options.read_only {
            Some(ReadOnly::Requested)
        } else {
            None
        };
        if read_only.is_none() {
            read_only = writability(path)?;
        }
        let lock = if read_only.is_none() {
            Some(ProjectLock::acquire(
                path,
                &Stamp::new(options.now, "assay"),
                &options.app_version,
            )?)
        } else {
            None
        };
        let flags = if read_only.is_some() {
            OpenFlags::SQLITE_OPEN_READ_ONLY
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
        };
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| corrupt_or(path, options, e))?;
        let mut project = Project {
            conn,
            path: path.to_owned(),
            read_only,
            _lock: lock,
            evidence_limit: DEFAULT_EVIDENCE_LIMIT,
            backup: None,
        };

        let application_id: i32 = project
            .conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(|e| corrupt_or(path, options, e))?;
        if application_id != APPLICATION_ID {
            return Err(StoreError::NotAssayProject {
                path: path.to_owned(),
                application_id,
            });
        }
        let check: String = project
            .conn
            .pragma_query_value(None, "quick_check", |r| r.get(0))
            .map_err(|e| corrupt_or(path, options, e))?;
        if check != "ok" {
            return Err(StoreError::Corrupt {
                path: path.to_owned(),
                detail: check,
                backup: latest_backup(path, options),
            });
        }
        let format: i64 = project
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(error::sqlite(path))?;
        if format > FORMAT_VERSION {
            let min_reader: i64 = project
                .conn
                .query_row(
                    "SELECT value FROM meta WHERE key = 'min_reader_version'",
                    [],
                    |r| r.get::<_, String>(0),
                )
                .map_err(error::sqlite(path))?
                .parse()
                .unwrap_or(i64::MAX);
            if min_reader > FORMAT_VERSION {
                return Err(StoreError::NewerFormat {
                    path: path.to_owned(),
                    format,
                    supported: FORMAT_VERSION,
                });
            }
            project.read_only = Some(ReadOnly::NewerFormat { format });
            project._lock = None;
        }
        if project.read_only.is_none() {
            project.configure()?;
            project.migrate()?;
            if let Some(dir) = &options.backup_dir {
                let (source, root, now) = (project.path.clone(), dir.clone(), options.now);
                project.backup = Some(std::thread::spawn(move || {
                    rolling_backup(&source, &root, now)
                }));
            }
        } else {
            project
                .conn
                .busy_timeout(std::time::Duration::from_secs(5))
                .map_err(error::sqlite(path))?;
        }
        Ok(project)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every row of a query, mapped.
    pub(crate) fn rows<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare(sql).map_err(error::sqlite(&self.path))?;
        let rows = stmt
            .query_map(params, map)
            .map_err(error::sqlite(&self.path))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(error::sqlite(&self.path))
    }

    /// `Some(reason)` when changes cannot be saved.
    pub fn read_only(&self) -> Option<&ReadOnly> {
        self.read_only.as_ref()
    }

    pub fn set_evidence_limit(&mut self, bytes: u64) {
        self.evidence_limit = bytes;
    }

    /// Caps the database at `pages` pages, so tests can make the disk "fill
    /// up" and check that a failed save changes nothing.
    #[doc(hidden)]
    pub fn simulate_full_disk_after(&self, pages: u32) -> Result<()> {
        self.conn
            .pragma_update(None, "max_page_count", pages)
            .map_err(error::sqlite(&self.path))
    }

    /// Pages the database uses now.
    #[doc(hidden)]
    pub fn page_count(&self) -> Result<u32> {
        self.conn
            .pragma_query_value(None, "page_count", |r| r.get(0))
            .map_err(error::sqlite(&self.path))
    }

    fn configure(&self) -> Result<()> {
        // WAL for concurrent reads while saving; FULL sync so that a commit
        // the UI reports as saved survives power loss, not only a crash.
        self.conn
            .execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
            )
            .map_err(error::sqlite(&self.path))?;
        self.conn
            .busy_timeout(std::time::Duration::from_secs(5))
            .map_err(error::sqlite(&self.path))
    }

    fn migrate(&mut self) -> Result<()> {
        let path = self.path.clone();
        let current: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(error::sqlite(&path))?;
        for (index, sql) in MIGRATIONS
            .iter()
            .enumerate()
            .skip(usize::try_from(current).unwrap_or(usize::MAX))
        {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(error::sqlite(&path))?;
            tx.execute_batch(sql).map_err(error::sqlite(&path))?;
            let version = index as i64 + 1;
            tx.pragma_update(None, "user_version", version)
                .map_err(error::sqlite(&path))?;
            tx.execute(
                "UPDATE meta SET value = ?1 WHERE key = 'format_version'",
                [version.to_string()],
            )
            .map_err(error::sqlite(&path))?;
            tx.commit().map_err(error::sqlite(&path))?;
        }
        Ok(())
    }

    fn writable(&self) -> Result<()> {
        match &self.read_only {
            None => Ok(()),
            Some(reason) => Err(StoreError::ReadOnly {
                path: self.path.clone(),
                reason: reason.describe(),
            }),
        }
    }

    /// Runs `change` in one immediate transaction, stamps `modified_at`,
    /// and commits durably. Either all of it is saved or none.
    fn change<T>(
        &mut self,
        stamp: &Stamp,
        change: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<T>,
    ) -> Result<T> {
        self.writable()?;
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(error::sqlite(&path))?;
        let out = change(&tx).map_err(error::sqlite(&path))?;
        tx.execute(
            "UPDATE meta SET value = ?1 WHERE key = 'modified_at'",
            [stamp.at_text()],
        )
        .map_err(error::sqlite(&path))?;
        tx.commit().map_err(error::sqlite(&path))?;
        Ok(out)
    }

    pub fn meta(&self) -> Result<Meta> {
        let get = |key: &str| -> Result<String> {
            self.conn
                .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
                .map_err(error::sqlite(&self.path))
        };
        Ok(Meta {
            project_id: get("project_id")?,
            format_version: get("format_version")?.parse().unwrap_or_default(),
            min_reader_version: get("min_reader_version")?.parse().unwrap_or_default(),
            app_version: get("app_version")?,
            created_at: get("created_at")?,
            modified_at: get("modified_at")?,
        })
    }

    pub fn engagement(&self) -> Result<Engagement> {
        self.conn
            .query_row(
                "SELECT client, system_name, system_description, assessor, start_date, end_date, template FROM engagement WHERE id = 1",
                [],
                |r| {
                    Ok(Engagement {
                        client: r.get(0)?,
                        system_name: r.get(1)?,
                        system_description: r.get(2)?,
                        assessor: r.get(3)?,
                        start_date: r.get(4)?,
                        end_date: r.get(5)?,
                        template: r.get(6)?,
                    })
                },
            )
            .map_err(error::sqlite(&self.path))
    }

    /// Starts an assessment against one questionnaire, recording the
    /// knowledge-base version and hash it is answered against.
    pub fn add_assessment(
        &mut self,
        questionnaire: &str,
        questionnaire_version: &str,
        kb_version: &str,
        kb_hash: &str,
        stamp: &Stamp,
    ) -> Result<String> {
        let id = uuid::Uuid::now_v7().to_string();
        let at = stamp.at_text();
        self.change(stamp, |tx| {
            tx.execute(
                "INSERT INTO assessment (id, questionnaire, questionnaire_version, kb_version, kb_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, questionnaire, questionnaire_version, kb_version, kb_hash, at],
            )?;
            audit::append(tx, stamp, "assessment.create", &id, &serde_json::json!({ "questionnaire": questionnaire, "kb_version": kb_version, "kb_hash": kb_hash }))
        })?;
        Ok(id)
    }

    pub fn assessments(&self) -> Result<Vec<Assessment>> {
        self.rows("SELECT id, questionnaire, questionnaire_version, kb_version, kb_hash, verdict_snapshot, created_at FROM assessment ORDER BY created_at, id", [], |r| {
                let snapshot: Option<String> = r.get(5)?;
                Ok(Assessment {
                    id: r.get(0)?,
                    questionnaire: r.get(1)?,
                    questionnaire_version: r.get(2)?,
                    kb_version: r.get(3)?,
                    kb_hash: r.get(4)?,
                    verdict_snapshot: snapshot.and_then(|s| serde_json::from_str(&s).ok()),
                    created_at: r.get(6)?,
                })
            })
    }

    pub fn assessment(&self, id: &str) -> Result<Assessment> {
        self.assessments()?
            .into_iter()
            .find(|a| a.id == id)
            .ok_or_else(|| StoreError::UnknownId {
                what: "assessment",
                id: id.to_owned(),
            })
    }

    /// Records the verdict the user accepted and the knowledge base it was
    /// computed with (re-assessment after a knowledge-base update).
    pub fn accept_verdict(
        &mut self,
        assessment_id: &str,
        verdict: &Value,
        kb_version: &str,
        kb_hash: &str,
        stamp: &Stamp,
    ) -> Result<()> {
        self.assessment(assessment_id)?;
        let text = canonical(verdict);
        self.change(stamp, |tx| {
            tx.execute(
                "UPDATE assessment SET verdict_snapshot = ?1, kb_version = ?2, kb_hash = ?3 WHERE id = ?4",
                params![text, kb_version, kb_hash, assessment_id],
            )?;
            audit::append(tx, stamp, "verdict.accept", assessment_id, &serde_json::json!({ "kb_version": kb_version, "kb_hash": kb_hash, "risk_class": verdict.get("risk_class") }))
        })
    }

    pub fn answers(&self, assessment_id: &str) -> Result<Vec<StoredAnswer>> {
        self.rows("SELECT question_id, value, note, provenance, answered_by, answered_at FROM answer WHERE assessment_id = ?1 ORDER BY rowid", [assessment_id], |r| {
                let value: String = r.get(1)?;
                let provenance: String = r.get(3)?;
                Ok(StoredAnswer {
                    question_id: r.get(0)?,
                    value: serde_json::from_str(&value).unwrap_or(Value::Null),
                    note: r.get(2)?,
                    provenance: Provenance::parse(&provenance),
                    answered_by: r.get(4)?,
                    answered_at: r.get(5)?,
                })
            })
    }

    /// Saves answers in one durable transaction, each audited. Autosave
    /// calls this with one answer after every change.
    pub fn save_answers(
        &mut self,
        assessment_id: &str,
        answers: &[AnswerInput],
        stamp: &Stamp,
    ) -> Result<()> {
        self.assessment(assessment_id)?;
        let at = stamp.at_text();
        self.change(stamp, |tx| {
            let mut upsert = tx.prepare_cached(
                "INSERT INTO answer (assessment_id, question_id, value, note, provenance, answered_by, answered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (assessment_id, question_id) DO UPDATE SET value = excluded.value, note = excluded.note, provenance = excluded.provenance, answered_by = excluded.answered_by, answered_at = excluded.answered_at",
            )?;
            for a in answers {
                let value = canonical(&a.value);
                upsert.execute(params![assessment_id, a.question_id, value, a.note, a.provenance.as_str(), stamp.actor, at])?;
                audit::append(tx, stamp, "answer.set", &answer_subject(assessment_id, &a.question_id), &serde_json::json!({ "value": a.value, "note": a.note, "provenance": a.provenance.as_str() }))?;
            }
            Ok(())
        })
    }

    /// Removes answers (a changed earlier answer made them irrelevant).
    pub fn clear_answers(
        &mut self,
        assessment_id: &str,
        question_ids: &[String],
        stamp: &Stamp,
    ) -> Result<()> {
        self.change(stamp, |tx| {
            for q in question_ids {
                if tx.execute(
                    "DELETE FROM answer WHERE assessment_id = ?1 AND question_id = ?2",
                    params![assessment_id, q],
                )? > 0
                {
                    audit::append(
                        tx,
                        stamp,
                        "answer.clear",
                        &answer_subject(assessment_id, q),
                        &Value::Null,
                    )?;
                }
            }
            Ok(())
        })
    }

    /// Records an assessor's override of a computed finding; a
    /// justification is required.
    pub fn add_override(
        &mut self,
        assessment_id: &str,
        finding: &str,
        original: &str,
        replacement: &str,
        justification: &str,
        stamp: &Stamp,
    ) -> Result<String> {
        self.assessment(assessment_id)?;
        if justification.trim().is_empty() {
            return Err(StoreError::Invalid(
                "an override needs a justification".into(),
            ));
        }
        let id = uuid::Uuid::now_v7().to_string();
        let at = stamp.at_text();
        self.change(stamp, |tx| {
            tx.execute(
                "INSERT INTO override (id, assessment_id, finding, original, replacement, justification, made_by, made_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![id, assessment_id, finding, original, replacement, justification, stamp.actor, at],
            )?;
            audit::append(tx, stamp, "override.add", &id, &serde_json::json!({ "assessment": assessment_id, "finding": finding, "original": original, "replacement": replacement, "justification": justification }))
        })?;
        Ok(id)
    }

    pub fn overrides(&self) -> Result<Vec<Override>> {
        self.rows("SELECT id, assessment_id, finding, original, replacement, justification, made_by, made_at FROM override ORDER BY made_at, id", [], |r| {
                Ok(Override {
                    id: r.get(0)?,
                    assessment_id: r.get(1)?,
                    finding: r.get(2)?,
                    original: r.get(3)?,
                    replacement: r.get(4)?,
                    justification: r.get(5)?,
                    made_by: r.get(6)?,
                    made_at: r.get(7)?,
                })
            })
    }

    /// Records an exported report.
    pub fn record_report(
        &mut self,
        file_name: &str,
        sha256: &str,
        signer_fingerprint: Option<&str>,
        stamp: &Stamp,
    ) -> Result<String> {
        let id = uuid::Uuid::now_v7().to_string();
        let at = stamp.at_text();
        self.change(stamp, |tx| {
            tx.execute(
                "INSERT INTO report (id, file_name, sha256, signer_fingerprint, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, file_name, sha256, signer_fingerprint, at],
            )?;
            audit::append(tx, stamp, "report.export", &id, &serde_json::json!({ "file_name": file_name, "sha256": sha256, "signer": signer_fingerprint }))
        })?;
        Ok(id)
    }

    pub fn audit_trail(&self) -> Result<Vec<AuditEntry>> {
        self.rows("SELECT seq, at, actor, action, subject, detail, prev_hash, hash FROM audit ORDER BY seq", [], |r| {
                let detail: String = r.get(5)?;
                Ok(AuditEntry {
                    seq: r.get(0)?,
                    at: r.get(1)?,
                    actor: r.get(2)?,
                    action: r.get(3)?,
                    subject: r.get(4)?,
                    detail: serde_json::from_str(&detail).unwrap_or(Value::String(detail)),
                    prev_hash: r.get(6)?,
                    hash: r.get(7)?,
                })
            })
    }

    /// SQLite's full integrity check, the audit chain, and that every
    /// answer equals the last value the audit trail recorded for it.
    pub fn verify(&self) -> Result<Verification> {
        let integrity: String = self
            .conn
            .pragma_query_value(None, "integrity_check", |r| r.get(0))
            .map_err(error::sqlite(&self.path))?;
        let entries = self.audit_trail()?;
        let first_broken = audit::first_broken(&entries);
        let mut last_audited: std::collections::HashMap<&str, Option<&Value>> =
            std::collections::HashMap::new();
        for e in &entries {
            match e.action.as_str() {
                "answer.set" => {
                    last_audited.insert(&e.subject, e.detail.get("value"));
                }
                "answer.clear" => {
                    last_audited.insert(&e.subject, None);
                }
                _ => {}
            }
        }
        let mut unaudited = Vec::new();
        for assessment in self.assessments()? {
            for answer in self.answers(&assessment.id)? {
                let subject = answer_subject(&assessment.id, &answer.question_id);
                if last_audited.get(subject.as_str()).copied().flatten() != Some(&answer.value) {
                    unaudited.push(subject);
                }
            }
        }
        Ok(Verification {
            integrity,
            audit_entries: entries.len() as i64,
            first_broken,
            unaudited_answers: unaudited,
        })
    }

    /// Everything in the project except evidence bytes, as JSON.
    pub fn export_json(&self) -> Result<Value> {
        let mut assessments = Vec::new();
        for a in self.assessments()? {
            let answers = self.answers(&a.id)?;
            assessments.push(serde_json::json!({ "assessment": a, "answers": answers }));
        }
        Ok(serde_json::json!({
            "meta": self.meta()?,
            "engagement": self.engagement()?,
            "assessments": assessments,
            "evidence": self.evidence()?,
            "overrides": self.overrides()?,
            "audit": self.audit_trail()?,
        }))
    }

    /// Copies the whole database to `target` with SQLite's online backup,
    /// consistent even while the project is in use.
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(error::io(dir))?;
        }
        self.conn
            .backup(
                rusqlite::MAIN_DB,
                target,
                None::<fn(rusqlite::backup::Progress)>,
            )
            .map_err(error::sqlite(target))
    }
}

/// Takes the open-time backup: at most one per quarter hour (a CLI that
/// opens the file for every command must not copy a multi-gigabyte project
/// each time), the newest five kept. It reads through its own connection in
/// one step, so it sees one consistent snapshot while autosave keeps writing
/// through WAL, and it writes under a temporary name so a half-finished copy
/// is never taken for a backup.
fn rolling_backup(source: &Path, root: &Path, now: DateTime<Utc>) -> Result<()> {
    let dir = backup_folder(root, source);
    let newest = list_backups(&dir).pop().and_then(|p| {
        let stem = p.file_stem()?.to_string_lossy().into_owned();
        chrono::NaiveDateTime::parse_from_str(&stem, "%Y%m%dT%H%M%S%3fZ").ok()
    });
    if newest.is_some_and(|t| now.naive_utc() - t < chrono::Duration::minutes(15)) {
        return Ok(());
    }
    fs::create_dir_all(&dir).map_err(error::io(&dir))?;
    let target = dir.join(format!("{}.assay", now.format("%Y%m%dT%H%M%S%3fZ")));
    let partial = target.with_extension("partial");
    {
        let src = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(error::sqlite(source))?;
        let mut dst = Connection::open(&partial).map_err(error::sqlite(&partial))?;
        let backup =
            rusqlite::backup::Backup::new(&src, &mut dst).map_err(error::sqlite(&partial))?;
        backup.step(-1).map_err(error::sqlite(&partial))?;
    }
    fs::rename(&partial, &target).map_err(error::io(&target))?;
    let mut existing = list_backups(&dir);
    while existing.len() > BACKUPS_KEPT {
        let oldest = existing.remove(0);
        fs::remove_file(&oldest).map_err(error::io(&oldest))?;
    }
    Ok(())
}

impl Drop for Project {
    fn drop(&mut self) {
        if let Some(backup) = self.backup.take()
            && let Ok(Err(e)) = backup.join()
        {
            // The project itself is fine; say why no backup was taken.
            eprintln!("assay: the automatic backup was not taken: {e}");
        }
        // At rest the file is a plain rollback-journal database: one file,
        // readable from read-only media and by any sqlite3. Best effort; a
        // crash skips this and the next open recovers from the WAL.
        if self.read_only.is_none() {
            let _ = self
                .conn
                .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;");
        }
    }
}

fn answer_subject(assessment_id: &str, question_id: &str) -> String {
    format!("{assessment_id}/{question_id}")
}

fn check_magic(path: &Path) -> Result<()> {
    use std::io::Read;
    let mut file = fs::File::open(path).map_err(error::io(path))?;
    let mut header = [0u8; 16];
    let read = file.read(&mut header).map_err(error::io(path))?;
    if read < 16 || &header != SQLITE_MAGIC {
        return Err(StoreError::NotSqlite {
            path: path.to_owned(),
        });
    }
    Ok(())
}

/// Read-only flags are honoured even for privileged users, who could write
/// anyway: a file or folder marked read-only is a decision to respect.
fn writability(path: &Path) -> Result<Option<ReadOnly>> {
    let meta = fs::metadata(path).map_err(error::io(path))?;
    if meta.permissions().readonly() {
        return Ok(Some(ReadOnly::FileNotWritable));
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir_meta = fs::metadata(dir).map_err(error::io(dir))?;
    if dir_meta.permissions().readonly() {
        return Ok(Some(ReadOnly::FolderNotWritable));
    }
    // Probe for real: some mounts are read-only whatever the mode bits say.
    match fs::OpenOptions::new().append(true).open(path) {
        Ok(_) => Ok(None),
        Err(e)
            if e.kind() == std::io::ErrorKind::PermissionDenied || e.raw_os_error() == Some(30) =>
        {
            Ok(Some(ReadOnly::FileNotWritable))
        }
        Err(e) => Err(StoreError::Io {
            path: path.to_owned(),
            source: e,
        }),
    }
}

fn corrupt_or(path: &Path, options: &OpenOptions, e: rusqlite::Error) -> StoreError {
    if let rusqlite::Error::SqliteFailure(code, detail) = &e
        && matches!(
            code.code,
            rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt
        )
    {
        return StoreError::Corrupt {
            path: path.to_owned(),
            detail: detail.clone().unwrap_or_else(|| code.to_string()),
            backup: latest_backup(path, options),
        };
    }
    error::sqlite(path)(e)
}

/// Backups live in `<backup root>/<file stem>-<hash of the absolute path>/`,
/// a name derived from the path alone, so a damaged file still finds its
/// backups.
pub fn backup_folder(root: &Path, project: &Path) -> PathBuf {
    use sha2::Digest;
    let absolute = fs::canonicalize(project).unwrap_or_else(|_| project.to_owned());
    let digest = sha2::Sha256::digest(absolute.to_string_lossy().as_bytes());
    let stem = project.file_stem().map_or_else(
        || "project".into(),
        |s| sanitise_file_name(&s.to_string_lossy()),
    );
    root.join(format!("{stem}-{}", &hex(&digest)[..12]))
}

fn list_backups(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "assay"))
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

fn latest_backup(path: &Path, options: &OpenOptions) -> Option<PathBuf> {
    let root = options.backup_dir.as_ref()?;
    list_backups(&backup_folder(root, path)).pop()
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `Some(value)` for a single-row query, `None` for no rows.
pub(crate) fn optional<T>(result: rusqlite::Result<T>) -> rusqlite::Result<Option<T>> {
    result.optional()
}
