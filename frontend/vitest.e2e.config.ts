import { defineConfig } from "vitest/config";

/**
 * End-to-end tests: a real headless Chromium (playwright-core, system browser)
 * drives the running platform at E2E_BASE_URL. Start the platform first.
 */
export default defineConfig({
  test: {
    environment: "node",
    include: ["e2e/**/*.e2e.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
