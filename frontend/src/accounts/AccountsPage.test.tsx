import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Account } from "../api/types";
import { adminLogin, json, managerLogin, mockRoutes, problem, renderApp, signIn, tableCells } from "../test/utils";

const julie: Account = {
  id: "8b0f6e34-2d7a-4b43-9a55-0f1b2c3d4e5f",
  username: "julie.martin",
  full_name: "Julie Martin",
  email: "julie.martin@rsi-alpes.example",
  role: "counselor",
  caisse_code: "ALPES",
  active: true,
  status: "invited",
  password_set_at: null,
  created_at: "2026-12-04T18:00:00Z",
};

describe("AccountsPage", () => {
  it("lists the accounts and searches them", async () => {
    const api = mockRoutes({
      "GET /api/identity/accounts": (_r, url) =>
        json({ items: url.searchParams.get("q") === "zzz" ? [] : [julie], total: 1, limit: 20, offset: 0 }),
    });
    signIn(managerLogin);
    renderApp("/comptes");

    const table = await screen.findByRole("table", { name: "Comptes (1)" });
    expect(tableCells(table)[1]).toEqual([
      "Julie Martin",
      "julie.martin",
      "julie.martin@rsi-alpes.example",
      "Conseiller",
      "ALPES",
      "Invitation envoyée",
    ]);
    expect(screen.getByRole("link", { name: "Julie Martin" })).toHaveAttribute("href", `/comptes/${julie.id}`);
    await userEvent.type(screen.getByLabelText(/Rechercher/), "zzz");
    expect(await screen.findByText("Aucun compte ne correspond.")).toBeInTheDocument();
    const last = api.calls("GET /api/identity/accounts").at(-1)!;
    expect(last.url.searchParams.get("q")).toBe("zzz");
    expect(last.url.searchParams.get("limit")).toBe("20");
  });

  it("is not offered to counselors", async () => {
    mockRoutes({});
    signIn({ ...managerLogin, user: { ...managerLogin.user, role: "counselor" } });
    renderApp("/comptes");
    expect(await screen.findByRole("heading", { name: "Accès non autorisé" })).toBeInTheDocument();
  });
});

describe("NewAccountPage", () => {
  it("invites a counselor of the manager's caisse and creates their counselor record", async () => {
    const api = mockRoutes({
      "POST /api/identity/accounts": () => json(julie, 201),
      "POST /api/interviews/counselors": () =>
        json({ id: 3, username: "julie.martin", full_name: "Julie Martin", caisse_code: "ALPES", active: true }, 201),
      [`GET /api/identity/accounts/${julie.id}`]: () => json(julie),
    });
    signIn(managerLogin);
    renderApp("/comptes/nouveau");

    expect(screen.getByLabelText("Rôle")).toHaveDisplayValue("Conseiller");
    expect(screen.queryByLabelText(/Code de la caisse/)).not.toBeInTheDocument();
    await userEvent.type(screen.getByLabelText("Nom complet"), "Julie Martin");
    await userEvent.type(screen.getByLabelText(/^Identifiant/), "julie.martin");
    await userEvent.type(screen.getByLabelText(/Adresse email/), "julie.martin@rsi-alpes.example");
    await userEvent.click(screen.getByRole("button", { name: "Envoyer l’invitation" }));

    expect(await screen.findByText(/va recevoir un lien pour choisir son mot de passe/)).toBeInTheDocument();
    const [sent] = api.calls("POST /api/identity/accounts");
    expect(await sent!.request.json()).toEqual({
      full_name: "Julie Martin",
      username: "julie.martin",
      email: "julie.martin@rsi-alpes.example",
      role: "counselor",
      caisse_code: null,
    });
    const [record] = api.calls("POST /api/interviews/counselors");
    expect(await record!.request.json()).toEqual({ username: "julie.martin", full_name: "Julie Martin" });
  });

  it("shows the field a duplicate names", async () => {
    mockRoutes({
      "POST /api/identity/accounts": () =>
        json(
          {
            title: "Conflict",
            status: 409,
            detail: "L'identifiant « julie.martin » est déjà pris.",
            errors: [{ field: "username", location: "body", message: "L'identifiant « julie.martin » est déjà pris." }],
          },
          409,
          "application/problem+json",
        ),
    });
    signIn(adminLogin);
    renderApp("/comptes/nouveau");
    expect(screen.getByLabelText("Code de la caisse", { exact: false })).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText("Nom complet"), "Julie Martin");
    await userEvent.type(screen.getByLabelText(/^Identifiant/), "julie.martin");
    await userEvent.type(screen.getByLabelText(/Adresse email/), "j@x.fr");
    await userEvent.type(screen.getByLabelText(/Code de la caisse/), "alpes");
    await userEvent.click(screen.getByRole("button", { name: "Envoyer l’invitation" }));
    await waitFor(() => expect(screen.getAllByText("L'identifiant « julie.martin » est déjà pris.").length).toBe(2));
  });
});

describe("AccountPage", () => {
  it("deactivates an account", async () => {
    const api = mockRoutes({
      [`GET /api/identity/accounts/${julie.id}`]: () => json({ ...julie, status: "active" }),
      [`POST /api/identity/accounts/${julie.id}/deactivate`]: () =>
        json({ ...julie, active: false, status: "inactive" }),
    });
    signIn(managerLogin);
    renderApp(`/comptes/${julie.id}`);
    await userEvent.click(await screen.findByRole("button", { name: "Désactiver le compte" }));
    expect(await screen.findByRole("button", { name: "Réactiver le compte" })).toBeInTheDocument();
    expect(screen.getByText("Désactivé")).toBeInTheDocument();
    expect(api.calls(`POST /api/identity/accounts/${julie.id}/deactivate`)).toHaveLength(1);
  });

  it("takes the caisse off an account the admin moves to the national office", async () => {
    const active = { ...julie, status: "active" as const };
    const api = mockRoutes({
      [`GET /api/identity/accounts/${julie.id}`]: () => json(active),
      [`PATCH /api/identity/accounts/${julie.id}`]: () => json({ ...active, role: "national", caisse_code: null }),
    });
    signIn(adminLogin);
    renderApp(`/comptes/${julie.id}`);
    expect(await screen.findByLabelText(/Code de la caisse/)).toHaveValue("ALPES");
    await userEvent.selectOptions(screen.getByLabelText(/^Rôle/), "national");
    expect(screen.queryByLabelText(/Code de la caisse/)).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Enregistrer" }));
    expect(await screen.findByText("Modifications enregistrées.")).toBeInTheDocument();
    const [sent] = api.calls(`PATCH /api/identity/accounts/${julie.id}`);
    expect(await sent!.request.json()).toEqual({
      full_name: "Julie Martin",
      email: "julie.martin@rsi-alpes.example",
      role: "national",
      caisse_code: null,
    });
  });

  it("creates the counselor record an account of the caisse lacks", async () => {
    let records: { id: number; username: string; full_name: string; caisse_code: string; active: boolean }[] = [];
    const api = mockRoutes({
      [`GET /api/identity/accounts/${julie.id}`]: () => json(julie),
      "GET /api/interviews/counselors": () => json(records),
      "POST /api/interviews/counselors": () => {
        records = [{ id: 4, username: "julie.martin", full_name: "Julie Martin", caisse_code: "ALPES", active: true }];
        return json(records[0], 201);
      },
    });
    signIn(managerLogin);
    renderApp(`/comptes/${julie.id}`);
    await userEvent.click(await screen.findByRole("button", { name: "Créer sa fiche conseiller" }));
    expect(await screen.findByText(/Ce compte a sa fiche conseiller/)).toBeInTheDocument();
    const [sent] = api.calls("POST /api/interviews/counselors");
    expect(await sent!.request.json()).toEqual({ username: "julie.martin", full_name: "Julie Martin" });
  });

  it("says when the account is out of reach", async () => {
    mockRoutes({
      [`GET /api/identity/accounts/${julie.id}`]: () => problem(404, "Not found", "Compte introuvable."),
    });
    signIn(managerLogin);
    renderApp(`/comptes/${julie.id}`);
    expect(await screen.findByRole("alert")).toHaveTextContent("Compte introuvable.");
  });
});
