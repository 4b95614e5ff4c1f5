use std::fmt;

/// One problem found in the data files, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Path below `assets/`.
    pub file: String,
    /// The item, mapping or row concerned, when there is one.
    pub id: Option<String>,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.id {
            Some(id) => write!(f, "{}: {}: {}", self.file, id, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum KbError {
    /// The data files do not form a valid knowledge base.
    #[error("the knowledge base has {} problem(s):\n{}", .0.len(), list(.0))]
    Invalid(Vec<Diagnostic>),
    /// A file handed to the OSCAL importer is not a catalogue it can read.
    #[error("not an OSCAL catalog: {0}")]
    NotOscalCatalog(String),
}

fn list(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| format!("  {d}"))
        .collect::<Vec<_>>()
        .join("\n")
}
