//! One writer per project file. A lock file beside the project holds an
//! OS-level exclusive lock for as long as the project is open; the OS drops
//! the lock when the process dies, so a crash never leaves a file locked.
//! The lock file also says who holds it, for the message the next person
//! sees.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::{Stamp, StoreError};

#[derive(Debug)]
pub(crate) struct ProjectLock {
    file: File,
    path: PathBuf,
}

pub(crate) fn lock_path(project: &Path) -> PathBuf {
    let mut name = project.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    project.with_file_name(name)
}

impl ProjectLock {
    pub(crate) fn acquire(
        project: &Path,
        stamp: &Stamp,
        app_version: &str,
    ) -> Result<ProjectLock, StoreError> {
        let path = lock_path(project);
        let io = |source| StoreError::Io {
            path: path.clone(),
            source,
        };
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim();
                return Err(StoreError::Locked {
                    path: project.to_owned(),
                    holder: if holder.is_empty() {
                        "holder unknown".into()
                    } else {
                        holder.to_owned()
                    },
                });
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        let user = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "unknown user".into());
        let host = fs::read_to_string("/etc/hostname")
            .map(|h| h.trim().to_owned())
            .unwrap_or_else(|_| "this computer".into());
        let note = format!(
            "Assay {app_version}, process {} of {user} on {host}, since {}",
            std::process::id(),
            stamp.at_text()
        );
        file.set_len(0).map_err(io)?;
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        file.write_all(note.as_bytes()).map_err(io)?;
        Ok(ProjectLock { file, path })
    }
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        // Remove the file while still holding the lock, so nobody reads a
        // stale holder; then the handle closes and the lock goes with it.
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}
