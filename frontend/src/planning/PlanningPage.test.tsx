import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { CapacityAlert, PlanningRow } from "../api/types";
import { counselorLogin, json, managerLogin, mockRoutes, renderApp, signIn, tableCells } from "../test/utils";

const rows: PlanningRow[] = [
  {
    action_id: 1,
    code: "EIG",
    title: "Entretiens EIG",
    window_start: null,
    window_end: null,
    targeted: 134,
    minutes_per_interview: 60,
    hours_needed: 134,
    hours_available: 0,
    gap_hours: -134,
  },
  {
    action_id: 9,
    code: "CREA",
    title: "Entretiens créateurs",
    window_start: "2027-01-04T00:00:00+01:00",
    window_end: "2027-03-31T23:59:59+02:00",
    targeted: 20,
    minutes_per_interview: 45,
    hours_needed: 15,
    hours_available: 320.5,
    gap_hours: 305.5,
  },
];
const alert: CapacityAlert = {
  caisse_code: "ALPES",
  action_id: 1,
  people: 300,
  booking_rate: 0.25,
  expected_bookings: 75,
  free_slots: 40,
  window_end: "2026-12-20T23:59:59+01:00",
  enough: false,
};

describe("planning", () => {
  it("shows the alerts, then hours needed and available per interview action, short ones highlighted", async () => {
    const api = mockRoutes({
      "GET /api/interviews/planning": (_, url) => json(url.searchParams.get("year") === "2011" ? rows : []),
      "GET /api/interviews/capacity/alerts": () => json([alert]),
    });
    signIn(managerLogin);
    renderApp("/planification");

    const table = await screen.findByRole("table", { name: "Actions d’entretien 2011" });
    expect(tableCells(table)).toEqual([
      ["Action", "Fenêtre à venir", "Personnes ciblées", "Minutes par entretien", "Heures nécessaires", "Heures disponibles", "Écart"],
      ["EIG — Entretiens EIG", "Fenêtre passée", "134", "60", "134 h", "0 h", "−134 h (heures manquantes)"],
      ["CREA — Entretiens créateurs", "du 4 janvier 2027 au 31 mars 2027", "20", "45", "15 h", "320,5 h", "305,5 h"],
    ]);
    expect(screen.getByText("−134 h").tagName).toBe("STRONG");
    expect(screen.getByText(/une fenêtre déjà passée n’a aucune heure disponible/)).toBeInTheDocument();
    expect(screen.getByRole("list", { name: "Alertes de capacité" })).toHaveTextContent(
      "EIG — Entretiens EIG (caisse ALPES) : 300 personnes, environ 75 rendez-vous attendus (25 % de prise de rendez-vous), 40 créneaux libres jusqu’au 20 décembre 2026.",
    );
    expect(screen.getByRole("link", { name: "Planification" })).toHaveAttribute("aria-current", "page");

    await userEvent.selectOptions(screen.getByLabelText("Année"), "2027");
    expect(await screen.findByText("Aucune action d’entretien individuel en 2027.")).toBeInTheDocument();
    await waitFor(() => expect(api.calls("GET /api/interviews/planning").at(-1)!.url.searchParams.get("year")).toBe("2027"));
  });

  it("is for managers only", async () => {
    mockRoutes({});
    signIn(counselorLogin);
    renderApp("/planification");
    expect(await screen.findByRole("heading", { level: 1, name: "Accès non autorisé" })).toBeInTheDocument();
  });
});
