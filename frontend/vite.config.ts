/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin, type ProxyOptions } from "vite";
import securityHeaders from "./security-headers.json";

/**
 * Every backend service is reached through `/api/<service>/...` on the SPA's own
 * origin; the prefix is stripped before forwarding (`/api/targeting/caisses` ->
 * targeting `/caisses`). Targets come from RSI_<SERVICE>_URL env vars.
 */
const services = {
  identity: { env: "RSI_IDENTITY_URL", port: 8010 },
  targeting: { env: "RSI_TARGETING_URL", port: 8011 },
  interviews: { env: "RSI_INTERVIEWS_URL", port: 8012 },
  surveys: { env: "RSI_SURVEYS_URL", port: 8013 },
  reporting: { env: "RSI_REPORTING_URL", port: 8014 },
} as const;

function apiProxy(): Record<string, ProxyOptions> {
  return Object.fromEntries(
    Object.entries(services).map(([name, { env, port }]) => {
      const prefix = new RegExp(`^/api/${name}(?=[/?]|$)`);
      return [
        prefix.source,
        {
          target: process.env[env] || `http://127.0.0.1:${port}`,
          changeOrigin: true,
          // X-Forwarded-For: identity throttles sign-ins per browser address (its
          // RSI_TRUSTED_PROXIES names this proxy).
          xfwd: true,
          rewrite: (path: string) => {
            const rest = path.replace(prefix, "");
            return rest.startsWith("/") ? rest : `/${rest}`;
          },
        },
      ];
    }),
  );
}

/**
 * The security headers (CSP without inline script, nosniff, no framing…) on every answer
 * of the preview server the run command serves: pages, assets, 404s, proxy errors. Set
 * before the proxy runs, so a proxied answer keeps the service's own (identical) ones.
 * The same values as services/shared/security_headers.py (a test compares them). Not on
 * the dev server: Vite's hot reload injects an inline script.
 */
function securityHeadersOnPreview(): Plugin {
  return {
    name: "rsi-security-headers",
    configurePreviewServer(server) {
      server.middlewares.use((_request, response, next) => {
        for (const [name, value] of Object.entries(securityHeaders)) {
          response.setHeader(name, value);
        }
        next();
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), securityHeadersOnPreview()],
  server: { proxy: apiProxy() },
  preview: { proxy: apiProxy() },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
    restoreMocks: true,
    unstubGlobals: true,
    // One jsdom per worker instead of one per file: the suite runs in a third of the time.
    // Tests share no state: setup.ts cleans the DOM, the session and the search memory, each
    // render gets its own QueryClient, and mocks and stubbed globals are restored.
    isolate: false,
  },
});
