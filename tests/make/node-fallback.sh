#!/usr/bin/env bash
# `make node` on a machine whose node is too old (a stand-in that says v18, as Debian 12's):
# Node 22 arrives from PyPI in a fresh NODE_HOME, with a working npm, and make's recipes use it.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/old"
cat > "$tmp/old/node" <<'OLD'
#!/bin/sh
# Node 18 as far as a version check goes.
case "$1" in
  --version) echo v18.19.0 ;;
  -e) exit 1 ;;
  *) exit 1 ;;
esac
OLD
chmod +x "$tmp/old/node"
PATH="$tmp/old:$PATH" make -s -C "$root" node NODE_HOME="$tmp/node"
version=$("$tmp/node/bin/node" --version)
case "$version" in v22.*) ;; *) echo "node-fallback: got $version, not Node 22" >&2; exit 1 ;; esac
"$tmp/node/bin/npm" --version >/dev/null
# Inside make, the recipes see the new node first on the PATH.
seen=$(PATH="$tmp/old:$PATH" make -s -C "$root" --eval 'which-node: ; @node --version' which-node NODE_HOME="$tmp/node")
[ "$seen" = "$version" ] || { echo "node-fallback: make's recipes see $seen" >&2; exit 1; }
# A second run installs nothing.
again=$(PATH="$tmp/old:$PATH" make -s -C "$root" node NODE_HOME="$tmp/node")
[ -z "$again" ] || { echo "node-fallback: second run printed: $again" >&2; exit 1; }
echo "node-fallback: Node $version from PyPI, npm $("$tmp/node/bin/npm" --version)"
