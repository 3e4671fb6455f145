import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { json, mockFetch, problem, renderApp } from "../test/utils";

const TOKEN = "tok_abcdefghijklmnopqrstuvwxyz0123456789ABCDEF";
const form = {
  title: "Questionnaire national de satisfaction",
  introduction: "Votre avis nous aide.",
  caisse_code: "ALPES",
  expires_at: "2026-12-25T00:00:00Z",
  questions: [
    { key: "accueil", type: "scale_1_5", label: "Comment évaluez-vous l'accueil ?", required: true, options: [] },
    { key: "canal", type: "yes_no", label: "Le mode de contact vous a-t-il convenu ?", required: true, options: [] },
    {
      key: "sujets",
      type: "multiple_choice",
      label: "Sur quels sujets ?",
      required: false,
      options: ["Retraite", "Santé"],
    },
    { key: "commentaire", type: "free_text", label: "Un commentaire ?", required: false, options: [] },
  ],
};

describe("AnswerPage (public, no session)", () => {
  it("asks each question in a labelled group and sends the answers once complete", async () => {
    const sent: unknown[] = [];
    mockFetch(async (request) => {
      expect(request.headers.get("Authorization")).toBeNull();
      expect(new URL(request.url).pathname).toBe(`/api/surveys/answer/${TOKEN}`);
      if (request.method === "POST") {
        sent.push(await request.json());
        return json({ answered_at: "2026-11-25T10:00:00Z" });
      }
      return json(form);
    });
    const user = userEvent.setup();
    renderApp(`/questionnaire/${TOKEN}`);

    await screen.findByRole("heading", { level: 1, name: form.title });
    const accueil = screen.getByRole("group", { name: /Comment évaluez-vous l'accueil/ });
    expect(within(accueil).getAllByRole("radio").map((r) => r.getAttribute("value"))).toEqual([
      "1", "2", "3", "4", "5",
    ]);
    expect(screen.getByRole("group", { name: /Sur quels sujets \? \(facultatif\)/ })).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: /Un commentaire \? \(facultatif\)/ })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Envoyer mes réponses" }));
    expect(await screen.findByText("2 questions demandent votre attention")).toBeInTheDocument();
    expect(sent).toEqual([]);

    await user.click(within(accueil).getByLabelText("4"));
    await user.click(within(screen.getByRole("group", { name: /mode de contact/ })).getByLabelText("Oui"));
    await user.click(screen.getByLabelText("Retraite"));
    await user.type(screen.getByRole("textbox", { name: /Un commentaire/ }), "Très bien");
    await user.click(screen.getByRole("button", { name: "Envoyer mes réponses" }));

    expect(await screen.findByRole("heading", { name: "Merci pour votre participation" })).toHaveFocus();
    expect(sent).toEqual([
      { answers: { accueil: 4, canal: true, sujets: ["Retraite"], commentaire: "Très bien" } },
    ]);
  });

  it("says so when the link was already used", async () => {
    mockFetch(() =>
      problem(410, "Gone", "Ce questionnaire a déjà été rempli : merci de votre participation."),
    );
    renderApp(`/questionnaire/${TOKEN}`);

    const alert = await screen.findByText(/déjà été rempli/);
    expect(alert).toBeInTheDocument();
    expect(screen.getByText("Ce questionnaire n’est pas disponible")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Envoyer mes réponses" })).toBeNull();
  });
});
