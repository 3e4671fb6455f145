import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { PolicyYear } from "../api/types";
import { eigAction, regionalAction } from "../test/fixtures";
import { json, managerLogin, mockRoutes, nationalLogin, renderApp, signIn } from "../test/utils";

const prepared2012: PolicyYear = {
  year: 2012,
  national_actions: 1,
  prepared_from: 2011,
  criteria_shifted: true,
  published_on: null,
  published: false,
};

describe("YearCyclePanel", () => {
  it("lets the national office prepare next year's socle from this one", async () => {
    const api = mockRoutes({
      "GET /api/targeting/policy/years": () => json([{ ...prepared2012, year: 2011, prepared_from: null }]),
      "GET /api/targeting/policy/2012/actions": () => json([]),
      "POST /api/targeting/policy/2012/preparation": () => json(prepared2012, 201),
    });
    signIn(nationalLogin);
    renderApp("/politique/2012");

    await screen.findByRole("heading", { level: 2, name: "Préparer le socle 2012" });
    await userEvent.click(screen.getByLabelText(/Décaler les critères d’âge d’un an/));
    await userEvent.click(screen.getByRole("button", { name: "Préparer à partir de 2011" }));

    const [call] = api.calls("POST /api/targeting/policy/2012/preparation");
    expect(await call.request.json()).toEqual({ from_year: 2011, shift_age_criteria: false });
  });

  it("shows a prepared year's publication and publishes it on a date", async () => {
    const api = mockRoutes({
      "GET /api/targeting/policy/years": () => json([prepared2012]),
      "GET /api/targeting/policy/2012/actions": () => json([{ ...eigAction, year: 2012 }]),
      "PUT /api/targeting/policy/2012/publication": () =>
        json({ ...prepared2012, published_on: "2012-01-02", published: true }),
    });
    signIn(nationalLogin);
    renderApp("/politique/2012");

    expect(
      await screen.findByText(/Pas encore publié : les caisses ne le voient pas\./),
    ).toBeInTheDocument();
    const publish = screen.getByRole("button", { name: "Publier" });
    expect(publish).toBeDisabled();
    await userEvent.type(screen.getByLabelText("Visible par les caisses à partir du"), "2012-01-02");
    await userEvent.click(publish);

    const [call] = api.calls("PUT /api/targeting/policy/2012/publication");
    expect(await call.request.json()).toEqual({ published_on: "2012-01-02" });
  });

  it("lets a manager carry over the caisse's regional actions into a published year", async () => {
    const api = mockRoutes({
      "GET /api/targeting/policy/years": () =>
        json([{ ...prepared2012, published_on: "2012-01-02", published: true }]),
      "GET /api/targeting/policy/2012/actions": () => json([{ ...eigAction, year: 2012 }]),
      "POST /api/targeting/policy/2012/carry-over": () =>
        json({ created: [{ ...regionalAction, year: 2012 }], skipped: ["FORUM"] }, 201),
    });
    signIn(managerLogin);
    renderApp("/politique/2012");

    await userEvent.click(await screen.findByRole("button", { name: "Reconduire mes actions de 2011" }));

    expect(
      await screen.findByText(`Reconduites : ${regionalAction.code}. Déjà présentes : FORUM.`),
    ).toBeInTheDocument();
    expect(api.calls("POST /api/targeting/policy/2012/carry-over")).toHaveLength(1);
    expect(screen.queryByRole("heading", { name: /Préparer le socle/ })).not.toBeInTheDocument();
  });
});
