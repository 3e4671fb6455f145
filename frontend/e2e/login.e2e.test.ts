import { describe, expect, it } from "vitest";
import { BASE_URL, PASSWORD, USERNAME, logIn, openPage, useBrowser } from "./browser";

describe(`login (${BASE_URL})`, () => {
  const browser = useBrowser();

  it("sends an anonymous visitor to the login page", async () => {
    const page = await openPage(browser(), "anonymous redirect");
    await page.goto("/caisses");
    await page.getByRole("heading", { level: 1, name: "Connexion" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/connexion");
  });

  it("logs the national user in, lists every caisse, then logs out", async () => {
    const page = await openPage(browser(), "national login");
    await logIn(page, USERNAME, PASSWORD);

    await page.getByRole("heading", { level: 1, name: "Caisses régionales" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/caisses");
    const rows = page.getByRole("table").locator("tbody tr");
    await rows.nth(24).waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(25);
    await page.getByText("Caisse nationale", { exact: false }).first().waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(1);

    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.getByRole("heading", { level: 1, name: "Connexion" }).waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

    // The session is really gone: the protected page sends back to the login.
    await page.goto("/caisses");
    await page.getByRole("heading", { level: 1, name: "Connexion" }).waitFor();
  });

  it("shows the error of a wrong password and stays on the login page", async () => {
    const page = await openPage(browser(), "wrong password");
    await logIn(page, USERNAME, `${PASSWORD}-wrong`);

    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Connexion impossible");
    expect(new URL(page.url()).pathname).toBe("/connexion");
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });
});
