use std::io::Write;

use clap::ValueEnum;
use serde::Serialize;

/// How a command prints its result.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Readable lines for a terminal.
    #[default]
    Text,
    /// One JSON document, for scripts and tests.
    Json,
}

/// The exit status of a process a broken pipe ended (128 + SIGPIPE), as
/// shells report for `assay … | head`.
pub(crate) const BROKEN_PIPE: u8 = 141;

/// Writes one line to stdout. When the reader has gone (`| head`), the
/// command ends quietly with the conventional status instead of a panic.
pub(crate) fn emit(line: &str) {
    let mut out = std::io::stdout().lock();
    let written = writeln!(out, "{line}").and_then(|()| out.flush());
    if let Err(e) = written {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(i32::from(BROKEN_PIPE));
        }
        eprintln!("assay: cannot write the output: {e}");
        std::process::exit(1);
    }
}

/// `println!` that survives a closed pipe.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::output::emit(&format!($($arg)*))
    };
}
pub(crate) use say;

/// Prints `value` as pretty JSON on stdout.
pub(crate) fn json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    emit(&serde_json::to_string_pretty(value)?);
    Ok(())
}
