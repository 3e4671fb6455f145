import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { BilanDocument, NationalBilan } from "../api/types";
import { json, managerLogin, mockFetch, problem, renderApp, signIn } from "../test/utils";

const eig = {
  action_id: 3,
  action_code: "EIG",
  title: "Entretiens EIG",
  contact_type: "individual_interview",
  national: true,
  targeted: 4,
  listed: 4,
  invited: 10,
  channels: [
    { channel: "in_person", booked: 3, held: 2, no_show: 1, cancelled: 1 },
    { channel: "phone", booked: 1, held: 1, no_show: 0, cancelled: 0 },
  ],
  booked: 4,
  held: 3,
  no_show: 1,
  meetings_held: 0,
  meeting_registrations: 0,
  meeting_attendance: 0,
  letters_sent: 0,
  realised: 3,
  realisation_rate: 0.75,
  satisfaction: {
    links_issued: 4,
    responses: 3,
    response_rate: 0.75,
    overall_satisfaction_mean: 4,
    satisfied_share: 2 / 3,
  },
} satisfies BilanDocument["actions"][number];

const draft: BilanDocument = {
  caisse_code: "ALPES",
  year: 2011,
  status: "draft",
  version: null,
  previous_versions: 0,
  deadline: "2012-01-31",
  submitted_at: null,
  submitted_by: null,
  late: false,
  missing: [],
  actions: [eig],
  totals: {
    targeted: 4,
    invited: 10,
    booked: 4,
    held: 3,
    no_show: 1,
    meetings_held: 0,
    meeting_attendance: 0,
    letters_sent: 0,
    realised: 3,
    realisation_rate: 0.75,
    satisfaction: eig.satisfaction,
  },
  qualitative: { difficulties: "Peu de créneaux", local_actions: "", priorities: "" },
};

function route(handlers: Record<string, (request: Request) => Response | Promise<Response>>) {
  return mockFetch((request) => {
    const { pathname } = new URL(request.url);
    const key = `${request.method} ${pathname}`;
    const handler = handlers[key];
    return handler ? handler(request) : problem(404, "Not Found", key);
  });
}

describe("BilanPage", () => {
  it("shows the dashboard, saves the texts and submits the bilan", async () => {
    let current = draft;
    route({
      "GET /api/reporting/v1/bilans/2011/ALPES": () => json(current),
      "GET /api/reporting/v1/bilans/2011/ALPES/versions": () => json({ items: [] }),
      "PUT /api/reporting/v1/bilans/2011/ALPES/qualitative": () => {
        current = { ...current, qualitative: { ...draft.qualitative, local_actions: "Salon" } };
        return json(current.qualitative);
      },
      "POST /api/reporting/v1/bilans/2011/ALPES/submit": () => {
        current = { ...current, status: "submitted", version: 1, submitted_at: "2012-01-20T10:00:00Z", submitted_by: "Marc" };
        return json(current);
      },
    });
    signIn(managerLogin);
    renderApp("/bilan");

    expect(await screen.findByRole("heading", { level: 1, name: "Bilan régional 2011 — caisse ALPES" })).toBeInTheDocument();
    const realisation = (await screen.findByText("Réalisation par rapport à la cible")).closest("figure")!;
    expect(realisation).toHaveTextContent("EIG75 % (3 / 4)");
    expect(screen.getByText("Entretiens tenus par canal").closest("figure")).toHaveTextContent(
      "En présentiel2Par téléphone1",
    );
    const table = screen.getByRole("table", { name: "Chiffres par action" });
    const row = within(table).getByRole("row", { name: /Entretiens EIG/ });
    expect(Array.from((row as HTMLTableRowElement).cells, (c) => c.textContent)).toEqual([
      "Entretiens EIG ", "Entretien individuel", "4", "4", "10", "4", "3", "1", "0 (0)", "0", "75 %", "75 %", "4,0",
    ]);
    expect(screen.getByText(/Échéance : 31 janvier 2012/, { selector: "p" })).toBeInTheDocument();

    const difficulties = screen.getByLabelText(/Difficultés rencontrées/);
    expect(difficulties).toHaveValue("Peu de créneaux");
    await userEvent.type(screen.getByLabelText(/Actions locales/), "Salon");
    await userEvent.click(screen.getByRole("button", { name: "Enregistrer les textes" }));
    expect(await screen.findByText("Textes enregistrés.")).toBeInTheDocument();
    await vi.waitFor(() => expect(screen.getByLabelText(/Actions locales/)).toHaveValue("Salon"));
    expect(screen.getByText("Textes enregistrés.")).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Transmettre le bilan" }));
    await userEvent.click(screen.getByRole("button", { name: "Confirmer la transmission" }));
    expect(await screen.findByText("Transmis — version 1")).toBeInTheDocument();
    expect(screen.queryByLabelText(/Difficultés rencontrées/)).not.toBeInTheDocument();
  });

  it("names the missing figures and does not offer to submit", async () => {
    route({
      "GET /api/reporting/v1/bilans/2011/ALPES": () => json({ ...draft, missing: ["satisfaction"], late: true }),
      "GET /api/reporting/v1/bilans/2011/ALPES/versions": () => json({ items: [] }),
    });
    signIn(managerLogin);
    renderApp("/bilans/2011/ALPES");

    expect(await screen.findByText(/Indisponibles pour le moment : satisfaction/)).toBeInTheDocument();
    expect(screen.getByText("En retard")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Transmettre le bilan" })).toBeDisabled();
  });
});

const national: NationalBilan = {
  year: 2011,
  deadline: "2012-01-31",
  deadline_passed: true,
  missing: [],
  counts: { submitted: 1, late: 0, missing: 1, pending: 0 },
  submissions: [
    { caisse_code: "ALPES", name: "RSI Alpes", state: "submitted", version: 1, submitted_at: "2012-01-20T10:00:00Z", reopened: false },
    { caisse_code: "CORSE", name: "RSI Corse", state: "missing", version: null, submitted_at: null, reopened: false },
  ],
  consolidated: {
    caisses: ["ALPES"],
    socle: [
      {
        action_id: 3, action_code: "EIG", title: "Entretiens EIG", contact_type: "individual_interview", caisses: 1,
        targeted: 4, listed: 4, invited: 10, booked: 4, held: 3, no_show: 1, meetings_held: 0, meeting_attendance: 0,
        letters_sent: 0, realised: 3, realisation_rate: 0.75, satisfaction: null,
      },
    ],
    comparison: [{ caisse_code: "ALPES", realisation_rates: { EIG: 0.75 }, regional_actions: 2, totals: draft.totals }],
    totals: draft.totals,
  },
};

describe("NationalBilanPage", () => {
  it("shows each caisse's state and reopens a submitted bilan with a reason, once confirmed", async () => {
    const reopened: unknown[] = [];
    route({
      "GET /api/reporting/v1/national/2011": () => json(national),
      "POST /api/reporting/v1/bilans/2011/ALPES/reopen": async (request) => {
        reopened.push(await request.json());
        return json({ version: 1, submitted_at: "", submitted_by: "", late: false, etag: "", reopened_at: null, reopened_by: null });
      },
    });
    signIn();
    renderApp("/bilan-national");

    expect(await screen.findByRole("heading", { level: 1, name: "Bilan national 2011" })).toBeInTheDocument();
    const states = await screen.findByRole("table", { name: "État de transmission par caisse" });
    expect(within(states).getByRole("row", { name: /RSI Alpes/ })).toHaveTextContent("Transmis");
    expect(within(states).getByRole("row", { name: /RSI Corse/ })).toHaveTextContent("Manquant");
    const comparison = screen.getByRole("table", { name: /Taux de réalisation par caisse/ });
    expect(within(comparison).getByRole("row", { name: /ALPES/ })).toHaveTextContent("ALPES75 %75 %2");

    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Rouvrir le bilan de RSI Alpes" }));
    const form = screen.getByRole("form", { name: "Rouvrir le bilan de RSI Alpes (version 1)" });
    await user.click(within(form).getByRole("button", { name: "Confirmer la réouverture" }));
    expect(within(form).getByText("Expliquez le motif en 10 caractères au moins.")).toBeInTheDocument();
    expect(reopened).toEqual([]); // one click is not enough

    await user.type(within(form).getByLabelText(/Motif de la réouverture/), "Les rencontres de décembre manquent.");
    await user.click(within(form).getByRole("button", { name: "Confirmer la réouverture" }));
    await vi.waitFor(() => expect(reopened).toEqual([{ version: 1, reason: "Les rencontres de décembre manquent." }]));
    await vi.waitFor(() => expect(screen.queryByRole("form", { name: /Rouvrir le bilan/ })).not.toBeInTheDocument());
  });

  it("switches to the live figures of every caisse", async () => {
    const liveSocle = { ...national.consolidated.socle[0]!, caisses: 30, realised: 40, targeted: 100, realisation_rate: 0.4 };
    route({
      "GET /api/reporting/v1/national/2011": () => json(national),
      "GET /api/reporting/v1/national/2011/live": () =>
        json({
          year: 2011,
          missing: ["satisfaction"],
          consolidated: { ...national.consolidated, caisses: Array(30).fill("X"), socle: [liveSocle] },
        }),
    });
    signIn();
    renderApp("/bilan-national/2011");
    const socle = await screen.findByRole("table", { name: /Objectifs et réalisation/ });
    expect(within(socle).getByRole("row", { name: /Entretiens EIG/ })).toHaveTextContent("75 %");

    await userEvent.click(screen.getByLabelText("Chiffres en direct de toutes les caisses"));
    expect(await screen.findByText(/Chiffres en direct de toutes les caisses \(30\)/)).toBeInTheDocument();
    expect(screen.getByText(/Chiffres indisponibles : satisfaction/)).toBeInTheDocument();
    const live = screen.getByRole("table", { name: /Objectifs et réalisation/ });
    expect(within(live).getByRole("row", { name: /Entretiens EIG/ })).toHaveTextContent("40 %");
  });

  it("is refused to caisse staff", async () => {
    mockFetch(() => json({}));
    signIn(managerLogin);
    renderApp("/bilan-national/2011");
    expect(await screen.findByRole("heading", { name: "Accès non autorisé" })).toBeInTheDocument();
  });
});

describe("BilanPage after a reopening", () => {
  it("tells the caisse's manager that the national office reopened the bilan, and why", async () => {
    route({
      "GET /api/reporting/v1/bilans/2011/ALPES": () => json({ ...draft, previous_versions: 1 }),
      "GET /api/reporting/v1/bilans/2011/ALPES/versions": () =>
        json({
          items: [
            {
              version: 1,
              submitted_at: "2012-01-20T10:00:00Z",
              submitted_by: "user:manager.alpes",
              late: false,
              etag: "x",
              reopened_at: "2012-01-25T08:30:00Z",
              reopened_by: "user:national",
              reopen_reason: "Les rencontres de décembre manquent",
            },
          ],
        }),
    });
    signIn(managerLogin);
    renderApp("/bilans/2011/ALPES");

    expect(await screen.findByText("Bilan rouvert par la Caisse nationale le 25/01/2012 09:30")).toBeInTheDocument();
    expect(screen.getByText(/Motif : Les rencontres de décembre manquent\. Complétez le bilan/)).toBeInTheDocument();
  });
});
