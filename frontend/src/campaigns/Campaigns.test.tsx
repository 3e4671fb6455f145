import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Campaign, CampaignMessage, Invitation, LetterTemplate, MergeField } from "../api/types";
import { formatDateTime } from "../format";
import { LIST_ID, eigAction, readyList } from "../test/fixtures";
import {
  counselorLogin,
  json,
  managerLogin,
  mockRoutes,
  renderApp,
  signIn,
  tableCells,
} from "../test/utils";

const CAMPAIGN_ID = "9a1b2c3d-0000-4000-8000-00000000c0de";
const JOB_ID = "9a1b2c3d-0000-4000-8000-0000000000b1";

const nationalTemplate: LetterTemplate = {
  id: 1,
  caisse_code: null,
  name: "Proposition d'entretien de conseil social",
  subject: "Proposition d'un entretien — ${action.title}",
  body: "${person.civility} ${person.last_name}, …",
  updated_by: "seed",
  updated_at: "2026-11-20T10:00:00Z",
};
const caisseTemplate: LetterTemplate = { ...nationalTemplate, id: 2, caisse_code: "ALPES", name: "Relance Alpes" };
const fields: MergeField[] = [
  { name: "person.last_name", label: "Nom", meeting_only: false },
  { name: "meeting.place", label: "Lieu de la rencontre", meeting_only: true },
];

function campaign(overrides: Partial<Campaign> = {}, percent = 100): Campaign {
  const done = percent === 100;
  return {
    id: CAMPAIGN_ID,
    caisse_code: "ALPES",
    action_id: 1,
    target_list_id: LIST_ID,
    purpose: "interview",
    meeting_id: null,
    template_id: 1,
    subject: "Proposition d'un entretien",
    reply_by: "2027-01-15",
    letters: done ? 450 : 0,
    has_batch: done,
    volumes: 1,
    has_reminders: false,
    counts: {
      sent: 380,
      opened: 20,
      booked: 25,
      held: 4,
      no_show: 1,
      excused: 0,
      declined: 10,
      no_answer: 0,
      returned: 10,
      expired: 0,
    },
    messages: { pending: 0, sent: 450, failed: 0 },
    capacity_warning: null,
    job: {
      id: JOB_ID,
      kind: "letter_batch",
      status: done ? "succeeded" : "running",
      total: 450,
      attempts: 1,
      done: Math.round((450 * percent) / 100),
      percent,
      result: done ? { letters: 450, without_address: 3 } : null,
      error: null,
      created_at: "2026-11-25T18:50:00Z",
      finished_at: null,
    },
    created_by: "user:manager.alpes",
    created_at: "2026-11-25T18:50:00Z",
    ...overrides,
  };
}

const invitations: Invitation[] = [
  { id: 11, campaign_id: CAMPAIGN_ID, person_id: 101, rank: 1, name: "M. DUPONT Jean", status: "sent", reminders_enabled: true, reminders: 0, sent_at: "2026-11-25T18:51:00Z", updated_at: "2026-11-25T18:51:00Z" },
  { id: 12, campaign_id: CAMPAIGN_ID, person_id: 102, rank: 2, name: "Mme MARTIN Anne", status: "booked", reminders_enabled: true, reminders: 0, sent_at: "2026-11-25T18:51:00Z", updated_at: "2026-11-25T18:51:00Z" },
];

describe("letter templates", () => {
  it("names the unknown merge field the service refused", async () => {
    const api = mockRoutes({
      "GET /api/interviews/letter-templates": () => json([nationalTemplate, caisseTemplate]),
      "GET /api/interviews/letter-templates/fields": () => json(fields),
      "PUT /api/interviews/letter-templates/2": () =>
        json(
          {
            type: "about:blank",
            title: "Unprocessable Content",
            status: 422,
            detail: "Unknown merge field in the body: person.nom.",
            errors: [{ field: "body", location: "body", message: "unknown merge field person.nom" }],
          },
          422,
          "application/problem+json",
        ),
    });
    signIn(managerLogin);
    renderApp("/courriers/modeles");

    const table = await screen.findByRole("table");
    // A caisse edits its own templates, not the national ones.
    expect(within(table).getAllByRole("button", { name: /^Modifier/ })).toHaveLength(1);
    await userEvent.click(within(table).getByRole("button", { name: /^Modifier\s*Relance Alpes$/ }));

    const editor = screen.getByRole("form", { name: "Modifier le modèle Relance Alpes" });
    expect(within(editor).getByText("${meeting.place}")).toBeInTheDocument();
    const body = within(editor).getByLabelText(/^Texte du courrier/);
    await userEvent.clear(body);
    // "{{" types a literal "{" (user-event's key descriptors).
    await userEvent.type(body, "Bonjour ${{person.nom}");
    await userEvent.click(within(editor).getByRole("button", { name: "Enregistrer le modèle" }));

    expect(
      await within(editor).findByText("Champ de fusion inconnu dans le texte : ${person.nom}"),
    ).toBeInTheDocument();
    const [put] = api.calls("PUT /api/interviews/letter-templates/2");
    expect(await put!.request.json()).toMatchObject({ body: "Bonjour ${person.nom}", national: false });
  });

  it("is read-only for a counselor", async () => {
    mockRoutes({
      "GET /api/interviews/letter-templates": () => json([nationalTemplate, caisseTemplate]),
    });
    signIn(counselorLogin);
    renderApp("/courriers/modeles");

    expect(await screen.findByRole("table")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Modifier/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Nouveau modèle" })).not.toBeInTheDocument();
  });
});

describe("campaigns", () => {
  it("are not for the national office", async () => {
    mockRoutes({});
    signIn();
    renderApp("/campagnes");
    expect(await screen.findByRole("heading", { level: 1, name: "Accès non autorisé" })).toBeInTheDocument();
  });

  it("lists the campaigns with their letters' job: waiting, at its percentage, or failed", async () => {
    const job = campaign().job;
    mockRoutes({
      "GET /api/interviews/campaigns": () =>
        json([
          campaign({ id: "c1", job: { ...job, status: "queued", done: 0, percent: 0 } }),
          campaign({ id: "c2", job: { ...job, status: "running", done: 189, percent: 42 } }),
          campaign({ id: "c3" }),
          campaign({ id: "c4", job: { ...job, status: "failed", percent: 10, error: "Liste introuvable" } }),
        ]),
    });
    signIn(managerLogin);
    renderApp("/campagnes");

    const table = await screen.findByRole("table", { name: "Campagnes (4)" });
    expect(tableCells(table).slice(1).map((row) => row[4])).toEqual(["En attente", "42 %", "100 %", "Échec"]);
  });

  it("starts a campaign from a target list and opens it", async () => {
    let created = false;
    const api = mockRoutes({
      [`GET /api/targeting/target-lists/${LIST_ID}`]: () => json(readyList),
      [`GET /api/targeting/target-lists/${LIST_ID}/members`]: () => json({ items: [], next_after_rank: null }),
      "GET /api/targeting/actions/1": () => json(eigAction),
      "GET /api/interviews/letter-templates": () => json([nationalTemplate, caisseTemplate]),
      "GET /api/interviews/meetings": () => json([]),
      "POST /api/interviews/campaigns": () => {
        created = true;
        return json(campaign({}, 0), 202);
      },
      [`GET /api/interviews/campaigns/${CAMPAIGN_ID}`]: () => json(campaign({}, created ? 40 : 0)),
    });
    signIn(managerLogin);
    renderApp(`/listes/${LIST_ID}`);

    await userEvent.click(await screen.findByRole("link", { name: "Lancer un envoi de courriers" }));
    const form = await screen.findByRole("form", { name: "Envoi de courriers" });
    await userEvent.click(within(form).getByRole("button", { name: "Lancer l’envoi" }));
    expect(within(form).getByText("Choisissez un modèle de courrier.")).toBeInTheDocument();
    expect(api.calls("POST /api/interviews/campaigns")).toHaveLength(0);

    await userEvent.selectOptions(within(form).getByLabelText("Modèle de courrier"), "1");
    // EIG is an interview action: the letter proposes an interview.
    expect(within(form).getByLabelText("Proposition d’entretien")).toBeChecked();
    expect(within(form).queryByLabelText("Rencontre")).not.toBeInTheDocument();
    await userEvent.click(within(form).getByLabelText("Invitation à une rencontre"));
    expect(within(form).getByLabelText("Rencontre")).toBeInTheDocument();
    await userEvent.click(within(form).getByLabelText("Proposition d’entretien"));
    await userEvent.type(within(form).getByLabelText(/^Téléphone/), "04 79 00 00 00");
    await userEvent.click(within(form).getByRole("button", { name: "Lancer l’envoi" }));

    expect(
      await screen.findByRole("heading", { level: 1, name: /^Campagne du / }),
    ).toBeInTheDocument();
    expect(await api.calls("POST /api/interviews/campaigns")[0]!.request.json()).toEqual({
      target_list_id: LIST_ID,
      template_id: 1,
      purpose: "interview",
      meeting_id: null,
      contact_phone: "04 79 00 00 00",
      reply_by: null,
      capacity_check: "refuse",
    });
  });

  it("previews the first letter with a warning for empty fields before launching", async () => {
    const api = mockRoutes({
      [`GET /api/targeting/target-lists/${LIST_ID}`]: () => json(readyList),
      [`GET /api/targeting/target-lists/${LIST_ID}/members`]: () => json({ items: [], next_after_rank: null }),
      "GET /api/targeting/actions/1": () => json(eigAction),
      "GET /api/interviews/letter-templates": () => json([nationalTemplate, caisseTemplate]),
      "GET /api/interviews/meetings": () => json([]),
      "POST /api/interviews/campaigns/preview": () =>
        json({
          subject: "Votre entretien — Entretiens EIG",
          body: "Madame DUPONT,\n\nAppelez le 04 79 00 00 00 avant le .",
          recipient: ["Madame Jeanne DUPONT", "1 rue de la Paix", "38000 Grenoble"],
          empty_fields: [{ name: "campaign.reply_by", label: "Date limite de réponse" }],
        }),
    });
    signIn(managerLogin);
    renderApp(`/listes/${LIST_ID}/courriers`);
    const form = await screen.findByRole("form", { name: "Envoi de courriers" });
    await within(form).findByRole("option", { name: new RegExp(nationalTemplate.name) });
    await userEvent.selectOptions(within(form).getByLabelText("Modèle de courrier"), "1");
    await userEvent.type(within(form).getByLabelText(/^Téléphone/), "04 79 00 00 00");

    await userEvent.click(within(form).getByRole("button", { name: "Prévisualiser un courrier" }));

    const preview = await screen.findByRole("region", { name: /Aperçu du courrier/ });
    expect(preview).toHaveTextContent("Objet : Votre entretien — Entretiens EIG");
    expect(preview).toHaveTextContent("Champs vides dans ce courrier : Date limite de réponse.");
    expect(api.calls("POST /api/interviews/campaigns")).toHaveLength(0); // nothing launched
  });

  it("follows the letters' job, then shows the counts per status, the letters and reminders", async () => {
    let polls = 0;
    let reminded = false;
    const reminderJob = { ...campaign().job, id: "9a1b2c3d-0000-4000-8000-0000000000b2", kind: "reminders", result: null };
    const api = mockRoutes({
      [`GET /api/interviews/campaigns/${CAMPAIGN_ID}`]: () => {
        polls += 1;
        return json(polls === 1 ? campaign({}, 40) : campaign({ has_reminders: reminded }));
      },
      [`POST /api/interviews/campaigns/${CAMPAIGN_ID}/reminders`]: () =>
        json({ ...reminderJob, status: "running", percent: 10, done: 40 }, 202),
      [`GET /api/interviews/jobs/${reminderJob.id}`]: () => {
        reminded = true;
        return json(reminderJob);
      },
      "GET /api/targeting/actions/1": () => json(eigAction),
      [`GET /api/interviews/campaigns/${CAMPAIGN_ID}/invitations`]: () => json(invitations),
      "PATCH /api/interviews/invitations/11": () => json({ ...invitations[0], status: "returned" }),
    });
    signIn(managerLogin);
    renderApp(`/campagnes/${CAMPAIGN_ID}`);

    const bar = await screen.findByRole("progressbar", { name: /Rédaction des courriers — En cours/ });
    expect(bar).toHaveAttribute("aria-valuenow", "40");
    expect(screen.queryByRole("button", { name: "Télécharger tous les courriers (PDF)" })).not.toBeInTheDocument();

    await waitFor(() => expect(screen.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100"), { timeout: 3000 });
    const counts = screen.getByRole("list", { name: "Réponses aux courriers" });
    expect(within(counts).getAllByRole("listitem").map((i) => i.textContent)).toEqual([
      "Envoyé380",
      "Lien ouvert20",
      "Rendez-vous pris25",
      "Tenu4",
      "Absent1",
      "Excusé0",
      "Refus10",
      "Sans réponse0",
      "Retour NPAI10",
      "Expiré0",
    ]);
    expect(screen.getByRole("button", { name: "Télécharger tous les courriers (PDF)" })).toBeInTheDocument();
    expect(screen.getByText("3 personnes de la liste n’ont pas d’adresse : elles n’ont pas reçu de courrier.")).toBeInTheDocument();

    const table = await screen.findByRole("table", { name: "Courriers, rangs 1 à 2" });
    expect(tableCells(table).map((row) => row.slice(0, 2))).toEqual([
      ["Rang", "Destinataire"],
      ["1", "M. DUPONT Jean"],
      ["2", "Mme MARTIN Anne"],
    ]);
    // A booking is not set by hand.
    expect(screen.queryByLabelText("Statut du courrier de Mme MARTIN Anne")).not.toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText("Statut du courrier de M. DUPONT Jean"), "returned");
    await waitFor(() => expect(api.calls("PATCH /api/interviews/invitations/11")).toHaveLength(1));
    expect(await api.calls("PATCH /api/interviews/invitations/11")[0]!.request.json()).toEqual({ status: "returned" });
    // Reminders can be switched off for one person.
    const toggle = screen.getByRole("checkbox", { name: /relances pour M\. DUPONT Jean/ });
    expect(toggle).toBeChecked();
    await userEvent.click(toggle);
    await waitFor(() => expect(api.calls("PATCH /api/interviews/invitations/11")).toHaveLength(2));
    expect(await api.calls("PATCH /api/interviews/invitations/11")[1]!.request.json()).toEqual({
      reminders_enabled: false,
    });

    expect(screen.queryByRole("button", { name: "Télécharger les relances (PDF)" })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Envoyer une relance" }));
    expect(await screen.findByRole("progressbar", { name: /Rédaction des relances/ })).toBeInTheDocument();
    expect(await screen.findByRole("button", { name: "Télécharger les relances (PDF)" }, { timeout: 3000 })).toBeInTheDocument();
    expect(api.calls(`POST /api/interviews/campaigns/${CAMPAIGN_ID}/reminders`)).toHaveLength(1);
    // Answers are expected until 15 January: no closing before.
    expect(screen.getByRole("button", { name: "Clôturer la campagne" })).toBeDisabled();
  });

  it("previews the free slots, shows a refusal's figures, then sends with a warning", async () => {
    const figures = {
      people: 450,
      booking_rate: 0.2,
      expected_bookings: 90,
      free_slots: 60,
      window_end: "2026-12-20T23:59:59+01:00",
      enough: false,
    };
    let created = false;
    const api = mockRoutes({
      [`GET /api/targeting/target-lists/${LIST_ID}`]: () => json(readyList),
      "GET /api/targeting/actions/1": () => json(eigAction),
      "GET /api/interviews/letter-templates": () => json([nationalTemplate]),
      "GET /api/interviews/meetings": () => json([]),
      "GET /api/interviews/capacity": () => json(figures),
      "POST /api/interviews/campaigns": async (request) => {
        const body = await request.json();
        if (body.capacity_check === "refuse") {
          return json(
            { type: "about:blank", title: "Unprocessable Content", status: 422, detail: "Not enough free slots", capacity: figures },
            422,
            "application/problem+json",
          );
        }
        created = true;
        return json(campaign({ capacity_warning: figures }, 0), 202);
      },
      [`GET /api/interviews/campaigns/${CAMPAIGN_ID}`]: () =>
        json(campaign({ capacity_warning: figures, messages: { pending: 12, sent: 300, failed: 0 } })),
      [`GET /api/interviews/campaigns/${CAMPAIGN_ID}/invitations`]: () => json(invitations),
    });
    signIn(managerLogin);
    renderApp(`/listes/${LIST_ID}/courriers`);

    const form = await screen.findByRole("form", { name: "Envoi de courriers" });
    expect(
      await within(form).findByText(/^450 personnes, environ 90 rendez-vous attendus \(20 % de prise de rendez-vous\), 60 créneaux libres jusqu’au 20 décembre 2026\. Les créneaux ne suffiront pas\.$/),
    ).toBeInTheDocument();
    expect(api.calls("GET /api/interviews/capacity")[0]!.url.searchParams.get("target_list_id")).toBe(LIST_ID);
    expect(within(form).getByLabelText("Refuser si les créneaux manquent")).toBeChecked();

    await userEvent.selectOptions(within(form).getByLabelText("Modèle de courrier"), "1");
    await userEvent.type(within(form).getByLabelText(/^Téléphone/), "04 79 00 00 00");
    await userEvent.click(within(form).getByRole("button", { name: "Lancer l’envoi" }));
    const refusal = await within(form).findByText("L’envoi n’a pas été lancé : les créneaux manquent");
    expect(refusal.parentElement).toHaveTextContent("450 personnes, environ 90 rendez-vous attendus");
    expect(created).toBe(false);

    await userEvent.click(within(form).getByLabelText("Envoyer avec un avertissement"));
    await userEvent.click(within(form).getByRole("button", { name: "Lancer l’envoi" }));
    expect(await screen.findByText("Envoyée malgré le manque de créneaux")).toBeInTheDocument();
    expect(await api.calls("POST /api/interviews/campaigns")[1]!.request.json()).toMatchObject({ capacity_check: "warn" });
    expect(await screen.findByText("300 envoyés, 12 en attente d’envoi.", {}, { timeout: 3000 })).toBeInTheDocument();
  });

  it("shows the messages given up on: whom for, why, after how many attempts", async () => {
    const failed = (overrides: Partial<CampaignMessage>): CampaignMessage => ({
      id: 7,
      channel: "email",
      status: "failed",
      attempts: 1,
      last_error: "Adresse email refusée par le serveur de messagerie (550 5.1.1 <destinataire>: User unknown)",
      created_at: "2026-11-25T18:51:00Z",
      sent_at: null,
      failed_at: "2026-11-25T19:02:00Z",
      invitation_id: 11,
      person_id: 101,
      name: "M. DUPONT Jean",
      ...overrides,
    });
    const counts = { pending: 3, sent: 445, failed: 2 };
    const api = mockRoutes({
      [`GET /api/interviews/campaigns/${CAMPAIGN_ID}`]: () => json(campaign({ messages: counts })),
      [`GET /api/interviews/campaigns/${CAMPAIGN_ID}/messages`]: () =>
        json({
          items: [
            failed({}),
            failed({ id: 8, channel: "sms", attempts: 30, last_error: "La passerelle SMS a répondu HTTP 503", invitation_id: 12, person_id: 102, name: "Mme MARTIN Anne" }),
          ],
          total: 2,
          limit: 20,
          offset: 0,
          counts,
        }),
      [`GET /api/interviews/campaigns/${CAMPAIGN_ID}/invitations`]: () => json(invitations),
      "GET /api/targeting/actions/1": () => json(eigAction),
    });
    signIn(managerLogin);
    renderApp(`/campagnes/${CAMPAIGN_ID}`);

    expect(await screen.findByText("445 envoyés, 3 en attente d’envoi, 2 en échec définitif.")).toBeInTheDocument();
    const table = await screen.findByRole("table", { name: "Messages en échec définitif, 1 à 2 sur 2" });
    expect(tableCells(table)).toEqual([
      ["Destinataire", "Canal", "Statut", "Tentatives", "Motif", "Date de l’échec"],
      ["M. DUPONT Jean", "Email", "Échec définitif", "1 tentative", "Adresse email refusée par le serveur de messagerie (550 5.1.1 <destinataire>: User unknown)", formatDateTime("2026-11-25T19:02:00Z")],
      ["Mme MARTIN Anne", "SMS", "Échec définitif", "30 tentatives", "La passerelle SMS a répondu HTTP 503", formatDateTime("2026-11-25T19:02:00Z")],
    ]);
    const [badge] = within(table).getAllByText("Échec définitif");
    expect(badge).toHaveClass("fr-badge", "fr-badge--error");
    expect(within(table).getByRole("link", { name: "M. DUPONT Jean" })).toHaveAttribute("href", "/assures/101");
    expect(
      screen.getByText("2 messages n’ont pas pu être envoyés et ne seront plus réessayés : joignez ces personnes autrement (courrier, téléphone)."),
    ).toBeInTheDocument();
    const [request] = api.calls(`GET /api/interviews/campaigns/${CAMPAIGN_ID}/messages`);
    expect(Object.fromEntries(request!.url.searchParams)).toEqual({ status: "failed", limit: "20", offset: "0" });
  });

  it("asks for no message list while nothing failed", async () => {
    const api = mockRoutes({
      [`GET /api/interviews/campaigns/${CAMPAIGN_ID}`]: () => json(campaign()),
      [`GET /api/interviews/campaigns/${CAMPAIGN_ID}/invitations`]: () => json(invitations),
      "GET /api/targeting/actions/1": () => json(eigAction),
    });
    signIn(managerLogin);
    renderApp(`/campagnes/${CAMPAIGN_ID}`);

    expect(await screen.findByText("450 envoyés.")).toBeInTheDocument();
    expect(screen.queryByText("Échec définitif")).not.toBeInTheDocument();
    expect(api.calls(`GET /api/interviews/campaigns/${CAMPAIGN_ID}/messages`)).toHaveLength(0);
  });

  it("offers a campaign in several volumes one by one and all together", async () => {
    mockRoutes({
      [`GET /api/interviews/campaigns/${CAMPAIGN_ID}`]: () => json(campaign({ letters: 12000, volumes: 3 })),
      [`GET /api/interviews/campaigns/${CAMPAIGN_ID}/invitations`]: () => json(invitations),
      "GET /api/targeting/actions/1": () => json(eigAction),
    });
    signIn(managerLogin);
    renderApp(`/campagnes/${CAMPAIGN_ID}`);

    expect(await screen.findByText("450 envoyés.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Télécharger les 3 volumes (ZIP)" })).toBeInTheDocument();
    for (const volume of [1, 2, 3]) {
      expect(screen.getByRole("button", { name: `Volume ${volume} (PDF)` })).toBeInTheDocument();
    }
    expect(screen.queryByRole("button", { name: "Télécharger tous les courriers (PDF)" })).not.toBeInTheDocument();
  });
});
