import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { eigAction, regionalAction } from "../test/fixtures";
import { json, managerLogin, mockRoutes, renderApp, signIn } from "../test/utils";

describe("PolicyPage", () => {
  it("opens on 2011 and groups the socle and the regional actions", async () => {
    mockRoutes({
      "GET /api/targeting/policy/2011/actions": () => json([eigAction, regionalAction]),
    });
    signIn(managerLogin);
    renderApp("/politique");

    expect(
      await screen.findByRole("heading", { level: 1, name: "Politique de contact 2011" }),
    ).toBeInTheDocument();
    const socle = await screen.findByRole("region", { name: "Socle national (1)" });
    const eig = within(socle).getByRole("link", { name: eigAction.title });
    expect(eig).toHaveAttribute("href", "/actions/1");
    expect(socle).toHaveTextContent("Entretien individuel");
    expect(socle).toHaveTextContent("Calendrier : du 1er juillet 2011 au 31 mars 2012");
    expect(socle).toHaveTextContent(eigAction.target_description);

    const regional = screen.getByRole("region", { name: "Actions régionales (1)" });
    expect(within(regional).getByRole("link", { name: regionalAction.title })).toHaveAttribute(
      "href",
      "/actions/7",
    );
    expect(regional).toHaveTextContent("Rencontre collective");
    expect(regional).toHaveTextContent("Caisse ALPES");
  });

  it("changes year", async () => {
    const api = mockRoutes({
      "GET /api/targeting/policy/2011/actions": () => json([eigAction]),
      "GET /api/targeting/policy/2012/actions": () => json([]),
    });
    signIn(managerLogin);
    renderApp("/politique/2011");

    await screen.findByRole("region", { name: "Socle national (1)" });
    await userEvent.selectOptions(screen.getByLabelText("Année"), "2012");

    expect(
      await screen.findByRole("heading", { level: 1, name: "Politique de contact 2012" }),
    ).toBeInTheDocument();
    expect(await screen.findByText("Aucune action nationale n’est définie pour 2012.")).toBeInTheDocument();
    expect(api.calls("GET /api/targeting/policy/2012/actions")).toHaveLength(1);
  });
});
