import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { File as NodeFile } from "node:buffer";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import type { Job } from "../api/types";
import { json, managerLogin, mockRoutes, renderApp, signIn, tableCells } from "../test/utils";

const JOB_ID = "6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b";

function job(overrides: Partial<Job>): Job {
  return {
    id: JOB_ID,
    kind: "registry_import",
    status: "queued",
    total: 0,
    attempts: 0,
    done: 0,
    percent: 0,
    result: { mode: "keep_valid" },
    error: null,
    created_at: "2026-11-25T18:48:40Z",
    finished_at: null,
    ...overrides,
  };
}

const finished = job({
  status: "succeeded",
  total: 4,
  done: 4,
  percent: 100,
  result: {
    mode: "keep_valid",
    rows: 4,
    valid: 3,
    rejected: 1,
    inserted: 2,
    updated: 1,
    unchanged: 0,
    written: true,
    message: "2 added, 1 updated, 0 unchanged, 1 refused.",
  },
  finished_at: "2026-11-25T18:48:41Z",
});

describe("ImportPage", () => {
  it("uploads the file, follows the job to 100 % and shows the error report", async () => {
    const progress = [job({ status: "running", total: 4, done: 2, percent: 50 }), finished];
    const api = mockRoutes({
      "POST /api/targeting/imports": () => json(job({}), 202),
      [`GET /api/targeting/jobs/${JOB_ID}`]: () => json(progress.length > 1 ? progress.shift() : progress[0]),
      [`GET /api/targeting/imports/${JOB_ID}/errors`]: () =>
        json({
          items: [{ line: 3, field: "nir", message: "nir must be 15 characters" }],
          total: 1,
          limit: 50,
          offset: 0,
        }),
      [`GET /api/targeting/imports/${JOB_ID}/errors.csv`]: () =>
        new Response("line,field,message\n3,nir,nir must be 15 characters\n", {
          headers: {
            "Content-Type": "text/csv; charset=utf-8",
            "Content-Disposition": `attachment; filename="import-${JOB_ID}-errors.csv"`,
          },
        }),
    });
    signIn(managerLogin);
    renderApp("/imports");
    const user = userEvent.setup();

    // Node's FormData and File, the ones its fetch knows (jsdom's cannot cross into Node's
    // Request); in a browser they are all the same.
    const NodeFormData = (await new Response(new URLSearchParams()).formData()).constructor;
    vi.stubGlobal("FormData", NodeFormData);
    const file = new NodeFile(["nir,last_name\n"], "assures.csv", { type: "text/csv" }) as unknown as File;
    // (user.upload only takes jsdom's File, which Node's FormData cannot serialise.)
    const input = screen.getByLabelText(/Fichier CSV des assurés/);
    Object.defineProperty(input, "files", { value: [file], configurable: true });
    fireEvent.change(input);
    await user.click(screen.getByLabelText(/Garder les lignes valides/));
    await user.click(screen.getByRole("button", { name: "Lancer l’import" }));

    const bar = await screen.findByRole("progressbar", { name: /Import du fichier/ });
    await waitFor(() => expect(bar).toHaveAttribute("aria-valuenow", "50"));
    await waitFor(() => expect(screen.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100"), {
      timeout: 3000,
    });
    expect(screen.getByRole("progressbar")).toHaveAccessibleName("Import du fichier — Terminé");

    const [upload] = api.calls("POST /api/targeting/imports");
    const form = await upload!.request.formData();
    expect(form.get("mode")).toBe("keep_valid");
    expect((form.get("file") as File).name).toBe("assures.csv");
    expect(await (form.get("file") as File).text()).toBe("nir,last_name\n");
    expect(upload!.request.headers.get("Authorization")).toBe("Bearer token-manager");

    expect(screen.getByRole("heading", { name: "Import terminé avec des erreurs" })).toBeInTheDocument();
    expect(tableCells(screen.getByRole("table", { name: "Décompte des lignes" }))).toEqual([
      ["Lignes lues", "Valides", "Refusées", "Ajoutées", "Mises à jour", "Inchangées"],
      ["4", "3", "1", "2", "1", "0"],
    ]);
    const errors = await screen.findByRole("table", { name: "Lignes refusées (1)" });
    expect(tableCells(errors)).toEqual([
      ["Ligne", "Champ", "Message"],
      ["3", "nir", "nir must be 15 characters"],
    ]);

    // The CSV report is fetched with the token, then saved from a blob.
    const createObjectURL = vi.fn(() => "blob:report");
    const revokeObjectURL = vi.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL }); // jsdom has neither
    onTestFinished(() => {
      Reflect.deleteProperty(URL, "createObjectURL");
      Reflect.deleteProperty(URL, "revokeObjectURL");
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    await user.click(screen.getByRole("button", { name: "Télécharger le rapport (CSV)" }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    const [download] = api.calls(`GET /api/targeting/imports/${JOB_ID}/errors.csv`);
    expect(download!.request.headers.get("Authorization")).toBe("Bearer token-manager");
    const [[blob]] = createObjectURL.mock.calls as unknown as [[Blob]];
    expect(await blob.text()).toContain("3,nir,nir must be 15 characters");
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe(`import-${JOB_ID}-errors.csv`);
  });

  it("says nothing was written when all-or-nothing met a bad row", async () => {
    mockRoutes({
      [`GET /api/targeting/jobs/${JOB_ID}`]: () =>
        json({
          ...finished,
          result: { ...finished.result, mode: "all_or_nothing", inserted: 0, updated: 0, written: false },
        }),
      [`GET /api/targeting/imports/${JOB_ID}/errors`]: () =>
        json({ items: [], total: 0, limit: 50, offset: 0 }),
    });
    signIn(managerLogin);
    renderApp(`/imports?job=${JOB_ID}`);

    expect(
      await screen.findByRole("heading", { name: "Import refusé : aucune ligne enregistrée" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  });

  it("shows an import waiting in the queue as waiting, then its true progress", async () => {
    const polls = [job({ total: 4 }), job({ total: 4 }), job({ status: "running", total: 4, done: 1, percent: 25 })];
    mockRoutes({
      [`GET /api/targeting/jobs/${JOB_ID}`]: () => json(polls.length > 1 ? polls.shift() : polls[0]),
    });
    signIn(managerLogin);
    renderApp(`/imports?job=${JOB_ID}`);

    expect(await screen.findByText(/^En attente d’un processus de traitement…/)).toBeInTheDocument();
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
    const bar = await screen.findByRole("progressbar", { name: "Import du fichier — En cours" }, { timeout: 3000 });
    expect(bar).toHaveAttribute("aria-valuenow", "25");
    expect(screen.queryByText(/^En attente d’un processus de traitement…/)).not.toBeInTheDocument();
  });

  it("shows a failed import's own error", async () => {
    mockRoutes({
      [`GET /api/targeting/jobs/${JOB_ID}`]: () =>
        json(job({ status: "failed", total: 4, done: 2, percent: 50, error: "Le fichier n’est pas un CSV lisible." })),
    });
    signIn(managerLogin);
    renderApp(`/imports?job=${JOB_ID}`);

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("L’import a échoué");
    expect(alert).toHaveTextContent("Le fichier n’est pas un CSV lisible.");
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
    expect(screen.getAllByText("L’import a échoué")).toHaveLength(1);
  });

  it("asks for a file", async () => {
    const api = mockRoutes({});
    signIn(managerLogin);
    renderApp("/imports");

    await userEvent.click(screen.getByRole("button", { name: "Lancer l’import" }));

    const upload = screen.getByLabelText(/Fichier CSV des assurés/);
    expect(upload).toHaveAccessibleDescription(/Choisissez un fichier CSV/);
    expect(api.seen).toHaveLength(0);
    expect(within(document.body).queryByRole("progressbar")).not.toBeInTheDocument();
  });
});
