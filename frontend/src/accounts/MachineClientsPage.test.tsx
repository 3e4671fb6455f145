import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { MachineClient } from "../api/types";
import { adminLogin, json, mockRoutes, renderApp, signIn } from "../test/utils";

const caf: MachineClient = {
  id: "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
  client_id: "caf-batch",
  name: "Échanges CAF",
  scopes: ["stats:read"],
  active: true,
  created_at: "2026-12-04T18:00:00Z",
};

describe("MachineClientsPage", () => {
  it("registers a client with its scopes and shows its secret once", async () => {
    const api = mockRoutes({
      "GET /api/identity/machine-clients": () => json({ items: [], total: 0, limit: 20, offset: 0 }),
      "POST /api/identity/machine-clients": () => json({ client: caf, client_secret: "s3cr3t-une-fois" }, 201),
    });
    signIn(adminLogin);
    renderApp("/clients-machines");

    await userEvent.type(await screen.findByLabelText(/Identifiant du client/), "caf-batch");
    await userEvent.type(screen.getByLabelText("Nom"), "Échanges CAF");
    await userEvent.click(screen.getByLabelText(/Lire les statistiques/));
    await userEvent.click(screen.getByRole("button", { name: "Enregistrer" }));

    expect(await screen.findByTestId("client-secret")).toHaveTextContent("s3cr3t-une-fois");
    const [sent] = api.calls("POST /api/identity/machine-clients");
    expect(await sent!.request.json()).toEqual({ client_id: "caf-batch", name: "Échanges CAF", scopes: ["stats:read"] });
  });

  it("rotates a client's secret", async () => {
    mockRoutes({
      "GET /api/identity/machine-clients": () => json({ items: [caf], total: 1, limit: 20, offset: 0 }),
      [`POST /api/identity/machine-clients/${caf.id}/secret`]: () => json({ client: caf, client_secret: "nouveau-secret" }),
    });
    signIn(adminLogin);
    renderApp("/clients-machines");
    await userEvent.click(await screen.findByRole("button", { name: "Nouveau secret" }));
    expect(await screen.findByTestId("client-secret")).toHaveTextContent("nouveau-secret");
  });
});
