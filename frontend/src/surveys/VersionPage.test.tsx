import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { QuestionnaireVersion } from "../api/types";
import { json, managerLogin, mockFetch, renderApp, signIn } from "../test/utils";

const national: QuestionnaireVersion["questions"][number] = {
  id: 1, key: "overall_satisfaction", position: 1, type: "scale_1_5",
  label: "Globalement, êtes-vous satisfait(e) ?", required: true, options: [], national: true,
};
const draft: QuestionnaireVersion = {
  id: 7, caisse_code: managerLogin.user.caisse_code, base_version_id: 1, number: 1,
  title: "Questions régionales", status: "draft", created_at: "2026-11-25T10:00:00Z",
  published_at: null, introduction: "", questions: [national],
};

describe("VersionPage", () => {
  it("lets a caisse add its own question after the national ones, then publish", async () => {
    const bodies: unknown[] = [];
    let version = draft;
    mockFetch(async (request) => {
      const path = new URL(request.url).pathname;
      if (request.method === "POST" && path === "/api/surveys/questionnaires/7/questions") {
        const body = (await request.json()) as { label: string; options: string[] };
        bodies.push(body);
        version = {
          ...version,
          questions: [...version.questions, { ...national, ...body, id: 2, key: "r_1", position: 1, national: false }],
        };
        return json(version, 201);
      }
      if (request.method === "POST" && path === "/api/surveys/questionnaires/7/publish") {
        version = { ...version, status: "published", published_at: "2026-11-25T11:00:00Z" };
        return json(version);
      }
      return json(version);
    });
    signIn(managerLogin);
    const user = userEvent.setup();
    renderApp("/enquetes/questionnaires/7");

    await screen.findByRole("heading", { level: 1, name: "Questions régionales — version 1" });
    // The national question cannot be edited by the caisse.
    expect(screen.queryByRole("button", { name: /Modifier/ })).toBeNull();
    const form = screen.getByRole("form", { name: "Ajouter une question" });
    await user.selectOptions(within(form).getByLabelText("Type de question"), "single_choice");
    await user.type(within(form).getByLabelText("Intitulé de la question"), "Par quel moyen êtes-vous venu ?");
    await user.type(within(form).getByLabelText(/Choix proposés/), "En voiture\nÀ pied\n");
    await user.click(within(form).getByRole("button", { name: "Ajouter la question" }));

    const questions = await screen.findByRole("list", { name: "Questions" });
    await within(questions).findByText("Par quel moyen êtes-vous venu ?");
    expect(bodies).toEqual([
      { type: "single_choice", label: "Par quel moyen êtes-vous venu ?", required: true, options: ["En voiture", "À pied"] },
    ]);
    expect(within(questions).getByRole("button", { name: /^Modifier.*question 1$/ })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Publier cette version" }));
    expect(await screen.findByText("Publiée")).toBeInTheDocument();
    expect(screen.queryByRole("form", { name: "Ajouter une question" })).toBeNull();
  });
});
