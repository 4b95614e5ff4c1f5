#!/usr/bin/env bash
# Builds the installable Debian package of the desktop app (with the `assay`
# command, which the app binary also runs when started with --cli):
# target/release/bundle/deb/Assay_<version>_<arch>.deb.
# Prints its path and size. Runs scripts/setup.sh first, so it works on a
# fresh Debian or Ubuntu machine.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
npx tauri build --bundles deb --ci
deb=$(ls -t target/release/bundle/deb/*.deb | head -n 1)
bytes=$(stat -c %s "$deb")
awk -v deb="$deb" -v b="$bytes" 'BEGIN { printf "package: %s (%d bytes, %.1f MiB)\n", deb, b, b / 1048576 }'
