#!/bin/sh
# The `assay` command: the installed app binary runs it when asked with --cli
# (see src-tauri/src/main.rs), so the package carries Assay's core only once.
exec /usr/bin/assay-desktop --cli "$@"
