import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { HistoryEntry, PersonFile } from "../api/types";
import { counselorLogin, json, mockRoutes, problem, renderApp, signIn, tableCells } from "../test/utils";

const person: PersonFile = {
  id: 12,
  nir: "152073812300172",
  last_name: "DUPONT",
  first_name: "Jean",
  sex: 1,
  birth_date: "1952-07-01",
  email: "jean.dupont@example.org",
  phone: "0476000000",
  address_line: "1 rue des Alpes",
  postcode: "38000",
  city: "Grenoble",
  caisse_code: "ALPES",
  professional_group: "artisan",
  activity_code: "9602A",
  professional_category: "coiffure",
  status: "active",
  auto_entrepreneur: false,
  business_created_on: "1990-03-15",
  affiliated_on: null,
  validated_quarters: 120,
  required_quarters: 164,
  incomplete_career: true,
  conjoint_collaborateur: false,
  cross_border: false,
  eirl: false,
  invalidity_pension: false,
  contact_opt_out: false,
  last_contacted_on: null,
};

function definition(term: string): string | null | undefined {
  const dt = screen.getAllByText(term, { selector: "dt" })[0]!;
  return dt.nextElementSibling?.textContent;
}

describe("PersonPage", () => {
  it("shows the contact history, newest first, linked to the interview and the meeting", async () => {
    const history: HistoryEntry[] = [
      { kind: "letter", at: "2026-10-01T08:00:00Z", action_id: 1, status: "booked", channel: "letter", title: "Proposition d'un entretien", reference: "c-1" },
      { kind: "meeting", at: "2026-12-01T08:00:00Z", action_id: 8, status: "attended", channel: "collective", title: "Réunion auto-entrepreneurs", reference: "5" },
      { kind: "interview", at: "2026-11-05T08:30:00Z", action_id: 1, status: "done", channel: "phone", title: "Entretien de conseil social", reference: "i-1" },
    ];
    const api = mockRoutes({
      "GET /api/targeting/persons/12": () => json(person),
      "GET /api/interviews/persons/12/contacts": () => json(history),
    });
    signIn(counselorLogin);
    renderApp("/assures/12");

    const table = await screen.findByRole("table", { name: "Historique des contacts" });
    expect(tableCells(table).slice(1).map((row) => row.slice(1))).toEqual([
      ["Rencontre", "Réunion auto-entrepreneurs", "Collectif", "Présent"],
      ["Entretien", "Entretien de conseil social", "Téléphone", "Tenu"],
      ["Courrier", "Proposition d'un entretien", "Courrier", "Rendez-vous pris"],
    ]);
    expect(within(table).getByRole("link", { name: "Entretien de conseil social" })).toHaveAttribute("href", "/entretiens/i-1");
    expect(within(table).getByRole("link", { name: "Réunion auto-entrepreneurs" })).toHaveAttribute("href", "/rencontres/5");
    expect(api.calls("GET /api/interviews/persons/12/contacts")).toHaveLength(1);
  });

  it("shows the whole file in French and reads it with its purpose", async () => {
    const api = mockRoutes({ "GET /api/targeting/persons/12": () => json(person) });
    signIn(counselorLogin);
    renderApp("/assures/12");

    expect(await screen.findByRole("heading", { level: 1, name: "Jean DUPONT" })).toBeInTheDocument();
    expect(screen.getByText("Carrière incomplète", { selector: ".fr-badge" })).toBeInTheDocument();
    expect(definition("NIR")).toBe("1 52 07 38 123 001 72");
    expect(definition("Sexe")).toBe("Homme");
    expect(definition("Date de naissance")).toBe("1er juillet 1952");
    expect(definition("Groupe professionnel")).toBe("Artisan");
    expect(definition("Statut")).toBe("Actif");
    expect(definition("Affiliation")).toBe("—");
    expect(definition("Trimestres validés")).toBe("120");
    expect(definition("Carrière complète")).toBe("Non");
    expect(document.title).toBe("Jean DUPONT - Politique de contact RSI");

    const [read] = api.calls("GET /api/targeting/persons/12");
    expect(read!.url.searchParams.get("purpose")).toBe("consultation du dossier");
  });

  it("records an opposition only once confirmed", async () => {
    const api = mockRoutes({
      "GET /api/targeting/persons/12": () => json(person),
      "PUT /api/targeting/persons/12/opposition": async (request) =>
        json({ ...person, ...((await request.json()) as object) }),
    });
    signIn(counselorLogin);
    renderApp("/assures/12");
    const user = userEvent.setup();

    const toggle = await screen.findByRole("checkbox", { name: /s’oppose à être contactée/ });
    expect(toggle).not.toBeChecked();
    await user.click(toggle);

    const confirmation = screen.getByRole("group", { name: "Enregistrer l’opposition au contact ?" });
    expect(api.calls("PUT /api/targeting/persons/12/opposition")).toHaveLength(0);
    await user.click(within(confirmation).getByRole("button", { name: "Confirmer" }));

    expect(await screen.findByText("L’opposition au contact est enregistrée.")).toBeInTheDocument();
    const [put] = api.calls("PUT /api/targeting/persons/12/opposition");
    expect(await put!.request.json()).toEqual({ contact_opt_out: true });
    expect(screen.getByRole("checkbox", { name: /s’oppose à être contactée/ })).toBeChecked();
    expect(screen.getByText("Opposé au contact", { selector: ".fr-badge" })).toBeInTheDocument();
    expect(screen.queryByRole("group", { name: /opposition au contact \?/ })).not.toBeInTheDocument();
  });

  it("changes nothing when the confirmation is cancelled", async () => {
    const api = mockRoutes({
      "GET /api/targeting/persons/12": () => json({ ...person, contact_opt_out: true }),
    });
    signIn(counselorLogin);
    renderApp("/assures/12");
    const user = userEvent.setup();

    await user.click(await screen.findByRole("checkbox", { name: /s’oppose à être contactée/ }));
    const confirmation = screen.getByRole("group", { name: "Lever l’opposition au contact ?" });
    await user.click(within(confirmation).getByRole("button", { name: "Annuler" }));

    await waitFor(() => expect(screen.queryByRole("group", { name: /\?$/ })).not.toBeInTheDocument());
    expect(screen.getByRole("checkbox", { name: /s’oppose à être contactée/ })).toBeChecked();
    expect(api.calls("PUT /api/targeting/persons/12/opposition")).toHaveLength(0);
  });

  it("says so when the person is not in the caisse", async () => {
    mockRoutes({
      "GET /api/targeting/persons/99": () => problem(404, "Not Found", "Person not found."),
    });
    signIn(counselorLogin);
    renderApp("/assures/99");

    expect(await screen.findByRole("alert")).toHaveTextContent("Dossier introuvable");
  });
});
