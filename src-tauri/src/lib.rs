//! The desktop shell. It owns the window and nothing else: every command is a
//! one-line adapter over a use case in `assay-app`, which the CLI calls too.

mod commands;
mod launch;
mod menu;
mod probe;

use assay_app::{Assay, Paths};

/// Adds Assay's plugins and commands to a builder; tests pass Tauri's mock
/// builder, the app the real one.
pub fn builder_for<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .invoke_handler(commands::handler())
}

pub fn run() {
    probe::start();
    let assay = match Assay::open(Paths::from_environment()) {
        Ok(assay) => assay.remembering_recent_projects(),
        Err(error) => {
            eprintln!("assay-desktop: cannot start: {error}");
            std::process::exit(1);
        }
    };
    let file = launch::file_argument(std::env::args().skip(1));
    // A second launch hands its file to the running window and exits while
    // the plugins start, which is before the setup hook; so only the first
    // instance ever opens the file it was started with.
    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(launch::second_launch))
        .plugin(tauri_plugin_window_state::Builder::default().build());
    let app = builder_for(builder)
        .manage(assay)
        .setup(move |app| {
            use tauri::Manager;
            let notice = launch::open_at_start(&app.state::<Assay>(), file);
            app.manage(notice);
            Ok(())
        })
        .menu(menu::build)
        .on_menu_event(menu::forward)
        .build(tauri::generate_context!())
        .unwrap_or_else(|error| {
            eprintln!("assay-desktop: {error}");
            std::process::exit(1);
        });
    app.run(|handle, event| {
        // Close the project on the way out, so the file is left as a plain
        // single-file database with its lock released. (A crash skips this;
        // every saved answer is durable anyway.)
        if let tauri::RunEvent::Exit = event {
            use tauri::Manager;
            handle.state::<Assay>().project_close();
        }
    });
}
