//! Opening a project named on the command line (`assay-desktop FILE`, which
//! is how the file manager starts Assay for a double-clicked `.assay`), and
//! handing the file of a second launch to the window already running.

use std::path::PathBuf;
use std::sync::Mutex;

use assay_app::Assay;
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// What went wrong opening the file Assay was started with, for the start
/// screen to show once.
#[derive(Debug, Default)]
pub(crate) struct StartupNotice(pub(crate) Mutex<Option<String>>);

/// The project file among the arguments (the first that is not an option).
pub(crate) fn file_argument<I: IntoIterator<Item = String>>(args: I) -> Option<PathBuf> {
    args.into_iter()
        .find(|a| !a.starts_with('-') && !a.is_empty())
        .map(PathBuf::from)
}

/// Opens `path` at start; a failure becomes the start screen's notice.
pub(crate) fn open_at_start(assay: &Assay, path: Option<PathBuf>) -> StartupNotice {
    let notice = path.and_then(|p| assay.project_open(&p, false).err().map(|e| e.message));
    StartupNotice(Mutex::new(notice))
}

/// A second `assay-desktop FILE`: the running window opens FILE (relative
/// to the second launch's folder) and comes to the front.
pub(crate) fn second_launch<R: Runtime>(app: &AppHandle<R>, args: Vec<String>, cwd: String) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
    let Some(path) = file_argument(args.into_iter().skip(1)) else {
        return;
    };
    let path = if path.is_relative() {
        PathBuf::from(cwd).join(path)
    } else {
        path
    };
    match app.state::<Assay>().project_open(&path, false) {
        Ok(summary) => {
            let _ = app.emit("project-opened", summary);
        }
        Err(error) => {
            let _ = app.emit("open-failed", error);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::file_argument;

    #[test]
    fn the_first_plain_argument_is_the_file() {
        let args = ["--flag".to_owned(), "client.assay".to_owned()];
        assert_eq!(file_argument(args).unwrap().to_str(), Some("client.assay"));
        assert_eq!(file_argument(Vec::<String>::new()), None);
    }
}
