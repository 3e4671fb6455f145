#!/usr/bin/env bash
# Installs what the platform needs, from the project's lockfiles, and only what is missing:
# a Python 3.11 venv in .venv with the locked dependencies (uv.lock), and the SPA's npm
# packages (frontend/package-lock.json). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION=0.13.8
PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}

if [ ! -x .venv/bin/uv ]; then
  echo "==> Creating .venv with $("$PYTHON" --version)"
  "$PYTHON" -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi
echo "==> Python dependencies (uv.lock)"
UV_PROJECT_ENVIRONMENT=.venv .venv/bin/uv sync --locked --quiet

if [ ! -f frontend/node_modules/.package-lock.json ] ||
   [ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]; then
  echo "==> npm packages (frontend/package-lock.json)"
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
fi
