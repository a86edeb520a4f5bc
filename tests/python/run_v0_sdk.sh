#!/usr/bin/env bash
# Runs the official Python SDK's v0 batch client (PyPI `hume`, pinned to 0.13.13, the last
# release that has it) against the hume-rs emulator: tests/python/v0_list_jobs.py.
#
# Creates a throwaway venv under the cargo target dir (target/python-v0-sdk), installs the
# SDK there, builds and starts `hume-emulator --port 0` (it prints its URL), runs the script,
# and stops the emulator it started. Needs python3 with venv and access to PyPI.
# Set HUME_PY_SDK_VERSION to try another release.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
venv="$target/python-v0-sdk"
version="${HUME_PY_SDK_VERSION:-0.13.13}"

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "hume==$version"
echo "python SDK: hume $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("hume"), "with pydantic", m.version("pydantic"))')"

cargo build --quiet -p hume-emulator --manifest-path "$root/Cargo.toml"
log="$(mktemp)"
"$target/debug/hume-emulator" --port 0 >"$log" 2>&1 &
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
"$venv/bin/python" "$root/tests/python/v0_list_jobs.py" "$url" test-key
