//! The smallest Tauri 2 app: one window, one page, one command. Started with
//! `TAURI_STARTUP_PROBE=1`, it prints how long after start the page first
//! called in, as Assay does, for `benches/startup.sh` to compare.

use std::sync::OnceLock;
use std::time::Instant;

static STARTED: OnceLock<Instant> = OnceLock::new();

#[tauri::command]
fn ready() {
    if std::env::var_os("TAURI_STARTUP_PROBE").is_some() {
        let ms = STARTED.get().map_or(0, |s| s.elapsed().as_millis());
        eprintln!("startup-probe: first call after {ms} ms");
    }
}

fn main() {
    STARTED.get_or_init(Instant::now);
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
        .expect("the hello window runs");
}
