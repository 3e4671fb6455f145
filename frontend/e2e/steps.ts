/** Steps shared by the end-to-end journeys (manager's list building, logging out, tables). */
import type { Page } from "playwright-core";
import { expect } from "vitest";

export const MANAGER = process.env.E2E_MANAGER_USERNAME ?? "manager.alpes";
export const MANAGER_PASSWORD = process.env.E2E_MANAGER_PASSWORD ?? "manager-demo";
export const CAISSE = process.env.E2E_MANAGER_CAISSE ?? "ALPES";

/** The text of every cell of a table, row by row (header row first). */
export async function cells(page: Page, tableName: string | RegExp): Promise<string[][]> {
  const table = page.getByRole("table", { name: tableName });
  await table.waitFor();
  return table.locator("tr").evaluateAll((rows) =>
    rows.map((row) =>
      Array.from((row as HTMLTableRowElement).cells, (cell) =>
        (cell.textContent ?? "").replace(/\s+/g, " ").trim(),
      ),
    ),
  );
}

export async function progressReaches100(page: Page, name: RegExp): Promise<void> {
  const bar = page.getByRole("progressbar", { name });
  await bar.waitFor();
  await page.waitForFunction(
    () => document.querySelector('[role="progressbar"]')?.getAttribute("aria-valuenow") === "100",
    undefined,
    { timeout: 30_000 },
  );
}

/** A French-formatted number ("12 345") as a number. */
export function count(text: string | undefined): number {
  return Number((text ?? "").replace(/\s/g, ""));
}

export async function openMenu(page: Page, item: string): Promise<void> {
  await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: item }).click();
}

export async function logOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await page.getByRole("heading", { level: 1, name: "Connexion" }).waitFor();
}

/** From any page of a logged-in user: "Politique de contact" 2011, then the EIG action page. */
export async function openEigAction(page: Page): Promise<void> {
  await openMenu(page, "Politique de contact");
  await page.getByRole("heading", { level: 1, name: "Politique de contact 2011" }).waitFor();
  expect(new URL(page.url()).pathname).toBe("/politique/2011");
  const socle = page.getByRole("region", { name: /Socle national/ });
  await socle.getByRole("link", { name: /population « EIG »/ }).click();
  await page.getByRole("heading", { level: 1, name: /population « EIG »/ }).waitFor();
}

/**
 * On an action page: "Constituer la liste" (whole population, default options), follows the
 * job to 100 % and opens the new list. Returns the list’s path (/listes/<id>).
 */
export async function constituteList(page: Page): Promise<string> {
  const form = page.getByRole("form", { name: "Constituer la liste" });
  await form.getByRole("button", { name: "Constituer la liste" }).click();
  await progressReaches100(page, /Constitution de la liste/);
  await page.getByRole("link", { name: "Ouvrir la liste" }).click();
  await page.getByRole("heading", { level: 1, name: `Liste de ciblage — ${CAISSE}` }).waitFor();
  const path = new URL(page.url()).pathname;
  expect(path).toMatch(/^\/listes\/[^/]+$/);
  return path;
}
