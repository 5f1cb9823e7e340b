#!/usr/bin/env bash
# Set up what you are about to do: scripts/setup.sh run|cluster|test (default test).
#  1. Debian packages (scripts/system-deps.sh): for `run` only npm (and the PDF's fonts when
#     they can be installed), so `make run` needs no root and no system service; `cluster`
#     adds nginx, Redis and PostgreSQL; `test` adds chromium as well;
#  2. .venv with Python 3.10 and the locked requirements;
#  3. the web widget from npm (web/package-lock.json) into web/node_modules (run, test).
# The Makefile passes the purpose: `make run` and the other targets `run`, the tests `test`,
# `make cluster` `cluster`. Each step is a no-op when already done (stamps keyed on the lock
# files' hashes).
set -euo pipefail
cd "$(dirname "$0")/.."

purpose="${1:-test}"
scripts/system-deps.sh "$purpose"

# The widget's npm install runs beside the Python one (each mostly waits on downloads and disks).
WEB_STAMP=web/node_modules/.package-lock.sha256
web_want=$(sha256sum web/package-lock.json | cut -d' ' -f1)
npm_pid=
if [ "$purpose" != cluster ] && { [ ! -f "$WEB_STAMP" ] || [ "$(cat "$WEB_STAMP")" != "$web_want" ]; }; then
  echo "setup: installing the web widget (npm ci)"
  ( npm ci --prefix web --no-audit --no-fund --loglevel=error 2> >(grep -v "Unknown user config" >&2) >/dev/null \
    && echo "$web_want" > "$WEB_STAMP" ) &
  npm_pid=$!
fi
wait_npm() { [ -z "$npm_pid" ] || wait "$npm_pid"; }

VENV=.venv
LOCK=requirements.txt
UV_PIN=uv==0.13.9  # the installer only: not in $LOCK (make lock leaves it out)
STAMP="$VENV/.requirements.sha256"

find_python() {
  local candidate
  if [ -n "${PYTHON310:-}" ]; then
    echo "$PYTHON310"; return 0
  fi
  # `python3.10` may be a pyenv shim that exists but is not selected: check it runs.
  if command -v python3.10 >/dev/null 2>&1 && python3.10 -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1; then
    command -v python3.10; return 0
  fi
  for candidate in "$HOME"/.pyenv/versions/3.10.*/bin/python3.10; do
    if [ -x "$candidate" ] && "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

want=$(sha256sum "$LOCK" | cut -d' ' -f1)
if [ -x "$VENV/bin/python" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
  wait_npm
  exit 0
fi

if ! PY=$(find_python); then
  cat >&2 <<MSG
error: this project needs Python 3.10 (Rasa 3.6 does not run on 3.11 or later), and none was found.
Looked for: \$PYTHON310, 'python3.10' on PATH, ~/.pyenv/versions/3.10.*/bin/python3.10.
Install one, for example with pyenv:  pyenv install 3.10.13
or point PYTHON310 at a Python 3.10 interpreter:  make test PYTHON310=/path/to/python3.10
MSG
  exit 1
fi

echo "setup: creating $VENV with $PY"
rm -rf "$VENV"
"$PY" -m venv "$VENV"
echo "setup: installing $LOCK"
# With uv (from PyPI, pinned), which downloads and unpacks in parallel: about 25 s from an empty
# cache against pip's minute or more; pip when uv cannot be had.
if ! { "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$UV_PIN" 2>/dev/null \
        && "$VENV/bin/uv" pip install --quiet --python "$VENV/bin/python" --no-deps -r "$LOCK"; }; then
  echo "setup: uv ($UV_PIN) could not install $LOCK: installing with pip (about 2 minutes)"
  "$VENV/bin/python" -m pip install --quiet --no-deps --no-compile -r "$LOCK" 2> >(grep -v "is ignored: it is neither\|DEPRECATION: .* legacy 'setup.py install'" >&2)
fi
"$VENV/bin/python" -m pip check
# Byte-compiled once here, on every core (about 20 s): where PYTHONDONTWRITEBYTECODE is set (as
# on the machine this was measured on), Python would otherwise compile Rasa, TensorFlow and the
# rest again in every process: 12 s instead of 5 to import Rasa, in each of the many processes
# of `make test` (every server start, every CLI step).
echo "setup: byte-compiling the installed packages"
"$VENV/bin/python" -m compileall -q -j 0 "$VENV/lib" >/dev/null 2>&1 \
  || echo "setup: note: some installed modules could not be byte-compiled; Python compiles them when imported"
wait_npm
echo "$want" > "$STAMP"
echo "setup: done"
