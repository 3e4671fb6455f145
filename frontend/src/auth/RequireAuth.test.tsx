import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { json, managerLogin, mockFetch, nationalLogin, problem, renderApp, signIn } from "../test/utils";
import { sessionEndedByLogout } from "./session";

describe("RequireAuth", () => {
  it.each(["/", "/caisses"])("sends an anonymous visitor of %s to the login page", async (path) => {
    renderApp(path);
    expect(await screen.findByRole("heading", { level: 1, name: "Connexion" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Se déconnecter" })).not.toBeInTheDocument();
  });
});

describe("after a logout", () => {
  it("the next user lands on the home page, not on the previous user's page", async () => {
    mockFetch((request) => {
      const path = new URL(request.url).pathname;
      if (path === "/api/identity/auth/login") return json(nationalLogin);
      if (path === "/api/targeting/caisses") return json({ items: [], total: 0, limit: 50, offset: 0 });
      if (path === "/api/targeting/policy/2011/actions") return json([]);
      return problem(404, "Not Found", path);
    });
    signIn(managerLogin);
    renderApp("/politique/2011");
    const user = userEvent.setup();
    await user.click((await screen.findAllByRole("button", { name: "Se déconnecter" }))[0]!);
    await screen.findByRole("heading", { level: 1, name: "Connexion" });

    await user.type(screen.getByLabelText("Identifiant"), "national");
    await user.type(screen.getByLabelText("Mot de passe"), "national-demo");
    await user.click(screen.getByRole("button", { name: "Se connecter" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Caisses régionales" })).toBeInTheDocument();
  });

  it("a visitor sent to the login page comes back to the page asked for", async () => {
    mockFetch((request) => {
      const path = new URL(request.url).pathname;
      if (path === "/api/identity/auth/login") return json(nationalLogin);
      if (path === "/api/targeting/policy/2011/actions") return json([]);
      return problem(404, "Not Found", path);
    });
    renderApp("/politique/2011");
    const user = userEvent.setup();
    await screen.findByRole("heading", { level: 1, name: "Connexion" });
    expect(sessionEndedByLogout()).toBe(false);

    await user.type(screen.getByLabelText("Identifiant"), "national");
    await user.type(screen.getByLabelText("Mot de passe"), "national-demo");
    await user.click(screen.getByRole("button", { name: "Se connecter" }));

    expect(await screen.findByRole("heading", { level: 1, name: /2011/ })).toBeInTheDocument();
  });
});
