// Events the desktop shell sends the window: a menu item chosen, a project
// handed over by a second launch (`assay-desktop FILE`), or a failure to
// open one. Outside the app (UI tests in a browser) there are none.
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { AppError, ProjectSummary } from "./ipc";

export type MenuAction = "new" | "open" | "save-as" | "export" | "close" | "find" | "about";

export interface ShellHandlers {
  menu: (action: MenuAction) => void;
  projectOpened: (project: ProjectSummary) => void;
  openFailed: (message: string) => void;
}

/** Subscribes to the shell's events; returns the function that stops it. */
export function listenToShell(handlers: ShellHandlers): () => void {
  const stops: Promise<UnlistenFn>[] = [
    listen<MenuAction>("menu", (e) => handlers.menu(e.payload)),
    listen<ProjectSummary>("project-opened", (e) => handlers.projectOpened(e.payload)),
    listen<AppError>("open-failed", (e) => handlers.openFailed(e.payload.message)),
  ].map((p) => p.catch(() => () => {}));
  return () => stops.forEach((p) => void p.then((stop) => stop()));
}
