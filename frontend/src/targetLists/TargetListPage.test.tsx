import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import type { InterviewsJob, PolicyAction, TargetListMember } from "../api/types";
import { today } from "../agenda/time";
import { LIST_ID, eigAction, readyList } from "../test/fixtures";
import {
  adminLogin,
  json,
  managerLogin,
  mockRoutes,
  nationalLogin,
  problem,
  renderApp,
  signIn,
  tableCells,
  type Handler,
} from "../test/utils";

const PAGE = 200;

function member(rank: number): TargetListMember {
  return {
    rank,
    priority_group: rank <= 300 ? 1 : 2,
    person_id: 1000 + rank,
    last_name: `NOM${rank}`,
    first_name: "Prénom",
    sex: 2,
    address_line: null,
    birth_date: "1952-05-04",
    postcode: "38000",
    city: "Grenoble",
    phone: null,
    email: null,
    professional_group: "commercant",
    status: "active",
    incomplete_career: rank <= 300,
  };
}

/** The keyset pages of a 450-person list: ranks after `after_rank`, `limit` at most. */
function membersPage(url: URL) {
  const after = Number(url.searchParams.get("after_rank") ?? 0);
  const limit = Number(url.searchParams.get("limit") ?? 100);
  const items = [];
  for (let rank = after + 1; rank <= Math.min(after + limit, readyList.size); rank += 1) {
    items.push(member(rank));
  }
  return json({ items, next_after_rank: items.length === limit ? after + limit : null });
}

function listRoutes(action: PolicyAction = eigAction, extra: Record<string, Handler> = {}) {
  return mockRoutes({
    ...extra,
    [`GET /api/targeting/target-lists/${LIST_ID}`]: () => json(readyList),
    "GET /api/targeting/actions/1": () => json(action),
    [`GET /api/targeting/target-lists/${LIST_ID}/members`]: (_request, url) => membersPage(url),
    [`GET /api/targeting/target-lists/${LIST_ID}/export.csv`]: () =>
      new Response("rank,last_name\n1,NOM1\n", {
        headers: {
          "Content-Type": "text/csv",
          "Content-Disposition": `attachment; filename="liste-${LIST_ID}.csv"`,
        },
      }),
    [`GET /api/targeting/target-lists/${LIST_ID}/export.xlsx`]: () =>
      new Response("PK", {
        headers: {
          "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "Content-Disposition": `attachment; filename="liste-${LIST_ID}.xlsx"`,
        },
      }),
  });
}

function memberRows() {
  return tableCells(document.querySelector("table")!).slice(1);
}

// Text queries: role queries over a 200-row table are slow in jsdom.
function findRange(text: string) {
  return screen.findByText(text, { selector: "[role=status]" });
}

function pagerButton(name: string) {
  return screen.getAllByText(name, { selector: "button" })[0]!;
}

describe("TargetListPage", () => {
  it("shows the counts and the first page of members", async () => {
    const api = listRoutes();
    signIn(managerLogin);
    renderApp(`/listes/${LIST_ID}`);

    const counts = await screen.findByRole("list", { name: "Décompte de la liste" });
    expect(within(counts).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "Ciblés520Personnes qui répondent à la cible",
      "Exclus (opposition)12Opposés au contact",
      "Exclus (contact récent)58Contactés depuis moins de 365 jours",
      "Taille de la liste450Liste complète",
    ]);
    expect(await findRange("Rangs 1 à 200 sur 450")).toBeInTheDocument();
    const rows = memberRows();
    expect(rows).toHaveLength(PAGE);
    expect(rows[0]).toEqual([
      "1",
      "1. Carrière incomplète",
      "NOM1 Prénom",
      "04/05/1952",
      "38000 Grenoble",
      "—",
      "—",
      "Commerçant",
      "Actif",
      "Carrière incomplète",
      "Prendre rendez-vous pour Prénom NOM1",
    ]);
    expect(screen.getByText("NOM1 Prénom", { selector: "a" })).toHaveAttribute("href", "/assures/1001");
    expect(
      document.querySelector(`a[href="/assures/1001/rendez-vous?action=${readyList.action_id}"]`),
    ).toHaveTextContent("Prendre rendez-vous pour Prénom NOM1");
    expect(screen.getByText(eigAction.title, { selector: "a" })).toHaveAttribute("href", "/actions/1");

    const first = api.calls(`GET /api/targeting/target-lists/${LIST_ID}/members`)[0]!;
    expect(first.url.searchParams.get("after_rank")).toBe("0");
    expect(first.url.searchParams.get("limit")).toBe(String(PAGE));
  });

  it("loads the next page by rank, and comes back", async () => {
    const api = listRoutes();
    signIn(managerLogin);
    renderApp(`/listes/${LIST_ID}`);
    const user = userEvent.setup();
    await findRange("Rangs 1 à 200 sur 450");

    await user.click(pagerButton("Page suivante"));

    expect(await findRange("Rangs 201 à 400 sur 450")).toBeInTheDocument();
    expect(memberRows()[0]![0]).toBe("201");
    expect(memberRows()).toHaveLength(PAGE);
    const afterRanks = api
      .calls(`GET /api/targeting/target-lists/${LIST_ID}/members`)
      .map((call) => call.url.searchParams.get("after_rank"));
    expect(afterRanks).toContain("200");

    await user.click(pagerButton("Page suivante"));
    expect(await findRange("Rangs 401 à 450 sur 450")).toBeInTheDocument();
    expect(memberRows()).toHaveLength(50);
    expect(pagerButton("Page suivante")).toBeDisabled();

    await user.click(pagerButton("Page précédente"));
    expect(await findRange("Rangs 201 à 400 sur 450")).toBeInTheDocument();
  });

  it("jumps to a rank", async () => {
    listRoutes();
    signIn(managerLogin);
    renderApp(`/listes/${LIST_ID}`);
    const user = userEvent.setup();
    await findRange("Rangs 1 à 200 sur 450");

    await user.type(screen.getByLabelText(/^Aller au rang/), "321");
    await user.click(screen.getByRole("button", { name: "Afficher" }));

    expect(await findRange("Rangs 321 à 450 sur 450")).toBeInTheDocument();
    expect(memberRows()[0]![1]).toBe("2. Autres");
  });

  it("exports the list as CSV with the session's token", async () => {
    const api = listRoutes();
    signIn(managerLogin);
    renderApp(`/listes/${LIST_ID}`);
    const createObjectURL = vi.fn(() => "blob:list");
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }); // jsdom has neither
    onTestFinished(() => {
      Reflect.deleteProperty(URL, "createObjectURL");
      Reflect.deleteProperty(URL, "revokeObjectURL");
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});

    await userEvent.click(await screen.findByRole("button", { name: "Exporter (CSV)" }));

    await waitFor(() => expect(click).toHaveBeenCalled());
    const [exported] = api.calls(`GET /api/targeting/target-lists/${LIST_ID}/export.csv`);
    expect(exported!.request.headers.get("Authorization")).toBe("Bearer token-manager");
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe(`liste-${LIST_ID}.csv`);

    await userEvent.click(screen.getByRole("button", { name: "Exporter (Excel)" }));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(2));
    expect(api.calls(`GET /api/targeting/target-lists/${LIST_ID}/export.xlsx`)).toHaveLength(1);
    expect((click.mock.contexts[1] as HTMLAnchorElement).download).toBe(`liste-${LIST_ID}.xlsx`);
  });

  it("shows the national office the counts only", async () => {
    const api = listRoutes();
    signIn();
    renderApp(`/listes/${LIST_ID}`);

    expect(await screen.findByRole("list", { name: "Décompte de la liste" })).toBeInTheDocument();
    expect(screen.getByText(/ne sont visibles que par les caisses régionales/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Exporter (CSV)" })).not.toBeInTheDocument();
    expect(api.calls(`GET /api/targeting/target-lists/${LIST_ID}/members`)).toHaveLength(0);
  });

  describe("letter contacts", () => {
    const letterAction: PolicyAction = {
      ...eigAction,
      code: "GUIDE",
      title: "Envoi du guide des créateurs",
      contact_type: "letter",
    };
    const JOB_ID = "5e6f7a8b-0000-4000-8000-00000000c0ff";
    const job: InterviewsJob = {
      id: JOB_ID,
      kind: "letter_contacts",
      status: "queued",
      total: 450,
      attempts: 0,
      done: 0,
      percent: 0,
      result: null,
      error: null,
      created_at: "2026-12-01T09:00:00Z",
      finished_at: null,
    };
    const section = () => screen.queryByRole("heading", { name: "Contacts par courrier" });

    it("records the list's letters as contacts and follows the job", async () => {
      let polls = 0;
      const api = listRoutes(letterAction, {
        "POST /api/interviews/letter-contacts": () => json({ job }, 202),
        [`GET /api/interviews/jobs/${JOB_ID}`]: () => {
          polls += 1;
          return json(
            polls === 1
              ? { ...job, status: "running", done: 180, percent: 40 }
              : { ...job, status: "succeeded", done: 450, percent: 100, result: { recorded: 448 } },
          );
        },
      });
      signIn(managerLogin);
      renderApp(`/listes/${LIST_ID}`);
      const user = userEvent.setup();

      const date = await screen.findByLabelText("Date d’envoi");
      expect(date).toHaveValue(today());
      await user.clear(date);
      await user.type(date, "2026-11-30");
      await user.click(screen.getByRole("button", { name: "Enregistrer les contacts" }));

      const bar = await screen.findByRole("progressbar", { name: /Enregistrement des contacts — En cours/ });
      expect(bar).toHaveAttribute("aria-valuenow", "40");
      expect(screen.getByRole("button", { name: "Enregistrer les contacts" })).toBeDisabled();
      const outcome = await screen.findByText(
        "448 contacts par courrier enregistrés. 2 personnes de la liste l’étaient déjà.",
        {},
        { timeout: 3000 },
      );
      expect(outcome.closest("[tabindex='-1']")).toHaveFocus();
      expect(screen.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
      expect(screen.getByRole("button", { name: "Enregistrer les contacts" })).toBeEnabled();

      const posts = api.calls("POST /api/interviews/letter-contacts");
      expect(posts).toHaveLength(1);
      expect(await posts[0]!.request.json()).toEqual({ target_list_id: LIST_ID, sent_on: "2026-11-30" });
      expect(posts[0]!.request.headers.get("Authorization")).toBe("Bearer token-manager");
      expect(polls).toBe(2);
    });

    it("shows the job waiting for a worker, then its failure once", async () => {
      let polls = 0;
      listRoutes(letterAction, {
        "POST /api/interviews/letter-contacts": () => json({ job }, 202),
        [`GET /api/interviews/jobs/${JOB_ID}`]: () => {
          polls += 1;
          return json(polls < 3 ? job : { ...job, status: "failed", error: "Le service de ciblage ne répond pas." });
        },
      });
      signIn(managerLogin);
      renderApp(`/listes/${LIST_ID}`);
      const user = userEvent.setup();

      await user.click(await screen.findByRole("button", { name: "Enregistrer les contacts" }));
      expect(await screen.findByText(/^En attente d’un processus de traitement…/)).toBeInTheDocument();
      expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
      expect(screen.getByRole("button", { name: "Enregistrer les contacts" })).toBeDisabled();

      const failure = await screen.findByText("L’enregistrement des contacts a échoué", {}, { timeout: 3000 });
      expect(failure.closest("[role='alert']")).toHaveTextContent("Le service de ciblage ne répond pas.");
      expect(screen.getAllByRole("alert")).toHaveLength(1);
      expect(screen.queryByText(/^En attente d’un processus/)).not.toBeInTheDocument();
      expect(screen.getByRole("button", { name: "Enregistrer les contacts" })).toBeEnabled();
    });

    it("is not offered for another kind of action", async () => {
      listRoutes(eigAction);
      signIn(managerLogin);
      renderApp(`/listes/${LIST_ID}`);

      expect(await screen.findByText(eigAction.title, { selector: "strong" })).toBeInTheDocument();
      expect(screen.getByRole("link", { name: "Lancer un envoi de courriers" })).toBeInTheDocument();
      expect(section()).not.toBeInTheDocument();
    });

    it.each([
      ["the national office", nationalLogin],
      ["the administrator", adminLogin],
    ])("is not offered to %s", async (_who, login) => {
      listRoutes(letterAction);
      signIn(login);
      renderApp(`/listes/${LIST_ID}`);

      expect(await screen.findByText(letterAction.title, { selector: "strong" })).toBeInTheDocument();
      expect(section()).not.toBeInTheDocument();
    });

    it("requires a date and shows the service's problem", async () => {
      const api = listRoutes(letterAction, {
        "POST /api/interviews/letter-contacts": () =>
          problem(422, "Unprocessable Content", "Letter contacts are recorded for letter actions only."),
      });
      signIn(managerLogin);
      renderApp(`/listes/${LIST_ID}`);
      const user = userEvent.setup();
      const submit = async () =>
        user.click(await screen.findByRole("button", { name: "Enregistrer les contacts" }));

      await user.clear(await screen.findByLabelText("Date d’envoi"));
      await submit();
      expect(screen.getByText("Indiquez la date d’envoi des courriers.")).toBeInTheDocument();
      expect(api.calls("POST /api/interviews/letter-contacts")).toHaveLength(0);

      await user.type(screen.getByLabelText("Date d’envoi"), "2026-11-30");
      await submit();
      expect(await screen.findByText("Les contacts n’ont pas été enregistrés")).toBeInTheDocument();
      expect(screen.getByText("Letter contacts are recorded for letter actions only.")).toBeInTheDocument();
      expect(screen.queryByText("Indiquez la date d’envoi des courriers.")).not.toBeInTheDocument();
      expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
      expect(api.seen.some(({ url }) => url.pathname.startsWith("/api/interviews/jobs/"))).toBe(false);
    });
  });
});
