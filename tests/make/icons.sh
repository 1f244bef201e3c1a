#!/usr/bin/env bash
# The icons the bundles use are rendered from the one source, icons/icon.svg: rendering it again
# gives the same files (make icons rewrites them). The .icns is left out of the comparison: the
# renderer does not write it byte for byte the same twice.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$root/ui/node_modules/.bin/tauri" icon "$root/icons/icon.svg" -o "$tmp" >/dev/null 2>&1
stale=0
for f in 32x32.png 64x64.png 128x128.png 128x128@2x.png icon.png icon.ico; do
  cmp -s "$root/icons/$f" "$tmp/$f" || { echo "icons: $f is not what icon.svg renders to (run make icons)" >&2; stale=1; }
done
[ "$stale" = 0 ] && echo "icons: every bundled icon is icon.svg's rendering"
exit "$stale"
