# syntax=docker/dockerfile:1
#
# One image for every Python service of the platform (identity, targeting,
# interviews, surveys, reporting) and for the one-shot `migrate` job.
# The service is chosen by the container command, e.g.
#   uvicorn services.targeting.app:app --host 0.0.0.0 --port 8000
#
# Build from the repository root:
#   docker build -f infra/docker/python.Dockerfile -t rsi-python .

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --------------------------------------------------------------------------
# base: shared interpreter settings
# --------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# --------------------------------------------------------------------------
# builder: resolve the locked runtime dependencies into /opt/venv with uv
# --------------------------------------------------------------------------
FROM base AS builder

ARG UV_VERSION=0.13.8
RUN pip install --no-cache-dir "uv==${UV_VERSION}"

# Use the image's interpreter (never download one), put the environment
# outside the source tree so it can be copied as a whole, pre-compile bytecode.
ENV UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_PYTHON=/usr/local/bin/python3 \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_NO_CACHE=1

WORKDIR /app

# 1) third-party dependencies only: this layer is rebuilt only when the lock changes
COPY pyproject.toml uv.lock ./
RUN uv sync --locked --no-dev --no-install-project

# 2) the project itself (editable install pointing at /app, as in uv.lock),
#    which also installs the `rsi` console script into /opt/venv/bin
COPY services ./services
RUN uv sync --locked --no-dev

# --------------------------------------------------------------------------
# runtime: slim image, non-root user, no build tooling
# --------------------------------------------------------------------------
FROM base AS runtime

LABEL org.opencontainers.image.title="rsi-contact services" \
      org.opencontainers.image.description="RSI contact policy platform: FastAPI services and migrations"

ENV VIRTUAL_ENV=/opt/venv \
    PATH="/opt/venv/bin:${PATH}" \
    PYTHONPATH=/app

# Unprivileged runtime user. Every folder a process writes (docker-compose.yml
# mounts a named volume on each) exists here, owned by it: a named volume
# inherits the ownership of the folder it is mounted on at its first use, so the
# processes can write the signing key (keys), the booking-link secret
# (link-keys) and the stored files (files). tests/deploy checks the list.
RUN groupadd --system --gid 10001 rsi \
 && useradd --system --uid 10001 --gid rsi --create-home --home-dir /home/rsi \
      --shell /usr/sbin/nologin rsi \
 && install -d -o rsi -g rsi -m 0700 /var/lib/rsi /var/lib/rsi/keys /var/lib/rsi/link-keys /var/lib/rsi/files

COPY --from=builder /opt/venv /opt/venv

WORKDIR /app
# Source, migrations and alembic config keep the repository layout, so
# `alembic upgrade head` and `rsi seed` run from /app exactly as from the repo root.
# Files stay owned by root: the service user can read but not modify them.
COPY pyproject.toml uv.lock alembic.ini ./
COPY services ./services
COPY infra/migrations ./infra/migrations
RUN python -m compileall -q services infra/migrations

USER 10001:10001

EXPOSE 8000

# Liveness only (process up); docker-compose.yml overrides it with /readyz.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]

# Default service; compose sets the command for each service.
CMD ["uvicorn", "services.identity.app:app", "--host", "0.0.0.0", "--port", "8000"]
