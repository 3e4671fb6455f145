/**
 * An account by invitation: the caisse manager invites a new counselor; the demo messaging
 * writes the invitation email as an .eml file; the counselor opens its link in a browser with
 * no session, chooses a password (a weak one is refused, saying why), signs in and finds her
 * own agenda (the invitation created her counselor record under the same username). A new
 * username each run, so it runs again on the same database.
 */
import { describe, expect, it } from "vitest";
import { BASE_URL, logIn, openPage, useBrowser } from "./browser";
import { waitForEmail } from "./mail";
import { MANAGER, MANAGER_PASSWORD, logOut } from "./steps";

const PASSWORD_URL = /https?:\/\/[^\s"<>]+\/mot-de-passe\/choisir#[A-Za-z0-9_-]+/;

describe(`accounts by invitation (${BASE_URL})`, () => {
  const browser = useBrowser();

  it("a manager invites a counselor, who chooses a password from the email and signs in", async () => {
    const run = Date.now().toString(36);
    const username = `e2e.conseiller.${run}`;
    const email = `${username}@rsi-alpes.example`;
    const password = `Un-velo-rouge-sous-la-pluie-${run}`;
    const page = await openPage(browser(), "invite a counselor");

    await logIn(page, MANAGER, MANAGER_PASSWORD);
    await page.getByRole("heading", { level: 1, name: "Caisses régionales" }).waitFor();
    await page.getByRole("navigation").getByRole("link", { name: "Comptes" }).click();
    await page.getByRole("heading", { level: 1, name: "Comptes des agents" }).waitFor();
    const since = Date.now() - 1000;
    await page.getByRole("link", { name: "Inviter un agent" }).click();
    await page.getByLabel("Nom complet").fill("Élise Testeuse");
    await page.getByLabel("Identifiant").fill(username);
    await page.getByLabel("Adresse email professionnelle").fill(email);
    await page.getByRole("button", { name: "Envoyer l’invitation" }).click();
    await page.getByText(`${email} va recevoir un lien pour choisir son mot de passe.`).waitFor();
    await page.getByRole("heading", { level: 1, name: /Élise Testeuse/ }).waitFor();
    await logOut(page);

    // The counselor, in a browser with no session, opens the emailed link.
    const { text } = await waitForEmail(/^password-link-\d+\.eml$/, since, (t) => t.includes(email));
    expect(text).toContain("Votre compte sur la plateforme de contact RSI");
    const link = PASSWORD_URL.exec(text)![0];
    expect(new URL(link).origin).toBe(BASE_URL);
    const own = await openPage(browser(), "choose a password");
    await own.goto(link);
    await own.getByText(/Bonjour Élise Testeuse/).waitFor();

    await own.getByLabel(/^Nouveau mot de passe/).fill("azerty");
    await own.getByLabel("Confirmer le nouveau mot de passe").fill("azerty");
    await own.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
    await own.getByRole("alert").filter({ hasText: "au moins 12 caractères" }).waitFor();

    await own.getByLabel(/^Nouveau mot de passe/).fill(password);
    await own.getByLabel("Confirmer le nouveau mot de passe").fill(password);
    await own.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
    await own.getByText("Mot de passe enregistré").waitFor();
    await own.getByRole("link", { name: "Se connecter" }).click();

    await own.getByLabel("Identifiant").fill(username);
    await own.getByLabel("Mot de passe").fill(password);
    await own.getByRole("button", { name: "Se connecter" }).click();
    await own.getByRole("heading", { level: 1, name: "Caisses régionales" }).waitFor();
    await own.getByText("Élise Testeuse — Conseiller, caisse ALPES").first().waitFor();
    // The invitation made her counselor record too: her own agenda, without choosing anyone.
    await own.getByRole("navigation").getByRole("link", { name: "Agenda" }).click();
    await own.getByRole("heading", { level: 1, name: "Agenda — Élise Testeuse" }).waitFor();

    // The link served once.
    await own.goto(link);
    await own.getByText("Ce lien ne peut plus servir").waitFor();
  });
});
