import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Counselor, FollowUpTask } from "../api/types";
import { counselorLogin, json, managerLogin, mockRoutes, renderApp, signIn } from "../test/utils";

const claire: Counselor = { id: 1, username: "conseiller.alpes", full_name: "Claire Conseillère", caisse_code: "ALPES", active: true };
const paul: Counselor = { id: 2, username: "paul.alpes", full_name: "Paul Conseiller", caisse_code: "ALPES", active: true };

const task: FollowUpTask = {
  id: 5,
  interview_id: "5f0c8a1e-0000-4000-8000-000000000001",
  counselor_id: 1,
  person_id: 12,
  person_first_name: "Jean",
  person_last_name: "DUPONT",
  kind: "ris_request",
  due_on: "2026-03-01",
  overdue: true,
  done_at: null,
  done_by: null,
};

function page(items: FollowUpTask[]) {
  return json({ items, total: items.length, limit: 200, offset: 0 });
}

describe("FollowUpsPage", () => {
  it("lists the counselor's own follow-ups with the person's file one click away, and marks one done", async () => {
    let done = false;
    const api = mockRoutes({
      "GET /api/interviews/counselors": () => json([claire, paul]),
      "GET /api/interviews/follow-ups": () => page(done ? [] : [task]),
      "PATCH /api/interviews/follow-ups/5": () => {
        done = true;
        return json({ ...task, done_at: "2026-03-04T10:00:00Z", done_by: "user:conseiller.alpes", overdue: false });
      },
    });
    signIn(counselorLogin);
    renderApp("/suivis");

    const table = await screen.findByRole("table");
    expect(within(table).getByRole("link", { name: "Jean DUPONT" })).toHaveAttribute("href", "/assures/12");
    expect(within(table).getByText("Demande de RIS")).toBeInTheDocument();
    expect(within(table).getByText("En retard")).toBeInTheDocument();
    const [first] = api.calls("GET /api/interviews/follow-ups");
    expect(Object.fromEntries(first!.url.searchParams)).toMatchObject({ counselor_id: "1", state: "open" });

    await userEvent.click(within(table).getByRole("button", { name: "Marquer comme fait : Demande de RIS, Jean DUPONT" }));
    await waitFor(() => expect(api.calls("PATCH /api/interviews/follow-ups/5")).toHaveLength(1));
    expect(await api.calls("PATCH /api/interviews/follow-ups/5")[0]!.request.json()).toEqual({ done: true });
    expect(await screen.findByText("Aucun suivi dans cette liste.")).toBeInTheDocument();
  });

  it("shows a manager the whole caisse, then one counselor's", async () => {
    const api = mockRoutes({
      "GET /api/interviews/counselors": () => json([claire, paul]),
      "GET /api/interviews/follow-ups": () => page([task]),
    });
    signIn(managerLogin);
    renderApp("/suivis");

    await screen.findByRole("table");
    const [all] = api.calls("GET /api/interviews/follow-ups");
    expect(all!.url.searchParams.has("counselor_id")).toBe(false);
    await userEvent.selectOptions(screen.getByLabelText("Conseiller"), "2");
    await waitFor(() =>
      expect(api.calls("GET /api/interviews/follow-ups").map((c) => c.url.searchParams.get("counselor_id"))).toContain("2"),
    );
  });
});
