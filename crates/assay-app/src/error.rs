use serde::Serialize;
use ts_rs::TS;

/// What went wrong, as a code the UI can switch on. Messages are for people;
/// codes are for programs and never change meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// No item, framework or question has that ID.
    UnknownId,
    /// An argument is malformed (empty query, unknown format).
    InvalidArgument,
    /// The bundled or supplied knowledge base does not validate.
    KbInvalid,
    /// A file handed to the OSCAL importer is not an OSCAL catalogue.
    NotOscalCatalog,
    /// Answers that name unknown questions, have the wrong type, or answer
    /// questions that are not asked; the message lists every problem.
    InvalidAnswers,
    /// The file is not an SQLite database, or is one that is not Assay's
    /// (or is empty, a folder, a pipe or a device).
    NotAssayProject,
    /// The file named does not exist.
    NotFound,
    /// The project was made by a newer Assay that this one cannot read.
    NewerFormat,
    /// The project file is damaged; the message names the last backup.
    CorruptProject,
    /// Another Assay window or process has the project open.
    ProjectLocked,
    /// The project is open read-only; the message says why.
    ReadOnly,
    /// The disk filled up; the change was not saved, nothing was lost.
    DiskFull,
    /// Evidence over the size limit.
    EvidenceTooLarge,
    /// A file of that name already exists (pass `--force`, or confirm in
    /// the save dialog, to replace it).
    AlreadyExists,
    /// The file named as output is an Assay project, or the open project:
    /// it is not replaced by what is written.
    ProtectedFile,
    /// The folder named does not exist.
    MissingFolder,
    /// A crash left an unfinished change in a file nobody may write.
    NeedsRecovery,
    /// A project command ran with no project open.
    NoProjectOpen,
    /// The signing key's passphrase is wrong.
    WrongPassphrase,
    /// No signing identity exists yet, or it is unreadable.
    NoIdentity,
    /// The project fails verification: rows differ from the audit trail,
    /// evidence bytes changed, or its sealed history was rewritten.
    ProjectTampered,
    /// Rendering, signing or reading a PDF failed.
    Report,
    /// Reading or writing a file failed.
    Io,
}

/// The one error type of the application layer; it crosses the IPC boundary
/// as `{ code, message }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        AppError {
            code,
            message: message.into(),
        }
    }

    pub fn unknown_id(what: &str, id: &str) -> Self {
        AppError::new(ErrorCode::UnknownId, format!("no {what} has the ID `{id}`"))
    }

    pub(crate) fn io(action: &str, path: &std::path::Path, error: &std::io::Error) -> Self {
        if error.kind() == std::io::ErrorKind::NotFound {
            return AppError::new(
                ErrorCode::NotFound,
                format!("{}: does not exist; check the name", path.display()),
            );
        }
        AppError::new(
            ErrorCode::Io,
            format!("could not {action} {}: {error}", path.display()),
        )
    }
}

impl From<assay_engine::EngineError> for AppError {
    fn from(error: assay_engine::EngineError) -> Self {
        let code = match error {
            assay_engine::EngineError::UnknownQuestionnaire(_) => ErrorCode::UnknownId,
            assay_engine::EngineError::Invalid(_) => ErrorCode::KbInvalid,
            assay_engine::EngineError::BadAnswers(_) => ErrorCode::InvalidAnswers,
        };
        AppError::new(code, error.to_string())
    }
}

impl From<assay_store::StoreError> for AppError {
    fn from(error: assay_store::StoreError) -> Self {
        use assay_store::StoreError as E;
        let code = match &error {
            E::NotSqlite { .. }
            | E::NotAssayProject { .. }
            | E::NotAFile { .. }
            | E::Empty { .. } => ErrorCode::NotAssayProject,
            E::NotFound { .. } => ErrorCode::NotFound,
            E::NewerFormat { .. } => ErrorCode::NewerFormat,
            E::Corrupt { .. } | E::EvidenceDamaged { .. } => ErrorCode::CorruptProject,
            E::Locked { .. } => ErrorCode::ProjectLocked,
            E::ReadOnly { .. } => ErrorCode::ReadOnly,
            E::DiskFull { .. } => ErrorCode::DiskFull,
            E::EvidenceTooLarge { .. } => ErrorCode::EvidenceTooLarge,
            E::AlreadyExists { .. } | E::OutputExists { .. } => ErrorCode::AlreadyExists,
            E::OutputIsProject { .. }
            | E::OutputIsOpenProject { .. }
            | E::OutputIsFolder { .. } => ErrorCode::ProtectedFile,
            E::MissingFolder { .. } => ErrorCode::MissingFolder,
            E::NeedsRecovery { .. } => ErrorCode::NeedsRecovery,
            E::UnknownId { .. } => ErrorCode::UnknownId,
            E::Invalid(_) => ErrorCode::InvalidArgument,
            E::Io { .. } | E::Sqlite { .. } => ErrorCode::Io,
        };
        AppError::new(code, error.to_string())
    }
}

impl From<assay_report::ReportError> for AppError {
    fn from(error: assay_report::ReportError) -> Self {
        let code = match error {
            assay_report::ReportError::WrongPassphrase => ErrorCode::WrongPassphrase,
            assay_report::ReportError::Identity(_) => ErrorCode::NoIdentity,
            _ => ErrorCode::Report,
        };
        AppError::new(code, error.to_string())
    }
}

impl From<assay_kb::KbError> for AppError {
    fn from(error: assay_kb::KbError) -> Self {
        let code = match error {
            assay_kb::KbError::Invalid(_) => ErrorCode::KbInvalid,
            assay_kb::KbError::NotOscalCatalog(_) => ErrorCode::NotOscalCatalog,
        };
        AppError::new(code, error.to_string())
    }
}
