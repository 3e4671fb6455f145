#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing, then lint, types, the Python
# tests against a real PostgreSQL (embedded, or DATABASE_URL), the client drift check, the
# SPA's unit tests, and an end-to-end test in Chromium against the running platform.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh

# Debian packages: Chromium for the end-to-end test; PgBouncer and nginx for the fleet tests
# and the container-equivalent run of docker-compose.yml (tests/platform/test_fleet.py,
# tests/deploy/test_container_equivalent.py run their own instances of them; their system
# services are neither needed nor used). The deployment checks (tests/deploy: compose schema,
# kubectl kustomize, kubernetes-validate, CloudNativePG CRDs) use the dev dependencies.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/sbin/pgbouncer ] || missing+=(pgbouncer)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Installing ${missing[*]} (Debian packages)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# promtool (Debian's prometheus package) checks and unit-tests the alert rules
# (tests/deploy/test_observability.py); the server itself is not used.
if [ ! -x /usr/bin/promtool ]; then
  echo "==> Installing prometheus (Debian package, for promtool)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
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
# With the test OpenID Connect provider beside the platform: the sign-in through it runs.
E2E_OIDC=1 scripts/e2e.sh
