import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { getSession } from "../auth/session";
import { counselorLogin, json, mockFetch, renderApp, signIn } from "../test/utils";
import { userLabel } from "./AppLayout";

describe("AppLayout", () => {
  it("labels the user with name, French role and caisse", () => {
    expect(userLabel(counselorLogin.user)).toBe("Claire Conseil — Conseiller, caisse ALP");
    expect(
      userLabel({ username: "n", full_name: "Nadia Nationale", role: "national", caisse_code: null }),
    ).toBe("Nadia Nationale — Caisse nationale");
  });

  it("shows the service header and the signed-in user, and logs out", async () => {
    mockFetch(() => json({ items: [], total: 0, limit: 50, offset: 0 }));
    signIn(counselorLogin);
    renderApp("/caisses");

    expect(screen.getAllByText("Politique de contact RSI").length).toBeGreaterThan(0);
    expect(screen.getAllByText("Claire Conseil — Conseiller, caisse ALP").length).toBeGreaterThan(0);

    // The DSFR header renders its quick access items twice (desktop bar and mobile menu).
    await userEvent.click(screen.getAllByRole("button", { name: "Se déconnecter" })[0]!);

    expect(await screen.findByRole("heading", { level: 1, name: "Connexion" })).toBeInTheDocument();
    expect(getSession()).toBeNull();
    expect(screen.queryByText(/Claire Conseil/)).not.toBeInTheDocument();
  });
});
