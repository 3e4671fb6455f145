/** Shared Playwright setup for the end-to-end tests. */
import { mkdir } from "node:fs/promises";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, onTestFailed } from "vitest";

export const BASE_URL = (process.env.E2E_BASE_URL ?? "http://127.0.0.1:8080").replace(/\/+$/, "");
export const USERNAME = process.env.E2E_USERNAME ?? "national";
export const PASSWORD = process.env.E2E_PASSWORD ?? "national-demo";

const CHROMIUM = process.env.E2E_CHROMIUM_PATH ?? "/usr/bin/chromium";
const SCREENSHOT_DIR = "test-results";

/** Launches one headless Chromium for the test file; closes it afterwards. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("browser not launched");
    return browser;
  };
}

/**
 * A fresh context and page at BASE_URL (desktop viewport, French locale). On
 * failure a full-page screenshot is written to test-results/<test name>.png.
 */
export async function openPage(browser: Browser, name: string): Promise<Page> {
  const context: BrowserContext = await browser.newContext({
    baseURL: BASE_URL,
    locale: "fr-FR",
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  onTestFailed(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const file = name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${file}.png`, fullPage: true }).catch(() => {});
  });
  return page;
}

export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto("/connexion");
  await page.getByLabel("Identifiant").fill(username);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}
