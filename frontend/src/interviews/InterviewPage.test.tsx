import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { GuideProposal, Interview, InterviewRecord, PersonFile } from "../api/types";
import { eigAction } from "../test/fixtures";
import { counselorLogin, json, mockRoutes, problem, renderApp, signIn } from "../test/utils";

const interview: Interview = {
  id: "5f0c8a1e-0000-4000-8000-000000000001",
  caisse_code: "ALPES",
  counselor_id: 1,
  person_id: 12,
  action_id: 1,
  channel: "phone",
  site_id: null,
  start: "2026-03-05T08:30:00Z",
  end: "2026-03-05T09:15:00Z",
  status: "booked",
};
const person = { id: 12, first_name: "Jean", last_name: "DUPONT", caisse_code: "ALPES" } as PersonFile;
const always = { always: true } as const;
const guide: GuideProposal = {
  guide_version: 3,
  sections: [
    { key: "rsi", title: "Le RSI et ses missions", content: "Présenter le RSI.", condition: always, applies: false },
    { key: "retraite", title: "Droits à la retraite", content: "Le relevé RIS.", condition: always, applies: true },
    { key: "eirl", title: "L’EIRL", content: "Le statut EIRL.", condition: always, applies: false },
    { key: "prevention", title: "Prévention", content: "Les risques.", condition: always, applies: true },
  ],
};
const RECORD = `/api/interviews/interviews/${interview.id}/record`;

function routes(extra: Parameters<typeof mockRoutes>[0] = {}) {
  return mockRoutes({
    [`GET /api/interviews/interviews/${interview.id}`]: () => json(interview),
    [`GET /api/interviews/interviews/${interview.id}/guide`]: () => json(guide),
    [`GET ${RECORD}`]: () => problem(404, "Not Found", "Nothing recorded."),
    "GET /api/targeting/persons/12": () => json(person),
    "GET /api/targeting/actions/1": () => json(eigAction),
    ...extra,
  });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-03-05T09:20:00Z"));
});
afterEach(() => vi.useRealTimers());

describe("InterviewPage", () => {
  it("shows the sections that apply first and records the sections covered, outcome and follow-ups", async () => {
    const saved: InterviewRecord = {
      interview_id: interview.id,
      guide_version: 3,
      sections_proposed: ["retraite", "prevention"],
      sections_covered: ["retraite", "eirl"],
      follow_ups: ["ris_request", "career_reconstitution"],
      notes: "Relevé à compléter.",
      recorded_by: "user:conseiller.alpes",
      recorded_at: "2026-03-05T09:21:00Z",
    };
    const api = routes({ [`PUT ${RECORD}`]: () => json(saved) });
    signIn(counselorLogin);
    renderApp(`/entretiens/${interview.id}`);

    expect(await screen.findByRole("heading", { level: 1, name: "Entretien — Jean DUPONT" })).toBeInTheDocument();
    const tabs = await screen.findAllByRole("tab");
    expect(tabs.map((t) => t.textContent)).toEqual([
      "Droits à la retraite",
      "Prévention",
      "Le RSI et ses missions",
      "L’EIRL",
    ]);
    expect(screen.getByText("Proposée pour cet assuré")).toBeInTheDocument();

    await userEvent.click(screen.getByLabelText(/^Abordé/));
    await userEvent.click(screen.getByRole("tab", { name: "L’EIRL" }));
    expect(screen.getByText("Non proposée pour ce profil")).toBeInTheDocument();
    expect(screen.getByLabelText(/^Abordé/)).not.toBeChecked();
    await userEvent.click(screen.getByLabelText(/^Abordé/));
    expect(screen.getByText("Sections abordées : 2 sur 4")).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "Droits à la retraite ✓" })).toBeInTheDocument();

    await userEvent.click(screen.getByLabelText("Entretien tenu"));
    await userEvent.click(screen.getByLabelText("Demande de RIS"));
    await userEvent.click(screen.getByLabelText("Reconstitution de carrière"));
    await userEvent.type(screen.getByLabelText(/^Notes/), "Relevé à compléter.");
    await userEvent.click(screen.getByRole("button", { name: "Enregistrer le compte rendu" }));

    expect(await screen.findByText(/^Compte rendu enregistré le/)).toBeInTheDocument();
    const [put] = api.calls(`PUT ${RECORD}`);
    expect(await put!.request.json()).toEqual({
      outcome: "done",
      sections_covered: ["retraite", "eirl"],
      follow_ups: ["ris_request", "career_reconstitution"],
      notes: "Relevé à compléter.",
    });
  });

  it("asks for the outcome, and records a no-show without sections or follow-ups", async () => {
    const api = routes({
      [`PUT ${RECORD}`]: () => problem(409, "Conflict", "The interview is already recorded as done."),
    });
    signIn(counselorLogin);
    renderApp(`/entretiens/${interview.id}`);

    await userEvent.click(await screen.findByRole("button", { name: "Enregistrer le compte rendu" }));
    expect(screen.getByText("Indiquez si l’entretien a eu lieu.")).toBeInTheDocument();
    expect(api.calls(`PUT ${RECORD}`)).toHaveLength(0);

    await userEvent.click(screen.getByLabelText(/^Abordé/));
    await userEvent.click(screen.getByLabelText("Assuré absent"));
    expect(screen.queryByLabelText("Demande de RIS")).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Enregistrer le compte rendu" }));

    const alert = await screen.findByText("Le compte rendu n’a pas été enregistré");
    expect(within(alert.closest(".fr-alert") as HTMLElement).getByText(/already recorded/)).toBeInTheDocument();
    await waitFor(() => expect(api.calls(`PUT ${RECORD}`)).toHaveLength(1));
    expect(await api.calls(`PUT ${RECORD}`)[0]!.request.json()).toEqual({
      outcome: "no_show",
      sections_covered: [],
      follow_ups: [],
      notes: "",
    });
  });

  it("reopens a recorded interview with what was recorded, its outcome fixed", async () => {
    routes({
      [`GET /api/interviews/interviews/${interview.id}`]: () => json({ ...interview, status: "done" }),
      [`GET ${RECORD}`]: () =>
        json({
          interview_id: interview.id,
          guide_version: 3,
          sections_proposed: ["retraite", "prevention"],
          sections_covered: ["retraite"],
          follow_ups: ["pre_liquidation"],
          notes: "Déjà vu.",
          recorded_by: "user:conseiller.alpes",
          recorded_at: "2026-03-05T09:21:00Z",
        }),
    });
    signIn(counselorLogin);
    renderApp(`/entretiens/${interview.id}`);

    expect(await screen.findByLabelText(/^Abordé/)).toBeChecked();
    expect(screen.getByText("Sections abordées : 1 sur 4")).toBeInTheDocument();
    expect(screen.getByLabelText("Entretien tenu")).toBeChecked();
    expect(screen.getByLabelText("Assuré absent")).toBeDisabled();
    expect(screen.getByLabelText("Pré-liquidation")).toBeChecked();
    expect(screen.getByLabelText(/^Notes/)).toHaveValue("Déjà vu.");
  });

  it("waits for the interview to start before recording its outcome", async () => {
    vi.setSystemTime(new Date("2026-03-05T08:00:00Z"));
    routes();
    signIn(counselorLogin);
    renderApp(`/entretiens/${interview.id}`);

    expect(await screen.findByRole("button", { name: "Enregistrer le compte rendu" })).toBeDisabled();
    expect(screen.getByText(/une fois l’entretien commencé \(09:30\)/)).toBeInTheDocument();
  });

  it("is reached from the agenda's side panel", async () => {
    routes({
      "GET /api/interviews/counselors": () =>
        json([{ id: 1, username: "conseiller.alpes", full_name: "Claire Conseillère", caisse_code: "ALPES", active: true }]),
      "GET /api/interviews/counselors/1/interviews": () => json([interview]),
      [`GET /api/interviews/interviews/${interview.id}/history`]: () => json([]),
    });
    signIn(counselorLogin);
    renderApp("/agenda");

    const [first] = await screen.findAllByRole("button", { name: /09:30 – 10:15/ });
    await userEvent.click(first!);
    await userEvent.click(await screen.findByRole("link", { name: "Mener l’entretien" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Entretien — Jean DUPONT" })).toBeInTheDocument();
  });
});
