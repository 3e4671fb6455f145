/** Steps shared by the end-to-end journeys (manager's list building, logging out, tables). */
import type { Page } from "playwright-core";
import { expect } from "vitest";

export const MANAGER = process.env.E2E_MANAGER_USERNAME ?? "manager.alpes";
export const MANAGER_PASSWORD = process.env.E2E_MANAGER_PASSWORD ?? "manager-demo";
export const CAISSE = process.env.E2E_MANAGER_CAISSE ?? "ALPES";
export const COUNSELOR = process.env.E2E_COUNSELOR_USERNAME ?? "conseiller.alpes";
export const COUNSELOR_PASSWORD = process.env.E2E_COUNSELOR_PASSWORD ?? "conseiller-demo";

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

type ApiInterview = { id: string; status: string; start: string; person_id: number };

/** One of the counselor's interviews of the last two days, started and still booked (API). */
export async function pastBookedInterview(page: Page): Promise<ApiInterview> {
  const login = await page.request.post("/api/identity/auth/login", {
    data: { username: COUNSELOR, password: COUNSELOR_PASSWORD },
  });
  expect(login.ok()).toBe(true);
  const headers = { Authorization: `Bearer ${(await login.json()).access_token}` };
  const counselors: { id: number; username: string }[] = await (
    await page.request.get("/api/interviews/counselors", { headers })
  ).json();
  const me = counselors.find((c) => c.username === COUNSELOR);
  expect(me).toBeDefined();
  const now = new Date();
  const start = new Date(now.getTime() - 2 * 86_400_000).toISOString();
  const interviews: ApiInterview[] = await (
    await page.request.get(`/api/interviews/counselors/${me!.id}/interviews`, {
      headers,
      params: { start, end: now.toISOString() },
    })
  ).json();
  const past = interviews.filter((i) => i.status === "booked" && new Date(i.start) < now);
  expect(past.length).toBeGreaterThan(0);
  return past[past.length - 1]!;
}
