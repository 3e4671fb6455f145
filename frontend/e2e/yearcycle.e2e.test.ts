/**
 * The yearly cycle: the national office prepares the 2012 socle from 2011 (age criteria a year
 * later), publishes it, and a caisse manager then sees it. The platform's data persists between
 * local runs, so a 2012 already prepared by an earlier run is published again, not prepared twice.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { BASE_URL, PASSWORD, USERNAME, logIn, openPage, useBrowser } from "./browser";
import { MANAGER, MANAGER_PASSWORD } from "./steps";

async function openPolicy2012(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Se déconnecter" }).waitFor();
  await page.goto("/politique/2012");
  await page.getByRole("heading", { level: 1, name: "Politique de contact 2012" }).waitFor();
}

describe(`yearly cycle (${BASE_URL})`, () => {
  const browser = useBrowser();

  it("prepares the 2012 socle from 2011 and publishes it for the caisses", async () => {
    const page = await openPage(browser(), "prepare 2012");
    await logIn(page, USERNAME, PASSWORD);
    await openPolicy2012(page);

    const prepare = page.getByRole("button", { name: "Préparer à partir de 2011" });
    const publication = page.getByRole("heading", { level: 2, name: "Publication du socle 2012" });
    await Promise.race([prepare.waitFor(), publication.waitFor()]);
    if (await prepare.isVisible()) {
      expect(await page.getByLabel(/Décaler les critères d’âge d’un an/).isChecked()).toBe(true);
      await prepare.click();
    }
    await publication.waitFor();
    const socle = page.getByRole("region", { name: /Socle national \(4\)/ });
    await socle.getByRole("link", { name: /population « EIG »/ }).click();
    await page.getByRole("heading", { level: 1, name: /population « EIG »/ }).waitFor();
    expect(await page.getByLabel("Années de naissance").first().inputValue()).toBe("1953, 1958");

    await openPolicy2012(page);
    const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Paris" });
    await page.getByLabel("Visible par les caisses à partir du").fill(today);
    await page.getByRole("button", { name: "Publier" }).click();
    await page.getByText(/Publié : les caisses le voient depuis le/).waitFor();
  });

  it("shows the published 2012 socle to a caisse manager, who may carry over its actions", async () => {
    const page = await openPage(browser(), "manager 2012");
    await logIn(page, MANAGER, MANAGER_PASSWORD);
    await openPolicy2012(page);
    await page.getByRole("region", { name: /Socle national \(4\)/ }).waitFor();
    await page.getByRole("button", { name: "Reconduire mes actions de 2011" }).click();
    await page.getByText(/Reconduites|Déjà présentes|Aucune action régionale en 2011/).waitFor();
  });
});
