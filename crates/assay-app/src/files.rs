//! Every file the application writes goes through here, and from here
//! through `assay_store::output`: a unique temporary file beside the
//! target, flushed, then renamed into place. The application's own files
//! (imported statements, recent projects, the signer identity) may be
//! replaced; a user's file only when the user said so.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::Path;

use assay_store::output::{Target, write_file};

use crate::{AppError, ErrorCode};

/// Writes one of Assay's own files in the user's data folder, creating the
/// folder if needed. Created readable by the user only.
pub(crate) fn write_own_file(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| AppError::io("create", dir, &e))?;
    }
    let target = Target {
        path,
        force: true,
        open_project: None,
        private: true,
    };
    write_file(&target, &mut |f| f.write_all(bytes))?;
    Ok(())
}

/// Opens a file the user named as input (`what` it is to be, e.g.
/// "evidence"), refusing anything but a regular file: a FIFO would block
/// forever, a device never ends. The check is made on the open handle, so
/// the file cannot be swapped in between.
pub(crate) fn open_regular(path: &Path, what: &str) -> Result<(File, u64), AppError> {
    let file = open_nonblocking(path)?;
    let meta = file
        .metadata()
        .map_err(|e| AppError::io("read", path, &e))?;
    if !meta.is_file() {
        let kind = if meta.is_dir() {
            "a folder"
        } else {
            "not a regular file (a pipe, socket or device)"
        };
        return Err(AppError::new(
            ErrorCode::InvalidArgument,
            format!(
                "{}: {kind}; {what} must be an ordinary file",
                path.display()
            ),
        ));
    }
    Ok((file, meta.len()))
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> Result<File, AppError> {
    use rustix::fs::{Mode, OFlags};
    // Non-blocking, so opening a FIFO with no writer returns at once; for a
    // regular file the flag changes nothing.
    rustix::fs::open(
        path,
        OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map(File::from)
    .map_err(|e| AppError::io("open", path, &std::io::Error::from(e)))
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> Result<File, AppError> {
    File::open(path).map_err(|e| AppError::io("open", path, &e))
}

/// Reads a small input file whole (answers, a PKCS#12 bundle, a report),
/// refusing what is not a regular file, or is over `limit` bytes, before
/// reading it.
pub fn read_input(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, AppError> {
    let (file, size) = open_regular(path, what)?;
    if size > limit {
        return Err(AppError::new(
            ErrorCode::InvalidArgument,
            format!(
                "{}: {size} bytes is more than the {limit} bytes {what} can be",
                path.display()
            ),
        ));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| AppError::io("read", path, &e))?;
    Ok(bytes)
}
