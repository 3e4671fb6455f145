import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { useEffect, useRef, useState } from "react";
import { useParams } from "react-router-dom";
import { ApiError } from "../api/problem";
import type { Channel, PublicBooking, PublicInvitation, PublicSlot } from "../api/types";
import {
  addDays,
  capitalize,
  formatLongDay,
  formatParisDateTime,
  formatTime,
  mondayOf,
  parisDay,
  today,
  weekLabel,
} from "../agenda/time";
import { usePublicBooking, usePublicInvitation, usePublicSlots } from "../hooks/queries/selfservice";
import { usePageTitle } from "../layout/usePageTitle";
import { PublicLayout } from "./PublicLayout";

const CHANNELS: { value: Channel; label: string; hint: string }[] = [
  { value: "phone", label: "Par téléphone", hint: "Un conseiller vous appelle à l’heure choisie." },
  { value: "in_person", label: "À l’accueil de la caisse", hint: "Vous rencontrez un conseiller sur place." },
];

/** What a refusal of the public API says beside its English detail: why (`expired`, `used`,
 * `too_late`) and whom to call. */
function refusal(error: unknown): { reason?: string; contact_phone?: string } {
  return error instanceof ApiError ? ((error.problem ?? {}) as { reason?: string; contact_phone?: string }) : {};
}

/** The fresh free times a 409 comes with (the chosen one was taken meanwhile). */
function freshSlots(error: unknown): PublicSlot[] | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const slots = (error.problem as { slots?: unknown } | null)?.slots;
  return Array.isArray(slots) ? (slots as PublicSlot[]) : null;
}

function when(slot: { start: string; end: string }): string {
  return `${capitalize(formatLongDay(parisDay(slot.start)))}, de ${formatTime(slot.start)} à ${formatTime(slot.end)}`;
}

const slotKey = (slot: PublicSlot) => `${slot.start}|${slot.site_id ?? ""}`;

/** Free times grouped by day: one radio group, a fieldset (legend: the day) per day. */
function SlotList({
  slots,
  selected,
  onSelect,
}: {
  slots: PublicSlot[];
  selected: PublicSlot | null;
  onSelect: (slot: PublicSlot) => void;
}) {
  const byDay = new Map<string, PublicSlot[]>();
  for (const slot of slots) {
    const day = parisDay(slot.start);
    byDay.set(day, [...(byDay.get(day) ?? []), slot]);
  }
  return (
    <div>
      {[...byDay].map(([day, daySlots]) => (
        <fieldset key={day} className="fr-fieldset fr-mb-2w">
          <legend className="fr-fieldset__legend fr-text--bold">{capitalize(formatLongDay(day))}</legend>
          <div
            className="fr-fieldset__element"
            style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(9.5rem, 1fr))", gap: "0.25rem 1rem" }}
          >
            {daySlots.map((slot) => {
              const key = slotKey(slot);
              const id = `creneau-${key}`.replace(/[^a-zA-Z0-9_-]/g, "-");
              return (
                <div key={key} className="fr-radio-group">
                  <input
                    type="radio"
                    id={id}
                    name="creneau"
                    checked={selected !== null && slotKey(selected) === key}
                    onChange={() => onSelect(slot)}
                  />
                  <label className="fr-label" htmlFor={id}>
                    {formatTime(slot.start)} – {formatTime(slot.end)}
                    <span className="fr-sr-only">, {formatLongDay(day)}</span>
                    {slot.place && <span className="fr-hint-text">{slot.place}</span>}
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
      ))}
    </div>
  );
}

/**
 * Choose a channel (unless fixed), browse the weeks, pick a free time, confirm. After a
 * 409 the fresh times sent with it replace the week until the person browses again.
 */
function SlotChooser({
  token,
  fixedChannel,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onBrowse,
}: {
  token: string;
  fixedChannel?: Channel;
  confirmLabel: string;
  pending: boolean;
  error: unknown;
  onConfirm: (slot: PublicSlot) => void;
  onBrowse: () => void;
}) {
  const [channel, setChannel] = useState<Channel | null>(fixedChannel ?? null);
  const [monday, setMonday] = useState(() => mondayOf(today()));
  const [selected, setSelected] = useState<PublicSlot | null>(null);
  const [missing, setMissing] = useState(false);
  const first = monday < today() ? today() : monday;
  const slots = usePublicSlots(token, channel, first, addDays(monday, 6));
  const fresh = freshSlots(error);
  const shown = fresh ?? slots.data ?? [];

  function browse(change: () => void) {
    change();
    setSelected(null);
    onBrowse();
  }

  return (
    <form
      noValidate
      aria-label="Choix du rendez-vous"
      onSubmit={(e) => {
        e.preventDefault();
        setMissing(selected === null);
        if (selected) onConfirm(selected);
      }}
    >
      {!fixedChannel && (
        <RadioButtons
          legend="Comment souhaitez-vous échanger avec le conseiller ?"
          name="canal"
          options={CHANNELS.map((c) => ({
            label: c.label,
            hintText: c.hint,
            nativeInputProps: {
              value: c.value,
              checked: channel === c.value,
              onChange: () => browse(() => setChannel(c.value)),
            },
          }))}
        />
      )}
      {channel !== null && (
        <>
          <h2 className="fr-h5">Choisissez un horaire</h2>
          <nav aria-label="Semaines" className="fr-mb-2w">
            <ul className="fr-btns-group fr-btns-group--inline fr-btns-group--icon-left">
              <li>
                <Button
                  type="button"
                  priority="secondary"
                  iconId="fr-icon-arrow-left-s-line"
                  disabled={monday <= mondayOf(today())}
                  onClick={() => browse(() => setMonday(addDays(monday, -7)))}
                >
                  Semaine précédente
                </Button>
              </li>
              <li>
                <Button
                  type="button"
                  priority="secondary"
                  iconId="fr-icon-arrow-right-s-line"
                  iconPosition="right"
                  onClick={() => browse(() => setMonday(addDays(monday, 7)))}
                >
                  Semaine suivante
                </Button>
              </li>
            </ul>
            <p className="fr-text--lead fr-mb-0" aria-live="polite">
              {weekLabel(monday)}
            </p>
          </nav>
          <div aria-live="polite">
            {fresh !== null && (
              <Alert
                small
                severity="warning"
                className="fr-mb-2w"
                title="Ce créneau vient d’être pris"
                description={
                  fresh.length > 0
                    ? "Quelqu’un l’a réservé juste avant vous. Voici les horaires encore libres : choisissez-en un autre."
                    : "Quelqu’un l’a réservé juste avant vous, et il n’y a plus d’horaire libre ces jours-ci : essayez une autre semaine."
                }
              />
            )}
            {fresh === null && slots.isPending && <p>Recherche des horaires libres…</p>}
            {fresh === null && slots.isError && (
              <Alert small severity="error" description="Les horaires libres n’ont pas pu être affichés. Réessayez dans un instant." />
            )}
            {fresh === null && slots.isSuccess && shown.length === 0 && (
              <p>Aucun horaire libre cette semaine : essayez la semaine suivante.</p>
            )}
          </div>
          {shown.length > 0 && <SlotList slots={shown} selected={selected} onSelect={setSelected} />}
          {missing && selected === null && (
            <p className="fr-error-text fr-mb-2w" role="alert">
              Choisissez un horaire.
            </p>
          )}
          <Button type="submit" disabled={pending}>
            {confirmLabel}
          </Button>
        </>
      )}
    </form>
  );
}

function BookingDetails({ booking }: { booking: PublicBooking }) {
  return (
    <div className="fr-callout fr-mb-3w">
      <p className="fr-callout__title">{when(booking)}</p>
      <p className="fr-callout__text">
        {booking.channel === "phone"
          ? "Par téléphone : un conseiller vous appellera au numéro que la caisse connaît."
          : `À l’accueil de la caisse${booking.place ? ` : ${booking.place}` : ""}.`}
      </p>
    </div>
  );
}

/** A French sentence for a refused change (409 too late, or anything else). */
function changeError(error: unknown, phone: string): string {
  if (refusal(error).reason === "too_late") {
    return `Il est trop tard pour modifier ce rendez-vous en ligne : appelez le ${phone}.`;
  }
  if (error instanceof ApiError && error.status === 409) {
    return "Cet horaire n’est plus libre : choisissez-en un autre.";
  }
  return `Le changement n’a pas pu être enregistré. Réessayez, ou appelez le ${phone}.`;
}

function Booked({
  token,
  invitation,
  booking,
  onDone,
}: {
  token: string;
  invitation: PublicInvitation;
  booking: PublicBooking;
  onDone: (message: string) => void;
}) {
  const change = usePublicBooking(token);
  const [mode, setMode] = useState<"view" | "move" | "cancel">("view");
  const canChange = new Date(booking.can_change_until).getTime() > Date.now();
  return (
    <>
      <h1>Votre rendez-vous</h1>
      <p>
        {invitation.action_title} avec un conseiller de la caisse {invitation.caisse_name}.
      </p>
      <BookingDetails booking={booking} />
      {change.isError && (
        <Alert small severity="error" className="fr-mb-2w" description={changeError(change.error, invitation.contact_phone)} />
      )}
      {!canChange && (
        <p>
          Pour modifier ou annuler ce rendez-vous, appelez le{" "}
          <a href={`tel:${invitation.contact_phone.replace(/[^0-9+]/g, "")}`}>{invitation.contact_phone}</a>.
        </p>
      )}
      {canChange && mode === "view" && (
        <>
          <p>Vous pouvez le modifier ou l’annuler en ligne jusqu’au {formatParisDateTime(booking.can_change_until)}.</p>
          <ul className="fr-btns-group fr-btns-group--inline-sm">
            <li>
              <Button priority="secondary" onClick={() => setMode("move")}>
                Modifier
              </Button>
            </li>
            <li>
              <Button priority="tertiary" onClick={() => setMode("cancel")}>
                Annuler
              </Button>
            </li>
          </ul>
        </>
      )}
      {canChange && mode === "cancel" && (
        <section aria-labelledby="annulation">
          <h2 id="annulation" className="fr-h5">
            Annuler le rendez-vous ?
          </h2>
          <p>Votre lien reste valable : vous pourrez choisir un autre horaire.</p>
          <ul className="fr-btns-group fr-btns-group--inline-sm">
            <li>
              <Button
                disabled={change.isPending}
                onClick={() =>
                  change.mutate({ kind: "cancel" }, { onSuccess: () => onDone("Votre rendez-vous est annulé.") })
                }
              >
                Oui, annuler le rendez-vous
              </Button>
            </li>
            <li>
              <Button priority="secondary" onClick={() => setMode("view")}>
                Non, le garder
              </Button>
            </li>
          </ul>
        </section>
      )}
      {canChange && mode === "move" && (
        <section aria-labelledby="modification">
          <h2 id="modification" className="fr-h4">
            Choisir un nouvel horaire
          </h2>
          <SlotChooser
            token={token}
            fixedChannel={booking.channel}
            confirmLabel="Confirmer le nouvel horaire"
            pending={change.isPending}
            error={null}
            onBrowse={() => change.reset()}
            onConfirm={(slot) =>
              change.mutate(
                { kind: "reschedule", start: slot.start },
                { onSuccess: (v) => v.booking && onDone(`Votre rendez-vous est déplacé au ${when(v.booking)}.`) },
              )
            }
          />
          <Button priority="tertiary" className="fr-mt-2w" onClick={() => setMode("view")}>
            Garder l’horaire actuel
          </Button>
        </section>
      )}
    </>
  );
}

function Invited({
  token,
  invitation,
  onDone,
}: {
  token: string;
  invitation: PublicInvitation;
  onDone: (message: string) => void;
}) {
  const book = usePublicBooking(token);
  const taken = freshSlots(book.error) !== null;
  return (
    <>
      <h1>Prendre rendez-vous</h1>
      <p>
        La caisse {invitation.caisse_name} vous propose un entretien gratuit avec un conseiller :{" "}
        <strong>{invitation.action_title}</strong>.
      </p>
      <p className="fr-text--sm">
        Ce lien est valable jusqu’au {formatParisDateTime(invitation.expires_at)}. Vous pouvez aussi appeler le{" "}
        {invitation.contact_phone}.
      </p>
      <p className="fr-text--sm">
        Une fois pris, le rendez-vous peut être modifié ou annulé en ligne jusqu’à {invitation.change_notice_hours}{" "}
        heures avant ; ensuite, par téléphone.
      </p>
      {book.isError && !taken && (
        <Alert
          small
          severity="error"
          className="fr-mb-2w"
          description={`Le rendez-vous n’a pas pu être enregistré. Réessayez, ou appelez le ${invitation.contact_phone}.`}
        />
      )}
      <SlotChooser
        token={token}
        confirmLabel="Confirmer le rendez-vous"
        pending={book.isPending}
        error={book.error}
        onBrowse={() => book.reset()}
        onConfirm={(slot) =>
          book.mutate(
            { kind: "book", body: { start: slot.start, channel: slot.channel, site_id: slot.site_id } },
            { onSuccess: (v) => v.booking && onDone(`Votre rendez-vous est confirmé : ${when(v.booking)}.`) },
          )
        }
      />
    </>
  );
}

function LinkProblem({ error }: { error: unknown }) {
  const status = error instanceof ApiError ? error.status : 0;
  const { reason, contact_phone: phone } = refusal(error);
  const call = phone ? `appelez votre caisse au ${phone}` : "appelez votre caisse au numéro indiqué sur votre courrier";
  if (status === 404) {
    return (
      <>
        <h1>Ce lien de rendez-vous n’existe pas</h1>
        <p>
          Vérifiez que l’adresse est recopiée en entier depuis votre courrier, votre email ou votre SMS. Pour
          prendre rendez-vous autrement, appelez votre caisse au numéro indiqué sur votre courrier.
        </p>
      </>
    );
  }
  if (status === 410) {
    const used = reason === "used";
    return (
      <>
        <h1>Ce lien n’est plus valable</h1>
        <p>
          {used
            ? "Ce lien a déjà servi et ne permet plus de prendre rendez-vous."
            : "Le délai pour prendre rendez-vous avec ce lien est dépassé."}{" "}
          Pour prendre rendez-vous ou pour toute question, {call}.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Service momentanément indisponible</h1>
      <p>Votre invitation n’a pas pu être affichée. Réessayez dans quelques minutes, ou appelez votre caisse.</p>
    </>
  );
}

/** /rendez-vous/:token — the invited person books, moves or cancels an interview, no account. */
export function PublicBookingPage() {
  const { token = "" } = useParams();
  const invitation = usePublicInvitation(token);
  const [announcement, setAnnouncement] = useState("");
  const heading = useRef<HTMLDivElement>(null);
  const data = invitation.data;
  usePageTitle(data ? `Rendez-vous - ${data.caisse_name}` : "Rendez-vous");

  function done(message: string) {
    setAnnouncement(message);
    heading.current?.focus();
  }
  useEffect(() => setAnnouncement(""), [token]);

  return (
    <PublicLayout caisseName={data?.caisse_name}>
      <div className="fr-container fr-py-4w" style={{ maxWidth: "48rem" }} ref={heading} tabIndex={-1}>
        <div aria-live="polite" role="status">
          {announcement && <Alert small severity="success" className="fr-mb-3w" description={announcement} />}
        </div>
        {invitation.isPending && <p role="status">Chargement de votre invitation…</p>}
        {invitation.isError && <LinkProblem error={invitation.error} />}
        {data?.booking ? (
          <Booked token={token} invitation={data} booking={data.booking} onDone={done} />
        ) : (
          data && <Invited token={token} invitation={data} onDone={done} />
        )}
      </div>
    </PublicLayout>
  );
}
