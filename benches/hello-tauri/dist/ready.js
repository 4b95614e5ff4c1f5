// Tells the shell the page has run its script, as Assay's start screen does
// with its first command, so both apps are timed to the same point.
requestAnimationFrame(() => window.__TAURI_INTERNALS__.invoke("ready"));
