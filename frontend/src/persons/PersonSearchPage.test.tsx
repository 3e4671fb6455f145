import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { PersonSummary } from "../api/types";
import {
  counselorLogin,
  json,
  mockRoutes,
  renderApp,
  signIn,
  tableCells,
} from "../test/utils";

const people: PersonSummary[] = [
  {
    id: 12,
    last_name: "DUPONT",
    first_name: "Jean",
    birth_date: "1952-07-01",
    caisse_code: "ALPES",
    professional_group: "artisan",
    status: "active",
    postcode: "38000",
    city: "Grenoble",
    professional_category: null,
    auto_entrepreneur: false,
  },
  {
    id: 13,
    last_name: "DUPUIS",
    first_name: "Marie",
    birth_date: "1957-02-11",
    caisse_code: "ALPES",
    professional_group: "commercant",
    status: "retired",
    postcode: null,
    city: null,
    professional_category: null,
    auto_entrepreneur: false,
  },
];

describe("PersonSearchPage", () => {
  it("searches by name and lists the results with a link to each file", async () => {
    const api = mockRoutes({
      "POST /api/targeting/persons/search": () =>
        json({ items: people, total: 2, limit: 50, offset: 0 }),
    });
    signIn(counselorLogin);
    renderApp("/assures");
    const user = userEvent.setup();

    await user.type(screen.getByLabelText(/^Nom/), "Dup");
    await user.click(screen.getByRole("button", { name: "Rechercher" }));

    const table = await screen.findByRole("table", { name: "2 assurés trouvés" });
    expect(tableCells(table)).toEqual([
      ["Nom", "Prénom", "Date de naissance", "Commune", "Caisse", "Groupe professionnel", "Statut"],
      ["DUPONT", "Jean", "01/07/1952", "38000 Grenoble", "ALPES", "Artisan", "Actif"],
      ["DUPUIS", "Marie", "11/02/1957", "—", "ALPES", "Commerçant", "Retraité"],
    ]);
    expect(within(table).getByRole("link", { name: "DUPONT" })).toHaveAttribute("href", "/assures/12");

    const [call] = api.calls("POST /api/targeting/persons/search");
    expect(await call!.request.json()).toEqual({ name: "Dup", purpose: "recherche d'un assuré" });
    expect(call!.url.searchParams.get("limit")).toBe("50");
    expect(call!.url.searchParams.get("offset")).toBe("0");
    expect(call!.request.headers.get("Authorization")).toBe("Bearer token-counselor");
  });

  it("sends the NIR in the body only, without its spaces", async () => {
    const api = mockRoutes({
      "POST /api/targeting/persons/search": () =>
        json({ items: [people[0]], total: 1, limit: 50, offset: 0 }),
    });
    signIn(counselorLogin);
    renderApp("/assures");
    const user = userEvent.setup();

    await user.type(screen.getByLabelText(/^NIR/), "1 52 07 38 123 001 72");
    await user.click(screen.getByRole("button", { name: "Rechercher" }));

    expect(await screen.findByRole("table", { name: "1 assuré trouvé" })).toBeInTheDocument();
    const [call] = api.calls("POST /api/targeting/persons/search");
    expect(await call!.request.json()).toMatchObject({ nir: "152073812300172" });
    expect(api.seen.every(({ url }) => !url.href.includes("1520738"))).toBe(true);
  });

  it("asks for a NIR or a name before searching", async () => {
    const api = mockRoutes({});
    signIn(counselorLogin);
    renderApp("/assures");

    await userEvent.click(screen.getByRole("button", { name: "Rechercher" }));

    expect(screen.getByRole("alert")).toHaveTextContent("Indiquez un NIR ou un nom.");
    expect(api.calls("POST /api/targeting/persons/search")).toHaveLength(0);
  });

  it("says when nobody matches", async () => {
    mockRoutes({
      "POST /api/targeting/persons/search": () => json({ items: [], total: 0, limit: 50, offset: 0 }),
    });
    signIn(counselorLogin);
    renderApp("/assures");
    const user = userEvent.setup();

    await user.type(screen.getByLabelText(/^Nom/), "Zz");
    await user.click(screen.getByRole("button", { name: "Rechercher" }));

    expect(await screen.findByText("Aucun assuré ne correspond à cette recherche.")).toBeInTheDocument();
  });

  it("explains an invalid NIR instead of saying nobody matches", async () => {
    mockRoutes({
      "POST /api/targeting/persons/search": () =>
        json(
          {
            title: "Demande impossible à traiter",
            status: 422,
            code: "person.invalid_nir",
            detail: "Ce NIR est invalide : la clé de contrôle (2 derniers chiffres) ne correspond pas.",
            errors: [
              {
                field: "nir",
                location: "body",
                message: "la clé de contrôle (2 derniers chiffres) ne correspond pas",
              },
            ],
          },
          422,
          "application/problem+json",
        ),
    });
    signIn(counselorLogin);
    renderApp("/assures");
    const user = userEvent.setup();

    await user.type(screen.getByLabelText(/^NIR/), "1 55 08 14 168 025 39");
    await user.click(screen.getByRole("button", { name: "Rechercher" }));

    expect(await screen.findByText(/Ce NIR est invalide : la clé de contrôle/)).toBeInTheDocument();
    // The reason is also shown under the NIR field itself.
    expect(screen.getByText("la clé de contrôle (2 derniers chiffres) ne correspond pas")).toBeInTheDocument();
    expect(screen.queryByText("Aucun assuré ne correspond à cette recherche.")).not.toBeInTheDocument();
  });

  it("is not offered to the national office", async () => {
    mockRoutes({});
    signIn();
    renderApp("/assures");

    expect(screen.getByRole("heading", { level: 1, name: "Accès non autorisé" })).toBeInTheDocument();
  });
});
