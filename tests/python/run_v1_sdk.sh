#!/usr/bin/env bash
# The official v1 Python SDK (hume-expression-measurement 0.1.0) against hume-emulator.
#
# Makes (or reuses) a virtual environment under the cargo target directory, installs the SDK
# there, builds the emulator binary, and runs v1_sdk_check.py (HTTP endpoints) and
# v1_sdk_realtime.py (WebSocket sessions) against it. Prints a SKIP line and exits 0 when python3
# (with venv) is missing or the SDK cannot be installed (no network); otherwise exits 1 if either
# check failed.
#
# Environment: PYTHON (default python3), CARGO (default cargo), CARGO_TARGET_DIR,
# HUME_EMULATOR_BIN (use this binary instead of building one).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-python3}"
cargo="${CARGO:-cargo}"
sdk="hume-expression-measurement==0.1.0"

skip() {
    echo "SKIP: v1 Python SDK check: $1"
    exit 0
}

command -v "$python" >/dev/null 2>&1 || skip "$python not found"
"$python" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 8))' >/dev/null 2>&1 ||
    skip "$python (3.8 or newer, with the venv and ensurepip modules) is not available"

target="${CARGO_TARGET_DIR:-$root/target}"
venv="$target/python-v1-sdk"
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv" >/dev/null 2>&1 || {
        rm -rf "$venv"
        skip "could not create a virtual environment with $python"
    }
fi
if ! "$venv/bin/python" -m pip show hume-expression-measurement 2>/dev/null | grep -qx 'Version: 0.1.0'; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$sdk" ||
        skip "could not install $sdk (no network?)"
fi

if [ -n "${HUME_EMULATOR_BIN:-}" ]; then
    emulator="$HUME_EMULATOR_BIN"
else
    (cd "$root" && "$cargo" build --quiet -p hume-emulator --bin hume-emulator)
    emulator="$target/debug/hume-emulator"
fi
[ -x "$emulator" ] || { echo "error: no emulator binary at $emulator" >&2; exit 1; }

status=0
"$venv/bin/python" "$here/v1_sdk_check.py" --emulator "$emulator" || status=1
"$venv/bin/python" "$here/v1_sdk_realtime.py" --emulator "$emulator" || status=1
exit "$status"
