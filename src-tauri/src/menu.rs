//! The application menu and its shortcuts. Each item only tells the window
//! which action was chosen (a `menu` event carrying the item's ID); the UI
//! does the action exactly as its own buttons do.

use tauri::menu::{Menu, MenuBuilder, MenuEvent, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Runtime};

/// Menu item ID, label, shortcut.
const FILE: &[(&str, &str, &str)] = &[
    ("new", "New project…", "CmdOrCtrl+N"),
    ("open", "Open project…", "CmdOrCtrl+O"),
    ("save-as", "Save project as…", "CmdOrCtrl+Shift+S"),
    ("export", "Export report…", "CmdOrCtrl+E"),
    ("close", "Close project", "CmdOrCtrl+W"),
];

pub(crate) fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let mut file = SubmenuBuilder::new(app, "File");
    for (id, label, shortcut) in FILE {
        file = file.item(
            &MenuItemBuilder::with_id(*id, *label)
                .accelerator(*shortcut)
                .build(app)?,
        );
    }
    let file = file.separator().quit().build()?;
    let edit = SubmenuBuilder::new(app, "Edit")
        .undo()
        .redo()
        .separator()
        .cut()
        .copy()
        .paste()
        .select_all()
        .separator()
        .item(
            &MenuItemBuilder::with_id("find", "Find…")
                .accelerator("CmdOrCtrl+F")
                .build(app)?,
        )
        .build()?;
    let help = SubmenuBuilder::new(app, "Help")
        .item(&MenuItemBuilder::with_id("about", "About Assay").build(app)?)
        .build()?;
    MenuBuilder::new(app).items(&[&file, &edit, &help]).build()
}

/// Hands a chosen item to the window.
pub(crate) fn forward<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    let _ = app.emit("menu", event.id().0.as_str());
}
