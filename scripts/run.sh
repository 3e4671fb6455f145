#!/usr/bin/env bash
# Runs the whole platform with demo data: installs what is missing, starts PostgreSQL
# (embedded, or DATABASE_URL), migrates, seeds, starts every service and the SPA on one URL.
# Ctrl-C stops everything. Options go to `rsi run` (see `.venv/bin/rsi run --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
exec .venv/bin/rsi run "$@"
