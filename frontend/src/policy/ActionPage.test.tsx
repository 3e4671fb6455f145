import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { TargetDefinition, Volumetry } from "../api/types";
import {
  LIST_ID,
  eigAction,
  eigVolumetry,
  listJob,
  readyList,
} from "../test/fixtures";
import {
  counselorLogin,
  json,
  managerLogin,
  mockRoutes,
  renderApp,
  signIn,
  tableCells,
} from "../test/utils";

const emptyPage = { items: [], total: 0, limit: 50, offset: 0 };

function volumetryOf(matched: number, opted: number, byPriority: number[]): Volumetry {
  return {
    ...eigVolumetry,
    total_matched: matched,
    total_opted_out: opted,
    by_priority: byPriority,
    by_caisse: [{ caisse_code: "ALPES", matched, opted_out: opted, by_priority: byPriority }],
  };
}

function populationField(label: RegExp) {
  return within(screen.getByRole("group", { name: /^Population ciblée/ })).getByLabelText(label);
}

async function countsTable() {
  return screen.findByRole("table", { name: "Volumétrie par caisse" });
}

describe("ActionPage", () => {
  it("shows the action and its counts per caisse", async () => {
    mockRoutes({
      "GET /api/targeting/actions/1": () => json(eigAction),
      "GET /api/targeting/actions/1/volumetry": () => json(eigVolumetry),
      "GET /api/targeting/target-lists": () => json(emptyPage),
    });
    signIn(managerLogin);
    renderApp("/actions/1");

    expect(await screen.findByRole("heading", { level: 1, name: eigAction.title })).toBeInTheDocument();
    expect(screen.getByText("du 1er juillet 2011 au 31 mars 2012")).toBeInTheDocument();
    expect(screen.getByText("10 jours")).toBeInTheDocument();
    expect(screen.getByText("jusqu’à 24 heures avant l’entretien")).toBeInTheDocument();
    expect(screen.getByText("après 5 jours sans rendez-vous")).toBeInTheDocument();
    expect(screen.getByText("Années de naissance : 1952, 1957")).toBeInTheDocument();
    expect(tableCells(await countsTable())).toEqual([
      ["Caisse", "Ciblés", "dont opposés", "Priorité 1 : Carrière incomplète", "Autres (hors priorités)"],
      ["ALPES", "134", "1", "59", "75"],
    ]);
    expect(screen.getByText("Aucune liste n’a encore été constituée pour cette action.")).toBeInTheDocument();
  });

  it("recounts once the criteria stop changing", async () => {
    const api = mockRoutes({
      "GET /api/targeting/actions/1": () => json(eigAction),
      "GET /api/targeting/actions/1/volumetry": () => json(eigVolumetry),
      "POST /api/targeting/volumetry": () => json(volumetryOf(201, 3, [90, 111])),
      "GET /api/targeting/target-lists": () => json(emptyPage),
    });
    signIn(managerLogin);
    renderApp("/actions/1");
    const user = userEvent.setup();
    await countsTable();

    await user.type(populationField(/^Années de naissance/), ", 1960");

    await waitFor(
      () => expect(tableCells(screen.getByRole("table", { name: "Volumétrie par caisse" }))[1]).toEqual(
        ["ALPES", "201", "3", "90", "111"],
      ),
      { timeout: 3000 },
    );
    // Six keystrokes, one request: the count waits for the typing to stop.
    const posts = api.calls("POST /api/targeting/volumetry");
    expect(posts).toHaveLength(1);
    const body = (await posts[0]!.request.json()) as { definition: TargetDefinition };
    expect(body.definition.filter).toEqual({
      birth_years: [1952, 1957, 1960],
      statuses: ["active"],
      professional_groups: ["artisan", "commercant"],
    });
    expect(body.definition.priorities).toEqual([
      { label: "Carrière incomplète", criteria: { incomplete_career: true } },
    ]);
    expect(screen.getByText(/201 personnes ciblées \(simulation\)/)).toBeInTheDocument();
  });

  it("shows the service's field error next to the right input", async () => {
    const api = mockRoutes({
      "GET /api/targeting/actions/1": () => json(eigAction),
      "GET /api/targeting/actions/1/volumetry": () => json(eigVolumetry),
      "POST /api/targeting/volumetry": () =>
        json(
          {
            type: "about:blank",
            title: "Unprocessable Entity",
            status: 422,
            detail: "Invalid field 'definition.filter.birth_years.2': Input should be greater than or equal to 1900",
            errors: [
              {
                field: "definition.filter.birth_years.2",
                location: "body",
                message: "Input should be greater than or equal to 1900",
              },
            ],
          },
          422,
          "application/problem+json",
        ),
      "GET /api/targeting/target-lists": () => json(emptyPage),
    });
    signIn(managerLogin);
    renderApp("/actions/1");
    const user = userEvent.setup();
    await countsTable();

    const years = populationField(/^Années de naissance/);
    await user.type(years, ", 1800");

    await waitFor(
      () =>
        expect(years).toHaveAccessibleDescription(
          "« 1800 » : La valeur doit être supérieure ou égale à 1900.",
        ),
      { timeout: 3000 },
    );
    const group = screen.getByRole("group", { name: "Priorité 1 : Carrière incomplète" });
    expect(within(group).getByLabelText(/^Années de naissance/)).not.toHaveAccessibleDescription(
      /1900/,
    );
    // The last good counts stay on screen.
    expect(tableCells(await countsTable())[1]).toEqual(["ALPES", "134", "1", "59", "75"]);
    expect(api.calls("POST /api/targeting/volumetry")).toHaveLength(1);
  });

  it("checks the obvious mistakes before asking the service", async () => {
    const api = mockRoutes({
      "GET /api/targeting/actions/1": () => json(eigAction),
      "GET /api/targeting/actions/1/volumetry": () => json(eigVolumetry),
      "GET /api/targeting/target-lists": () => json(emptyPage),
    });
    signIn(managerLogin);
    renderApp("/actions/1");
    const user = userEvent.setup();
    await countsTable();

    const years = populationField(/^Années de naissance/);
    await user.clear(years);
    await user.type(years, "19x2");

    expect(years).toHaveAccessibleDescription(/Années invalides : « 19x2 »/);
    expect(screen.getByText("Corrigez les critères signalés pour mettre à jour les volumes.")).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(api.calls("POST /api/targeting/volumetry")).toHaveLength(0);
  });

  it("constitutes the list and follows the job", async () => {
    let lists = emptyPage as typeof emptyPage | { items: unknown[]; total: number; limit: number; offset: number };
    const jobs = [listJob({ status: "running", done: 200, percent: 44.4 }), listJob({ status: "succeeded", done: 450, percent: 100 })];
    const api = mockRoutes({
      "GET /api/targeting/actions/1": () => json(eigAction),
      "GET /api/targeting/actions/1/volumetry": () => json(eigVolumetry),
      "GET /api/targeting/target-lists": () => json(lists),
      "POST /api/targeting/actions/1/target-lists": () => {
        lists = { items: [readyList], total: 1, limit: 50, offset: 0 };
        return json(
          { list: { ...readyList, status: "building", size: 0, matched: 0 }, job: listJob({ status: "queued" }) },
          202,
        );
      },
      [`GET /api/targeting/jobs/${listJob().id}`]: () => json(jobs.length > 1 ? jobs.shift() : jobs[0]),
      [`GET /api/targeting/target-lists/${LIST_ID}`]: () => json(readyList),
    });
    signIn(managerLogin);
    renderApp("/actions/1");
    const user = userEvent.setup();

    const form = await screen.findByRole("form", { name: "Constituer la liste" });
    await user.click(within(form).getByLabelText("Un nombre de personnes"));
    await user.type(within(form).getByLabelText(/^Nombre de personnes/), "450");
    await user.click(within(form).getByRole("button", { name: "Constituer la liste" }));

    const bar = await screen.findByRole("progressbar", { name: /Constitution de la liste/ });
    expect(bar).toBeInTheDocument();
    expect(await screen.findByRole("link", { name: "Ouvrir la liste" }, { timeout: 3000 })).toHaveAttribute(
      "href",
      `/listes/${LIST_ID}`,
    );
    expect(screen.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
    expect(screen.getByText(/450 personnes retenues/)).toBeInTheDocument();

    const [post] = api.calls("POST /api/targeting/actions/1/target-lists");
    expect(await post!.request.json()).toEqual({ seed: 1, sampling: { size: 450, seed: 1 } });

    const table = await screen.findByRole("table", { name: "Listes de l’action (1)" });
    expect(tableCells(table)[1]!.slice(1)).toEqual([
      "ALPES",
      "Prête",
      "520",
      "12",
      "58",
      "450",
      "Liste complète",
    ]);
    const listsCall = api.calls("GET /api/targeting/target-lists")[0]!;
    expect(listsCall.url.searchParams.get("action_id")).toBe("1");
  });

  it("lets the national office save the socle's target; managers only simulate", async () => {
    const api = mockRoutes({
      "GET /api/targeting/actions/1": () => json(eigAction),
      "GET /api/targeting/actions/1/volumetry": () => json(eigVolumetry),
      "POST /api/targeting/volumetry": () => json(volumetryOf(201, 3, [90, 111])),
      "PATCH /api/targeting/actions/1": async (request) =>
        json({ ...eigAction, ...((await request.json()) as object), updated_at: "2026-11-26T08:00:00Z" }),
      "GET /api/targeting/target-lists": () => json(emptyPage),
    });
    signIn();
    renderApp("/actions/1");
    const user = userEvent.setup();
    await countsTable();

    await user.selectOptions(populationField(/^Carrière incomplète/), "yes");
    await user.click(screen.getByRole("button", { name: "Enregistrer la cible" }));

    expect(await screen.findByText("La cible de l’action est enregistrée.")).toBeInTheDocument();
    const [patch] = api.calls("PATCH /api/targeting/actions/1");
    expect(await patch!.request.json()).toEqual({
      target_definition: {
        filter: {
          birth_years: [1952, 1957],
          statuses: ["active"],
          professional_groups: ["artisan", "commercant"],
          incomplete_career: true,
        },
        priorities: [{ label: "Carrière incomplète", criteria: { incomplete_career: true } }],
      },
    });
    expect(screen.getByRole("button", { name: "Enregistrer la cible" })).toBeDisabled();
    expect(screen.queryByRole("form", { name: "Constituer la liste" })).not.toBeInTheDocument();
  });

  it("does not offer a manager to save a target of the socle", async () => {
    mockRoutes({
      "GET /api/targeting/actions/1": () => json(eigAction),
      "GET /api/targeting/actions/1/volumetry": () => json(eigVolumetry),
      "GET /api/targeting/target-lists": () => json(emptyPage),
    });
    signIn(managerLogin);
    renderApp("/actions/1");

    await countsTable();
    expect(screen.queryByRole("button", { name: "Enregistrer la cible" })).not.toBeInTheDocument();
    expect(screen.getByText(/pour simuler les volumes par caisse/)).toBeInTheDocument();
  });

  it("gives counselors the description and the lists, without counts", async () => {
    const api = mockRoutes({
      "GET /api/targeting/actions/1": () => json(eigAction),
      "GET /api/targeting/target-lists": () => json({ items: [readyList], total: 1, limit: 50, offset: 0 }),
    });
    signIn(counselorLogin);
    renderApp("/actions/1");

    expect(await screen.findByRole("table", { name: "Listes de l’action (1)" })).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Ciblage et volumétrie" })).not.toBeInTheDocument();
    expect(screen.queryByRole("form", { name: "Constituer la liste" })).not.toBeInTheDocument();
    expect(api.seen.some(({ url }) => url.pathname.includes("volumetry"))).toBe(false);
  });
});
