#!/usr/bin/env bash
# Start time and idle memory of the desktop app against a hello-world Tauri
# 2 app (benches/hello-tauri) built in the same run, both release builds, on
# the same virtual display.
#
#   start: from process start to the window's first call into Rust (Assay's
#          start screen asking for its data; the hello page's one call),
#          which is when the page has loaded and run its script.
#   idle:  resident memory of the whole process tree (the app and its
#          WebKit web and network processes) three seconds after that.
#
# Usage: benches/startup.sh [RUNS]   (default 7; the first run is reported
# apart as the cold start). Needs a display; without one it runs itself
# under xvfb-run. Prints medians and the ratios the goals are set in.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi
npm run build --silent >/dev/null
cargo build --release --locked --package assay-desktop --package hello-tauri 2>&1 | tail -n 1

# The process and every descendant, by walking /proc's parent links.
tree_rss_kib() {
  local root=$1 total=0 pid
  local pids=("$root") i=0
  while [ $i -lt ${#pids[@]} ]; do
    for pid in $(ps -o pid= --ppid "${pids[$i]}" 2>/dev/null); do pids+=("$pid"); done
    i=$((i + 1))
  done
  for pid in "${pids[@]}"; do
    total=$((total + $(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# Starts BINARY, waits for its probe line, lets it idle, measures, stops it.
measure() {
  local binary=$1 home log pid ms=""
  home=$(mktemp -d)
  log="$home/stderr"
  ASSAY_HOME="$home" TAURI_STARTUP_PROBE=1 "$binary" 2>"$log" >/dev/null &
  pid=$!
  for _ in $(seq 1 300); do
    ms=$(sed -n 's/^startup-probe: first call after \([0-9]*\) ms$/\1/p' "$log" | head -n 1)
    [ -n "$ms" ] && break
    sleep 0.05
  done
  if [ -z "$ms" ]; then
    echo "startup: $binary never called in; its stderr:" >&2
    cat "$log" >&2
    kill "$pid" 2>/dev/null || true
    exit 1
  fi
  sleep 3
  local rss
  rss=$(tree_rss_kib "$pid")
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$home"
  echo "$ms $rss"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

assay_ms=() assay_rss=() hello_ms=() hello_rss=()
for run in $(seq 1 "$runs"); do
  # Alternate which goes first, so neither always inherits a warmer cache.
  if [ $((run % 2)) -eq 1 ]; then order="hello assay"; else order="assay hello"; fi
  for app in $order; do
    if [ "$app" = assay ]; then
      read -r ms rss < <(measure target/release/assay-desktop)
      assay_ms+=("$ms") assay_rss+=("$rss")
    else
      read -r ms rss < <(measure target/release/hello-tauri)
      hello_ms+=("$ms") hello_rss+=("$rss")
    fi
  done
  printf 'run %d: assay %4d ms %6d KiB | hello %4d ms %6d KiB\n' "$run" \
    "${assay_ms[-1]}" "${assay_rss[-1]}" "${hello_ms[-1]}" "${hello_rss[-1]}"
done
a_ms=$(printf '%s\n' "${assay_ms[@]:1}" | median)
h_ms=$(printf '%s\n' "${hello_ms[@]:1}" | median)
a_rss=$(printf '%s\n' "${assay_rss[@]:1}" | median)
h_rss=$(printf '%s\n' "${hello_rss[@]:1}" | median)
awk -v am="$a_ms" -v hm="$h_ms" -v ar="$a_rss" -v hr="$h_rss" \
  -v ac="${assay_ms[0]}" -v hc="${hello_ms[0]}" 'BEGIN {
  printf "cold (first run): assay %d ms, hello %d ms, ratio %.2f\n", ac, hc, ac / hc
  printf "warm (median of the rest): assay %d ms, hello %d ms, ratio %.2f (goal <= 1.25)\n", am, hm, am / hm
  printf "idle memory, process tree (median): assay %.1f MiB, hello %.1f MiB, difference %.1f MiB (goal <= 40)\n", ar / 1024, hr / 1024, (ar - hr) / 1024
}'
