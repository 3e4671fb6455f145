import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { SurveyCampaign, SurveyMessage, SurveyMessagePage } from "../api/types";
import { formatDateTime } from "../format";
import { json, managerLogin, mockRoutes, renderApp, signIn, tableCells } from "../test/utils";

const campaign: SurveyCampaign = {
  id: 5,
  caisse_code: "ALPES",
  action_id: null,
  title: "Satisfaction 2026",
  questionnaire_version_id: 1,
  sample_share: 0.2,
  sample_count: null,
  minimum_per_caisse: 30,
  active: true,
  created_at: "2026-11-20T10:00:00Z",
};

function failed(n: number): SurveyMessage {
  return {
    id: 100 + n,
    channel: n % 2 ? "sms" : "email",
    status: "failed",
    attempts: n % 2 ? 30 : 1,
    last_error: n % 2 ? "La passerelle SMS a répondu HTTP 503" : "Adresse email invalide",
    created_at: "2026-11-25T18:51:00Z",
    sent_at: null,
    failed_at: "2026-11-26T08:00:00Z",
    link_id: 40 + n,
    person_id: 700 + n,
    caisse_code: "ALPES",
  };
}

function page(offset: number, counts = { pending: 0, sent: 120, failed: 23 }): SurveyMessagePage {
  const items = Array.from({ length: Math.min(20, counts.failed - offset) }, (_, i) => failed(offset + i));
  return { items, total: counts.failed, limit: 20, offset, counts };
}

function routes(messages: (url: URL) => SurveyMessagePage) {
  return mockRoutes({
    "GET /api/surveys/campaigns/5": () => json(campaign),
    "GET /api/surveys/campaigns/5/messages": (_, url) => json(messages(url)),
    "GET /api/surveys/campaigns/5/links": () => json({ items: [], total: 0, limit: 50, offset: 0 }),
    "GET /api/targeting/policy/2011/actions": () => json([]),
  });
}

describe("a survey campaign's emails and SMS", () => {
  it("lists those given up on with their reason and attempts, by pages", async () => {
    const api = routes((url) => page(Number(url.searchParams.get("offset"))));
    signIn(managerLogin);
    renderApp("/enquetes/campagnes/5");

    expect(await screen.findByText("120 envoyés, 23 en échec définitif.")).toBeInTheDocument();
    const table = await screen.findByRole("table", { name: "Messages en échec définitif, 1 à 20 sur 23" });
    const rows = tableCells(table);
    expect(rows[0]).toEqual(["Destinataire", "Canal", "Statut", "Tentatives", "Motif", "Date de l’échec"]);
    expect(rows.slice(1, 3)).toEqual([
      ["n° 700 (ALPES)", "Email", "Échec définitif", "1 tentative", "Adresse email invalide", formatDateTime("2026-11-26T08:00:00Z")],
      ["n° 701 (ALPES)", "SMS", "Échec définitif", "30 tentatives", "La passerelle SMS a répondu HTTP 503", formatDateTime("2026-11-26T08:00:00Z")],
    ]);
    expect(screen.getByRole("link", { name: "n° 700" })).toHaveAttribute("href", "/assures/700");

    await userEvent.click(screen.getByRole("button", { name: "Suivants" }));
    expect(await screen.findByRole("table", { name: "Messages en échec définitif, 21 à 23 sur 23" })).toBeInTheDocument();
    const offsets = api.calls("GET /api/surveys/campaigns/5/messages").map(({ url }) => url.searchParams.get("offset"));
    expect(offsets).toEqual(["0", "20"]);
    expect(api.calls("GET /api/surveys/campaigns/5/messages").every(({ url }) => url.searchParams.get("status") === "failed")).toBe(true);
  });

  it("shows only the counts while nothing failed", async () => {
    routes(() => page(0, { pending: 4, sent: 10, failed: 0 }));
    signIn(managerLogin);
    renderApp("/enquetes/campagnes/5");

    expect(await screen.findByText("10 envoyés, 4 en attente d’envoi.")).toBeInTheDocument();
    expect(screen.queryByText("Échec définitif")).not.toBeInTheDocument();
  });
});
