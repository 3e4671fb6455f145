/**
 * A counselor's journey from a target list: the caisse manager constitutes the EIG list,
 * then the counselor opens it, books the first member's first free phone slot of next week
 * from the list row (EIG preselected), finds it in the agenda, reschedules it to another
 * free slot and sees it moved. A new list each run and free slots, never fixed times, so it
 * runs again on the same database.
 */
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { BASE_URL, logIn, openPage, useBrowser } from "./browser";
import { MANAGER, MANAGER_PASSWORD, constituteList, logOut, openEigAction } from "./steps";

const COUNSELOR = process.env.E2E_COUNSELOR_USERNAME ?? "conseiller.alpes";
const COUNSELOR_PASSWORD = process.env.E2E_COUNSELOR_PASSWORD ?? "conseiller-demo";
const COUNSELOR_NAME = process.env.E2E_COUNSELOR_NAME ?? "Claire Conseillère";

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

  it("books an interview from a target list row, then reschedules it from the agenda", async () => {
    const page = await openPage(browser(), "counselor booking from a list and reschedule");

    // The caisse manager constitutes a new EIG list.
    await logIn(page, MANAGER, MANAGER_PASSWORD);
    await page.getByRole("heading", { level: 1, name: "Caisses régionales" }).waitFor();
    await openEigAction(page);
    const listPath = await constituteList(page);
    await logOut(page);

    // The counselor opens it and books for its first member.
    // (The login page returns to where the session ended, here the list: wait for the session
    // rather than for a landing page.)
    await logIn(page, COUNSELOR, COUNSELOR_PASSWORD);
    await page.getByRole("button", { name: "Se déconnecter" }).waitFor();
    await page.goto(listPath);
    await page.getByRole("heading", { level: 1, name: /^Liste de ciblage/ }).waitFor();
    const members = page.getByRole("table", { name: /^Personnes de la liste, rangs 1 à/ });
    const bookLink = members
      .locator("tbody tr")
      .first()
      .getByRole("link", { name: /^Prendre rendez-vous pour / });
    await bookLink.waitFor();
    // Its accessible name is "Prendre rendez-vous pour <Prénom NOM>".
    const fullName = /^Prendre rendez-vous pour (.+)$/.exec(
      ((await bookLink.textContent()) ?? "").replace(/\s+/g, " ").trim(),
    )?.[1];
    expect(fullName).toBeTruthy();
    await bookLink.click();
    const escaped = fullName!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    await page
      .getByRole("heading", { level: 1, name: new RegExp(`^Prendre rendez-vous — ${escaped}$`, "i") })
      .waitFor();

    // EIG preselected (the list's action), by phone, next week: the counselor's first free slot.
    const actionId = new URL(page.url()).searchParams.get("action");
    expect(actionId).toMatch(/^\d+$/);
    const action = page.locator("select").first();
    expect(await action.inputValue()).toBe(actionId);
    await expect
      .poll(() => action.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? ""))
      .toMatch(/^EIG/);
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
    // The entry names the person, not a file number.
    await expect
      .poll(async () => (await before.first().textContent())?.replace(/\s+/g, " ").toLowerCase())
      .toContain(fullName!.toLowerCase());

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

    // A calendar application subscribes to the agenda by its address (no account).
    const create = page.getByRole("button", { name: /^(Créer une adresse d’abonnement|Renouveler l’adresse)$/ });
    await create.click();
    const address = page.getByLabel("Adresse d’abonnement (iCalendar)");
    await expect.poll(() => address.inputValue()).toMatch(/\.ics$/);
    const feed = await page.request.get(await address.inputValue(), { headers: { Authorization: "" } });
    expect(feed.status()).toBe(200);
    expect(feed.headers()["content-type"]).toMatch(/^text\/calendar/);
    expect(await feed.text()).toContain("BEGIN:VEVENT");
  }, 120_000);
});
