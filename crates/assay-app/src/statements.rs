//! The per-user store of statements imported from official OSCAL catalogues.
//! Assay never ships that text; the user's own copy supplies it.

use std::{collections::BTreeMap, fs, io};

use assay_kb::Statement;
use serde::{Deserialize, Serialize};

use crate::{AppError, ErrorCode, Paths};

#[derive(Debug, Default, Serialize, Deserialize)]
struct Store {
    /// Item ID → statement.
    statements: BTreeMap<String, StoredStatement>,
}

#[derive(Debug, Serialize, Deserialize)]
struct StoredStatement {
    text: String,
    source: String,
}

pub(crate) fn load(paths: &Paths) -> Result<BTreeMap<String, Statement>, AppError> {
    let path = paths.statements_file();
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(AppError::io("read", &path, &e)),
    };
    let store: Store = serde_json::from_str(&text).map_err(|e| {
        AppError::new(
            ErrorCode::Io,
            format!(
                "the imported-statements store {} is unreadable ({e}); re-run `assay kb import-oscal` to rebuild it",
                path.display()
            ),
        )
    })?;
    Ok(store
        .statements
        .into_iter()
        .map(|(id, s)| {
            (
                id,
                Statement {
                    text: s.text,
                    source: s.source,
                },
            )
        })
        .collect())
}

/// Merges `new` into the store on disk, replacing statements with the same
/// ID, and writes it atomically (temporary file, then rename).
pub(crate) fn merge(paths: &Paths, new: &BTreeMap<String, Statement>) -> Result<(), AppError> {
    let path = paths.statements_file();
    let mut store = Store {
        statements: load(paths)?
            .into_iter()
            .map(|(id, s)| {
                (
                    id,
                    StoredStatement {
                        text: s.text,
                        source: s.source,
                    },
                )
            })
            .collect(),
    };
    for (id, s) in new {
        store.statements.insert(
            id.clone(),
            StoredStatement {
                text: s.text.clone(),
                source: s.source.clone(),
            },
        );
    }
    let json = serde_json::to_string(&store)
        .map_err(|e| AppError::new(ErrorCode::Io, format!("could not encode the store: {e}")))?;
    crate::files::write_own_file(&path, json.as_bytes())
}
