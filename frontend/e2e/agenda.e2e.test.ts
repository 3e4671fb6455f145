/**
 * A counselor's journey: open a person of the caisse, book the first free phone slot of
 * next week for the EIG action, find it in the agenda, reschedule it to another free slot
 * and see it moved. Free slots are picked, never fixed times, so it runs again on the same
 * database.
 */
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { BASE_URL, logIn, openPage, useBrowser } from "./browser";

const COUNSELOR = process.env.E2E_COUNSELOR_USERNAME ?? "conseiller.alpes";
const COUNSELOR_PASSWORD = process.env.E2E_COUNSELOR_PASSWORD ?? "conseiller-demo";
const COUNSELOR_NAME = process.env.E2E_COUNSELOR_NAME ?? "Claire Conseillère";
const SURNAME = process.env.E2E_SURNAME ?? "MARTIN";

/** The first free slot of the counselor shown: its day (legend) and its "HH:MM – HH:MM". */
async function firstFreeSlot(
  scope: Page | Locator,
): Promise<{ label: Locator; day: string; time: string }> {
  const radio = scope.getByRole("radio", { name: new RegExp(COUNSELOR_NAME) }).first();
  await radio.waitFor({ state: "attached" });
  const { id, day, text } = await radio.evaluate((input) => ({
    id: input.id,
    day: input.closest("fieldset")?.querySelector("legend")?.textContent?.trim() ?? "",
    text: input.parentElement?.querySelector("label")?.textContent?.trim() ?? "",
  }));
  // The DSFR radio's input is drawn by its label: the label is what one clicks.
  return { label: scope.locator(`label[for="${id}"]`), day, time: text.split(",")[0]!.trim() };
}

/** The interview buttons of a day column of the agenda, whose name starts with the time. */
function interviewOn(page: Page, day: string, time: string): Locator {
  return page
    .getByRole("region", { name: day, exact: true })
    .getByRole("button", { name: new RegExp(`^${time.replace(/[–-]/g, ".")}`) });
}

describe(`agenda (${BASE_URL})`, () => {
  const browser = useBrowser();

  it("books an interview from a person's file, then reschedules it from the agenda", async () => {
    const page = await openPage(browser(), "counselor booking and reschedule");
    await logIn(page, COUNSELOR, COUNSELOR_PASSWORD);
    await page.getByRole("heading", { level: 1, name: "Caisses régionales" }).waitFor();

    // A person of the caisse.
    await page.goto("/assures");
    await page.locator('input[name="name"]').fill(SURNAME);
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.getByRole("table").locator("tbody tr a").first().click();
    await page.getByRole("link", { name: "Prendre rendez-vous" }).click();
    await page.getByRole("heading", { level: 1, name: /^Prendre rendez-vous/ }).waitFor();

    // EIG, by phone, next week: the counselor's first free slot.
    const eig = page.locator("select").first().locator("option", { hasText: /^EIG/ });
    await eig.first().waitFor({ state: "attached" });
    await page.locator("select").first().selectOption((await eig.first().getAttribute("value"))!);
    await page.locator("label", { hasText: /^Téléphone$/ }).click();
    await page.getByRole("button", { name: "Semaine suivante" }).click();
    const booked = await firstFreeSlot(page);
    await booked.label.click();
    await page.getByRole("button", { name: /^Confirmer le rendez-vous du/ }).click();
    await page.getByText("Rendez-vous enregistré").waitFor();

    // In the agenda.
    await page.getByRole("link", { name: "Voir l’agenda" }).click();
    await page.getByRole("heading", { level: 1, name: `Agenda — ${COUNSELOR_NAME}` }).waitFor();
    const before = interviewOn(page, booked.day, booked.time);
    await before.first().waitFor();

    // Rescheduled to another free slot of the same counselor.
    await before.first().click();
    const panel = page.getByRole("region", { name: /^Rendez-vous du/ });
    await panel.getByRole("button", { name: "Reporter" }).click();
    const target = await firstFreeSlot(panel);
    expect(`${target.day} ${target.time}`).not.toBe(`${booked.day} ${booked.time}`);
    await target.label.click();
    await panel.getByRole("button", { name: "Confirmer le report" }).click();
    await panel.getByText(/^Rendez-vous reporté au/).waitFor();

    // Moved: shown at the new time, gone from the old one.
    await interviewOn(page, target.day, target.time).first().waitFor();
    await expect.poll(() => interviewOn(page, booked.day, booked.time).count()).toBe(0);
  });
});
