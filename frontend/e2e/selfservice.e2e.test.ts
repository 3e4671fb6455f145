/**
 * Invitations the person answers: the caisse manager builds the EIG list and sends it the
 * interview proposal (going ahead with a warning if the free slots are short); the demo
 * messaging writes each email as an .eml file; one person opens their personal link in a
 * browser with no session and books the first free phone time; the manager then finds that
 * interview in a counselor's agenda. New list and free times each run, so it runs again on
 * the same database.
 */
import { describe, expect, it } from "vitest";
import { BASE_URL, logIn, openPage, useBrowser } from "./browser";
import { waitForEmail } from "./mail";
import { MANAGER, MANAGER_PASSWORD, constituteList, openEigAction, progressReaches100 } from "./steps";

/** The personal link of the newest invitation email written after `since`, and its invitation. */
async function newestBookingLink(since: number): Promise<{ url: string; invitationId: string }> {
  const booking = /https?:\/\/[^\s"<>]+\/rendez-vous\/[A-Za-z0-9_.~-]+/;
  const { file, text } = await waitForEmail(/^invitation-\d+-email\.eml$/, since, (t) => booking.test(t));
  return { url: booking.exec(text)![0], invitationId: /^invitation-(\d+)-/.exec(file)![1]! };
}

describe(`invitations the person answers (${BASE_URL})`, () => {
  const browser = useBrowser();

  it("sends the EIG proposal, books from the personal link without a session, shows it in the agenda", async () => {
    const page = await openPage(browser(), "self-service campaign and agenda");

    // The manager sends the interview proposal to a new EIG list.
    await logIn(page, MANAGER, MANAGER_PASSWORD);
    await page.getByRole("heading", { level: 1, name: "Caisses régionales" }).waitFor();
    await openEigAction(page);
    await constituteList(page);
    await page.getByRole("link", { name: "Lancer un envoi de courriers" }).click();
    const form = page.getByRole("form", { name: "Envoi de courriers" });
    await form
      .getByLabel("Modèle de courrier")
      .selectOption({ label: "Proposition d'entretien de conseil social (national)" });
    await form.getByLabel("Téléphone pour prendre rendez-vous").fill("04 79 00 00 00");
    // The preview of the free slots, then "warn" so that a short week does not stop the run.
    await form.getByText(/^\d[\d\s]* personnes, environ \d+ rendez-vous attendus/).waitFor();
    await form.locator("label", { hasText: "Envoyer avec un avertissement" }).click();
    const sentAt = Date.now() - 1000;
    await form.getByRole("button", { name: "Lancer l’envoi" }).click();
    await page.getByRole("heading", { level: 1, name: /^Campagne du / }).waitFor();
    await progressReaches100(page, /Rédaction des courriers/);
    const { url: link, invitationId } = await newestBookingLink(sentAt);
    expect(new URL(link).pathname).toMatch(/^\/rendez-vous\/.+/);

    // The person, in another browser context (no session), books the first free phone time.
    const person = await openPage(browser(), "self-service public booking");
    await person.setViewportSize({ width: 360, height: 740 });
    await person.goto(new URL(link).pathname);
    await person.getByRole("heading", { level: 1, name: "Prendre rendez-vous" }).waitFor();
    expect(await person.getByRole("navigation", { name: "Menu principal" }).count()).toBe(0);
    await person.locator("label", { hasText: /^Par téléphone/ }).click();
    const firstTime = person.getByRole("radio", { name: /^\d\d:\d\d – \d\d:\d\d/ }).first();
    for (let week = 0; week < 3; week += 1) {
      await person.getByText(/^(Aucun horaire libre|\d\d:\d\d – )/).first().waitFor();
      if ((await firstTime.count()) > 0) break;
      await person.getByRole("button", { name: "Semaine suivante" }).click();
    }
    const id = (await firstTime.getAttribute("id"))!;
    // The radio's id carries the slot's start ("creneau-2026-12-01T13-00-00Z-").
    const isoDay = /(\d{4}-\d{2}-\d{2})T/.exec(id)![1]!;
    await person.locator(`label[for="${id}"]`).click();
    await person.getByRole("button", { name: "Confirmer le rendez-vous" }).click();
    await person.getByRole("heading", { level: 1, name: "Votre rendez-vous" }).waitFor();
    await person.getByText(/^Votre rendez-vous est confirmé/).waitFor();
    const when = (await person.locator(".fr-callout__title").textContent())!.trim();
    const [, dayName, time] = /^(.+) \d{4}, de (\d\d:\d\d) à/.exec(when)!;
    await person.context().close();

    // The manager finds it in one of the counselors' agendas, that day.
    await page.goto("/agenda");
    await page.getByRole("heading", { level: 1, name: /^Agenda — / }).waitFor();
    const counselors = await page
      .getByLabel("Conseiller")
      .locator("option")
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    // The interview booked through the link is the one whose history names the invitation.
    let found = false;
    for (const counselor of counselors) {
      await page.goto(`/agenda?conseiller=${counselor}&semaine=${isoDay}`);
      const region = page.getByRole("region", { name: dayName!, exact: true });
      await region.waitFor();
      await page.waitForLoadState("networkidle");
      const buttons = region.getByRole("button", { name: new RegExp(`^${time} – `) });
      for (let i = 0; i < (await buttons.count()) && !found; i += 1) {
        await buttons.nth(i).click();
        const history = page.getByRole("region", { name: "Historique" });
        await history.getByRole("listitem").first().waitFor();
        found = (await history.getByText(new RegExp(`par la personne, depuis son lien personnel \\(invitation n° ${invitationId}\\)`)).count()) > 0;
      }
      if (found) break;
    }
    expect(found).toBe(true);
  }, 60_000);
});
