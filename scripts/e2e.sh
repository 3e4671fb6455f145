#!/usr/bin/env bash
# Starts the platform on its own ports and data folder, runs the Playwright end-to-end
# tests in Chromium against it, and stops it. Arguments name spec files to run (all by
# default). With E2E_OIDC=1 a test OpenID Connect provider (tests/identity/oidc_provider.py)
# runs beside it as the platform's provider (the sign-in journey through it then runs).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT_BASE=${E2E_PORT_BASE:-18010}
SPA_PORT=${E2E_SPA_PORT:-18080}
LOG=.data/e2e/platform.log
mkdir -p .data/e2e

provider=""
if [ "${E2E_OIDC:-0}" = "1" ]; then
  OIDC_PORT=$((PORT_BASE + 90))
  export E2E_OIDC_PROVIDER_URL="http://127.0.0.1:$OIDC_PORT"
  export RSI_OIDC_DISCOVERY_URL="$E2E_OIDC_PROVIDER_URL/.well-known/openid-configuration"
  export RSI_OIDC_CLIENT_ID=rsi-e2e RSI_OIDC_CLIENT_SECRET=e2e-provider-secret
  export RSI_OIDC_REDIRECT_URI="http://127.0.0.1:$SPA_PORT/api/identity/oidc/callback"
  .venv/bin/python -m tests.identity.oidc_provider --port "$OIDC_PORT" \
    --client-id "$RSI_OIDC_CLIENT_ID" --client-secret "$RSI_OIDC_CLIENT_SECRET" \
    --redirect-uri "$RSI_OIDC_REDIRECT_URI" >.data/e2e/oidc-provider.log 2>&1 &
  provider=$!
fi

# The journeys answer a handful of surveys and read the comment back: no minimum of answers
# per cell here (the minimum itself is tested in tests/surveys/test_results.py).
RSI_SURVEY_MIN_ANSWERS_PER_CELL=1 .venv/bin/rsi run --data-dir .data/e2e --port-base "$PORT_BASE" --spa-port "$SPA_PORT" >"$LOG" 2>&1 &
platform=$!
trap 'kill -TERM $platform $provider 2>/dev/null; wait $platform 2>/dev/null || true' EXIT

for _ in $(seq 1 "${E2E_START_TIMEOUT:-180}"); do
  grep -q "Press Ctrl-C to stop" "$LOG" && break
  if ! kill -0 $platform 2>/dev/null; then
    echo "The platform failed to start:" >&2; tail -n 50 "$LOG" >&2; exit 1
  fi
  sleep 1
done
grep -q "Press Ctrl-C to stop" "$LOG" || { echo "The platform did not start in time" >&2; tail -n 50 "$LOG" >&2; exit 1; }

(cd frontend && E2E_BASE_URL="http://127.0.0.1:$SPA_PORT" npm run --silent test:e2e -- "$@")
