//! With `TAURI_STARTUP_PROBE=1`, prints how long after start the window
//! first called in (the start screen's first command), for
//! `benches/startup.sh`. Without it, nothing.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();
static REPORTED: AtomicBool = AtomicBool::new(false);

pub(crate) fn start() {
    STARTED.get_or_init(Instant::now);
}

pub(crate) fn first_call() {
    if std::env::var_os("TAURI_STARTUP_PROBE").is_none() || REPORTED.swap(true, Ordering::Relaxed) {
        return;
    }
    let ms = STARTED.get().map_or(0, |s| s.elapsed().as_millis());
    eprintln!("startup-probe: first call after {ms} ms");
}
