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

impl From<assay_kb::KbError> for AppError {
    fn from(error: assay_kb::KbError) -> Self {
        let code = match error {
            assay_kb::KbError::Invalid(_) => ErrorCode::KbInvalid,
            assay_kb::KbError::NotOscalCatalog(_) => ErrorCode::NotOscalCatalog,
        };
        AppError::new(code, error.to_string())
    }
}
