import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { getSession } from "../auth/session";
import { json, mockFetch, problem, renderApp, signIn } from "../test/utils";

const caisses = [
  { code: "ALP", name: "RSI Alpes", region: "Auvergne-Rhône-Alpes", overseas: false },
  { code: "ANT", name: "RSI Antilles-Guyane", region: "Antilles-Guyane", overseas: true },
];

describe("CaissesPage", () => {
  it("lists the caisses in a table", async () => {
    const fetchMock = mockFetch(() => json({ items: caisses, total: 2, limit: 50, offset: 0 }));
    signIn();
    renderApp("/");

    expect(screen.getByRole("status")).toHaveTextContent("Chargement des caisses");
    const table = await screen.findByRole("table", { name: /Caisses visibles.*\(2\)/ });
    const rows = within(table).getAllByRole("row");
    const cells = rows.map((row) => Array.from((row as HTMLTableRowElement).cells, (c) => c.textContent));
    expect(cells).toEqual([
      ["Code", "Nom", "Région", "Outre-mer"],
      ["ALP", "RSI Alpes", "Auvergne-Rhône-Alpes", "Non"],
      ["ANT", "RSI Antilles-Guyane", "Antilles-Guyane", "Oui"],
    ]);
    const request = fetchMock.mock.calls[0]![0] as Request;
    expect(new URL(request.url).pathname).toBe("/api/targeting/caisses");
    expect(new URL(request.url).searchParams.get("limit")).toBe("50");
    expect(request.headers.get("Authorization")).toBe("Bearer token-national");
  });

  it("shows the service's error", async () => {
    mockFetch(() => problem(503, "Service Unavailable", "La base de données est indisponible."));
    signIn();
    renderApp("/caisses");

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "La base de données est indisponible.",
    );
  });

  it("goes back to the login page when the token has expired", async () => {
    mockFetch(() => problem(401, "Unauthorized", "Jeton expiré."));
    signIn();
    renderApp("/caisses");

    expect(await screen.findByRole("heading", { level: 1, name: "Connexion" })).toBeInTheDocument();
    expect(getSession()).toBeNull();
  });
});
