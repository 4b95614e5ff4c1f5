//! The desktop shell. It owns the window and nothing else: every command is a
//! one-line adapter over a use case in `assay-app`, which the CLI calls too.

mod commands;

use assay_app::{Assay, Paths};

/// Builds the Tauri application with Assay's state and commands.
pub fn builder() -> tauri::Builder<tauri::Wry> {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(commands::handler())
}

pub fn run() {
    let assay = match Assay::open(Paths::from_environment()) {
        Ok(assay) => assay,
        Err(error) => {
            eprintln!("assay-desktop: cannot start: {error}");
            std::process::exit(1);
        }
    };
    builder()
        .manage(assay)
        .run(tauri::generate_context!())
        .unwrap_or_else(|error| {
            eprintln!("assay-desktop: {error}");
            std::process::exit(1);
        });
}
