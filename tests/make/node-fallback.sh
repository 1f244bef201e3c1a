#!/usr/bin/env bash
# `make node` on a machine whose node is too old: Node 22 arrives from PyPI in a fresh NODE_HOME,
# with a working npm, and make's recipes use it. "Too old" is anything below 22.12 (Salesforce
# CLI 2.150 needs Node 22): a stand-in node that says 18.19 (Debian 12's), 20.20 (what the UI
# alone would accept) or 22.11 gets Node 22; one that says 22.12 is kept, and nothing is installed.
# The stand-ins run the real node with process.versions.node changed, so make's own version check
# is what decides.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
real_node=$(command -v node) || { echo "node-fallback: no node on the PATH to stand in for" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# $tmp/v<VERSION>/node: node as far as any version check goes.
stand_in() {
  local dir="$tmp/v$1"
  mkdir -p "$dir"
  printf 'Object.defineProperty(process.versions, "node", { value: "%s" });\n' "$1" > "$dir/version.cjs"
  cat > "$dir/node" <<EOF
#!/bin/sh
case "\$1" in --version|-v) echo v$1; exit 0 ;; esac
exec "$real_node" --require "$dir/version.cjs" "\$@"
EOF
  chmod +x "$dir/node"
  echo "$dir"
}
seen_by_recipes() { # PATH-DIR NODE_HOME
  PATH="$1:$PATH" make -s -C "$root" --eval 'which-node: ; @node --version' which-node NODE_HOME="$2"
}

first=true
for old in 18.19.0 20.20.2 22.11.0; do
  dir=$(stand_in "$old")
  PATH="$dir:$PATH" make -s -C "$root" node NODE_HOME="$tmp/node"
  version=$("$tmp/node/bin/node" --version)
  case "$version" in v22.*) ;; *) echo "node-fallback: got $version, not Node 22" >&2; exit 1 ;; esac
  "$tmp/node/bin/npm" --version >/dev/null
  # Inside make, the recipes see the new node first on the PATH.
  seen=$(seen_by_recipes "$dir" "$tmp/node")
  [ "$seen" = "$version" ] || { echo "node-fallback: with node v$old, make's recipes see $seen" >&2; exit 1; }
  if $first; then
    # A second run installs nothing.
    again=$(PATH="$dir:$PATH" make -s -C "$root" node NODE_HOME="$tmp/node")
    [ -z "$again" ] || { echo "node-fallback: second run printed: $again" >&2; exit 1; }
    first=false
  fi
done

# Node 22.12 is new enough: kept, nothing installed.
dir=$(stand_in 22.12.0)
kept=$(PATH="$dir:$PATH" make -s -C "$root" node NODE_HOME="$tmp/unused")
[ -z "$kept" ] && [ ! -e "$tmp/unused" ] || { echo "node-fallback: node v22.12.0 was replaced: $kept" >&2; exit 1; }
seen=$(seen_by_recipes "$dir" "$tmp/unused")
[ "$seen" = v22.12.0 ] || { echo "node-fallback: with node v22.12.0, make's recipes see $seen" >&2; exit 1; }

echo "node-fallback: Node $version from PyPI below 22.12, npm $("$tmp/node/bin/npm" --version); 22.12 kept"
