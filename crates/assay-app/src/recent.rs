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
