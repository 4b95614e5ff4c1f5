//! The recent-projects list in the user's config directory.

use std::{fs, io};

use crate::{AppError, ErrorCode, Paths, dto::RecentProject};

/// The list, newest first; an absent file is an empty list.
pub(crate) fn load(paths: &Paths) -> Result<Vec<RecentProject>, AppError> {
    let path = paths.recent_projects_file();
    match fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| {
            AppError::new(
                ErrorCode::Io,
                format!(
                    "the recent-projects list {} is unreadable: {e}",
                    path.display()
                ),
            )
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(AppError::io("read", &path, &e)),
    }
}

/// Puts a project at the top of the list (at most ten). Best effort: a
/// failure to write the list never stops a project from opening.
pub(crate) fn remember(paths: &Paths, path: &str, client: &str, system: &str, at: &str) {
    let mut list = load(paths).unwrap_or_default();
    list.retain(|p| p.path != path);
    list.insert(
        0,
        RecentProject {
            path: path.to_owned(),
            name: format!("{client} — {system}"),
            opened_at: at.to_owned(),
        },
    );
    list.truncate(10);
    if let Ok(json) = serde_json::to_string_pretty(&list) {
        let _ = crate::files::write_own_file(&paths.recent_projects_file(), json.as_bytes());
    }
}
