#!/usr/bin/env bash
# Runs the official Python SDK's v0 batch client (PyPI `hume`, pinned to 0.13.13, the last
# release that has it) against the hume-rs emulator: tests/python/v0_list_jobs.py.
#
# Makes (or reuses) a throwaway venv under the cargo target dir (target/python-v0-sdk),
# installs the SDK there, starts `hume-emulator --port 0` (it prints its URL), runs the
# script, and stops the emulator it started. Prints a SKIP line and exits 0 when python3
# (with venv) is missing or the SDK cannot be installed (no network); otherwise exits with the
# script's status.
#
# Environment: PYTHON (default python3), CARGO (default cargo), CARGO_TARGET_DIR,
# HUME_EMULATOR_BIN (use this binary instead of building one), HUME_PY_SDK_VERSION.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-python3}"
cargo="${CARGO:-cargo}"
version="${HUME_PY_SDK_VERSION:-0.13.13}"

skip() {
    echo "SKIP: v0 Python SDK check: $1"
    exit 0
}

command -v "$python" >/dev/null 2>&1 || skip "$python not found"
"$python" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 8))' >/dev/null 2>&1 ||
    skip "$python (3.8 or newer, with the venv and ensurepip modules) is not available"

target="${CARGO_TARGET_DIR:-$root/target}"
venv="$target/python-v0-sdk"
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv" >/dev/null 2>&1 || {
        rm -rf "$venv"
        skip "could not create a virtual environment with $python"
    }
fi
if ! "$venv/bin/python" -m pip show hume 2>/dev/null | grep -qx "Version: $version"; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "hume==$version" ||
        skip "could not install hume==$version (no network?)"
fi
echo "python SDK: hume $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("hume"), "with pydantic", m.version("pydantic"))')"

if [ -n "${HUME_EMULATOR_BIN:-}" ]; then
    emulator_bin="$HUME_EMULATOR_BIN"
else
    (cd "$root" && "$cargo" build --quiet -p hume-emulator --bin hume-emulator)
    emulator_bin="$target/debug/hume-emulator"
fi
[ -x "$emulator_bin" ] || { echo "error: no emulator binary at $emulator_bin" >&2; exit 1; }

log="$(mktemp)"
"$emulator_bin" --port 0 >"$log" 2>&1 &
emulator=$!
cleanup() {
    kill "$emulator" 2>/dev/null || true
    wait "$emulator" 2>/dev/null || true
    rm -f "$log"
}
trap cleanup EXIT

url=""
for _ in $(seq 1 100); do
    url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -n 1 || true)"
    [ -n "$url" ] && break
    kill -0 "$emulator" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
done
if [ -z "$url" ]; then
    echo "the emulator did not print its URL:" >&2
    cat "$log" >&2
    exit 1
fi
echo "emulator: $url"
"$venv/bin/python" "$here/v0_list_jobs.py" "$url" test-key
