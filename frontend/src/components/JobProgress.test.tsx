import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Job } from "../api/types";
import { formatNumber } from "../format";
import { JobProgress, jobStatusText } from "./JobProgress";

function job(overrides: Partial<Job>): Job {
  return {
    id: "6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b",
    kind: "registry_import",
    status: "queued",
    total: 1000,
    done: 0,
    attempts: 0,
    percent: 0,
    result: null,
    error: null,
    created_at: "2026-11-25T18:48:40Z",
    finished_at: null,
    ...overrides,
  };
}

function show(state: Partial<Job>, failure: { failureTitle?: string; failureHint?: string } = {}) {
  return render(<JobProgress job={job(state)} title="Import du fichier" unit="lignes" {...failure} />);
}

describe("JobProgress", () => {
  it("shows a queued job as waiting for a worker process, without a progress bar", () => {
    show({ status: "queued" });
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
    const waiting = screen.getByRole("status");
    expect(waiting).toHaveTextContent(/^Import du fichier En attente/);
    // (The matcher collapses the number's narrow no-break space into a space.)
    expect(waiting).toHaveTextContent(
      "En attente d’un processus de traitement… Le travail commencera dès qu’un processus sera disponible (1 000 lignes à traiter).",
    );
    expect(screen.getByText("En attente")).toHaveClass("fr-badge", "fr-badge--info");
    expect(screen.queryByText(/%/)).not.toBeInTheDocument();
  });

  it("leaves out the amount of a queued job that does not know it yet", () => {
    show({ status: "queued", total: 0 });
    expect(screen.getByRole("status")).toHaveTextContent(/sera disponible\.$/);
  });

  it("says why a queued job waits for another attempt", () => {
    show({
      status: "queued",
      attempts: 1,
      error: "Nouvelle tentative prévue : Service temporairement indisponible (ConnectionError).",
    });
    expect(screen.getByRole("status")).toHaveTextContent(
      /Nouvelle tentative prévue : Service temporairement indisponible/,
    );
  });

  it("shows a running job at its true percentage", () => {
    show({ status: "running", done: 420, percent: 42 });
    const bar = screen.getByRole("progressbar", { name: "Import du fichier — En cours" });
    expect(bar).toHaveAttribute("aria-valuenow", "42");
    expect(bar).toHaveAttribute("aria-valuetext", `42 % (420 lignes sur ${formatNumber(1000)})`);
    expect(screen.queryByText(/En attente d’un processus/)).not.toBeInTheDocument();
  });

  it("shows a finished job at 100 %", () => {
    show({ status: "succeeded", done: 1000, percent: 100 });
    expect(screen.getByRole("progressbar", { name: "Import du fichier — Terminé" })).toHaveAttribute(
      "aria-valuenow",
      "100",
    );
  });

  it("shows a failed job's own error, without a progress bar", () => {
    show({ status: "failed", done: 300, percent: 30, error: "Ligne 301 illisible." }, { failureTitle: "L’import a échoué" });
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
    const alert = screen.getByRole("alert");
    expect(alert).toHaveClass("fr-alert--error");
    expect(alert).toHaveTextContent("L’import a échoué");
    expect(alert).toHaveTextContent("Ligne 301 illisible.");
  });

  it("falls back on a hint when a failed job gave no reason", () => {
    show({ status: "failed", error: null }, { failureHint: "Le fichier n’a pas pu être traité." });
    expect(screen.getByRole("alert")).toHaveTextContent("Import du fichier : échecLe fichier n’a pas pu être traité.");
  });

  it("sums a job up in a few words for a table", () => {
    expect(
      (["queued", "running", "succeeded", "failed"] as const).map((status) =>
        jobStatusText(job({ status, percent: 41.6 })),
      ),
    ).toEqual(["En attente", "42 %", "100 %", "Échec"]);
  });
});
