use std::path::PathBuf;

/// Everything that can go wrong with a project file, phrased for the person
/// who chose the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: not an SQLite database, so not an Assay project")]
    NotSqlite { path: PathBuf },
    #[error(
        "{path}: an SQLite database, but not an Assay project (application id {application_id:#010x})"
    )]
    NotAssayProject { path: PathBuf, application_id: i32 },
    #[error(
        "{path}: made by a newer Assay (format {format}) that this version (format {supported}) cannot read; update Assay to open it"
    )]
    NewerFormat {
        path: PathBuf,
        format: i64,
        supported: i64,
    },
    #[error("{path}: the file is damaged ({detail}){}", backup_hint(.backup))]
    Corrupt {
        path: PathBuf,
        detail: String,
        backup: Option<PathBuf>,
    },
    #[error("{path}: already open in another Assay window or process ({holder})")]
    Locked { path: PathBuf, holder: String },
    #[error("{path}: opened read-only ({reason}); changes cannot be saved")]
    ReadOnly { path: PathBuf, reason: String },
    #[error("{path}: the disk is full; the last change was not saved and the project is unchanged")]
    DiskFull { path: PathBuf },
    #[error("{path}: already exists; choose another name or open it")]
    AlreadyExists { path: PathBuf },
    #[error("evidence of {size} bytes exceeds the limit of {limit} bytes")]
    EvidenceTooLarge { size: u64, limit: u64 },
    #[error(
        "evidence {id} is damaged: its bytes no longer match the SHA-256 recorded when it was added"
    )]
    EvidenceDamaged { id: String },
    #[error("no {what} has the ID `{id}`")]
    UnknownId { what: &'static str, id: String },
    #[error("{0}")]
    Invalid(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
}

fn backup_hint(backup: &Option<PathBuf>) -> String {
    match backup {
        Some(b) => format!("; the last automatic backup is {}", b.display()),
        None => "; no automatic backup exists".to_owned(),
    }
}

/// Attaches the project path to SQLite errors, and names a full disk.
pub(crate) fn sqlite(path: &std::path::Path) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
    move |source| {
        if let rusqlite::Error::SqliteFailure(e, _) = &source
            && e.code == rusqlite::ErrorCode::DiskFull
        {
            return StoreError::DiskFull {
                path: path.to_owned(),
            };
        }
        StoreError::Sqlite {
            path: path.to_owned(),
            source,
        }
    }
}

pub(crate) fn io(path: &std::path::Path) -> impl Fn(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_owned(),
        source,
    }
}
