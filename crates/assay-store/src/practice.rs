//! The person's own practice attempts: a small SQLite file in their data
//! folder, never inside a client's project file. Each attempt keeps the
//! answer, its grade and how long it took.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, params};
use serde::Serialize;

use crate::{Result, error};

/// `PRAGMA application_id` of the attempts file ("ASPR").
const ATTEMPTS_ID: i32 = 0x4153_5052;

/// One practice attempt.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Attempt {
    pub id: String,
    pub scenario: String,
    /// The scenario's frameworks, for progress per framework.
    pub frameworks: Vec<String>,
    /// RFC 3339.
    pub at: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub seconds: u64,
    pub score: u32,
    pub band: String,
    pub answer: String,
    /// The full grade as JSON, for showing the feedback again.
    pub grade: String,
}

/// The attempts file.
#[derive(Debug)]
pub struct AttemptLog {
    conn: Connection,
    path: PathBuf,
}

impl AttemptLog {
    /// Opens (or creates) the attempts file at `path`; refuses a file that
    /// is some other SQLite database.
    pub fn open(path: &Path) -> Result<AttemptLog> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(error::io(dir))?;
        }
        let conn = Connection::open(path).map_err(error::sqlite(path))?;
        let id: i32 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(error::sqlite(path))?;
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(error::sqlite(path))?;
        if id != ATTEMPTS_ID && tables > 0 {
            return Err(crate::StoreError::NotAssayProject {
                path: path.to_owned(),
                application_id: id,
            });
        }
        conn.execute_batch(&format!(
            "PRAGMA application_id = {ATTEMPTS_ID};
             CREATE TABLE IF NOT EXISTS attempt (
                 id TEXT PRIMARY KEY, scenario TEXT NOT NULL, frameworks TEXT NOT NULL,
                 at TEXT NOT NULL, seconds INTEGER NOT NULL, score INTEGER NOT NULL,
                 band TEXT NOT NULL, answer TEXT NOT NULL, grade TEXT NOT NULL
             ) STRICT;"
        ))
        .map_err(error::sqlite(path))?;
        Ok(AttemptLog {
            conn,
            path: path.to_owned(),
        })
    }

    pub fn record(&self, a: &Attempt) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO attempt (id, scenario, frameworks, at, seconds, score, band, answer, grade) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    a.id,
                    a.scenario,
                    serde_json::to_string(&a.frameworks).unwrap_or_default(),
                    a.at,
                    i64::try_from(a.seconds).unwrap_or(i64::MAX),
                    a.score,
                    a.band,
                    a.answer,
                    a.grade
                ],
            )
            .map_err(error::sqlite(&self.path))?;
        Ok(())
    }

    /// Every attempt, oldest first.
    pub fn attempts(&self) -> Result<Vec<Attempt>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, scenario, frameworks, at, seconds, score, band, answer, grade FROM attempt ORDER BY at, id")
            .map_err(error::sqlite(&self.path))?;
        let rows = stmt
            .query_map([], |r| {
                let frameworks: String = r.get(2)?;
                let seconds: i64 = r.get(4)?;
                Ok(Attempt {
                    id: r.get(0)?,
                    scenario: r.get(1)?,
                    frameworks: serde_json::from_str(&frameworks).unwrap_or_default(),
                    at: r.get(3)?,
                    seconds: u64::try_from(seconds).unwrap_or(0),
                    score: r.get(5)?,
                    band: r.get(6)?,
                    answer: r.get(7)?,
                    grade: r.get(8)?,
                })
            })
            .map_err(error::sqlite(&self.path))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(error::sqlite(&self.path))
    }
}
