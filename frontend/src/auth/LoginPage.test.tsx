import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { getSession } from "./session";
import { json, mockFetch, nationalLogin, problem, renderApp } from "../test/utils";

async function submit(username: string, password: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText("Identifiant"), username);
  await user.type(screen.getByLabelText("Mot de passe"), password);
  await user.click(screen.getByRole("button", { name: "Se connecter" }));
}

describe("LoginPage", () => {
  it("shows the problem detail when the credentials are refused", async () => {
    mockFetch(() => problem(401, "Unauthorized", "Identifiant ou mot de passe incorrect."));
    renderApp("/connexion");

    await submit("national", "wrong");

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Connexion impossible");
    expect(alert).toHaveTextContent("Identifiant ou mot de passe incorrect.");
    expect(getSession()).toBeNull();
    expect(sessionStorage.length).toBe(0);
  });

  it("posts the credentials, keeps the token and opens the caisses page", async () => {
    const requests: { url: string; body: unknown; auth: string | null }[] = [];
    mockFetch(async (request) => {
      const url = new URL(request.url);
      requests.push({
        url: url.pathname,
        body: request.method === "POST" ? await request.json() : null,
        auth: request.headers.get("Authorization"),
      });
      if (url.pathname === "/api/identity/auth/login") return json(nationalLogin);
      if (url.pathname === "/api/targeting/caisses") {
        return json({ items: [], total: 0, limit: 50, offset: 0 });
      }
      return problem(404, "Not Found", url.pathname);
    });
    renderApp("/connexion");

    await submit("national", "national-demo");

    expect(
      await screen.findByRole("heading", { level: 1, name: "Caisses régionales" }),
    ).toBeInTheDocument();
    expect(getSession()?.token).toBe("token-national");
    expect(sessionStorage.getItem("rsi.session")).toContain("token-national");
    expect(requests.find((r) => r.url === "/api/identity/auth/login")).toEqual({
      url: "/api/identity/auth/login",
      body: { username: "national", password: "national-demo" },
      auth: null,
    });
    await waitFor(() =>
      expect(requests.find((r) => r.url === "/api/targeting/caisses")?.auth).toBe(
        "Bearer token-national",
      ),
    );
  });

  it("offers ProConnect when identity has a provider, and not otherwise", async () => {
    mockFetch((request) =>
      new URL(request.url).pathname === "/api/identity/auth/sign-in-options"
        ? json({ oidc_provider: "ProConnect" })
        : problem(401, "Unauthorized", "Aucune session ouverte : connectez-vous."),
    );
    renderApp("/connexion");
    const button = await screen.findByRole("link", { name: /S’identifier avec\s*ProConnect/ });
    expect(button).toHaveAttribute("href", "/api/identity/oidc/login");
    // The password form stays for accounts without ProConnect.
    expect(screen.getByRole("button", { name: "Se connecter" })).toBeInTheDocument();
  });

  it("has no ProConnect button without a provider", async () => {
    const fetchMock = mockFetch((request) =>
      new URL(request.url).pathname === "/api/identity/auth/sign-in-options"
        ? json({ oidc_provider: null })
        : problem(401, "Unauthorized", "Aucune session ouverte : connectez-vous."),
    );
    renderApp("/connexion");
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
    expect(screen.queryByRole("link", { name: /ProConnect/ })).not.toBeInTheDocument();
  });

  it("resumes the session of the refresh cookie (back from ProConnect)", async () => {
    mockFetch((request) => {
      const path = new URL(request.url).pathname;
      if (path === "/api/identity/auth/refresh") return json(nationalLogin);
      if (path === "/api/targeting/caisses") {
        return json({ items: [], total: 0, limit: 50, offset: 0 });
      }
      return json({ oidc_provider: "ProConnect" });
    });
    renderApp("/connexion");
    expect(
      await screen.findByRole("heading", { level: 1, name: "Caisses régionales" }),
    ).toBeInTheDocument();
    expect(getSession()?.token).toBe("token-national");
  });

  it("explains when the service cannot be reached", async () => {
    mockFetch(() => Promise.reject(new TypeError("Failed to fetch")));
    renderApp("/connexion");

    await submit("national", "national-demo");

    expect(await screen.findByRole("alert")).toHaveTextContent(/momentanément indisponible/);
  });
});
