#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing, then lint, types, the Python
# tests against a real PostgreSQL (embedded, or DATABASE_URL), the client drift check, the
# SPA's unit tests, and an end-to-end test in Chromium against the running platform.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh

if [ ! -x /usr/bin/chromium ]; then
  echo "==> Installing Chromium (Debian package) for the end-to-end tests"
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi

echo "==> ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "==> mypy"
.venv/bin/mypy
echo "==> pytest"
.venv/bin/pytest
echo "==> generated API client"
scripts/generate-client.sh --check
echo "==> frontend: types and unit tests"
(cd frontend && npm run --silent typecheck && npm test)
echo "==> end-to-end"
scripts/e2e.sh
