#!/usr/bin/env bash
# Sets everything up and starts the Assay desktop app. Without a display
# (a server, CI, an SSH session) it says so and runs the headless demo instead,
# writing its output to target/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

echo "==> building the UI and the app"
npm run build --silent
cargo build --package assay-desktop --package assay-cli

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found (DISPLAY and WAYLAND_DISPLAY are unset), so the window cannot open."
  echo "Running the headless demo instead: target/debug/assay demo --out target/demo"
  exec target/debug/assay demo --out target/demo
fi
exec target/debug/assay-desktop
