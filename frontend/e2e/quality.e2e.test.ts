/**
 * A tour of the pages the journeys visit, as each role: each must be French only, pass
 * axe-core without serious or critical violations, keep its buttons' labels, and its load
 * time is recorded (test-results/page-timings.json, reported in bench/RESULTS.md).
 */
import { afterAll, describe, it } from "vitest";
import { BASE_URL, PASSWORD, USERNAME, logIn, openPage, useBrowser } from "./browser";
import { followFirst, saveTimings, visitAndCheck } from "./quality";
import { CAISSE, MANAGER, MANAGER_PASSWORD } from "./steps";

const COUNSELOR = process.env.E2E_COUNSELOR_USERNAME ?? "conseiller.alpes";
const COUNSELOR_PASSWORD = process.env.E2E_COUNSELOR_PASSWORD ?? "conseiller-demo";

/** A page, its main heading, and optionally the detail page its first matching link opens. */
type Stop = [path: string, heading: string | RegExp, detailLink?: string];
const TOURS: [role: string, username: string | null, password: string, stops: Stop[]][] = [
  [
    "public",
    null,
    "",
    [
      ["/connexion", "Connexion"],
      ["/accessibilite", "Déclaration d’accessibilité"],
    ],
  ],
  [
    "national",
    USERNAME,
    PASSWORD,
    [
      ["/caisses", "Caisses régionales"],
      ["/politique/2011", /Politique de contact 2011/, 'main a[href^="/actions/"]'],
      ["/bilan-national/2011", "Bilan national 2011"],
      ["/enquetes/campagnes", /Campagnes d’enquête/, 'main a[href^="/enquetes/campagnes/"]'],
      ["/enquetes/questionnaires", /Questionnaires/, 'main a[href^="/enquetes/questionnaires/"]'],
      ["/enquetes/resultats", /Résultats/],
    ],
  ],
  [
    "manager",
    MANAGER,
    MANAGER_PASSWORD,
    [
      ["/caisses", "Caisses régionales"],
      ["/imports", /Import/],
      ["/politique/2011", /Politique de contact 2011/, 'main a[href^="/actions/"]'],
      ["/campagnes", /Campagnes de courriers/, 'main a[href^="/campagnes/"]'],
      ["/courriers/modeles", /Modèles de courrier/],
      [`/bilans/2011/${CAISSE}`, `Bilan régional 2011 — caisse ${CAISSE}`],
      ["/planification", /Planification/],
      ["/disponibilites", /Disponibilités/],
      ["/rencontres", /Rencontres/, 'main a[href^="/rencontres/"]:not([href$="/nouvelle"])'],
      ["/enquetes/resultats", /Résultats/],
    ],
  ],
  [
    "counselor",
    COUNSELOR,
    COUNSELOR_PASSWORD,
    [
      ["/assures", "Rechercher un assuré"],
      ["/agenda", /Agenda/],
      ["/rencontres", /Rencontres/],
    ],
  ],
];

describe(`French, accessible, timed pages (${BASE_URL})`, () => {
  const browser = useBrowser();
  afterAll(saveTimings);

  it.each(TOURS)("as %s", async (role, username, password, stops) => {
    const page = await openPage(browser(), `quality ${role}`);
    if (username) {
      await logIn(page, username, password);
      await page.getByRole("navigation", { name: "Menu principal" }).waitFor();
    }
    for (const [path, heading, detailLink] of stops) {
      await visitAndCheck(page, role, path, heading);
      if (detailLink) await followFirst(page, role, detailLink);
    }
  });
});
