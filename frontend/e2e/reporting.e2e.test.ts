/**
 * The bilan's journey: the ALPES manager writes the caisse's analysis and submits the 2011
 * bilan; the national office sees it submitted in the national dashboard, then reopens it
 * (which also leaves the demo data ready for the next run).
 */
import { describe, expect, it } from "vitest";
import { BASE_URL, PASSWORD, USERNAME, logIn, openPage, useBrowser } from "./browser";
import { CAISSE, MANAGER, MANAGER_PASSWORD, cells, logOut, openMenu } from "./steps";

describe(`bilan journey (${BASE_URL})`, () => {
  const browser = useBrowser();

  it("a manager submits the caisse's bilan and the national office sees it", async () => {
    const page = await openPage(browser(), "bilan submission");
    await logIn(page, MANAGER, MANAGER_PASSWORD);
    await page.getByRole("heading", { level: 1, name: "Caisses régionales" }).waitFor();

    await openMenu(page, "Bilan");
    await page.getByRole("heading", { level: 1, name: `Bilan régional 2011 — caisse ${CAISSE}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/bilans/2011/${CAISSE}`);
    await page.getByText("Réalisation par rapport à la cible").waitFor();
    const figures = await cells(page, "Chiffres par action");
    expect(figures[0]!.slice(0, 3)).toEqual(["Action", "Type", "Ciblés"]);
    expect(figures.some((row) => row[0]!.includes("EIG"))).toBe(true);
    await page.getByText(/Échéance : 31 janvier 2012/).first().waitFor();

    const stamp = `Parcours e2e ${Date.now()}`;
    await page.getByLabel(/Difficultés rencontrées/).fill(stamp);
    await page.getByRole("button", { name: "Enregistrer les textes" }).click();
    await page.getByText("Textes enregistrés.").waitFor();

    await page.getByRole("button", { name: "Transmettre le bilan" }).click();
    await page.getByRole("button", { name: "Confirmer la transmission" }).click();
    const badge = page.getByText(/^Transmis — version \d+$/);
    await badge.waitFor();
    const version = Number((await badge.textContent())!.replace(/\D/g, ""));
    // The 2011 deadline is long past: the bilan is flagged late; the text is frozen with it.
    await page.getByText("Transmis en retard").first().waitFor();
    await page.getByText(stamp).waitFor();
    expect(await page.getByLabel(/Difficultés rencontrées/).count()).toBe(0);

    await logOut(page);
    await logIn(page, USERNAME, PASSWORD);
    // Signed in again, the app may return to the page it was on: wait for the national menu.
    await page
      .getByRole("navigation", { name: "Menu principal" })
      .getByRole("link", { name: "Bilan national" })
      .waitFor();
    await openMenu(page, "Bilan national");
    await page.getByRole("heading", { level: 1, name: "Bilan national 2011" }).waitFor();
    const states = await cells(page, "État de transmission par caisse");
    const alpes = states.find((row) => row[0] === "RSI Alpes");
    expect(alpes!.slice(1, 3)).toEqual(["Transmis en retard", String(version)]);
    const comparison = await cells(page, /Taux de réalisation par caisse/);
    expect(comparison.some((row) => row[0] === CAISSE)).toBe(true);

    await page.getByRole("button", { name: "Rouvrir le bilan de RSI Alpes" }).click();
    const reopening = page.getByRole("form", { name: /Rouvrir le bilan de RSI Alpes/ });
    await reopening.getByLabel(/Motif de la réouverture/).fill("Parcours e2e : le bilan est rouvert pour la suite.");
    await reopening.getByRole("button", { name: "Confirmer la réouverture" }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('tr[data-caisse="ALPES"]')?.textContent?.includes("(rouvert)") ?? false,
    );
  });
});
