/**
 * Checks every page a journey visits must pass: French only, RGAA (axe-core: no serious or
 * critical violation), and how long it took to become usable (reported, not asserted: speed
 * targets live in bench/RESULTS.md).
 */
import { AxeBuilder } from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { expect } from "vitest";

/** The same list the backend's error-message test reads. */
const ENGLISH_WORDS = new Set(
  readFileSync(new URL("../../tests/shared/english-words.txt", import.meta.url), "utf8")
    .split("\n")
    .filter((line) => !line.startsWith("#"))
    .flatMap((line) => line.split(/\s+/))
    .filter(Boolean),
);

/** Sentences of the page's visible text with two English-only words or more. */
export async function englishSentences(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('[lang]:not([lang^="fr"]), script, style, code').forEach((e) => e.remove());
    document.body.appendChild(clone);
    clone.style.position = "absolute";
    const visible = clone.innerText;
    clone.remove();
    return visible;
  });
  return text
    .split(/[.!?;:\n]+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => {
      const words = sentence
        .replace(/\S*_\S*|\{[^}]*\}/g, " ")
        .toLowerCase()
        .match(/[a-zà-ÿ']+/g);
      return new Set((words ?? []).filter((w) => ENGLISH_WORDS.has(w))).size >= 2;
    });
}

/** axe-core's serious and critical violations (WCAG 2.1 A and AA, which RGAA 4.1 maps). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.passes.length, "axe-core ran its rules").toBeGreaterThan(10);
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Every visible button or link with a text keeps that text readable (not clipped to an icon). */
export async function clippedControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>("main button, main a.fr-btn"))
      .filter((e) => e.offsetParent !== null && (e.textContent ?? "").trim().length > 3)
      .filter((e) => e.scrollWidth > e.clientWidth + 2)
      .map((e) => (e.textContent ?? "").trim()),
  );
}

export type PageTiming = { role: string; path: string; milliseconds: number };
const timings: PageTiming[] = [];

/**
 * Opens ``path`` as a full page load and waits until it is usable: its main heading is shown
 * and nothing is loading any more. Then runs the French, axe and label checks.
 */
export async function visitAndCheck(page: Page, role: string, path: string, heading: string | RegExp): Promise<void> {
  const started = Date.now();
  await page.goto(path);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  await page.waitForFunction(
    () => !Array.from(document.querySelectorAll('[role="status"]')).some((e) => /Chargement|en cours…/.test(e.textContent ?? "")),
  );
  timings.push({ role, path, milliseconds: Date.now() - started });
  await checkPage(page, path);
}

/**
 * Visits the first link of the current (loaded) page matching ``css`` (a detail page), timed
 * and checked; none yet (e.g. no campaign on fresh demo data) is not a failure.
 */
export async function followFirst(page: Page, role: string, css: string): Promise<void> {
  const link = page.locator(css).first();
  if ((await link.count()) === 0) return;
  const href = await link.getAttribute("href");
  expect(href, `a link ${css}`).toBeTruthy();
  await visitAndCheck(page, role, href!, /./);
}

/** The checks alone, for a page a journey reached by itself. */
export async function checkPage(page: Page, where: string): Promise<void> {
  expect(await englishSentences(page), `English on ${where}`).toEqual([]);
  expect(await seriousViolations(page), `axe on ${where}`).toEqual([]);
  expect(await clippedControls(page), `clipped labels on ${where}`).toEqual([]);
}

/** Writes the timings to test-results/page-timings.json (copied into bench/RESULTS.md). */
export async function saveTimings(): Promise<void> {
  await mkdir("test-results", { recursive: true });
  await writeFile("test-results/page-timings.json", `${JSON.stringify(timings, null, 2)}\n`);
}
