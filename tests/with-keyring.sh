#!/usr/bin/env bash
# Run a command with an unlocked gnome-keyring Secret Service on the current D-Bus session
# (call it inside `dbus-run-session`). The keyring lives under $XDG_DATA_HOME, so tests that set
# XDG_DATA_HOME get a keyring of their own and never touch the user's.
set -euo pipefail
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  echo "with-keyring.sh: no D-Bus session; run it as: dbus-run-session -- $0 COMMAND" >&2
  exit 2
fi
# A throwaway password: this keyring exists only for the test session.
eval "$(echo -n "test-session-only" | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
exec "$@"
