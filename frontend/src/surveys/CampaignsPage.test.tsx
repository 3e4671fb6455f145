import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { DrawReport } from "../api/types";
import { json, managerLogin, mockRoutes, renderApp, signIn } from "../test/utils";
import { drawSummary } from "./CampaignsPage";

const report: DrawReport = {
  events_read: 12,
  next_after: 40,
  links_issued: 5,
  messages_queued: 7,
  links_without_address: 1,
  opted_out: 2,
};

describe("survey campaigns: running the draw", () => {
  it("says how many links were issued and sent, and who was left out", async () => {
    const api = mockRoutes({
      "GET /api/surveys/campaigns": () => json([]),
      "GET /api/targeting/policy/2011/actions": () => json([]),
      "GET /api/surveys/questionnaires": () => json([]),
      "POST /api/surveys/draws/run": () => json(report),
    });
    signIn(managerLogin);
    renderApp("/enquetes/campagnes");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Lancer le tirage maintenant" }));

    expect(
      await screen.findByText(
        "Tirage effectué : 12 contact(s) lu(s), 5 lien(s) émis, 7 email(s) ou SMS envoyé(s), " +
          "1 lien(s) sans email ni mobile (à remettre autrement), " +
          "2 personne(s) opposée(s) au contact, non interrogée(s).",
      ),
    ).toBeInTheDocument();
    expect(api.calls("POST /api/surveys/draws/run")).toHaveLength(1);
  });

  it("leaves out the parts that are zero", () => {
    expect(drawSummary({ ...report, links_without_address: 0, opted_out: 0 })).toBe(
      "Tirage effectué : 12 contact(s) lu(s), 5 lien(s) émis, 7 email(s) ou SMS envoyé(s).",
    );
  });
});
