#!/usr/bin/env bash
# The .deb as an admin gets it (run as root: it installs and removes a system package).
#   install-deb.sh DEB RPM_DIR TAURI_DRIVER
# 1. its metadata is complete and it is at most 9 MiB; the .rpm exists beside it;
# 2. `apt-get install ./…deb` installs it with its Depends from the archive;
# 3. the installed eca-preflight-cli names its version and runs practice checks (exit 0 / 1);
# 4. the installed app starts on a virtual display and shows its welcome screen (WebDriver);
# 5. `apt-get remove` takes everything away again.
set -euo pipefail
deb="$1" rpm_dir="$2" driver="$3"
here="$(cd "$(dirname "$0")" && pwd)"
fail() { echo "install-deb: $*" >&2; exit 1; }

[ -f "$deb" ] || fail "no .deb at '$deb' (run make dist)"
ls "$rpm_dir"/*.rpm >/dev/null 2>&1 || fail "no .rpm in $rpm_dir"
size=$(stat -c %s "$deb")
echo "install-deb: $(basename "$deb"): $((size / 1024)) KiB"
[ "$size" -le $((9 * 1024 * 1024)) ] || fail "the .deb is over 9 MiB"

package=$(dpkg-deb -f "$deb" Package)
version=$(dpkg-deb -f "$deb" Version)
for field in Package Version Maintainer Homepage Section Depends Recommends Description; do
  value=$(dpkg-deb -f "$deb" "$field")
  [ -n "$value" ] || fail "the .deb has no $field"
  echo "  $field: $(echo "$value" | head -n1)"
done
grep -q "gnome-keyring | keepassxc" <<<"$(dpkg-deb -f "$deb" Recommends)" || fail "Recommends lacks a Secret Service provider"
# Tauri adds WebKitGTK and GTK itself; the rest of what the binary links must be named too.
depends=$(dpkg-deb -f "$deb" Depends | tr -d ' ' | tr ',' '\n')
for lib in libwebkit2gtk-4.1-0 libgtk-3-0 libsoup-3.0-0 libjavascriptcoregtk-4.1-0 libdbus-1-3; do
  grep -qx "$lib" <<<"$depends" || fail "Depends lacks $lib"
done
[ "$(sort <<<"$depends" | uniq -d)" = "" ] || fail "Depends names a package twice"
# Listed once: `dpkg-deb -c | grep -q` fails under pipefail when grep stops reading early.
contents=$(dpkg-deb -c "$deb")
grep -qE " (\./)?usr/bin/eca-preflight-cli$" <<<"$contents" || fail "the CLI is not in the .deb"
grep -q "usr/share/applications/.*\.desktop$" <<<"$contents" || fail "no desktop entry"

if dpkg -s "$package" >/dev/null 2>&1; then fail "$package is already installed here: remove it first"; fi
cleanup() { DEBIAN_FRONTEND=noninteractive apt-get remove -y "$package" >/dev/null 2>&1 || true; }
trap cleanup EXIT

# apt wants a path, not a bare file name, to install a local package.
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$(realpath "$deb")"
[ "$(command -v eca-preflight)" = /usr/bin/eca-preflight ] || fail "eca-preflight is not on the PATH"
[ "$(command -v eca-preflight-cli)" = /usr/bin/eca-preflight-cli ] || fail "eca-preflight-cli is not on the PATH"

cli_version=$(eca-preflight-cli --version)
[ "$cli_version" = "eca-preflight-cli $version" ] || fail "eca-preflight-cli --version says '$cli_version', the package $version"
eca-preflight-cli check --practice healthy
set +e
eca-preflight-cli check --practice wrong-secret --json > /tmp/install-deb-wrong-secret.json
code=$?
set -e
[ "$code" = 1 ] || fail "a failing practice check exited $code, not 1"
grep -q '"client_secret_invalid"' /tmp/install-deb-wrong-secret.json || fail "no diagnosis in the failing check's JSON"

# The installed app, seen over WebDriver (the E2E harness, on /usr/bin/eca-preflight).
tmp=$(mktemp -d)
APP_BIN=/usr/bin/eca-preflight TAURI_DRIVER="$driver" E2E_ARTIFACTS="${E2E_ARTIFACTS:-$tmp/artifacts}" \
  XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" \
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  node --test --test-force-exit "$here/installed.test.mjs"
rm -rf "$tmp"

trap - EXIT
DEBIAN_FRONTEND=noninteractive apt-get remove -y "$package"
status=$(dpkg -s "$package" 2>/dev/null || true)
! grep -q "^Status: install ok installed" <<<"$status" || fail "$package is still installed"
[ ! -e /usr/bin/eca-preflight ] && [ ! -e /usr/bin/eca-preflight-cli ] || fail "files are left in /usr/bin"
echo "install-deb: installed, ran and removed $package $version"
