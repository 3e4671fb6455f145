import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Meeting, PolicyAction, ProfessionalCategory, Registration } from "../api/types";
import { eigAction, regionalAction } from "../test/fixtures";
import { counselorLogin, json, mockRoutes, problem, renderApp, signIn, tableCells } from "../test/utils";

const meeting: Meeting = {
  id: 5,
  caisse_code: "ALPES",
  action_id: 7,
  kind: "auto_entrepreneurs",
  title: "Réunion auto-entrepreneurs de Chambéry",
  partner_event: null,
  place: "Chambre des métiers",
  starts_at: "2026-12-01T08:00:00Z",
  ends_at: "2026-12-01T10:00:00Z",
  capacity: 2,
  professional_category: null,
  topics: ["Déclaration de revenus"],
  notes: "",
  status: "planned",
  registered: 2,
  waitlisted: 2,
  attended: 1,
};

function registration(id: number, name: string, overrides: Partial<Registration> = {}): Registration {
  return {
    id,
    meeting_id: 5,
    person_id: 100 + id,
    display_name: name,
    status: "registered",
    waitlist_position: null,
    outside_target_reason: null,
    checked_in_at: null,
    registered_at: "2026-11-20T10:00:00Z",
    ...overrides,
  };
}

const zoe = {
  id: 106,
  first_name: "Zoé",
  last_name: "BLANC",
  birth_date: "1980-05-02",
  caisse_code: "ALPES",
  professional_group: "commercant",
  status: "active",
  postcode: "73000",
  city: "Chambéry",
  professional_category: "Commerce de détail",
  auto_entrepreneur: false,
} as const;

function found(...people: (typeof zoe)[]) {
  return json({ items: people, total: people.length, limit: 10, offset: 0 });
}

const registrations = [
  registration(1, "Jean DUPONT", { checked_in_at: "2026-12-01T08:05:00Z" }),
  registration(2, "Anne MARTIN"),
  registration(4, "Luc PETIT", { status: "waitlisted", waitlist_position: 2 }),
  registration(3, "Éva ROUX", { status: "waitlisted", waitlist_position: 1 }),
  registration(5, "Paul NOIR", { status: "cancelled" }),
];

describe("MeetingPage", () => {
  it("shows seats, the waiting list in order, checks a person in and registers another", async () => {
    const api = mockRoutes({
      "GET /api/interviews/meetings/5": () => json(meeting),
      "GET /api/targeting/actions/7": () => json(regionalAction),
      "GET /api/interviews/meetings/5/registrations": () => json(registrations),
      "POST /api/interviews/meetings/5/registrations/2/check-in": () =>
        json(registration(2, "Anne MARTIN", { checked_in_at: "2026-12-01T08:10:00Z" })),
      "POST /api/interviews/meetings/5/registrations": () =>
        json(registration(6, "Zoé BLANC", { status: "waitlisted", waitlist_position: 3 }), 201),
      "POST /api/targeting/persons/search": () => found(zoe),
    });
    signIn(counselorLogin);
    renderApp("/rencontres/5");

    expect(await screen.findByRole("heading", { level: 1, name: "Rencontre — Réunion auto-entrepreneurs de Chambéry" })).toBeInTheDocument();
    const seated = await screen.findByRole("table", { name: "Inscrits (2 sur 2 places)" });
    expect(tableCells(seated).slice(1).map((row) => [row[0], row[2]])).toEqual([
      ["Jean DUPONT", expect.stringMatching(/^Présent \(/)],
      ["Anne MARTIN", "Présent : Anne MARTIN"],
    ]);
    const waiting = screen.getByRole("table", { name: "Liste d’attente (2)" });
    expect(tableCells(waiting).slice(1).map((row) => row.slice(0, 2))).toEqual([
      ["1", "Éva ROUX"],
      ["2", "Luc PETIT"],
    ]);
    expect(screen.queryByText("Paul NOIR")).not.toBeInTheDocument();
    expect(screen.getByText(/La rencontre est complète/)).toBeInTheDocument();

    await userEvent.click(within(seated).getByRole("button", { name: /^Présent\s*:\s*Anne MARTIN$/ }));
    await waitFor(() => expect(api.calls("POST /api/interviews/meetings/5/registrations/2/check-in")).toHaveLength(1));

    await userEvent.type(screen.getByLabelText(/^Nom ou NIR de l’assuré/), "2 80 05 73 065 123 45");
    await userEvent.click(screen.getByRole("button", { name: "Rechercher" }));
    const results = await screen.findByRole("list", { name: "Assurés trouvés" });
    expect(within(results).getByText(/Zoé BLANC, né\(e\) en 1980 — .* — pas auto-entrepreneur \(hors cible\)/)).toBeInTheDocument();
    const [searched] = api.calls("POST /api/targeting/persons/search");
    expect(await searched!.request.json()).toMatchObject({ nir: "280057306512345" });
    await userEvent.click(within(results).getByRole("button", { name: /^Inscrire\s*Zoé\s*BLANC$/ }));
    expect(await screen.findByText("Zoé BLANC est sur la liste d’attente (3e position).")).toBeInTheDocument();
    expect(await api.calls("POST /api/interviews/meetings/5/registrations")[0]!.request.json()).toEqual({ person_id: 106 });
  });

  it("says when the person is already registered", async () => {
    mockRoutes({
      "GET /api/interviews/meetings/5": () => json(meeting),
      "GET /api/interviews/meetings/5/registrations": () => json(registrations),
      "POST /api/interviews/meetings/5/registrations": () => problem(409, "Conflict", "Already registered."),
      "POST /api/targeting/persons/search": () => found(zoe),
    });
    signIn(counselorLogin);
    renderApp("/rencontres/5");

    await userEvent.type(await screen.findByLabelText(/^Nom ou NIR de l’assuré/), "Blanc");
    await userEvent.click(screen.getByRole("button", { name: "Rechercher" }));
    await userEvent.click(await screen.findByRole("button", { name: /^Inscrire\s*Zoé\s*BLANC$/ }));
    expect(await screen.findByText("Cette personne est déjà inscrite à la rencontre.")).toBeInTheDocument();
  });

  it("asks for a reason to register a person outside the meeting's target", async () => {
    const api = mockRoutes({
      "GET /api/interviews/meetings/5": () => json(meeting),
      "GET /api/interviews/meetings/5/registrations": () => json(registrations),
      "POST /api/targeting/persons/search": () => found(zoe),
      "POST /api/interviews/meetings/5/registrations": async (request) => {
        const body = (await request.clone().json()) as { outside_target_reason?: string };
        if (!body.outside_target_reason)
          return json(
            {
              type: "about:blank",
              title: "Unprocessable",
              status: 422,
              detail: "La personne n'est pas auto-entrepreneur : indiquez le motif pour l'inscrire malgré tout.",
              errors: [{ field: "outside_target_reason", location: "body", message: "outside the meeting's target" }],
            },
            422,
            "application/problem+json",
          );
        return json(registration(6, "Zoé BLANC", { outside_target_reason: body.outside_target_reason }), 201);
      },
    });
    signIn(counselorLogin);
    renderApp("/rencontres/5");

    await userEvent.type(await screen.findByLabelText(/^Nom ou NIR de l’assuré/), "Blanc");
    await userEvent.click(screen.getByRole("button", { name: "Rechercher" }));
    const [searched] = api.calls("POST /api/targeting/persons/search");
    expect(await searched!.request.json()).toMatchObject({ name: "Blanc" });
    await userEvent.click(await screen.findByRole("button", { name: /^Inscrire\s*Zoé\s*BLANC$/ }));
    expect(await screen.findByText(/n'est pas auto-entrepreneur/)).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText("Motif de l’inscription de Zoé BLANC hors de la cible"), "conjointe associée");
    await userEvent.click(screen.getByRole("button", { name: "Inscrire malgré tout" }));
    expect(await screen.findByText("Zoé BLANC est inscrit(e).")).toBeInTheDocument();
    const posts = api.calls("POST /api/interviews/meetings/5/registrations");
    expect(await posts[1]!.request.json()).toEqual({ person_id: 106, outside_target_reason: "conjointe associée" });
  });
});

describe("NewMeetingPage", () => {
  const aeAction: PolicyAction = { ...regionalAction, id: 8, code: "RENCONTRE_AE", title: "Rencontres « Auto-entrepreneurs »", national: true, caisse_code: null };
  const categories: ProfessionalCategory[] = [
    { name: "Boulangerie", group: "artisan", has_risk_information: true },
    { name: "Commerce de détail", group: "commercant", has_risk_information: false },
  ];

  it("offers the meeting actions, only risk-informed categories at a trade show, and sends Paris times", async () => {
    const api = mockRoutes({
      "GET /api/targeting/policy/2011/actions": () => json([eigAction, aeAction]),
      "GET /api/targeting/professional-categories": () => json(categories),
      "POST /api/interviews/meetings": () => json({ ...meeting, id: 9 }, 201),
      "GET /api/interviews/meetings/9": () => json({ ...meeting, id: 9 }),
      "GET /api/interviews/meetings/9/registrations": () => json([]),
    });
    signIn(counselorLogin);
    renderApp("/rencontres/nouvelle");

    const form = await screen.findByRole("form", { name: "Nouvelle rencontre" });
    const action = within(form).getByLabelText("Action");
    await waitFor(() => expect(within(action).getAllByRole("option")).toHaveLength(2));
    expect(within(action).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Choisir une action de rencontre",
      "RENCONTRE_AE — Rencontres « Auto-entrepreneurs »",
    ]);
    const category = () => within(form).getByLabelText(/^Catégorie professionnelle/);
    await waitFor(() => expect(within(category()).getAllByRole("option")).toHaveLength(3));
    await userEvent.click(within(form).getByLabelText(/Rencontre de conseil social/));
    expect(within(category()).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Choisir une catégorie",
      "Boulangerie",
    ]);
    await userEvent.click(within(form).getByRole("button", { name: "Créer la rencontre" }));
    expect(within(form).getByText("Indiquez le salon ou l’événement qui accueille la rencontre.")).toBeInTheDocument();
    expect(api.calls("POST /api/interviews/meetings")).toHaveLength(0);

    await userEvent.click(within(form).getByLabelText("Rencontre auto-entrepreneurs"));
    await userEvent.selectOptions(action, "8");
    await userEvent.type(within(form).getByLabelText("Intitulé"), "Réunion AE");
    await userEvent.type(within(form).getByLabelText("Lieu"), "Chambéry");
    await userEvent.type(within(form).getByLabelText("Début"), "2026-12-01T09:00");
    await userEvent.type(within(form).getByLabelText("Fin"), "2026-12-01T11:00");
    await userEvent.type(within(form).getByLabelText(/^Thèmes abordés/), "Revenus{enter}{enter}Droits");
    await userEvent.click(within(form).getByRole("button", { name: "Créer la rencontre" }));

    await screen.findByRole("heading", { level: 1, name: /^Rencontre — / });
    expect(await api.calls("POST /api/interviews/meetings")[0]!.request.json()).toEqual({
      action_id: 8,
      kind: "auto_entrepreneurs",
      title: "Réunion AE",
      partner_event: null,
      place: "Chambéry",
      starts_at: "2026-12-01T09:00:00+01:00",
      ends_at: "2026-12-01T11:00:00+01:00",
      capacity: 30,
      professional_category: null,
      topics: ["Revenus", "Droits"],
    });
  });
});
