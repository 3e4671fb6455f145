/**
 * The satisfaction survey end to end: the caisse's campaign on the auto-entrepreneurs
 * meetings (set up through the screen the first time); a person checked in at a meeting (a
 * completed contact, recorded through the interviews API; the meetings screen has its own
 * journey in interviews.e2e) is drawn; the manager hands out the personal link; the person
 * answers on a phone through the public page, without an account; the manager sees the
 * response count move on the results screen. A new meeting and a random person each run, so it runs again on the same
 * database (the campaign is reused).
 */
import type { APIRequestContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { BASE_URL, logIn, openPage, useBrowser } from "./browser";
import { CAISSE, MANAGER, MANAGER_PASSWORD, cells, count } from "./steps";

const ACTION_TITLE = "Rencontres « Auto-entrepreneurs »";
const CAMPAIGN_TITLE = "Satisfaction des rencontres auto-entrepreneurs";

async function apiToken(request: APIRequestContext): Promise<string> {
  const response = await request.post("/api/identity/auth/login", {
    data: { username: MANAGER, password: MANAGER_PASSWORD },
  });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

const COMMON_NAMES = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit"];

/** A person of the caisse picked at random (a search needs a name). */
async function randomPerson(
  call: (method: "POST", path: string, data: unknown) => Promise<unknown>,
): Promise<number> {
  const name = COMMON_NAMES[Math.floor(Math.random() * COMMON_NAMES.length)]!;
  const search = (offset: number) =>
    call("POST", `/api/targeting/persons/search?limit=1&offset=${offset}`, {
      name,
      caisse_code: CAISSE,
      purpose: "test de bout en bout des enquêtes",
    }) as Promise<{ items: { id: number }[]; total: number }>;
  const { total } = await search(0);
  return (await search(Math.floor(Math.random() * total))).items[0]!.id;
}

/** A person of the caisse checked in at a new meeting of the action; their id. */
async function attendMeeting(request: APIRequestContext): Promise<number> {
  const headers = { Authorization: `Bearer ${await apiToken(request)}` };
  const call = async (method: "GET" | "POST", path: string, data?: unknown) => {
    const response = await request.fetch(path, { method, headers, data });
    expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
    return response.json();
  };
  const actions = (await call("GET", "/api/targeting/policy/2011/actions")) as {
    id: number;
    code: string;
  }[];
  const action = actions.find((a) => a.code === "RENCONTRE_AE")!;
  const now = Date.now();
  const meeting = (await call("POST", "/api/interviews/meetings", {
    action_id: action.id,
    kind: "auto_entrepreneurs",
    title: "Rencontre auto-entrepreneurs (e2e)",
    place: "Chambéry",
    starts_at: new Date(now - 2 * 3600_000).toISOString(),
    ends_at: new Date(now - 3600_000).toISOString(),
    capacity: 30,
  })) as { id: number };
  const personId = await randomPerson(call);
  const registration = (await call("POST", `/api/interviews/meetings/${meeting.id}/registrations`, {
    person_id: personId,
    outside_target_reason: "personne tirée au hasard pour le test",
  })) as { id: number };
  await call("POST", `/api/interviews/meetings/${meeting.id}/registrations/${registration.id}/check-in`);
  return personId;
}

async function openSurveyMenu(page: Page, item: string): Promise<void> {
  const nav = page.getByRole("navigation", { name: "Menu principal" });
  await nav.getByRole("button", { name: "Enquêtes" }).click();
  await nav.getByRole("link", { name: item }).click();
}

/** The campaign of the action in the caisse: opened if it exists, created otherwise. */
async function openCampaign(page: Page): Promise<void> {
  await openSurveyMenu(page, "Campagnes d’enquête");
  await page.getByRole("heading", { level: 1, name: "Campagnes d’enquête" }).waitFor();
  const rows = await cells(page, /^Campagnes/);
  const existing = rows.find(
    (row) => row[1] === `Caisse ${CAISSE}` && row[2] === ACTION_TITLE && row[4] === "En cours",
  );
  if (existing) {
    await page.getByRole("link", { name: existing[0]! }).first().click();
  } else {
    const form = page.getByRole("form", { name: "Nouvelle campagne" });
    await form.getByLabel("Titre").fill(CAMPAIGN_TITLE);
    await form.getByLabel(/Action enquêtée/).selectOption({ label: ACTION_TITLE });
    await form.getByLabel("Part des contacts enquêtés (%)").fill("100");
    await form.getByLabel(/Minimum de personnes/).fill("1");
    await form.getByRole("button", { name: "Créer la campagne" }).click();
  }
  await page.getByRole("heading", { level: 1, name: /^Campagne « / }).waitFor();
}

async function responsesForAction(page: Page): Promise<number> {
  await openSurveyMenu(page, "Résultats");
  await page.getByRole("heading", { level: 1, name: /^Résultats des enquêtes/ }).waitFor();
  await page.getByLabel("Action").selectOption({ label: ACTION_TITLE });
  await page.getByTestId("responses").waitFor();
  // Wait for the answer of this filter (the previous one stays shown while it loads).
  await page.waitForLoadState("networkidle");
  return count(await page.getByTestId("responses").textContent() ?? "");
}

describe(`surveys (${BASE_URL})`, () => {
  const browser = useBrowser();

  it("draws a person after a meeting, who answers on a phone; the results move", async () => {
    const page = await openPage(browser(), "survey answered through the public page");
    await logIn(page, MANAGER, MANAGER_PASSWORD);
    await page.getByRole("button", { name: "Se déconnecter" }).waitFor();
    const before = await responsesForAction(page);
    // The campaign exists before the contact: people are drawn as their contacts complete.
    await openCampaign(page);
    const personId = await attendMeeting(page.request);

    await openSurveyMenu(page, "Campagnes d’enquête");
    await page.getByRole("button", { name: "Lancer le tirage maintenant" }).click();
    await page.getByText(/^Tirage effectué/).waitFor();
    await openCampaign(page);
    await page.getByRole("button", { name: `Obtenir le lien de la personne n° ${personId}` }).click();
    const link = page.getByTestId("answer-url");
    await link.waitFor();
    const url = (await link.getAttribute("href"))!;
    expect(new URL(url).pathname).toMatch(/^\/questionnaire\/[A-Za-z0-9_-]{40,}$/);
    await page.getByRole("img", { name: /QR code du lien personnel/ }).waitFor();

    // The insured person, on a phone, without an account.
    const phone = await browser().newContext({ locale: "fr-FR", viewport: { width: 375, height: 740 } });
    const survey = await phone.newPage();
    survey.setDefaultTimeout(15_000);
    await survey.goto(url);
    await survey.getByRole("heading", { level: 1, name: /Questionnaire national/ }).waitFor();
    expect(await survey.getByRole("button", { name: "Se déconnecter" }).count()).toBe(0);
    const choose = async (question: RegExp, answer: string) => {
      const group = survey.getByRole("group", { name: question });
      await group.locator("label", { hasText: new RegExp(`^${answer}$`) }).click();
    };
    await survey.getByRole("button", { name: "Envoyer mes réponses" }).click();
    await survey.getByText(/questions demandent votre attention/).waitFor();
    await choose(/l'accueil/, "5");
    await choose(/claires/, "4");
    await choose(/utiles/, "Très utiles");
    await choose(/mode de contact/, "Oui");
    await choose(/Globalement/, "5");
    await survey.getByRole("textbox", { name: /commentaire/ }).fill("Réunion très claire, merci.");
    await survey.getByRole("button", { name: "Envoyer mes réponses" }).click();
    await survey.getByRole("heading", { name: "Merci pour votre participation" }).waitFor();
    // The link is single use.
    await survey.goto(url);
    await survey.getByText(/déjà été rempli/).waitFor();
    await phone.close();

    await responsesForAction(page);
    await expect
      .poll(async () => count((await page.getByTestId("responses").textContent()) ?? ""))
      .toBe(before + 1);
    await page.getByText("« Réunion très claire, merci. »").first().waitFor();
  });
});
