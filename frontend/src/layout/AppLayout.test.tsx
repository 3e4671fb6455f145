import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { getSession } from "../auth/session";
import { counselorLogin, json, mockFetch, renderApp, signIn } from "../test/utils";
import { mainNavigation, userLabel } from "./AppLayout";

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

describe("accessibility statement", () => {
  it("is linked from the footer of every page, signed in or not", async () => {
    mockFetch(() => json({}));
    renderApp("/connexion");

    const footer = screen.getByRole("contentinfo");
    await userEvent.click(within(footer).getByRole("link", { name: /Accessibilité : partiellement conforme/ }));

    expect(await screen.findByRole("heading", { level: 1, name: "Déclaration d’accessibilité" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 2, name: "État de conformité" }).nextElementSibling).toHaveTextContent(
      "partiellement conforme avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1",
    );
  });
});

describe("main navigation", () => {
  it.each([
    [
      "counselor",
      [
        "Caisses",
        "Assurés",
        "Politique de contact",
        "Agenda",
        "Campagnes",
        "Rencontres",
        "Enquêtes",
        "Bilan",
      ],
    ],
    [
      "caisse_manager",
      [
        "Caisses",
        "Assurés",
        "Politique de contact",
        "Agenda",
        "Campagnes",
        "Rencontres",
        "Modèles de courrier",
        "Disponibilités",
        "Planification",
        "Enquêtes",
        "Import",
        "Bilan",
        "Comptes",
      ],
    ],
    [
      "national",
      [
        "Caisses",
        "Politique de contact",
        "Modèles de courrier",
        "Trame d’entretien",
        "Enquêtes",
        "Bilan national",
        "Comptes",
      ],
    ],
    [
      "admin",
      [
        "Caisses",
        "Assurés",
        "Politique de contact",
        "Agenda",
        "Modèles de courrier",
        "Trame d’entretien",
        "Disponibilités",
        "Enquêtes",
        "Import",
        "Bilan national",
        "Comptes",
        "Clients machines",
      ],
    ],
  ] as const)("offers %s the screens of its role", (role, screens) => {
    expect(mainNavigation(role, "/").map((item) => item.text)).toEqual(screens);
  });

  it("marks the current screen, actions and lists belonging to the policy", () => {
    const active = (path: string) =>
      mainNavigation("admin", path).filter((item) => item.isActive).map((item) => item.text);
    expect(active("/assures/12")).toEqual(["Assurés"]);
    expect(active("/actions/1")).toEqual(["Politique de contact"]);
    expect(active("/listes/abc")).toEqual(["Politique de contact"]);
    expect(active("/imports")).toEqual(["Import"]);
    expect(active("/entretiens/abc")).toEqual(["Agenda"]);
    expect(active("/trame")).toEqual(["Trame d’entretien"]);
  });

  it("shows the menu in the header", () => {
    mockFetch(() => json({ items: [], total: 0, limit: 50, offset: 0 }));
    signIn(counselorLogin);
    renderApp("/caisses");

    const menu = screen.getByRole("navigation", { name: "Menu principal" });
    expect(within(menu).getByRole("link", { name: "Assurés" })).toHaveAttribute("href", "/assures");
    expect(within(menu).queryByRole("link", { name: "Import" })).not.toBeInTheDocument();
  });
});
