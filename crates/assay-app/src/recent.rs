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
pub(crate) fn remember(paths: &Paths, entry: RecentProject) {
    let mut list = load(paths).unwrap_or_default();
    list.retain(|p| p.path != entry.path);
    list.insert(0, entry);
    list.truncate(10);
    if let Ok(json) = serde_json::to_string_pretty(&list) {
        let _ = crate::files::write_own_file(&paths.recent_projects_file(), json.as_bytes());
    }
}

/// Whether `path` is on the list.
pub(crate) fn lists(paths: &Paths, path: &str) -> bool {
    load(paths).is_ok_and(|list| list.iter().any(|p| p.path == path))
}

/// Updates an entry already on the list in place, keeping its position and
/// when it was last opened; a project not on the list stays off it.
pub(crate) fn refresh(paths: &Paths, entry: RecentProject) {
    let Ok(mut list) = load(paths) else { return };
    let Some(slot) = list.iter_mut().find(|p| p.path == entry.path) else {
        return;
    };
    *slot = RecentProject {
        opened_at: slot.opened_at.clone(),
        ..entry
    };
    if let Ok(json) = serde_json::to_string_pretty(&list) {
        let _ = crate::files::write_own_file(&paths.recent_projects_file(), json.as_bytes());
    }
}

/// An interview's conclusion in a few words, for the recent list.
pub(crate) fn headline(state: &crate::dto::InterviewState) -> String {
    if let Some(v) = &state.verdict {
        let provisional = v.status == assay_engine::eu_ai_act::VerdictStatus::Provisional;
        return format!(
            "{}{}",
            v.risk_class.label(),
            if provisional { " (provisional)" } else { "" }
        );
    }
    if let Some(p) = &state.profile {
        let above = p.risks.iter().filter(|r| r.above_appetite).count();
        return format!("{above} risk(s) above appetite");
    }
    if let Some(r) = &state.readiness {
        return format!("Type II readiness {:.0} %", r.overall.type2_percent);
    }
    String::new()
}
