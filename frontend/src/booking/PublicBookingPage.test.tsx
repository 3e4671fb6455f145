import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { PublicInvitation, PublicSlot } from "../api/types";
import { addDays, parisIso, today } from "../agenda/time";
import { json, managerLogin, mockRoutes, renderApp, signIn } from "../test/utils";

const TOKEN = "tok-abc123";
const BASE = `/api/interviews/public/invitations/${TOKEN}`;
const tomorrow = addDays(today(), 1);

const invited: PublicInvitation = {
  caisse_name: "RSI Alpes",
  action_title: "Entretiens de conseil social — population « EIG »",
  contact_phone: "04 79 00 00 00",
  status: "invited",
  expires_at: `${addDays(today(), 10)}T22:59:59Z`,
  change_notice_hours: 24,
  booking: null,
};

function slot(time: string, day = tomorrow): PublicSlot {
  const start = parisIso(day, time);
  const end = new Date(new Date(start).getTime() + 45 * 60_000).toISOString();
  return { start, end, channel: "phone", site_id: null, place: null };
}

function booked(start: string, canChangeUntil: string): PublicInvitation {
  const end = new Date(new Date(start).getTime() + 45 * 60_000).toISOString();
  return {
    ...invited,
    status: "booked",
    booking: { start, end, channel: "phone", place: null, can_change_until: canChangeUntil },
  };
}

describe("public booking page", () => {
  it("books a chosen time by phone, without the staff's token, and shows the appointment", async () => {
    const chosen = slot("14:00");
    const api = mockRoutes({
      [`GET ${BASE}`]: () => json(invited),
      [`GET ${BASE}/slots`]: () => json([chosen, slot("15:00")]),
      [`POST ${BASE}/booking`]: () => json(booked(chosen.start, addDays(today(), 0) + "T23:00:00Z"), 201),
    });
    signIn(managerLogin); // a staff session in the same browser must not leak into public calls
    renderApp(`/rendez-vous/${TOKEN}`);
    const user = userEvent.setup();

    expect(await screen.findByRole("heading", { level: 1, name: "Prendre rendez-vous" })).toBeInTheDocument();
    expect(screen.getAllByText("RSI Alpes").length).toBeGreaterThan(0);
    expect(screen.queryByRole("navigation", { name: "Menu principal" })).not.toBeInTheDocument();
    // Before choosing, the person learns until when a booking can be changed online.
    expect(screen.getByText(/modifié ou annulé en ligne jusqu’à 24 heures avant/)).toBeInTheDocument();

    const channel = screen.getByRole("group", { name: /Comment souhaitez-vous échanger/ });
    await user.click(within(channel).getByLabelText(/^Par téléphone/));
    const time = await screen.findByRole("radio", { name: /^14:00 – 14:45/ });
    const query = api.calls(`GET ${BASE}/slots`)[0]!.url.searchParams;
    expect(query.get("channel")).toBe("phone");
    expect(query.get("from")).toBe(today());

    await user.click(screen.getByRole("button", { name: "Confirmer le rendez-vous" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Choisissez un horaire.");
    await user.click(time);
    await user.click(screen.getByRole("button", { name: "Confirmer le rendez-vous" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Votre rendez-vous" })).toBeInTheDocument();
    expect(screen.getByText(/^Votre rendez-vous est confirmé : .*de 14:00 à 14:45\.$/)).toBeInTheDocument();
    const [post] = api.calls(`POST ${BASE}/booking`);
    expect(await post!.request.json()).toEqual({ start: chosen.start, channel: "phone", site_id: null });
    for (const { request } of api.seen) expect(request.headers.get("Authorization")).toBeNull();
  });

  it("says the time was just taken and offers the fresh slots of the 409", async () => {
    const fresh = slot("16:00");
    const api = mockRoutes({
      [`GET ${BASE}`]: () => json(invited),
      [`GET ${BASE}/slots`]: () => json([slot("14:00")]),
      [`POST ${BASE}/booking`]: async (request) => {
        const body = await request.json();
        if (body.start === fresh.start) return json(booked(fresh.start, `${tomorrow}T00:00:00Z`), 201);
        return json(
          { type: "about:blank", title: "Conflict", status: 409, detail: "This time has just been taken", slots: [fresh] },
          409,
          "application/problem+json",
        );
      },
    });
    renderApp(`/rendez-vous/${TOKEN}`);
    const user = userEvent.setup();
    await user.click(await screen.findByLabelText(/^Par téléphone/));
    await user.click(await screen.findByRole("radio", { name: /^14:00/ }));
    await user.click(screen.getByRole("button", { name: "Confirmer le rendez-vous" }));

    expect(await screen.findByText("Ce créneau vient d’être pris")).toBeInTheDocument();
    expect(screen.queryByRole("radio", { name: /^14:00/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole("radio", { name: /^16:00 – 16:45/ }));
    await user.click(screen.getByRole("button", { name: "Confirmer le rendez-vous" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Votre rendez-vous" })).toBeInTheDocument();
    expect(api.calls(`POST ${BASE}/booking`)).toHaveLength(2);
  });

  it("explains an expired link and whom to call (410), and an unknown one (404)", async () => {
    mockRoutes({
      [`GET ${BASE}`]: () =>
        json(
          {
            type: "about:blank",
            title: "Gone",
            status: 410,
            detail: "This link has expired.",
            reason: "expired",
            contact_phone: "04 79 00 00 00",
          },
          410,
          "application/problem+json",
        ),
    });
    const { unmount } = renderApp(`/rendez-vous/${TOKEN}`);
    expect(await screen.findByRole("heading", { level: 1, name: "Ce lien n’est plus valable" })).toBeInTheDocument();
    expect(
      screen.getByText(/Le délai pour prendre rendez-vous avec ce lien est dépassé\. .*appelez votre caisse au 04 79 00 00 00\./),
    ).toBeInTheDocument();
    unmount();

    mockRoutes({});
    renderApp("/rendez-vous/inconnu");
    expect(await screen.findByRole("heading", { level: 1, name: "Ce lien de rendez-vous n’existe pas" })).toBeInTheDocument();
  });

  it("cancels a booked appointment before the notice; after it, says whom to call", async () => {
    const start = parisIso(addDays(today(), 5), "10:00");
    let cancelled = false;
    const api = mockRoutes({
      [`GET ${BASE}`]: () => json(cancelled ? invited : booked(start, addDays(today(), 4) + "T10:00:00Z")),
      [`POST ${BASE}/booking/cancel`]: () => {
        cancelled = true;
        return json({ ...invited });
      },
      [`GET ${BASE}/slots`]: () => json([]),
    });
    renderApp(`/rendez-vous/${TOKEN}`);
    const user = userEvent.setup();
    expect(await screen.findByRole("heading", { level: 1, name: "Votre rendez-vous" })).toBeInTheDocument();
    expect(screen.getByText(/de 10:00 à 10:45/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Modifier" })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Annuler" }));
    await user.click(screen.getByRole("button", { name: "Oui, annuler le rendez-vous" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Prendre rendez-vous" })).toBeInTheDocument();
    expect(screen.getByText("Votre rendez-vous est annulé.")).toBeInTheDocument();
    expect(api.calls(`POST ${BASE}/booking/cancel`)).toHaveLength(1);
  });

  it("says it is too late when the notice passed while the page was open (409 too_late)", async () => {
    const start = parisIso(addDays(today(), 5), "10:00");
    mockRoutes({
      [`GET ${BASE}`]: () => json(booked(start, addDays(today(), 4) + "T10:00:00Z")),
      [`POST ${BASE}/booking/cancel`]: () =>
        json(
          {
            type: "about:blank",
            title: "Conflict",
            status: 409,
            detail: "It is too late to change this appointment online.",
            reason: "too_late",
            contact_phone: "04 79 00 00 00",
          },
          409,
          "application/problem+json",
        ),
    });
    renderApp(`/rendez-vous/${TOKEN}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Annuler" }));
    await user.click(screen.getByRole("button", { name: "Oui, annuler le rendez-vous" }));
    expect(
      await screen.findByText("Il est trop tard pour modifier ce rendez-vous en ligne : appelez le 04 79 00 00 00."),
    ).toBeInTheDocument();
  });

  it("moves a booked appointment to another time of the same channel", async () => {
    const start = parisIso(addDays(today(), 5), "10:00");
    const later = slot("15:00", addDays(today(), 2));
    const api = mockRoutes({
      [`GET ${BASE}`]: () => json(booked(start, addDays(today(), 4) + "T10:00:00Z")),
      [`GET ${BASE}/slots`]: () => json([later]),
      [`POST ${BASE}/booking/reschedule`]: () => json(booked(later.start, addDays(today(), 1) + "T15:00:00Z")),
    });
    renderApp(`/rendez-vous/${TOKEN}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Modifier" }));
    // The channel stays the booked one: no channel choice, the phone times straight away.
    expect(screen.queryByRole("group", { name: /Comment souhaitez-vous échanger/ })).not.toBeInTheDocument();
    await user.click(await screen.findByRole("radio", { name: /^15:00 – 15:45/ }));
    await user.click(screen.getByRole("button", { name: "Confirmer le nouvel horaire" }));
    expect(await screen.findByText(/^Votre rendez-vous est déplacé au .*de 15:00 à 15:45\.$/)).toBeInTheDocument();
    expect(api.calls(`GET ${BASE}/slots`)[0]!.url.searchParams.get("channel")).toBe("phone");
    expect(await api.calls(`POST ${BASE}/booking/reschedule`)[0]!.request.json()).toEqual({ start: later.start });
  });

  it("offers no online change once the notice has passed", async () => {
    const start = parisIso(tomorrow, "10:00");
    mockRoutes({ [`GET ${BASE}`]: () => json(booked(start, "2020-01-01T00:00:00Z")) });
    renderApp(`/rendez-vous/${TOKEN}`);
    expect(await screen.findByText(/Pour modifier ou annuler ce rendez-vous, appelez le/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "04 79 00 00 00" })).toHaveAttribute("href", "tel:0479000000");
    expect(screen.queryByRole("button", { name: "Annuler" })).not.toBeInTheDocument();
  });

});
