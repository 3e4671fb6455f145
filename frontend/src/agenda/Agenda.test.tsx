import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Counselor, Interview, PersonFile, Slot } from "../api/types";
import { eigAction } from "../test/fixtures";
import { actorLabel } from "./InterviewPanel";
import {
  counselorLogin,
  json,
  managerLogin,
  mockRoutes,
  problem,
  renderApp,
  signIn,
} from "../test/utils";

const claire: Counselor = { id: 1, username: "conseiller.alpes", full_name: "Claire Conseillère", caisse_code: "ALPES", active: true };
const paul: Counselor = { id: 2, username: "conseiller2.alpes", full_name: "Paul Conseiller", caisse_code: "ALPES", active: true };

const person = {
  id: 12,
  first_name: "Jean",
  last_name: "DUPONT",
  caisse_code: "ALPES",
} as PersonFile;

// Thursday 5 March 2026, 09:30 in Paris (UTC+1).
const interview: Interview = {
  id: "5f0c8a1e-0000-4000-8000-000000000001",
  caisse_code: "ALPES",
  counselor_id: 1,
  person_id: 12,
  action_id: 1,
  channel: "phone",
  site_id: null,
  start: "2026-03-05T08:30:00Z",
  end: "2026-03-05T09:15:00Z",
  status: "booked",
};

function slot(start: string, counselor = claire): Slot {
  const end = new Date(new Date(start).getTime() + 45 * 60_000).toISOString();
  return { counselor_id: counselor.id, counselor_name: counselor.full_name, channel: "phone", site_id: null, start, end };
}

beforeEach(() => {
  // Wednesday 4 March 2026, 11:00 in Paris: only Date is faked (timers stay real).
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-03-04T10:00:00Z"));
});
afterEach(() => {
  vi.useRealTimers();
});

function agendaRoutes(extra: Parameters<typeof mockRoutes>[0] = {}) {
  return mockRoutes({
    "GET /api/interviews/counselors": () => json([claire, paul]),
    "GET /api/interviews/counselors/1/interviews": (_r, url) =>
      json(url.searchParams.get("start")!.startsWith("2026-03-02") ? [interview] : []),
    "GET /api/targeting/persons/12": () => json(person),
    "GET /api/targeting/actions/1": () => json(eigAction),
    [`GET /api/interviews/interviews/${interview.id}/history`]: () =>
      json([{ at: "2026-03-01T09:00:00Z", actor: "user:conseiller.alpes", kind: "booked", detail: {} }]),
    ...extra,
  });
}

describe("AgendaPage", () => {
  it("shows the counselor's own week in Paris time and navigates weeks", async () => {
    const api = agendaRoutes();
    signIn(counselorLogin);
    renderApp("/agenda");

    expect(await screen.findByRole("heading", { level: 1, name: "Agenda — Claire Conseillère" })).toBeInTheDocument();
    const thursday = await screen.findByRole("region", { name: "Jeudi 5 mars" });
    expect(await within(thursday).findByRole("button", { name: /09:30 – 10:15/ })).toBeInTheDocument();
    expect(screen.getByText(/Semaine du lundi 2 mars au dimanche 8 mars 2026/)).toBeInTheDocument();
    const [week] = api.calls("GET /api/interviews/counselors/1/interviews");
    expect(api.calls("GET /api/interviews/counselors/1/interviews").map((c) => c.url.searchParams.get("start"))).toContain(
      "2026-03-02T00:00:00+01:00",
    );
    expect(week).toBeDefined();

    await userEvent.click(screen.getByRole("button", { name: "Semaine suivante" }));
    expect(await screen.findByText(/Semaine du lundi 9 mars au dimanche 15 mars 2026/)).toBeInTheDocument();
    await waitFor(() =>
      expect(api.calls("GET /api/interviews/counselors/1/interviews").map((c) => c.url.searchParams.get("end"))).toContain(
        "2026-03-16T00:00:00+01:00",
      ),
    );
    expect(screen.queryByRole("button", { name: /09:30 – 10:15/ })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Aujourd’hui" }));
    expect(await screen.findByRole("button", { name: /09:30 – 10:15/ })).toBeInTheDocument();
  });

  it("reschedules an interview to a free slot of the same counselor", async () => {
    const moved = { ...interview, start: "2026-03-06T13:00:00Z", end: "2026-03-06T13:45:00Z" };
    const api = agendaRoutes({
      "GET /api/interviews/slots": () => json([slot("2026-03-06T13:00:00Z"), slot("2026-03-06T14:00:00Z")]),
      [`POST /api/interviews/interviews/${interview.id}/reschedule`]: () => json(moved),
    });
    signIn(counselorLogin);
    renderApp("/agenda");

    await userEvent.click(await screen.findByRole("button", { name: /09:30 – 10:15/ }));
    const panel = await screen.findByRole("region", { name: /Rendez-vous du jeudi 5 mars 2026 à 09:30/ });
    expect(await within(panel).findByRole("link", { name: "Jean DUPONT" })).toBeInTheDocument();
    expect(await within(panel).findByText(/Rendez-vous pris par conseiller.alpes/)).toBeInTheDocument();
    // Not started yet: no outcome.
    expect(within(panel).getByRole("button", { name: "Tenu" })).toBeDisabled();

    await userEvent.click(within(panel).getByRole("button", { name: "Reporter" }));
    await userEvent.click(await within(panel).findByRole("radio", { name: "14:00 – 14:45, Claire Conseillère" }));
    await userEvent.click(within(panel).getByRole("button", { name: "Confirmer le report" }));

    expect(await screen.findByText("Rendez-vous reporté au vendredi 6 mars 2026 à 14:00.")).toBeInTheDocument();
    const [search] = api.calls("GET /api/interviews/slots");
    expect(Object.fromEntries(search!.url.searchParams)).toEqual({
      action_id: "1",
      channel: "phone",
      counselor_id: "1",
      from: "2026-03-02",
      to: "2026-03-08",
    });
    const [post] = api.calls(`POST /api/interviews/interviews/${interview.id}/reschedule`);
    expect(await post!.request.json()).toEqual({ start: "2026-03-06T13:00:00Z" });
  });

  it("cancels only with a reason", async () => {
    const api = agendaRoutes({
      [`POST /api/interviews/interviews/${interview.id}/cancel`]: () => json({ ...interview, status: "cancelled" }),
    });
    signIn(counselorLogin);
    renderApp("/agenda");

    await userEvent.click(await screen.findByRole("button", { name: /09:30 – 10:15/ }));
    const panel = await screen.findByRole("region", { name: /Rendez-vous du jeudi 5 mars/ });
    await userEvent.click(within(panel).getByRole("button", { name: "Annuler" }));
    await userEvent.click(within(panel).getByRole("button", { name: "Confirmer l’annulation" }));
    expect(await within(panel).findByText("Indiquez le motif de l’annulation.")).toBeInTheDocument();
    expect(api.calls(`POST /api/interviews/interviews/${interview.id}/cancel`)).toHaveLength(0);

    await userEvent.type(within(panel).getByLabelText(/Motif de l’annulation/), "Assuré hospitalisé");
    await userEvent.click(within(panel).getByRole("button", { name: "Confirmer l’annulation" }));
    expect(await within(panel).findByText("Le rendez-vous est annulé.")).toBeInTheDocument();
    const [post] = api.calls(`POST /api/interviews/interviews/${interview.id}/cancel`);
    expect(await post!.request.json()).toEqual({ reason: "Assuré hospitalisé" });
  });

  it("lets a manager choose the counselor", async () => {
    const api = agendaRoutes({ "GET /api/interviews/counselors/2/interviews": () => json([]) });
    signIn(managerLogin);
    renderApp("/agenda");
    await userEvent.selectOptions(await screen.findByLabelText("Conseiller"), "2");
    expect(await screen.findByRole("heading", { level: 1, name: "Agenda — Paul Conseiller" })).toBeInTheDocument();
    await waitFor(() => expect(api.calls("GET /api/interviews/counselors/2/interviews").length).toBeGreaterThan(0));
  });
});

describe("BookingPage", () => {
  it("lists the free slots by day and reloads them when the slot was taken", async () => {
    let bookings = 0;
    const booked: Interview = { ...interview, start: "2026-03-05T13:00:00Z", end: "2026-03-05T13:45:00Z" };
    const api = mockRoutes({
      "GET /api/targeting/persons/12": () => json(person),
      "GET /api/targeting/policy/2011/actions": () => json([eigAction]),
      "GET /api/interviews/sites": () => problem(405, "Method Not Allowed", "GET /sites"),
      "GET /api/interviews/slots": () =>
        json([slot("2026-03-05T13:00:00Z"), slot("2026-03-05T13:00:00Z", paul), slot("2026-03-06T13:00:00Z")]),
      "POST /api/interviews/interviews": () =>
        ++bookings === 1 ? problem(409, "Conflict", "Slot taken.") : json(booked, 201),
    });
    signIn(counselorLogin);
    renderApp("/assures/12/rendez-vous?action=1");

    expect(await screen.findByRole("heading", { level: 1, name: "Prendre rendez-vous — Jean DUPONT" })).toBeInTheDocument();
    const thursday = await screen.findByRole("group", { name: "Jeudi 5 mars" });
    expect(within(thursday).getAllByRole("radio").map((r) => r.parentElement!.textContent)).toEqual([
      "14:00 – 14:45, Claire Conseillère",
      "14:00 – 14:45, Paul Conseiller",
    ]);
    expect(screen.getByRole("group", { name: "Vendredi 6 mars" })).toBeInTheDocument();

    await userEvent.click(within(thursday).getByRole("radio", { name: "14:00 – 14:45, Paul Conseiller" }));
    await userEvent.click(screen.getByRole("button", { name: /Confirmer le rendez-vous du jeudi 5 mars 2026 à 14:00/ }));
    expect(await screen.findByText(/Ce créneau vient d’être pris/)).toBeInTheDocument();
    await waitFor(() => expect(api.calls("GET /api/interviews/slots")).toHaveLength(2));
    const [first] = api.calls("POST /api/interviews/interviews");
    expect(await first!.request.json()).toEqual({
      person_id: 12,
      action_id: 1,
      channel: "phone",
      site_id: null,
      start: "2026-03-05T13:00:00Z",
      counselor_id: 2,
    });

    const reloaded = await screen.findByRole("group", { name: "Jeudi 5 mars" });
    await userEvent.click(within(reloaded).getByRole("radio", { name: "14:00 – 14:45, Claire Conseillère" }));
    await userEvent.click(screen.getByRole("button", { name: /Confirmer le rendez-vous du/ }));
    expect(await screen.findByText("Rendez-vous enregistré")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Voir l’agenda" })).toHaveAttribute("href", "/agenda?semaine=2026-03-02&conseiller=1");
    const query = api.calls("GET /api/interviews/slots")[0]!.url.searchParams;
    expect(Object.fromEntries(query)).toEqual({ action_id: "1", channel: "phone", from: "2026-03-02", to: "2026-03-08" });
  });

  it("asks for the site of an in-person interview", async () => {
    const api = mockRoutes({
      "GET /api/targeting/persons/12": () => json(person),
      "GET /api/targeting/policy/2011/actions": () => json([eigAction]),
      "GET /api/interviews/sites": () => json([{ id: 7, name: "Accueil de Chambéry", address: "", caisse_code: "ALPES" }]),
      "GET /api/interviews/slots": () => json([]),
    });
    signIn(counselorLogin);
    renderApp("/assures/12/rendez-vous");
    await userEvent.click(await screen.findByLabelText("Sur place"));
    expect(screen.getByText("Précisez la recherche pour afficher les créneaux libres.")).toBeInTheDocument();
    await userEvent.selectOptions(await screen.findByLabelText("Site d’accueil"), "7");
    expect(await screen.findByText("Aucun créneau libre cette semaine.")).toBeInTheDocument();
    const query = api.calls("GET /api/interviews/slots").at(-1)!.url.searchParams;
    expect(query.get("site_id")).toBe("7");
    expect(query.get("channel")).toBe("in_person");
  });
});

describe("AgendaPage: names, working days and the calendar subscription", () => {
  it("names the person and shows a column for a Saturday the counselor works", async () => {
    agendaRoutes({
      "GET /api/interviews/counselors/1/interviews": (_r, url) =>
        json(
          url.searchParams.get("start")!.startsWith("2026-03-02")
            ? [{ ...interview, person_first_name: "Jean", person_last_name: "DUPONT" }]
            : [],
        ),
      "GET /api/interviews/counselors/1/opening-hours": () =>
        json([{ weekday: 5, starts_at: "09:00:00", ends_at: "12:00:00", channel: "phone", site_id: null }]),
    });
    signIn(counselorLogin);
    renderApp("/agenda");

    const thursday = await screen.findByRole("region", { name: "Jeudi 5 mars" });
    expect(await within(thursday).findByRole("button", { name: /Jean DUPONT/ })).toBeInTheDocument();
    expect(await screen.findByRole("region", { name: "Samedi 7 mars" })).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Dimanche 8 mars" })).not.toBeInTheDocument();
    expect(screen.queryByText(/Assuré n°/)).not.toBeInTheDocument();
  });

  it("falls back to the file number when the registry gave no name", async () => {
    agendaRoutes({
      "GET /api/interviews/counselors/1/interviews": (_r, url) =>
        json(
          url.searchParams.get("start")!.startsWith("2026-03-02")
            ? [{ ...interview, person_first_name: null, person_last_name: null }]
            : [],
        ),
    });
    signIn(counselorLogin);
    renderApp("/agenda");
    expect(await screen.findByRole("button", { name: /Assuré n° 12/ })).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Samedi 7 mars" })).not.toBeInTheDocument();
  });

  it("creates, shows and revokes the subscription address", async () => {
    const url = "http://127.0.0.1:8080/api/interviews/agenda-feeds/secret.ics";
    const api = agendaRoutes({
      "GET /api/interviews/counselors/1/agenda-feed": () => json({ url: null, updated_at: null }),
      "PUT /api/interviews/counselors/1/agenda-feed": () => json({ url, updated_at: "2026-03-04T10:00:00Z" }),
      "DELETE /api/interviews/counselors/1/agenda-feed": () => json({ url: null, updated_at: "2026-03-04T10:01:00Z" }),
    });
    signIn(counselorLogin);
    renderApp("/agenda");

    expect(await screen.findByText("Aucune adresse d’abonnement n’est active.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Créer une adresse d’abonnement" }));
    expect(await screen.findByLabelText("Adresse d’abonnement (iCalendar)")).toHaveValue(url);
    expect(api.calls("PUT /api/interviews/counselors/1/agenda-feed")).toHaveLength(1);

    await userEvent.click(screen.getByRole("button", { name: "Révoquer l’adresse" }));
    expect(await screen.findByText("Aucune adresse d’abonnement n’est active.")).toBeInTheDocument();
    expect(api.calls("DELETE /api/interviews/counselors/1/agenda-feed")).toHaveLength(1);
  });
});

describe("AvailabilityPage", () => {
  it("lists the absences, changes one and removes another", async () => {
    let absences = [
      { id: 3, starts: "2026-03-09T08:00:00Z", ends: "2026-03-09T11:00:00Z", reason: "formation" },
      { id: 4, starts: "2026-03-10T13:00:00Z", ends: "2026-03-10T17:00:00Z", reason: "congé" },
    ];
    const api = mockRoutes({
      "GET /api/interviews/counselors": () => json([claire]),
      "GET /api/interviews/sites": () => json([]),
      "GET /api/interviews/counselors/1/absences": () => json(absences),
      "PATCH /api/interviews/counselors/1/absences/3": async (request) => {
        const change = (await request.clone().json()) as { ends: string; reason: string };
        absences = absences.map((a) => (a.id === 3 ? { ...a, ...change } : a));
        return json(absences[0]);
      },
      "DELETE /api/interviews/counselors/1/absences/4": () => {
        absences = absences.filter((a) => a.id !== 4);
        return new Response(null, { status: 204 });
      },
    });
    signIn(managerLogin);
    renderApp("/disponibilites");

    const list = await screen.findByRole("list", { name: "Absences en cours et à venir" });
    expect(within(list).getByText(/Du 09\/03\/2026 09:00 au 09\/03\/2026 12:00 — formation/)).toBeInTheDocument();

    await userEvent.click(within(list).getByRole("button", { name: "Modifier l’absence du 09/03/2026 09:00" }));
    expect(screen.getByRole("heading", { name: "Modifier l’absence" })).toBeInTheDocument();
    expect(screen.getByLabelText(/^Début/)).toHaveValue("2026-03-09T09:00");
    const ends = screen.getByLabelText(/^Fin/);
    await userEvent.clear(ends);
    await userEvent.type(ends, "2026-03-09T10:30");
    await userEvent.click(screen.getByRole("button", { name: "Enregistrer les modifications" }));
    await waitFor(() => expect(api.calls("PATCH /api/interviews/counselors/1/absences/3")).toHaveLength(1));
    const [patch] = api.calls("PATCH /api/interviews/counselors/1/absences/3");
    expect(await patch!.request.json()).toEqual({
      starts: "2026-03-09T09:00:00+01:00",
      ends: "2026-03-09T10:30:00+01:00",
      reason: "formation",
    });
    expect(await screen.findByText(/au 09\/03\/2026 10:30 — formation/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Supprimer l’absence du 10/03/2026 14:00" }));
    await waitFor(() => expect(screen.queryByText(/congé/)).not.toBeInTheDocument());
    expect(api.calls("DELETE /api/interviews/counselors/1/absences/4")).toHaveLength(1);
  });

  it("replaces a counselor's opening hours with the rows of the editor", async () => {
    const api = mockRoutes({
      "GET /api/interviews/counselors": () => json([claire, paul]),
      "GET /api/interviews/sites": () => json([{ id: 7, name: "Accueil de Chambéry", address: "", caisse_code: "ALPES" }]),
      "PUT /api/interviews/counselors/2/opening-hours": async (request) =>
        json(((await request.clone().json()) as { periods: unknown[] }).periods),
    });
    signIn(managerLogin);
    renderApp("/disponibilites");

    await userEvent.selectOptions(await screen.findByLabelText("Conseiller"), "2");
    await userEvent.click(screen.getByRole("button", { name: "Ajouter une plage" }));
    await userEvent.click(screen.getByRole("button", { name: "Ajouter une plage" }));
    await userEvent.selectOptions(screen.getByLabelText("Jour de la plage 1"), "1");
    await userEvent.selectOptions(await screen.findByLabelText("Site de la plage 1"), "7");
    await userEvent.selectOptions(screen.getByLabelText("Jour de la plage 2"), "3");
    await userEvent.selectOptions(screen.getByLabelText("Canal de la plage 2"), "phone");
    await userEvent.clear(screen.getByLabelText("Début de la plage 2"));
    await userEvent.type(screen.getByLabelText("Début de la plage 2"), "14:00");
    await userEvent.clear(screen.getByLabelText("Fin de la plage 2"));
    await userEvent.type(screen.getByLabelText("Fin de la plage 2"), "17:30");
    await userEvent.click(screen.getByRole("button", { name: "Enregistrer les horaires" }));

    expect(await screen.findByText("Les horaires sont enregistrés.")).toBeInTheDocument();
    const [put] = api.calls("PUT /api/interviews/counselors/2/opening-hours");
    expect(await put!.request.json()).toEqual({
      periods: [
        { weekday: 1, starts_at: "09:00:00", ends_at: "12:00:00", channel: "in_person", site_id: 7 },
        { weekday: 3, starts_at: "14:00:00", ends_at: "17:30:00", channel: "phone", site_id: null },
      ],
    });
  });

  it("starts from the counselor's saved opening hours", async () => {
    mockRoutes({
      "GET /api/interviews/counselors": () => json([claire]),
      "GET /api/interviews/sites": () => json([]),
      "GET /api/interviews/counselors/1/opening-hours": () =>
        json([{ weekday: 4, starts_at: "14:00:00", ends_at: "16:30:00", channel: "phone", site_id: null }]),
    });
    signIn(managerLogin);
    renderApp("/disponibilites");
    expect(await screen.findByLabelText("Jour de la plage 1")).toHaveValue("4");
    expect(screen.getByLabelText("Fin de la plage 1")).toHaveValue("16:30");
    expect(screen.getByLabelText("Canal de la plage 1")).toHaveValue("phone");
  });

  it("refuses an in-person period without a site", async () => {
    const api = mockRoutes({
      "GET /api/interviews/counselors": () => json([claire]),
      "GET /api/interviews/sites": () => json([]),
    });
    signIn(managerLogin);
    renderApp("/disponibilites");
    await userEvent.click(await screen.findByRole("button", { name: "Ajouter une plage" }));
    await userEvent.click(screen.getByRole("button", { name: "Enregistrer les horaires" }));
    expect(await screen.findByText("Choisissez le site d’accueil.")).toBeInTheDocument();
    expect(api.calls("PUT /api/interviews/counselors/1/opening-hours")).toHaveLength(0);
  });
});

describe("interview history", () => {
  it("names who acted: a user, or the person through their personal link", () => {
    expect(actorLabel("user:conseiller.alpes")).toBe("conseiller.alpes");
    expect(actorLabel("invitation:12")).toBe("la personne, depuis son lien personnel (invitation n° 12)");
  });
});
