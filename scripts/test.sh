#!/usr/bin/env bash
# Sets everything up and runs every check and test: formatting, generated-file
# drift, lints, the Tauri-free invariant, Rust tests, UI tests in Chromium,
# end-to-end tests of the real window under Xvfb, and the .deb installed and
# tried as a user would. Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
started=$SECONDS

step "formatting"
cargo fmt --all --check

step "generated files are current (JSON Schemas, TypeScript IPC types)"
cargo xtask codegen --check
if [ -d ../shared/kb-sources/nist-800-53-rev5-oscal ]; then
  cargo xtask nist-800-53 --check
fi

step "UI: build, typecheck, lint"
npm run build --silent
npm run check --silent
npm run lint --silent

step "clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "only src-tauri depends on tauri"
for manifest in crates/*/Cargo.toml xtask/Cargo.toml; do
  crate=$(sed -n 's/^name = "\(.*\)"/\1/p' "$manifest" | head -n 1)
  # `cargo tree -i tauri` fails with "did not match any packages" exactly
  # when tauri is not in the crate's dependency graph.
  if tree=$(cargo tree --package "$crate" --invert tauri 2>&1); then
    echo "error: $crate depends on tauri; only src-tauri may" >&2
    echo "$tree" >&2
    exit 1
  elif ! grep -q "did not match any packages" <<<"$tree"; then
    echo "error: could not inspect $crate: $tree" >&2
    exit 1
  fi
  echo "ok: $crate does not depend on tauri"
done

step "no core crate links an HTTP client (Assay works offline)"
for manifest in crates/*/Cargo.toml; do
  crate=$(sed -n 's/^name = "\(.*\)"/\1/p' "$manifest" | head -n 1)
  if cargo tree --package "$crate" --edges normal --prefix none \
      | grep -E '^(reqwest|hyper|ureq|curl|isahc|surf|attohttpc|h2) ' ; then
    echo "error: $crate depends on an HTTP client" >&2
    exit 1
  fi
  echo "ok: $crate has no HTTP client"
done

step "Rust tests"
cargo test --workspace --locked

step "UI tests (Chromium, mocked IPC)"
npm run test:ui --silent

step "end-to-end tests (the real app under Xvfb, over WebDriver)"
cargo build --package assay-desktop --package assay-cli --locked
xvfb-run -a -s "-screen 0 1280x800x24" npm run test:e2e --silent

step "the installable package: build, install, open by association, hand over, uninstall"
scripts/package-test.sh

step "all checks passed in $((SECONDS - started)) s"
