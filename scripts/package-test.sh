#!/usr/bin/env bash
# The installable app, tried as a user would: build the .deb, install it
# with dpkg, check that the system names Assay as the handler of .assay
# files, open a project by file path through that association under Xvfb,
# hand a second project to the running window (single instance), and
# uninstall. Needs root or sudo, like any package installation.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi

scripts/package.sh
deb=$(ls -t target/release/bundle/deb/*.deb | head -n 1)
package=$(dpkg-deb -f "$deb" Package)
bytes=$(stat -c %s "$deb")
echo "package $package: $bytes bytes"
if [ "$bytes" -gt 15000000 ]; then
  echo "package-test: the .deb is larger than the 15 MB goal" >&2
  exit 1
fi

work=$(mktemp -d)
cleanup() {
  pkill -x assay-desktop 2>/dev/null || true
  if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    "${sudo[@]}" dpkg -r "$package" >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "==> installing $deb"
"${sudo[@]}" dpkg -i "$deb"
test -x /usr/bin/assay-desktop && test -x /usr/bin/assay
echo "installed CLI: $(/usr/bin/assay --version)"
desktop=$(dpkg -L "$package" | grep '/usr/share/applications/.*\.desktop$' | head -n 1)
echo "desktop entry: $desktop"
grep -E '^(Exec|MimeType)=' "$desktop"

export ASSAY_HOME="$work/home"
first="$work/first client.assay"
second="$work/second client.assay"
/usr/bin/assay project new "$first" --template resume-screener --client "Packaged" --system "First" >/dev/null
/usr/bin/assay project new "$second" --template resume-screener --client "Packaged" --system "Second" >/dev/null
# Start from an empty recent list, so only the app can put the files there.
rm -f "$ASSAY_HOME/config/recent-projects.json"

filetype=$(xdg-mime query filetype "$first")
handler=$(xdg-mime query default application/x-assay-project)
echo "xdg-mime: $first is $filetype; the default application is $handler"
[ "$filetype" = "application/x-assay-project" ] || { echo "package-test: .assay is not recognised as an Assay project" >&2; exit 1; }
[ "$handler" = "$(basename "$desktop")" ] || { echo "package-test: Assay is not the default application for .assay" >&2; exit 1; }

# Waits until the app has opened FILE (it heads the recent list).
opened() {
  local file=$1
  for _ in $(seq 1 200); do
    if [ -f "$ASSAY_HOME/config/recent-projects.json" ] &&
      python3 -c 'import json,sys; l=json.load(open(sys.argv[1])); sys.exit(0 if l and l[0]["path"].endswith(sys.argv[2]) else 1)' \
        "$ASSAY_HOME/config/recent-projects.json" "$(basename "$file")"; then
      return 0
    fi
    sleep 0.1
  done
  return 1
}

echo "==> opening a project through the association, then a second one"
cat >"$work/session.sh" <<SESSION
set -euo pipefail
xdg-open "$first" &
$(declare -f opened)
opened "$first" || { echo "package-test: xdg-open did not open the project in Assay" >&2; exit 1; }
echo "opened by association: $first"
count=\$(pgrep -c -x assay-desktop || true)
# A second launch hands its file to the running window and exits.
timeout 20 /usr/bin/assay-desktop "$second"
opened "$second" || { echo "package-test: the running window did not open the second project" >&2; exit 1; }
after=\$(pgrep -c -x assay-desktop || true)
echo "second launch handed over: $second (app processes before \$count, after \$after)"
[ "\$after" = "\$count" ] || { echo "package-test: a second window stayed open" >&2; exit 1; }
pkill -x assay-desktop || true
SESSION
dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" bash "$work/session.sh"

echo "==> uninstalling"
"${sudo[@]}" dpkg -r "$package"
if [ -e /usr/bin/assay-desktop ] || [ -e /usr/bin/assay ] || [ -n "$(xdg-mime query default application/x-assay-project)" ]; then
  echo "package-test: uninstalling left the app or its association behind" >&2
  exit 1
fi
echo "package test passed: installed, opened by association, handed over, uninstalled"
