#!/usr/bin/env bash
# Dumps each service's OpenAPI contract into frontend/openapi/ and regenerates the
# TypeScript client in frontend/src/api/generated/. With --check, fails if that changed
# anything, i.e. if the committed client was out of date with the services.
set -euo pipefail
cd "$(dirname "$0")/.."

snapshot=""
if [ "${1:-}" = "--check" ]; then
  snapshot=$(mktemp -d)
  trap 'rm -rf "$snapshot"' EXIT
  cp -r frontend/openapi frontend/src/api/generated "$snapshot"/
fi

.venv/bin/rsi openapi frontend/openapi >/dev/null
(cd frontend && node scripts/generate-client.mjs >/dev/null)

if [ -n "$snapshot" ]; then
  if ! diff -r "$snapshot/openapi" frontend/openapi || ! diff -r "$snapshot/generated" frontend/src/api/generated; then
    echo "The generated API client was out of date; it has been regenerated: commit it." >&2
    exit 1
  fi
  echo "Generated API client is up to date."
fi
