use std::path::PathBuf;

/// Everything that can go wrong with a project file, phrased for the person
/// who chose the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: not an SQLite database, so not an Assay project")]
    NotSqlite { path: PathBuf },
    #[error("{path}: does not exist; check the name, or create it with `assay project new`")]
    NotFound { path: PathBuf },
    #[error("{path}: is {what}, not a project file")]
    NotAFile { path: PathBuf, what: &'static str },
    #[error("{path}: the file is empty, so not an Assay project")]
    Empty { path: PathBuf },
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
    #[error("{path}: already exists; choose another name, or pass --force to replace it")]
    OutputExists { path: PathBuf },
    #[error(
        "{path}: is an Assay project; nothing Assay writes ever replaces a project (choose another name)"
    )]
    OutputIsProject { path: PathBuf },
    #[error(
        "{path}: is the project being worked on; it is never replaced by what is written from it"
    )]
    OutputIsOpenProject { path: PathBuf },
    #[error("{path}: is a folder; name a file to write")]
    OutputIsFolder { path: PathBuf },
    #[error("{path}: the folder does not exist; create it first or choose another")]
    MissingFolder { path: PathBuf },
    #[error(
        "{path}: a crash left an unfinished change, and the file or its folder is read-only; open it once with write access so Assay can finish or roll back that change"
    )]
    NeedsRecovery { path: PathBuf },
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
        if let rusqlite::Error::SqliteFailure(e, detail) = &source {
            match e.code {
                rusqlite::ErrorCode::DiskFull => {
                    return StoreError::DiskFull {
                        path: path.to_owned(),
                    };
                }
                rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase => {
                    return StoreError::Corrupt {
                        path: path.to_owned(),
                        detail: detail.clone().unwrap_or_else(|| e.to_string()),
                        backup: None,
                    };
                }
                _ => {}
            }
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
