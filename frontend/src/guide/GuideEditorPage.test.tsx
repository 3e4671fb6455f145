import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { GuideVersion } from "../api/types";
import { json, mockRoutes, renderApp, signIn } from "../test/utils";

const published: GuideVersion = {
  id: 1,
  number: 1,
  status: "published",
  created_by: "seed",
  created_at: "2026-11-01T10:00:00Z",
  published_at: "2026-11-01T10:00:00Z",
  sections: [
    { key: "rsi", title: "Le RSI et ses missions", content: "Présenter le RSI.", condition: { always: true } },
    { key: "ae", title: "Auto-entrepreneur", content: "Le statut.", condition: { field: "auto_entrepreneur", equals: true } },
  ],
};
const draft: GuideVersion = { ...published, id: 2, number: 2, status: "draft", published_at: null };

describe("GuideEditorPage", () => {
  it("creates a draft, refuses a condition that is not JSON, shows the API's refusal, and publishes", async () => {
    let hasDraft = false;
    const api = mockRoutes({
      "GET /api/interviews/guide/versions": () => json(hasDraft ? [draft, published] : [published]),
      "GET /api/interviews/guide/versions/1": () => json(published),
      "GET /api/interviews/guide/versions/2": () => json(draft),
      "POST /api/interviews/guide/versions": () => {
        hasDraft = true;
        return json(draft, 201);
      },
      "PUT /api/interviews/guide/versions/2/sections": () =>
        json(
          {
            type: "about:blank",
            title: "Unprocessable Content",
            status: 422,
            detail: "Invalid request.",
            errors: [
              { field: "sections.1.condition.Always.always", location: "body", message: "Field required" },
              { field: "sections.1.condition.Between.always", location: "body", message: "Field required" },
              { field: "sections.1.condition.function-after[_value_fits_field(), Equals].field", location: "body", message: "Input should be 'status'" },
            ],
          },
          422,
          "application/problem+json",
        ),
      "POST /api/interviews/guide/versions/2/publish": () => json({ ...draft, status: "published" }),
    });
    signIn();
    renderApp("/trame");

    expect(await screen.findByRole("heading", { name: "Version 1 (En vigueur)" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Créer un brouillon" }));
    const form = await screen.findByRole("form", { name: "Brouillon de la version 2" });
    const conditions = within(form).getAllByLabelText(/^Condition \(JSON\)/);
    expect(conditions).toHaveLength(2);

    await userEvent.clear(conditions[1]!);
    await userEvent.type(conditions[1]!, "pas du json");
    await userEvent.click(within(form).getByRole("button", { name: "Enregistrer le brouillon" }));
    expect(within(form).getByText("Ce n’est pas du JSON valide.")).toBeInTheDocument();
    expect(api.calls("PUT /api/interviews/guide/versions/2/sections")).toHaveLength(0);

    await userEvent.clear(conditions[1]!);
    await userEvent.type(conditions[1]!, '{{"field": "statut", "equals": true}');
    await userEvent.click(within(form).getByRole("button", { name: "Enregistrer le brouillon" }));
    expect(await within(form).findByText("Field required ; Input should be 'status'")).toBeInTheDocument();
    const [put] = api.calls("PUT /api/interviews/guide/versions/2/sections");
    const sent = (await put!.request.json()) as { sections: { key: string; condition: unknown }[] };
    expect(sent.sections.map((s) => s.key)).toEqual(["rsi", "ae"]);
    expect(sent.sections[1]!.condition).toEqual({ field: "statut", equals: true });

    await userEvent.click(within(form).getByRole("button", { name: "Publier cette version" }));
    await waitFor(() => expect(api.calls("POST /api/interviews/guide/versions/2/publish")).toHaveLength(1));
  });
});
