//! Rolling automatic backups of a project, taken when it is opened for
//! writing: at most one a quarter hour, the newest five kept, each written
//! under a temporary name so a half-finished copy is never taken for a
//! backup, and the temporaries a killed backup left behind cleared.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};

use crate::{OpenOptions, Result, error, sanitise_file_name};

/// How many automatic backups to keep per project.
const BACKUPS_KEPT: usize = 5;
const PARTIAL: &str = "partial";

/// Takes the open-time backup through its own connection in one step, so
/// it sees one consistent snapshot while autosave keeps writing through
/// WAL. The caller holds the project's lock, so any temporary already in
/// the folder is left by a backup that was killed: it is removed.
pub(crate) fn rolling_backup(source: &Path, root: &Path, now: DateTime<Utc>) -> Result<()> {
    let dir = backup_folder(root, source);
    remove_partials(&dir);
    let newest = list(&dir).pop().and_then(|p| {
        let stem = p.file_stem()?.to_string_lossy().into_owned();
        chrono::NaiveDateTime::parse_from_str(&stem, "%Y%m%dT%H%M%S%3fZ").ok()
    });
    if newest.is_some_and(|t| now.naive_utc() - t < chrono::Duration::minutes(15)) {
        return Ok(());
    }
    fs::create_dir_all(&dir).map_err(error::io(&dir))?;
    let target = dir.join(format!("{}.assay", now.format("%Y%m%dT%H%M%S%3fZ")));
    let partial = target.with_extension(PARTIAL);
    {
        let src = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(error::sqlite(source))?;
        let mut dst = Connection::open(&partial).map_err(error::sqlite(&partial))?;
        let backup =
            rusqlite::backup::Backup::new(&src, &mut dst).map_err(error::sqlite(&partial))?;
        backup.step(-1).map_err(error::sqlite(&partial))?;
    }
    fs::rename(&partial, &target).map_err(error::io(&target))?;
    let mut existing = list(&dir);
    while existing.len() > BACKUPS_KEPT {
        let oldest = existing.remove(0);
        fs::remove_file(&oldest).map_err(error::io(&oldest))?;
    }
    Ok(())
}

fn remove_partials(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|x| x == PARTIAL) {
            let _ = fs::remove_file(&path);
        }
    }
}

/// Backups live in `<backup root>/<file stem>-<hash of the absolute path>/`,
/// a name derived from the path alone, so a damaged file still finds its
/// backups.
pub fn backup_folder(root: &Path, project: &Path) -> PathBuf {
    use sha2::Digest;
    let absolute = fs::canonicalize(project).unwrap_or_else(|_| project.to_owned());
    let digest = sha2::Sha256::digest(absolute.to_string_lossy().as_bytes());
    let stem = project.file_stem().map_or_else(
        || "project".into(),
        |s| sanitise_file_name(&s.to_string_lossy()),
    );
    root.join(format!("{stem}-{}", &crate::hex(&digest)[..12]))
}

fn list(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "assay"))
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

pub(crate) fn latest(path: &Path, options: &OpenOptions) -> Option<PathBuf> {
    let root = options.backup_dir.as_ref()?;
    list(&backup_folder(root, path)).pop()
}
