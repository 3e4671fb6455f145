/**
 * Sessions that last a working day, in Chromium: a counselor fills an interview record for
 * longer than the access token lives, typing and then idle, and saves it without ever seeing
 * the login page. With the platform's usual tokens (15 minutes) the token is made stale
 * instead (what the services then answer is the same 401); with short ones
 * (RSI_ACCESS_TOKEN_TTL_SECONDS=60) the record really outlives them. Then sign-in through
 * the OpenID Connect provider when one runs beside the platform (E2E_OIDC=1 scripts/e2e.sh).
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { BASE_URL, logIn, openPage, useBrowser } from "./browser";
import { COUNSELOR, COUNSELOR_PASSWORD, logOut, pastBookedInterview } from "./steps";

const PROVIDER = process.env.E2E_OIDC_PROVIDER_URL;

async function storedToken(page: Page): Promise<{ token: string; expiresAt: number }> {
  const raw = await page.evaluate(() => sessionStorage.getItem("rsi.session"));
  return JSON.parse(raw!) as { token: string; expiresAt: number };
}

async function nextAgent(agent: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${PROVIDER}/_control/next`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(agent),
  });
  expect(response.status).toBe(204);
}

describe(`sessions (${BASE_URL})`, () => {
  const browser = useBrowser();

  it("keeps a counselor signed in while filling a record past the token's lifetime", async () => {
    const page = await openPage(browser(), "session outlives the access token");
    await logIn(page, COUNSELOR, COUNSELOR_PASSWORD);
    await page.getByRole("button", { name: "Se déconnecter" }).waitFor();
    const first = await storedToken(page);
    const lifetime = first.expiresAt - Date.now();
    const [cookie] = (await page.context().cookies()).filter((c) => c.name === "rsi_refresh");
    expect(cookie).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: "Strict",
      path: "/api/identity/auth",
    });

    const interview = await pastBookedInterview(page);
    await page.goto(`/entretiens/${interview.id}`);
    await page.getByRole("heading", { level: 1, name: /^Entretien — / }).waitFor();
    await page.locator("label", { hasText: /^Abordé/ }).first().click();
    await page.locator("label", { hasText: /^Entretien tenu$/ }).click();
    const notes = page.getByLabel(/^Notes/);
    await notes.fill("Début de l'entretien.");

    if (lifetime <= 120_000) {
      // Typing for longer than the token lives: renewed ahead of its expiry.
      const typingUntil = Date.now() + lifetime + 10_000;
      while (Date.now() < typingUntil) {
        await notes.press("End");
        await notes.pressSequentially(" …");
        await page.waitForTimeout(4_000);
      }
      expect((await storedToken(page)).token).not.toBe(first.token);
      // Then thinking without a keystroke: once the renewal the last keystrokes earned is
      // done, the token expires unrenewed.
      await page.waitForFunction(
        () => (JSON.parse(sessionStorage.getItem("rsi.session")!) as { expiresAt: number })
          .expiresAt < Date.now(),
        undefined,
        { timeout: 3 * lifetime, polling: 1_000 },
      );
      await page.waitForTimeout(5_000);
    } else {
      await notes.pressSequentially(" …");
      await page.evaluate(() => {
        const stale = JSON.parse(sessionStorage.getItem("rsi.session")!) as { token: string };
        sessionStorage.setItem("rsi.session", JSON.stringify({ ...stale, token: "stale" }));
      });
    }
    // The save is refused (401): the session is renewed and the save sent again.
    await notes.press("End");
    await notes.pressSequentially(" Fin de l'entretien.");
    await page.getByRole("button", { name: "Enregistrer le compte rendu" }).click();
    await page.getByText(/^Compte rendu enregistré le/).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/entretiens/${interview.id}`);
    expect(await notes.inputValue()).toMatch(/^Début de l'entretien\. ….* Fin de l'entretien\.$/);
    const last = await storedToken(page);
    expect(last.expiresAt).toBeGreaterThan(Date.now());
    expect(last.token).not.toBe(first.token);

    // Logout revokes the session: a new tab does not resume it.
    await logOut(page);
    await page.goto("/connexion");
    await page.waitForTimeout(1_000);
    await page.getByRole("heading", { level: 1, name: "Connexion" }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem("rsi.session"))).toBeNull();
  }, 300_000);

  it.runIf(PROVIDER)("signs an agent in through the provider, or says whom to ask", async () => {
    const page = await openPage(browser(), "sign-in through the provider");

    // An agent the platform does not know.
    await nextAgent({ sub: "pc-e2e-stranger", email: "personne@ailleurs.example" });
    await page.goto("/connexion");
    await page.getByRole("link", { name: /S’identifier avec\s*ProConnect/ }).click();
    await page.getByRole("heading", { name: "Aucun compte ne correspond à votre identité" }).waitFor();
    await page.getByText(/responsable de votre caisse/).waitFor();

    // The counselor, matched by her email the first time (by the bound sub afterwards).
    await nextAgent({ sub: "pc-e2e-conseiller-alpes", email: `${COUNSELOR}@demo.rsi.example` });
    await page.getByRole("link", { name: "Retour à la page de connexion" }).click();
    await page.getByRole("link", { name: /S’identifier avec\s*ProConnect/ }).click();
    await page.getByRole("button", { name: "Se déconnecter" }).waitFor();
    const session = JSON.parse(
      (await page.evaluate(() => sessionStorage.getItem("rsi.session")))!,
    ) as { user: { username: string; role: string } };
    expect(session.user).toMatchObject({ username: COUNSELOR, role: "counselor" });
    await logOut(page);
  });
});
