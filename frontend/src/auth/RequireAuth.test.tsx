import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "../test/utils";

describe("RequireAuth", () => {
  it.each(["/", "/caisses"])("sends an anonymous visitor of %s to the login page", async (path) => {
    renderApp(path);
    expect(await screen.findByRole("heading", { level: 1, name: "Connexion" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Se déconnecter" })).not.toBeInTheDocument();
  });
});
