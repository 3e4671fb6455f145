import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { json, managerLogin, mockRoutes, renderApp, signIn } from "../test/utils";

const TOKEN = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const weak = {
  title: "Unprocessable content",
  status: 422,
  detail: "Le mot de passe doit comporter au moins 12 caractères (il en a 5).",
  code: "weak_password",
  errors: [{ field: "password", location: "body", message: "Le mot de passe doit comporter au moins 12 caractères (il en a 5)." }],
};

describe("ChoosePasswordPage", () => {
  it("chooses the password of an invited account from the link's fragment", async () => {
    let attempts = 0;
    const api = mockRoutes({
      "POST /api/identity/auth/password-links/inspect": () =>
        json({ purpose: "invitation", username: "julie.martin", full_name: "Julie Martin", expires_at: "2026-12-07T18:00:00Z" }),
      "POST /api/identity/auth/password-links/redeem": () =>
        ++attempts === 1 ? json(weak, 422, "application/problem+json") : json({ username: "julie.martin" }),
    });
    renderApp(`/mot-de-passe/choisir#${TOKEN}`);

    expect(await screen.findByText(/Bonjour Julie Martin/)).toBeInTheDocument();
    const [inspected] = api.calls("POST /api/identity/auth/password-links/inspect");
    expect(await inspected!.request.json()).toEqual({ token: TOKEN });
    expect(inspected!.url.href).not.toContain(TOKEN);

    await userEvent.type(screen.getByLabelText(/^Nouveau mot de passe/), "court");
    await userEvent.type(screen.getByLabelText(/^Confirmer/), "court");
    await userEvent.click(screen.getByRole("button", { name: "Enregistrer le mot de passe" }));
    expect((await screen.findAllByText(/au moins 12 caractères \(il en a 5\)/)).length).toBeGreaterThan(0);

    await userEvent.clear(screen.getByLabelText(/^Nouveau mot de passe/));
    await userEvent.clear(screen.getByLabelText(/^Confirmer/));
    await userEvent.type(screen.getByLabelText(/^Nouveau mot de passe/), "trois-chats-sur-un-toit");
    await userEvent.type(screen.getByLabelText(/^Confirmer/), "trois-chats-sur-un-toit");
    await userEvent.click(screen.getByRole("button", { name: "Enregistrer le mot de passe" }));
    expect(await screen.findByText("Mot de passe enregistré")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Se connecter" })).toHaveAttribute("href", "/connexion");
  });

  it("says a spent link can no longer serve", async () => {
    mockRoutes({
      "POST /api/identity/auth/password-links/inspect": () =>
        json({ title: "Gone", status: 410, detail: "Ce lien a déjà servi." }, 410, "application/problem+json"),
    });
    renderApp(`/mot-de-passe/choisir#${TOKEN}`);
    expect(await screen.findByText("Ce lien ne peut plus servir")).toBeInTheDocument();
    expect(screen.getByText(/Ce lien a déjà servi/)).toBeInTheDocument();
  });
});

describe("ForgotPasswordPage", () => {
  it("is linked from the login page and answers without saying whether the account exists", async () => {
    mockRoutes({
      "POST /api/identity/auth/password-reset": () => json({ detail: "Si un compte actif correspond…" }, 202),
    });
    renderApp("/connexion");
    await userEvent.click(screen.getByRole("link", { name: "Mot de passe oublié ?" }));
    await userEvent.type(await screen.findByLabelText("Identifiant ou adresse email"), "claire");
    await userEvent.click(screen.getByRole("button", { name: "Recevoir un lien" }));
    expect(await screen.findByText("Si un compte actif correspond…")).toBeInTheDocument();
  });
});

describe("ChangePasswordPage", () => {
  it("shows a wrong current password on its field and stays signed in", async () => {
    mockRoutes({
      "POST /api/identity/auth/password": () =>
        json(
          {
            title: "Unprocessable content",
            status: 422,
            detail: "Le mot de passe actuel est incorrect.",
            errors: [{ field: "current_password", location: "body", message: "Le mot de passe actuel est incorrect." }],
          },
          422,
          "application/problem+json",
        ),
    });
    signIn(managerLogin);
    renderApp("/mot-de-passe");
    await userEvent.type(screen.getByLabelText("Mot de passe actuel"), "faux");
    await userEvent.type(screen.getByLabelText(/^Nouveau mot de passe/), "trois-chats-sur-un-toit");
    await userEvent.type(screen.getByLabelText(/^Confirmer/), "trois-chats-sur-un-toit");
    await userEvent.click(screen.getByRole("button", { name: "Changer le mot de passe" }));
    expect((await screen.findAllByText("Le mot de passe actuel est incorrect.")).length).toBe(2);
    expect(screen.getByRole("heading", { level: 1, name: "Changer de mot de passe" })).toBeInTheDocument();
  });
});
