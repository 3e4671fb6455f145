import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { regionalAction } from "../test/fixtures";
import { json, managerLogin, mockRoutes, problem, renderApp, signIn } from "../test/utils";

async function fill(user: ReturnType<typeof userEvent.setup>) {
  const entries: [RegExp, string][] = [
    [/^Code/, "ski"],
    [/^Intitulé/, "Rencontres des moniteurs de ski"],
    [/^Public cible/, "Moniteurs de ski des Alpes."],
    [/^Objectif spécifique/, "Informer."],
    [/^Contenu/, "Protection sociale."],
    [/^Modalités/, "Rencontres collectives."],
    [/^Outils/, "Diaporama."],
  ];
  for (const [label, text] of entries) {
    await user.click(screen.getByLabelText(label));
    await user.paste(text);
  }
  await user.click(screen.getByLabelText("Rencontre collective"));
}

describe("NewActionPage", () => {
  it("creates a regional action and opens it", async () => {
    const api = mockRoutes({
      "POST /api/targeting/policy/2011/actions": () => json(regionalAction, 201),
      "GET /api/targeting/actions/7": () => json(regionalAction),
      "GET /api/targeting/actions/7/volumetry": () =>
        json({ priority_labels: ["Autres"], total_matched: 0, total_opted_out: 0, by_priority: [0], by_caisse: [] }),
      "GET /api/targeting/target-lists": () => json({ items: [], total: 0, limit: 50, offset: 0 }),
    });
    signIn(managerLogin);
    renderApp("/politique/2011/nouvelle-action");
    const user = userEvent.setup();
    expect(screen.getByRole("heading", { level: 1, name: "Nouvelle action régionale 2011" })).toBeInTheDocument();

    await fill(user);
    await user.click(screen.getByRole("button", { name: "Créer l’action" }));

    expect(await screen.findByRole("heading", { level: 1, name: regionalAction.title })).toBeInTheDocument();
    const [post] = api.calls("POST /api/targeting/policy/2011/actions");
    expect(await post!.request.json()).toEqual({
      code: "SKI",
      title: "Rencontres des moniteurs de ski",
      contact_type: "collective_meeting",
      target_description: "Moniteurs de ski des Alpes.",
      specific_objective: "Informer.",
      content: "Protection sociale.",
      calendar_start: "2011-01-01",
      calendar_end: "2011-12-31",
      modalities: "Rencontres collectives.",
      tools: "Diaporama.",
      recency_window_days: 365,
      interview_minutes: 45,
      buffer_minutes: 15,
      booking_link_days: 10,
      change_notice_hours: 24,
      reminder_after_days: 5,
      target_definition: { filter: {}, priorities: [] },
    });
  });

  it("sets the personal link's validity, the change notice and no reminder for an interview action", async () => {
    const api = mockRoutes({
      "POST /api/targeting/policy/2011/actions": () => json(regionalAction, 201),
    });
    signIn(managerLogin);
    renderApp("/politique/2011/nouvelle-action");
    const user = userEvent.setup();
    await fill(user);
    await user.click(screen.getByLabelText("Entretien individuel"));
    const days = screen.getByLabelText(/^Durée de validité du lien/);
    await user.clear(days);
    await user.type(days, "120");
    await user.click(screen.getByRole("button", { name: "Créer l’action" }));
    expect(await screen.findByText("Indiquez un nombre de jours entre 1 et 90.")).toBeInTheDocument();
    expect(api.calls("POST /api/targeting/policy/2011/actions")).toHaveLength(0);

    await user.clear(days);
    await user.type(days, "15");
    const notice = screen.getByLabelText(/^Délai de modification/);
    await user.clear(notice);
    await user.type(notice, "48");
    await user.click(screen.getByLabelText(/^Pas de relance/));
    expect(screen.queryByLabelText(/^Relance après/)).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Créer l’action" }));

    await waitFor(() => expect(api.calls("POST /api/targeting/policy/2011/actions")).toHaveLength(1));
    const body = await api.calls("POST /api/targeting/policy/2011/actions")[0]!.request.json();
    expect(body).toMatchObject({
      contact_type: "individual_interview",
      booking_link_days: 15,
      change_notice_hours: 48,
      reminder_after_days: null,
    });
  });

  it("shows a taken code on the code input", async () => {
    mockRoutes({
      "POST /api/targeting/policy/2011/actions": () =>
        problem(409, "Conflict", "An action with the code 'SKI' already exists for 2011."),
    });
    signIn(managerLogin);
    renderApp("/politique/2011/nouvelle-action");
    const user = userEvent.setup();

    await fill(user);
    await user.click(screen.getByRole("button", { name: "Créer l’action" }));

    expect(await screen.findByText("Une action de 2011 porte déjà ce code.")).toBeInTheDocument();
    expect(screen.getByLabelText(/^Code/)).toHaveAccessibleDescription(
      "Une action de 2011 porte déjà ce code.",
    );
  });
});
