# syntax=docker/dockerfile:1
#
# The React/Vite SPA, built with Node and served by nginx, which also
# reverse-proxies /api/<service>/ to the Python services (infra/nginx/default.conf).
#
# Build from the repository root:
#   docker build -f infra/docker/frontend.Dockerfile -t rsi-web .

# --------------------------------------------------------------------------
# build: npm ci + npm run build (its prebuild runs `react-dsfr copy-static-assets`)
# --------------------------------------------------------------------------
FROM node:20-bookworm AS build

ENV CI=true \
    NPM_CONFIG_AUDIT=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false

WORKDIR /build/frontend

# dependencies first, so this layer is reused until the lock file changes
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci

COPY frontend/ ./
RUN npm run build

# --------------------------------------------------------------------------
# runtime: static files + reverse proxy
# --------------------------------------------------------------------------
FROM nginx:1.27-alpine AS runtime

LABEL org.opencontainers.image.title="rsi-contact web" \
      org.opencontainers.image.description="RSI contact policy platform: SPA and API gateway"

RUN rm -rf /usr/share/nginx/html/*

# A template: the entrypoint writes conf.d/default.conf with these (see the file).
ENV NGINX_RESOLVER=127.0.0.11 \
    RSI_SERVICE_SUFFIX=""
COPY infra/nginx/default.conf /etc/nginx/templates/default.conf.template
COPY --from=build /build/frontend/dist/ /usr/share/nginx/html/

EXPOSE 80

HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 \
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1/healthz"]
