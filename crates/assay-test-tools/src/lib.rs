//! External tools the tests check Assay's output with.
//!
//! A test that needs a tool finds it or fails, naming the command that
//! installs it; `scripts/setup.sh` installs every one. Someone who chooses to
//! run without them sets `ASSAY_ALLOW_MISSING_TOOLS=1`, and then each skip is
//! printed, never silent. CI does not set it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The environment variable that turns a missing tool into a printed skip.
pub const ALLOW_MISSING: &str = "ASSAY_ALLOW_MISSING_TOOLS";

/// A validator the tests rely on, and how to install it.
#[derive(Debug, Clone, Copy)]
pub struct Tool {
    pub command: &'static str,
    pub package: &'static str,
}

pub const PDFSIG: Tool = Tool {
    command: "pdfsig",
    package: "poppler-utils",
};
pub const PDFTOTEXT: Tool = Tool {
    command: "pdftotext",
    package: "poppler-utils",
};
pub const PDFTOPPM: Tool = Tool {
    command: "pdftoppm",
    package: "poppler-utils",
};
pub const QPDF: Tool = Tool {
    command: "qpdf",
    package: "qpdf",
};
pub const OPENSSL: Tool = Tool {
    command: "openssl",
    package: "openssl",
};
pub const UNSHARE: Tool = Tool {
    command: "unshare",
    package: "util-linux",
};
pub const SQLITE3: Tool = Tool {
    command: "sqlite3",
    package: "sqlite3",
};

/// The tool's path, or `None` (after printing why) when it is missing and
/// missing tools are allowed. Panics with the install hint otherwise.
pub fn require(tool: Tool, test: &str) -> Option<PathBuf> {
    match find_on_path(tool.command) {
        Some(path) => Some(path),
        None => missing(
            test,
            tool.command,
            &format!(
                "sudo apt-get install {} (or run scripts/setup.sh)",
                tool.package
            ),
        ),
    }
}

/// pyHanko, which `scripts/setup.sh` installs into the repo's `.tools/venv`.
pub fn require_pyhanko(test: &str) -> Option<PathBuf> {
    let path = repo_root().join(".tools/venv/bin/pyhanko");
    if path.is_file() {
        return Some(path);
    }
    missing(
        test,
        "pyhanko",
        "scripts/setup.sh (it installs pyHanko into .tools/venv)",
    )
}

/// The Python that runs `tests/validators/validate_exports.py`, with
/// cyclonedx-python-lib, compliance-trestle and jsonschema importable.
pub fn require_export_validators(test: &str) -> Option<PathBuf> {
    let python = repo_root().join(".tools/venv/bin/python");
    let ready = Command::new(&python)
        .args([
            "-c",
            "import cyclonedx.validation.json, trestle.oscal.assessment_results, jsonschema",
        ])
        .output()
        .is_ok_and(|o| o.status.success());
    if ready {
        return Some(python);
    }
    missing(
        test,
        "cyclonedx-python-lib and compliance-trestle",
        "scripts/setup.sh (it installs them into .tools/venv)",
    )
}

/// The repository's root folder.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn missing(test: &str, command: &str, install: &str) -> Option<PathBuf> {
    if std::env::var_os(ALLOW_MISSING).is_some_and(|v| v == "1") {
        eprintln!("SKIPPED part of `{test}`: `{command}` is not installed ({ALLOW_MISSING}=1)");
        None
    } else {
        panic!(
            "`{test}` needs `{command}`, which is not installed. Install it with: {install}. \
             To skip the checks that need it instead, set {ALLOW_MISSING}=1."
        )
    }
}

fn find_on_path(command: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(command))
        .find(|candidate| candidate.is_file() && runs(candidate))
}

fn runs(path: &Path) -> bool {
    Command::new(path).arg("-v").output().is_ok()
}
