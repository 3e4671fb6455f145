import { File as NodeFile } from "node:buffer";
import { fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { KitDocument } from "../api/types";
import { json, managerLogin, mockRoutes, nationalLogin, renderApp, signIn } from "../test/utils";

const letterModel: KitDocument = {
  id: 3,
  code: "COURRIER_EIG",
  title: "Modèle de courrier EIG",
  description: "",
  category: "letter_model",
  adaptable: true,
  current: {
    version: 2,
    changes: "Nouveau logo",
    published_at: "2011-09-01T08:00:00Z",
    filename: "courrier.pdf",
    media_type: "application/pdf",
    size_bytes: 52_000,
    sha256: "0".repeat(64),
  },
  action_ids: [1],
  adaptations: [],
};

describe("KitPage", () => {
  beforeEach(() => localStorage.clear());

  it("shows the current version of each document and tells what is new since the last visit", async () => {
    localStorage.setItem("rsi.kit.lastVisit", "2011-08-01T00:00:00Z");
    const api = mockRoutes({
      "GET /api/targeting/kit/documents": () => json([letterModel]),
      "GET /api/targeting/kit/news": () =>
        json([{ document_id: 3, code: "COURRIER_EIG", title: letterModel.title, version: 2, changes: "Nouveau logo", published_at: "2011-09-01T08:00:00Z" }]),
    });
    signIn(managerLogin);
    renderApp("/kit");

    const documents = await screen.findByRole("region", { name: "Documents (1)" });
    expect(within(documents).getByRole("heading", { name: letterModel.title })).toBeInTheDocument();
    expect(documents).toHaveTextContent("Version 2 du 1er septembre 2011 (courrier.pdf, 51 ko) : Nouveau logo");
    expect(within(documents).getByRole("button", { name: "Télécharger la version 2" })).toBeInTheDocument();
    expect(await screen.findByText("Une nouvelle version depuis votre dernière visite")).toBeInTheDocument();
    expect(api.calls("GET /api/targeting/kit/news")[0]!.url.searchParams.get("since")).toBe("2011-08-01T00:00:00Z");
    expect(localStorage.getItem("rsi.kit.lastVisit")).not.toBe("2011-08-01T00:00:00Z");
    // A manager adapts the model locally; publishing is the national office's.
    expect(within(documents).getByLabelText(/Déposer l’adaptation de votre caisse/)).toBeInTheDocument();
    expect(screen.queryByRole("form", { name: "Nouveau document du kit" })).not.toBeInTheDocument();
  });

  it("lets the national office create a document and publish a version", async () => {
    const api = mockRoutes({
      "GET /api/targeting/kit/documents": () => json([letterModel]),
      "POST /api/targeting/kit/documents": () => json({ ...letterModel, id: 4, current: null }, 201),
      "POST /api/targeting/kit/documents/3/versions": () => json({ ...letterModel.current, version: 3 }, 201),
    });
    signIn(nationalLogin);
    renderApp("/kit");

    const form = await screen.findByRole("form", { name: "Nouveau document du kit" });
    await userEvent.type(within(form).getByLabelText(/Code/), "affiche_eig");
    await userEvent.type(within(form).getByLabelText("Titre"), "Affiche EIG");
    await userEvent.selectOptions(within(form).getByLabelText("Catégorie"), "communication");
    await userEvent.click(within(form).getByRole("button", { name: "Créer le document" }));
    const [created] = api.calls("POST /api/targeting/kit/documents");
    expect(await created!.request.json()).toEqual({
      code: "AFFICHE_EIG",
      title: "Affiche EIG",
      category: "communication",
      adaptable: false,
      description: "",
    });

    const publish = screen.getByRole("form", { name: `Publier une version de ${letterModel.title}` });
    // Node's FormData and File, the ones its fetch serialises (see ImportPage.test.tsx).
    vi.stubGlobal("FormData", (await new Response(new URLSearchParams()).formData()).constructor);
    const file = new NodeFile(["%PDF-1.4"], "courrier-v3.pdf", { type: "application/pdf" });
    const input = within(publish).getByLabelText(/Nouvelle version/);
    Object.defineProperty(input, "files", { value: [file], configurable: true });
    fireEvent.change(input);
    await userEvent.type(within(publish).getByLabelText("Ce qui change"), "Mentions CNIL");
    await userEvent.click(within(publish).getByRole("button", { name: "Publier la version 3" }));
    const [published] = api.calls("POST /api/targeting/kit/documents/3/versions");
    const body = await published!.request.formData();
    expect(body.get("changes")).toBe("Mentions CNIL");
    expect((body.get("file") as File).name).toBe("courrier-v3.pdf");
  });
});
