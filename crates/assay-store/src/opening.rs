//! The checks opening a file makes before SQLite may write to it: is it a
//! regular, non-empty SQLite file with Assay's application ID, may it be
//! written, and did a crash leave an unfinished change to recover.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::lock::ProjectLock;
use crate::{OpenOptions, ReadOnly, Result, StoreError, backup, error};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What the first 100 bytes of a file say.
pub(crate) struct Header {
    pub(crate) application_id: i32,
}

pub(crate) fn read_header(path: &Path) -> Result<Header> {
    let not_a_file = |what| StoreError::NotAFile {
        path: path.to_owned(),
        what,
    };
    // Checked before opening: opening a named pipe would wait for a writer.
    match fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(StoreError::NotFound {
                path: path.to_owned(),
            });
        }
        Err(e) => return Err(error::io(path)(e)),
        Ok(m) if m.is_dir() => return Err(not_a_file("a folder")),
        Ok(m) if !m.is_file() => return Err(not_a_file("a pipe, socket or device")),
        Ok(m) if m.len() == 0 => {
            return Err(StoreError::Empty {
                path: path.to_owned(),
            });
        }
        Ok(_) => {}
    }
    let mut file = fs::File::open(path).map_err(error::io(path))?;
    let mut header = [0u8; 100];
    let mut read = 0;
    while read < header.len() {
        let got = file.read(&mut header[read..]).map_err(error::io(path))?;
        if got == 0 {
            break;
        }
        read += got;
    }
    if read < 100 || &header[..16] != SQLITE_MAGIC {
        return Err(StoreError::NotSqlite {
            path: path.to_owned(),
        });
    }
    let id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    Ok(Header { application_id: id })
}

/// The files SQLite leaves beside a database when a change was cut short
/// (a crash, a kill, a power cut): a rollback journal or a write-ahead log.
pub(crate) fn crash_leftovers(path: &Path) -> bool {
    ["-journal", "-wal"].iter().any(|suffix| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        fs::metadata(PathBuf::from(name)).is_ok_and(|m| m.len() > 0)
    })
}

pub(crate) fn application_id_read_only(path: &Path) -> Result<i32> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(error::sqlite(path))?;
    conn.pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(error::sqlite(path))
}

pub(crate) fn quick_check(conn: &Connection, path: &Path, options: &OpenOptions) -> Result<()> {
    let check: String = conn
        .pragma_query_value(None, "quick_check", |r| r.get(0))
        .map_err(|e| corrupt_or(path, options, e))?;
    if check == "ok" {
        return Ok(());
    }
    Err(StoreError::Corrupt {
        path: path.to_owned(),
        detail: check,
        backup: backup::latest(path, options),
    })
}

/// A read-only open of a file a crash left with an unfinished change:
/// finish (or roll back) that change first, under the file's lock, so
/// read-only commands see the data rather than an error. When nobody may
/// write the file, say what to do instead.
pub(crate) fn recover(path: &Path, options: &OpenOptions, why: Option<&ReadOnly>) -> Result<()> {
    if !matches!(why, Some(ReadOnly::Requested)) {
        return Err(StoreError::NeedsRecovery {
            path: path.to_owned(),
        });
    }
    let Ok(lock) = ProjectLock::acquire(path, options) else {
        // Another process has the project open: the log is live, not a
        // leftover, and a read-only reader can share it.
        return Ok(());
    };
    {
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
            .map_err(|e| corrupt_or(path, options, e))?;
        quick_check(&conn, path, options)?;
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")
            .map_err(error::sqlite(path))?;
    }
    drop(lock);
    Ok(())
}

/// Read-only flags are honoured even for privileged users, who could write
/// anyway: a file or folder marked read-only is a decision to respect.
pub(crate) fn writability(path: &Path) -> Result<Option<ReadOnly>> {
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

pub(crate) fn corrupt_or(path: &Path, options: &OpenOptions, e: rusqlite::Error) -> StoreError {
    if let rusqlite::Error::SqliteFailure(code, detail) = &e
        && matches!(
            code.code,
            rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt
        )
    {
        return StoreError::Corrupt {
            path: path.to_owned(),
            detail: detail.clone().unwrap_or_else(|| code.to_string()),
            backup: backup::latest(path, options),
        };
    }
    error::sqlite(path)(e)
}
