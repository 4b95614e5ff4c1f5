//! One writer per project file. The lock is taken on the file itself (an
//! advisory `flock`, which SQLite's own byte-range locks do not touch), so
//! a symlink or a hard link to the same file meets the same lock, and the
//! OS drops it when the process dies: a crash never leaves a file locked.
//! A note beside the file says who holds it, for the message the next
//! person sees; it is only ever informative.
//!
//! Where an OS lock on the file would block SQLite itself (Windows locks
//! are mandatory), the lock is taken on the note file instead.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::{OpenOptions as ProjectOptions, Stamp, StoreError};

#[derive(Debug)]
pub(crate) struct ProjectLock {
    /// The handle whose OS lock excludes other writers.
    held: File,
    note: PathBuf,
}

pub(crate) fn note_path(project: &Path) -> PathBuf {
    let mut name = project.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    project.with_file_name(name)
}

impl ProjectLock {
    pub(crate) fn acquire(
        project: &Path,
        options: &ProjectOptions,
    ) -> Result<ProjectLock, StoreError> {
        let note = note_path(project);
        let held = lock_target(project, &note)?;
        match held.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(StoreError::Locked {
                    path: project.to_owned(),
                    holder: holder(&note),
                });
            }
            Err(TryLockError::Error(e)) => {
                return Err(StoreError::Io {
                    path: project.to_owned(),
                    source: e,
                });
            }
        }
        let stamp = Stamp::new(options.now, "assay");
        // Best effort: a folder that refuses the note still gets the lock.
        let _ = write_note(&note, &stamp, &options.app_version);
        Ok(ProjectLock { held, note })
    }
}

#[cfg(unix)]
fn lock_target(project: &Path, _note: &Path) -> Result<File, StoreError> {
    // Read access is enough for flock, and opening never changes the file.
    File::open(project).map_err(|source| StoreError::Io {
        path: project.to_owned(),
        source,
    })
}

#[cfg(not(unix))]
fn lock_target(_project: &Path, note: &Path) -> Result<File, StoreError> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(note)
        .map_err(|source| StoreError::Io {
            path: note.to_owned(),
            source,
        })
}

fn holder(note: &Path) -> String {
    let mut text = String::new();
    let _ = File::open(note).and_then(|mut f| f.read_to_string(&mut text));
    let text = text.trim();
    if text.is_empty() {
        "holder unknown".into()
    } else {
        text.chars().take(300).collect()
    }
}

fn write_note(note: &Path, stamp: &Stamp, app_version: &str) -> std::io::Result<()> {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown user".into());
    let host = fs::read_to_string("/etc/hostname")
        .map(|h| h.trim().to_owned())
        .unwrap_or_else(|_| "this computer".into());
    let text = format!(
        "Assay {app_version}, process {} of {user} on {host}, since {}",
        std::process::id(),
        stamp.at_text()
    );
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(note)?;
    file.write_all(text.as_bytes())
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        // The note goes first, while the lock is still held, so nobody
        // reads a stale holder; the lock itself goes with the handle. A
        // note left by a killed process only ever informs.
        let _ = fs::remove_file(&self.note);
        let _ = self.held.unlock();
    }
}
