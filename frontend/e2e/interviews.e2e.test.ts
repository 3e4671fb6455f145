/**
 * Contact and interviews, end to end: the caisse manager builds the EIG list and sends it
 * letters (batch PDF); the counselor holds one of the demo's past interviews with the guide,
 * organises an auto-entrepreneurs meeting, registers the interview's person and checks them
 * in, then reads that person's contact history. New data each run, so it runs again on the
 * same database (the demo seed tops up the past interviews at each start).
 */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { BASE_URL, logIn, openPage, useBrowser } from "./browser";
import {
  COUNSELOR,
  COUNSELOR_PASSWORD,
  MANAGER,
  MANAGER_PASSWORD,
  constituteList,
  logOut,
  openEigAction,
  openMenu,
  pastBookedInterview,
  progressReaches100,
} from "./steps";

/** "2026-12-01T09:00" for a datetime-local input, days from today. */
/** A datetime-local value on a day in Paris ("sv-SE" writes dates as YYYY-MM-DD). */
function localDateTime(daysFromToday: number, time: string): string {
  const day = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Paris" }).format(
    new Date(Date.now() + daysFromToday * 86_400_000),
  );
  return `${day}T${time}`;
}

describe(`contact and interviews (${BASE_URL})`, () => {
  const browser = useBrowser();

  it("sends letters to a list, holds an interview, runs a meeting, reads the history", async () => {
    const page = await openPage(browser(), "letters interview meeting history");

    // The manager builds the EIG list and sends it the interview proposal.
    await logIn(page, MANAGER, MANAGER_PASSWORD);
    await page.getByRole("heading", { level: 1, name: "Caisses régionales" }).waitFor();
    await openEigAction(page);
    await constituteList(page);
    await page.getByRole("link", { name: "Lancer un envoi de courriers" }).click();
    await page.getByRole("heading", { level: 1, name: "Lancer un envoi de courriers" }).waitFor();
    const form = page.getByRole("form", { name: "Envoi de courriers" });
    await form
      .getByLabel("Modèle de courrier")
      .selectOption({ label: "Proposition d'entretien de conseil social (national)" });
    await form.getByLabel("Téléphone pour prendre rendez-vous").fill("04 79 00 00 00");
    await form.getByLabel(/Date limite de réponse/).fill(localDateTime(30, "00:00").slice(0, 10));
    await form.getByRole("button", { name: "Lancer l’envoi" }).click();
    await page.getByRole("heading", { level: 1, name: /^Campagne du / }).waitFor();
    await progressReaches100(page, /Rédaction des courriers/);
    const counts = page.getByRole("list", { name: "Réponses aux courriers" }).getByRole("listitem");
    await expect.poll(() => counts.first().textContent()).toMatch(/^Envoyé[1-9]/);

    const [pdfResponse, download] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/letters.pdf")),
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Télécharger tous les courriers (PDF)" }).click(),
    ]);
    expect(pdfResponse.headers()["content-type"]).toBe("application/pdf");
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await logOut(page);

    // The counselor holds a past interview of the demo.
    await logIn(page, COUNSELOR, COUNSELOR_PASSWORD);
    await page.getByRole("button", { name: "Se déconnecter" }).waitFor();
    const interview = await pastBookedInterview(page);
    await page.goto(`/entretiens/${interview.id}`);
    await page.getByRole("heading", { level: 1, name: /^Entretien — / }).waitFor();
    const tabs = page.getByRole("tab");
    await tabs.first().waitFor();
    expect(await tabs.count()).toBeGreaterThan(1);
    await page.locator("label", { hasText: /^Abordé/ }).click();
    await tabs.nth(1).click();
    await page.locator("label", { hasText: /^Abordé/ }).click();
    await page.getByText(/^Sections abordées : 2 sur \d+$/).waitFor();
    await page.locator("label", { hasText: /^Entretien tenu$/ }).click();
    await page.locator("label", { hasText: /^Demande de RIS$/ }).click();
    await page.getByLabel(/^Notes/).fill("Relevé de carrière à compléter (parcours e2e).");
    await page.getByRole("button", { name: "Enregistrer le compte rendu" }).click();
    await page.getByText(/^Compte rendu enregistré le/).waitFor();
    const personName = (await page.locator("dd a[href^='/assures/']").first().textContent())!.trim();

    // The follow-up promised is on the counselor's worklist, the person's file one click away.
    await page.goto("/suivis");
    await page.getByRole("heading", { level: 1, name: "Suivis à faire" }).waitFor();
    const task = page.getByRole("row").filter({ hasText: personName }).filter({ hasText: "Demande de RIS" });
    await task.first().waitFor();
    await expect
      .poll(() => task.first().getByRole("link", { name: personName }).getAttribute("href"))
      .toBe(`/assures/${interview.person_id}`);

    // An auto-entrepreneurs meeting; the same person registers and comes.
    await openMenu(page, "Rencontres");
    await page.getByRole("link", { name: "Nouvelle rencontre" }).click();
    const meeting = page.getByRole("form", { name: "Nouvelle rencontre" });
    await meeting.getByLabel("Action").selectOption({ label: "RENCONTRE_AE — Rencontres « Auto-entrepreneurs »" });
    const title = `Réunion auto-entrepreneurs e2e ${Date.now()}`;
    await meeting.getByLabel("Intitulé").fill(title);
    await meeting.getByLabel("Lieu").fill("Chambre des métiers, Chambéry");
    // Today (Paris): check-in is only open on the meeting's day.
    await meeting.getByLabel("Début").fill(localDateTime(0, "00:05"));
    await meeting.getByLabel("Fin").fill(localDateTime(0, "23:55"));
    await meeting.getByLabel("Thèmes abordés").fill("Déclaration de revenus\nDroits acquis");
    await meeting.getByRole("button", { name: "Créer la rencontre" }).click();
    await page.getByRole("heading", { level: 1, name: `Rencontre — ${title}` }).waitFor();
    // Found by last name (the name shown is "First Last"), registered, with a reason when the
    // person is no auto-entrepreneur.
    const lastName = personName.split(" ").slice(1).join(" ");
    await page.getByLabel(/^Nom ou NIR de l’assuré/).fill(lastName);
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page
      .getByRole("list", { name: "Assurés trouvés" })
      .getByRole("button", { name: new RegExp(`^Inscrire\\s*${personName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "i") })
      .first()
      .click();
    const done = page.getByText(/est inscrit\(e\)\.$/);
    const reason = page.getByRole("textbox", { name: /hors de la cible$/ });
    await done.or(reason).first().waitFor();
    if (await reason.isVisible()) {
      await reason.fill("Invité à la suite de son entretien");
      await page.getByRole("button", { name: "Inscrire malgré tout" }).click();
      await done.waitFor();
    }
    await page.getByRole("button", { name: `Présent : ${personName}` }).click();
    await page.getByRole("table", { name: /^Inscrits/ }).getByText(/^Présent \(/).waitFor();

    // The person's history shows the interview held and the meeting attended.
    await page.goto(`/assures/${interview.person_id}`);
    const history = page.getByRole("table", { name: "Historique des contacts" });
    await history.waitFor();
    const rows = await history.locator("tbody tr").allTextContents();
    expect(rows.some((row) => row.includes("Entretien") && row.includes("Tenu"))).toBe(true);
    expect(rows.some((row) => row.includes(title) && row.includes("Présent"))).toBe(true);
  }, 120_000);
});
