//! Writing the files a user names: reports, exports, extracted evidence,
//! new projects and copies. One rule for all of them: the bytes go to a
//! uniquely named temporary file beside the target, are flushed to disk,
//! and only then take the target's name in one rename. A failure leaves
//! nothing behind; an existing file is replaced only when the user said so
//! (`--force`, or a save dialog's confirmation), and the open project never.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use tempfile::{NamedTempFile, TempPath};

use crate::{Result, StoreError, error};

/// Where a command writes, and what it may replace.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    pub path: &'a Path,
    /// The user allowed replacing an existing file.
    pub force: bool,
    /// The project the command works on: never replaced, whatever `force`.
    pub open_project: Option<&'a Path>,
    /// Readable by the user only (a key, a seal log); otherwise the file
    /// gets the permissions the user's umask gives any new file.
    pub private: bool,
}

/// Writes the file `write` produces to `target`, all or nothing; returns
/// its size.
pub fn write_file(
    target: &Target<'_>,
    write: &mut dyn FnMut(&mut File) -> io::Result<()>,
) -> Result<u64> {
    stage(target, write)?.persist()
}

/// Checks that `target` may be written, without writing anything.
pub fn check_target(target: &Target<'_>) -> Result<()> {
    existing_folder(target.path)?;
    check_replaceable(target)?;
    file_name(target.path).map(drop)
}

/// A file written in full under a temporary name beside its target, not
/// yet visible there. Dropped without [`Staged::persist`], it is removed.
#[derive(Debug)]
pub struct Staged {
    temporary: NamedTempFile,
    path: PathBuf,
    folder: PathBuf,
    force: bool,
    size: u64,
}

/// Writes what `write` produces beside `target`, flushed to disk, so a
/// command can finish its other steps before the file takes its name.
pub fn stage(
    target: &Target<'_>,
    write: &mut dyn FnMut(&mut File) -> io::Result<()>,
) -> Result<Staged> {
    let path = target.path;
    let folder = existing_folder(path)?;
    check_replaceable(target)?;
    let name = file_name(path)?;
    let mut temporary = temporary_file(&folder, &name, target.private)?;
    write(temporary.as_file_mut()).map_err(error::io(path))?;
    temporary.as_file_mut().flush().map_err(error::io(path))?;
    temporary.as_file().sync_all().map_err(error::io(path))?;
    let size = temporary
        .as_file()
        .metadata()
        .map_err(error::io(path))?
        .len();
    Ok(Staged {
        temporary,
        path: path.to_owned(),
        folder,
        force: target.force,
        size,
    })
}

impl Staged {
    /// Gives the file its name in one rename; returns its size.
    pub fn persist(self) -> Result<u64> {
        let path = self.path;
        let persisted = if self.force {
            self.temporary.persist(&path).map(drop).map_err(|e| e.error)
        } else {
            self.temporary
                .persist_noclobber(&path)
                .map(drop)
                .map_err(|e| e.error)
        };
        match persisted {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                return Err(StoreError::OutputExists { path });
            }
            Err(e) => return Err(error::io(&path)(e)),
        }
        sync_folder(&self.folder);
        Ok(self.size)
    }
}

/// Refuses what may not be replaced: a folder, the open project, any Assay
/// project, and any other existing file unless the user allowed it.
fn check_replaceable(target: &Target<'_>) -> Result<()> {
    let path = target.path;
    let Ok(meta) = fs::symlink_metadata(path) else {
        return Ok(());
    };
    if meta.is_dir() {
        return Err(StoreError::OutputIsFolder {
            path: path.to_owned(),
        });
    }
    if let Some(project) = target.open_project
        && same_file(path, project)
    {
        return Err(StoreError::OutputIsOpenProject {
            path: path.to_owned(),
        });
    }
    // A project holds an engagement's whole history: no output replaces
    // one, whatever the flags say.
    if meta.is_file() && is_assay_project(path) {
        return Err(StoreError::OutputIsProject {
            path: path.to_owned(),
        });
    }
    if !target.force {
        return Err(StoreError::OutputExists {
            path: path.to_owned(),
        });
    }
    Ok(())
}

/// Whether two paths name the same file (through links, or by identity).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(x), Ok(y)) => identity(&x) == identity(&y),
        _ => false,
    }
}

#[cfg(unix)]
fn identity(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn identity(meta: &fs::Metadata) -> (u64, u64) {
    (meta.len(), 0)
}

fn is_assay_project(path: &Path) -> bool {
    use std::io::Read;
    let mut header = [0u8; 72];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .is_ok_and(|()| {
            &header[..16] == b"SQLite format 3\0"
                && i32::from_be_bytes([header[68], header[69], header[70], header[71]])
                    == crate::schema::APPLICATION_ID
        })
}

/// The folder a file is to be written in; it must already exist.
pub(crate) fn existing_folder(path: &Path) -> Result<PathBuf> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    match fs::metadata(&folder) {
        Ok(m) if m.is_dir() => Ok(folder),
        _ => Err(StoreError::MissingFolder { path: folder }),
    }
}

fn file_name(path: &Path) -> Result<String> {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| StoreError::Invalid(format!("{}: names no file", path.display())))
}

fn temporary_file(folder: &Path, name: &str, private: bool) -> Result<NamedTempFile> {
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    if !private {
        // The mode asked for at creation, less the umask, as for any file
        // the user makes; tempfile's own default is owner-only.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    #[cfg(not(unix))]
    let _ = private;
    builder.tempfile_in(folder).map_err(error::io(folder))
}

/// A new, empty, uniquely named file beside `name` in `folder`, removed
/// again unless it is persisted.
pub(crate) fn temporary_in(folder: &Path, name: &str) -> Result<TempPath> {
    Ok(temporary_file(folder, name, true)?.into_temp_path())
}

/// Moves a finished temporary file to `target`, never replacing a file
/// that appeared there meanwhile.
pub(crate) fn persist_new(temporary: TempPath, target: &Path) -> Result<()> {
    File::open(&temporary)
        .and_then(|f| f.sync_all())
        .map_err(error::io(target))?;
    match temporary.persist_noclobber(target) {
        Ok(()) => {}
        Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => {
            return Err(StoreError::AlreadyExists {
                path: target.to_owned(),
            });
        }
        Err(e) => return Err(error::io(target)(e.error)),
    }
    if let Some(folder) = target.parent() {
        sync_folder(folder);
    }
    Ok(())
}

/// Temporaries of `name` a killed process left behind (ten minutes older
/// than `now`, so one still being written is never touched).
pub(crate) fn remove_stale_temporaries(folder: &Path, name: &str, now: SystemTime) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    let prefix = format!(".{name}.");
    let cutoff = now
        .checked_sub(Duration::from_secs(600))
        .unwrap_or(SystemTime::UNIX_EPOCH);
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t < cutoff);
        if file.starts_with(&prefix) && file.ends_with(".tmp") && stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Makes a rename durable: the folder's entry is on disk too.
fn sync_folder(folder: &Path) {
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
}
