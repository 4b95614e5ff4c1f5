#!/usr/bin/env bash
# Installs what Assay needs to build, run and test on Debian or Ubuntu:
# the system packages that dpkg-query says are missing, the npm packages
# (npm ci, only when package-lock.json changed), and tauri-driver. Safe to run
# again; on a warm machine it does nothing and takes about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

for tool in cargo node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "setup: $tool is not installed. Install Rust (https://rustup.rs) and Node.js 20+ first." >&2
    exit 1
  fi
done

# Build: compilers and the WebKitGTK/GTK development files Tauri links against.
# Run and test: Xvfb for a virtual display, WebKitWebDriver for end-to-end
# tests, Chromium for the UI tests, poppler-utils, qpdf and sqlite3 for
# checking reports and project files, fonts so screenshots show real text;
# xdg-utils (with File::MimeInfo, so it reads the MIME database as desktops
# do rather than guessing from the header), D-Bus and the MIME and desktop
# databases for trying the installed package's file association and
# single-instance hand-over.
PACKAGES=(
  build-essential pkg-config file curl libssl-dev
  libwebkit2gtk-4.1-dev libxdo-dev libayatana-appindicator3-dev librsvg2-dev
  xvfb xauth webkit2gtk-driver at-spi2-core
  chromium poppler-utils qpdf sqlite3 fonts-dejavu-core python3-venv
  xdg-utils libfile-mimeinfo-perl dbus dbus-x11 shared-mime-info
  desktop-file-utils procps
)
missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]})); then
  say "installing system packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends \
    -o DPkg::Lock::Timeout=300 "${missing[@]}"
fi

# npm ci wipes node_modules, so run it only when the lock file is newer than
# the last install.
stamp=node_modules/.assay-installed
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
  touch "$stamp"
fi

# pyHanko is the second independent validator of signed reports (pdfsig is
# the first); cyclonedx-python-lib (with the official CycloneDX 1.6 schema)
# and compliance-trestle (OSCAL models) check the machine-readable exports.
# They live in a virtual environment under .tools/.
if [ ! -x .tools/venv/bin/pyhanko ] || ! .tools/venv/bin/python -c 'import cyclonedx.validation.json, trestle.oscal.assessment_results, jsonschema' 2>/dev/null; then
  say "installing pyHanko, cyclonedx-python-lib and compliance-trestle into .tools/venv"
  python3 -m venv .tools/venv
  .tools/venv/bin/pip install --quiet --disable-pip-version-check pyhanko==0.38.0 pyhanko-cli==0.6.0 \
    'cyclonedx-python-lib[json-validation]==11.12.0' compliance-trestle==5.2.0
fi

# tauri-driver bridges WebDriver to the Tauri window; it lives in .tools/ so
# nothing is installed outside the checkout.
if [ ! -x .tools/bin/tauri-driver ]; then
  say "installing tauri-driver into .tools/"
  cargo install tauri-driver --version '^2' --locked --root .tools
fi
