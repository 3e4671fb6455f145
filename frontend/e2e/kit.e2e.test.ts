/**
 * The national kit: the national office creates a document and publishes a PDF version; a
 * caisse manager finds it from the policy page and downloads it. Data persists between local
 * runs, so the document's code is made unique per run.
 */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { BASE_URL, PASSWORD, USERNAME, logIn, openPage, useBrowser } from "./browser";
import { MANAGER, MANAGER_PASSWORD } from "./steps";

const CODE = `AFFICHE_${Date.now().toString(36).toUpperCase()}`;
const TITLE = `Affiche EIG ${CODE}`;
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

describe(`national kit (${BASE_URL})`, () => {
  const browser = useBrowser();

  it("the national office creates a document and publishes its first version", async () => {
    const page = await openPage(browser(), "kit publish");
    await logIn(page, USERNAME, PASSWORD);
    await page.getByRole("button", { name: "Se déconnecter" }).waitFor();
    await page.goto("/kit");
    const form = page.getByRole("form", { name: "Nouveau document du kit" });
    await form.getByLabel(/Code/).fill(CODE);
    await form.getByLabel("Titre").fill(TITLE);
    await form.getByLabel("Catégorie").selectOption("communication");
    await form.getByRole("button", { name: "Créer le document" }).click();

    const publish = page.getByRole("form", { name: `Publier une version de ${TITLE}` });
    await publish.getByLabel(/Nouvelle version/).setInputFiles({
      name: "affiche.pdf",
      mimeType: "application/pdf",
      buffer: PDF,
    });
    await publish.getByLabel("Ce qui change").fill("Première version");
    await publish.getByRole("button", { name: "Publier la version 1" }).click();
    await page.getByRole("button", { name: "Télécharger la version 1" }).first().waitFor();
  });

  it("a caisse manager opens the kit from the policy page and downloads the document", async () => {
    const page = await openPage(browser(), "kit download");
    await logIn(page, MANAGER, MANAGER_PASSWORD);
    await page.getByRole("button", { name: "Se déconnecter" }).waitFor();
    await page.goto("/politique/2011");
    await page.getByRole("link", { name: "Kit « Politique de contact »" }).click();
    await page.getByRole("heading", { level: 1, name: "Kit « Politique de contact »" }).waitFor();
    const item = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: TITLE }) });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      item.getByRole("button", { name: "Télécharger la version 1" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("affiche.pdf");
    expect(await readFile((await download.path())!)).toEqual(PDF);
  });
});
