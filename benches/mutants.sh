#!/usr/bin/env bash
# Mutation testing: how many deliberately broken versions of the code the
# tests catch. Not part of CI (it takes hours on two cores); run it by hand:
#
#   benches/mutants.sh [engine|store|all] [extra cargo-mutants arguments]
#
# It installs cargo-mutants into .tools/ when missing, mutates the EU AI Act
# classifier (assay-engine) and the store's audit, seal, verify and evidence
# code (assay-store), runs each crate's own tests against every mutant (in
# a copy of the tree, one job: two cores cannot build two trees at once),
# and prints caught / missed / timeout / unviable counts per crate. The
# lists are kept in target/mutants-<crate>/ (missed.txt is what to look at).
# Extra arguments go to cargo-mutants, e.g. `--shard 0/4` for a quarter.
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-all}
shift || true

tools="$PWD/.tools"
if ! command -v cargo-mutants >/dev/null && [ ! -x "$tools/bin/cargo-mutants" ]; then
  cargo install --locked --root "$tools" cargo-mutants
fi
export PATH="$tools/bin:$PATH"

run() {
  local name=$1 package=$2
  shift 2
  local out="target/mutants-$name"
  rm -rf "$out"
  # cargo-mutants exits non-zero when a mutant survives; the counts below
  # are the result either way.
  cargo mutants --package "$package" --jobs 1 --timeout-multiplier 3 \
    --output "$out" "$@" || true
  local dir="$out/mutants.out"
  printf '%-8s caught %4d  missed %4d  timeout %4d  unviable %4d\n' "$name" \
    "$(wc -l <"$dir/caught.txt")" "$(wc -l <"$dir/missed.txt")" \
    "$(wc -l <"$dir/timeout.txt")" "$(wc -l <"$dir/unviable.txt")"
}

case "$which" in
  engine) run engine assay-engine --file 'crates/assay-engine/src/eu_ai_act/**' --file 'crates/assay-engine/src/engine.rs' --file 'crates/assay-engine/src/presume.rs' "$@" ;;
  store) run store assay-store --file 'crates/assay-store/src/audit.rs' --file 'crates/assay-store/src/seal.rs' --file 'crates/assay-store/src/verify.rs' --file 'crates/assay-store/src/evidence.rs' --file 'crates/assay-store/src/answers.rs' "$@" ;;
  all)
    "$0" engine "$@"
    "$0" store "$@"
    ;;
  *) echo "usage: $0 [engine|store|all]" >&2; exit 2 ;;
esac
