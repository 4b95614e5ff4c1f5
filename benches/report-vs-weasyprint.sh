#!/usr/bin/env bash
# Benchmark: render + sign the full sample report with `assay report --sign`
# (whole process, release build) against WeasyPrint rendering the same
# content from HTML, in one run so the ratio is fair on a noisy machine.
# Not part of the test suite; run it by hand: benches/report-vs-weasyprint.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for tool in pdfdetach pdfinfo pdfsig; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: sudo apt-get install poppler-utils (or scripts/setup.sh)" >&2; exit 1; }
done
if [ ! -x .tools/bench-venv/bin/weasyprint ]; then
  python3 -m venv .tools/bench-venv
  .tools/bench-venv/bin/pip install --quiet --disable-pip-version-check weasyprint
fi
cargo build --release --quiet --package assay-cli
assay=target/release/assay
export ASSAY_HOME="$work/home" ASSAY_PASSPHRASE="benchmark passphrase"

"$assay" demo --out "$work/demo" >/dev/null
"$assay" identity new --name "Bench Signer" --organisation "Assay" --email bench@example.com >/dev/null
project="$work/demo/resume-screener-employer.assay"
"$assay" report "$project" --out "$work/warm.pdf" --sign >/dev/null

# The same content as HTML, from the data the PDF carries.
pdfdetach -save 1 -o "$work/data.json" "$work/warm.pdf" >/dev/null
.tools/bench-venv/bin/python3 benches/report_html.py "$work/data.json" > "$work/report.html"
.tools/bench-venv/bin/weasyprint "$work/report.html" "$work/weasy.pdf" 2>/dev/null

# A failed run is never timed as if it had succeeded: the benchmark stops
# and says which command failed.
time_runs() {
  local start end
  start=$(date +%s.%N)
  for _ in $(seq "$runs"); do
    if ! "$@" >/dev/null 2>"$work/err"; then
      echo "benchmark run failed: $*" >&2
      cat "$work/err" >&2
      exit 1
    fi
  done
  end=$(date +%s.%N)
  python3 -c "print(($end - $start) / $runs * 1000)"
}
# Interleave to share the machine's noise. `--sign` includes unlocking the
# passphrase-protected key (scrypt, deliberately slow); `--demo-identity`
# is the same render + PAdES signature with an unencrypted key.
s1=$(time_runs "$assay" report "$project" --out "$work/a.pdf" --sign --force)
d1=$(time_runs "$assay" report "$project" --out "$work/d.pdf" --demo-identity --force)
w1=$(time_runs .tools/bench-venv/bin/weasyprint "$work/report.html" "$work/w.pdf")
s2=$(time_runs "$assay" report "$project" --out "$work/a.pdf" --sign --force)
d2=$(time_runs "$assay" report "$project" --out "$work/d.pdf" --demo-identity --force)
w2=$(time_runs .tools/bench-venv/bin/weasyprint "$work/report.html" "$work/w.pdf")
sign_ms=$(python3 -c "print(($s1 + $s2) / 2)")
demo_ms=$(python3 -c "print(($d1 + $d2) / 2)")
weasy_ms=$(python3 -c "print(($w1 + $w2) / 2)")
printf 'assay report --sign (render + key unlock + sign): %.1f ms per report (%s pages, %s bytes)\n' "$sign_ms" "$(pdfinfo "$work/a.pdf" | awk '/^Pages/ {print $2}')" "$(stat -c %s "$work/a.pdf")"
printf 'assay report --demo-identity (render + sign):   %.1f ms per report\n' "$demo_ms"
printf 'weasyprint, same content, unsigned:             %.1f ms per report (%s pages)\n' "$weasy_ms" "$(pdfinfo "$work/w.pdf" | awk '/^Pages/ {print $2}')"
printf 'key unlock (scrypt), by difference:             %.1f ms; in the app it is paid once per session\n' "$(python3 -c "print($sign_ms - $demo_ms)")"
printf 'ratio: %.1fx (with key unlock), %.1fx (render + sign, as in an unlocked session)\n' "$(python3 -c "print($weasy_ms / $sign_ms)")" "$(python3 -c "print($weasy_ms / $demo_ms)")"
pdfsig "$work/a.pdf" | grep -E "Signature Validation|Total document"
