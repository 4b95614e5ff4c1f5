//! Opening and creating a project file, and the one way to change it.
//!
//! Opening checks, in order and before SQLite is allowed to write anything:
//! the SQLite header and Assay's `application_id` (read from the file's
//! first 100 bytes), the format version, whether a crash left an unfinished
//! change to recover, then takes the file's lock. A foreign or refused file
//! is never modified. A cleanly closed file is not scanned at open (that is
//! what `verify` is for), so a multi-gigabyte project opens at once.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, TransactionBehavior, params};

use crate::lock::ProjectLock;
use crate::opening::{
    application_id_read_only, corrupt_or, crash_leftovers, quick_check, read_header, recover,
    writability,
};
use crate::records::NewAssessment;
use crate::schema::{
    APPLICATION_ID, FORMAT_VERSION, MIGRATIONS, MIN_READER_VERSION, READ_ONLY_SHIMS,
};
use crate::{
    Engagement, Meta, OpenOptions, ReadOnly, Result, Stamp, StoreError, audit, backup, error,
};

/// 8 GiB: larger evidence is refused with a clear error.
pub const DEFAULT_EVIDENCE_LIMIT: u64 = 8 << 30;

/// An open project file.
#[derive(Debug)]
pub struct Project {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    read_only: Option<ReadOnly>,
    _lock: Option<ProjectLock>,
    /// The largest evidence file accepted, in bytes.
    pub(crate) evidence_limit: u64,
    /// The automatic backup taken at open, running on its own connection so
    /// a large project opens at once; joined before the project closes.
    backup: Option<std::thread::JoinHandle<Result<()>>>,
    /// Whether the file has been switched to write-ahead logging for this
    /// session. That happens at the first change, not at open, so a command
    /// refused before it changes anything leaves the file byte for byte as
    /// it was.
    wal: bool,
}

impl Project {
    /// Creates a new project file with its first assessments. It is built
    /// under a temporary name in the same folder and moved into place only
    /// when complete, so a crash leaves no half-made project; an existing
    /// file is never replaced.
    pub fn create(
        path: &Path,
        engagement: &Engagement,
        assessments: &[NewAssessment<'_>],
        stamp: &Stamp,
        app_version: &str,
    ) -> Result<Project> {
        match fs::symlink_metadata(path) {
            Ok(m) if m.is_dir() => {
                return Err(StoreError::OutputIsFolder {
                    path: path.to_owned(),
                });
            }
            Ok(_) => {
                return Err(StoreError::AlreadyExists {
                    path: path.to_owned(),
                });
            }
            Err(_) => {}
        }
        let folder = crate::output::existing_folder(path)?;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        crate::output::remove_stale_temporaries(&folder, &name, stamp.at.into());
        let temporary = crate::output::temporary_in(&folder, &name)?;
        build(
            temporary.as_ref(),
            engagement,
            assessments,
            stamp,
            app_version,
        )?;
        crate::output::persist_new(temporary, path)?;
        Project::open(
            path,
            &OpenOptions {
                read_only: false,
                backup_dir: None,
                now: stamp.at,
                app_version: app_version.to_owned(),
            },
        )
    }

    /// Opens a project, checking that it is SQLite, an Assay project, of a
    /// format this build reads; recovers what a crash left unfinished;
    /// writable unless the file, folder, format or caller say otherwise.
    pub fn open(path: &Path, options: &OpenOptions) -> Result<Project> {
        open_checked(path, options).map_err(|e| match e {
            // Name the latest backup wherever damage shows up while opening.
            StoreError::Corrupt {
                path,
                detail,
                backup: None,
            } => StoreError::Corrupt {
                backup: backup::latest(&path, options),
                path,
                detail,
            },
            other => other,
        })
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

    /// Before the first change: WAL for concurrent reads while saving; FULL
    /// sync so that a commit the UI reports as saved survives power loss,
    /// not only a crash.
    fn prepare_to_write(&mut self) -> Result<()> {
        if !self.wal {
            self.conn
                .execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")
                .map_err(error::sqlite(&self.path))?;
            self.wal = true;
        }
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        migrate(&mut self.conn, &self.path)
    }

    /// Fails, saying why, when changes cannot be saved.
    pub fn check_writable(&self) -> Result<()> {
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
    pub(crate) fn change<T>(
        &mut self,
        stamp: &Stamp,
        change: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<T>,
    ) -> Result<T> {
        self.check_writable()?;
        self.prepare_to_write()?;
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
        let get = |key: &str| meta_value(&self.conn, key).map_err(error::sqlite(&self.path));
        Ok(Meta {
            project_id: get("project_id")?,
            format_version: get("format_version")?.parse().unwrap_or_default(),
            min_reader_version: get("min_reader_version")?.parse().unwrap_or_default(),
            app_version: get("app_version")?,
            created_at: get("created_at")?,
            modified_at: get("modified_at")?,
        })
    }

    /// Copies the whole database to `target` with SQLite's online backup,
    /// consistent even while the project is in use. The copy is written
    /// under a temporary name and moved into place; an existing file is
    /// never replaced.
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        if fs::symlink_metadata(target).is_ok() {
            return Err(StoreError::AlreadyExists {
                path: target.to_owned(),
            });
        }
        let folder = crate::output::existing_folder(target)?;
        let name = target.file_name().unwrap_or_default().to_string_lossy();
        let temporary = crate::output::temporary_in(&folder, &name)?;
        self.conn
            .backup(
                rusqlite::MAIN_DB,
                temporary.as_ref() as &Path,
                None::<fn(rusqlite::backup::Progress)>,
            )
            .map_err(error::sqlite(target))?;
        // The copy carries the WAL journal mode of the source; at rest a
        // project is a single file.
        Connection::open(temporary.as_ref() as &Path)
            .and_then(|c| c.execute_batch("PRAGMA journal_mode = DELETE;"))
            .map_err(error::sqlite(target))?;
        crate::output::persist_new(temporary, target)
    }
}

/// `Project::open` without the backup hint on damage.
fn open_checked(path: &Path, options: &OpenOptions) -> Result<Project> {
    let header = read_header(path)?;
    let leftovers = crash_leftovers(path);
    if header.application_id != APPLICATION_ID {
        // The header is authoritative unless a crash left newer pages in
        // a log; then ask SQLite, read-only, so nothing is written.
        let id = if leftovers {
            application_id_read_only(path)?
        } else {
            header.application_id
        };
        if id != APPLICATION_ID {
            return Err(StoreError::NotAssayProject {
                path: path.to_owned(),
                application_id: id,
            });
        }
    }
    let mut read_only = if options.read_only {
        Some(ReadOnly::Requested)
    } else {
        writability(path)?
    };
    let mut lock = None;
    if read_only.is_none() {
        lock = Some(ProjectLock::acquire(path, options)?);
    } else if leftovers {
        recover(path, options, read_only.as_ref())?;
    }
    let flags = if read_only.is_some() {
        OpenFlags::SQLITE_OPEN_READ_ONLY
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
    };
    let conn =
        Connection::open_with_flags(path, flags).map_err(|e| corrupt_or(path, options, e))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(error::sqlite(path))?;
    if leftovers && read_only.is_none() {
        // Reading recovers the unfinished change; then make sure what
        // is left is sound.
        quick_check(&conn, path, options)?;
    }
    let format: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| corrupt_or(path, options, e))?;
    if format > FORMAT_VERSION {
        let min_reader = meta_value(&conn, "min_reader_version")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(i64::MAX);
        if min_reader > FORMAT_VERSION {
            return Err(StoreError::NewerFormat {
                path: path.to_owned(),
                format,
                supported: FORMAT_VERSION,
            });
        }
        read_only = Some(ReadOnly::NewerFormat { format });
        lock = None;
    }
    // A few pages, not the whole file: the tables every view reads first.
    // Damage elsewhere is `verify`'s to find (its integrity check reads
    // every page), so opening stays fast however large the file is.
    conn.query_row(
        "SELECT (SELECT count(*) FROM meta) + (SELECT count(*) FROM engagement)",
        [],
        |r| r.get::<_, i64>(0),
    )
    .map_err(|e| corrupt_or(path, options, e))?;
    let mut project = Project {
        conn,
        path: path.to_owned(),
        read_only,
        _lock: lock,
        evidence_limit: DEFAULT_EVIDENCE_LIMIT,
        backup: None,
        wal: false,
    };
    project
        .conn
        .execute_batch("PRAGMA foreign_keys = ON;")
        .map_err(error::sqlite(path))?;
    if project.read_only.is_some() {
        present_as_current(&project.conn, path, format)?;
    } else {
        project.migrate()?;
        if let Some(dir) = &options.backup_dir {
            let (source, root, now) = (project.path.clone(), dir.clone(), options.now);
            project.backup = Some(std::thread::spawn(move || {
                backup::rolling_backup(&source, &root, now)
            }));
        }
    }
    Ok(project)
}

/// Fills a fresh database at `path` with the schema, the meta rows, the
/// engagement and the first audit entry, in rollback-journal mode so the
/// finished file is one self-contained file.
fn build(
    path: &Path,
    engagement: &Engagement,
    assessments: &[NewAssessment<'_>],
    stamp: &Stamp,
    app_version: &str,
) -> Result<()> {
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
    )
    .map_err(error::sqlite(path))?;
    conn.execute_batch(
        "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
    )
    .map_err(error::sqlite(path))?;
    migrate(&mut conn, path)?;
    let id = uuid::Uuid::now_v7().to_string();
    let at = stamp.at_text();
    let tx = conn
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
        "INSERT INTO engagement (id, client, system_name, system_description, assessor, start_date, end_date, template, reviewer, interviewees) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![engagement.client, engagement.system_name, engagement.system_description, engagement.assessor, engagement.start_date, engagement.end_date, engagement.template, engagement.reviewer, serde_json::to_string(&engagement.interviewees).unwrap_or_default()],
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
    for new in assessments {
        crate::records::insert_assessment(&tx, new, stamp).map_err(error::sqlite(path))?;
    }
    tx.commit().map_err(error::sqlite(path))
}

/// An older file opened read-only reads like the current format (see
/// `READ_ONLY_SHIMS`); nothing is written to it.
fn present_as_current(conn: &Connection, path: &Path, format: i64) -> Result<()> {
    let from = usize::try_from(format.max(1) - 1).unwrap_or(usize::MAX);
    for shim in READ_ONLY_SHIMS.iter().skip(from) {
        conn.execute_batch(shim).map_err(error::sqlite(path))?;
    }
    Ok(())
}

fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let current: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(error::sqlite(path))?;
    for (index, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(current).unwrap_or(usize::MAX))
    {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(error::sqlite(path))?;
        tx.execute_batch(sql).map_err(error::sqlite(path))?;
        let version = i64::try_from(index + 1).unwrap_or(i64::MAX);
        tx.pragma_update(None, "user_version", version)
            .map_err(error::sqlite(path))?;
        // A fresh database has no meta rows yet; `build` writes them.
        tx.execute(
            "UPDATE meta SET value = ?1 WHERE key = 'format_version'",
            [version.to_string()],
        )
        .map_err(error::sqlite(path))?;
        tx.commit().map_err(error::sqlite(path))?;
    }
    Ok(())
}

fn meta_value(conn: &Connection, key: &str) -> rusqlite::Result<String> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
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
        if self.wal {
            let _ = self
                .conn
                .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;");
        }
    }
}
