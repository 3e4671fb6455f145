import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useEffect, useRef, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { ApiError, errorMessage } from "../api/problem";
import type { Channel, Interview, Slot } from "../api/types";
import { useBookInterview } from "../hooks/queries/interviews";
import { usePerson } from "../hooks/queries/persons";
import { useActions } from "../hooks/queries/policy";
import { usePageTitle } from "../layout/usePageTitle";
import { DEFAULT_POLICY_YEAR } from "../policy/PolicyPage";
import { CHANNEL_LABELS, SLOT_TAKEN_MESSAGE } from "./labels";
import { SiteField } from "./SiteField";
import { SlotPicker } from "./SlotPicker";
import { formatLongDay, formatTime, mondayOf, parisDay } from "./time";

function Confirmation({ interview, slot }: { interview: Interview; slot: Slot }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const day = parisDay(interview.start);
  return (
    <div ref={ref} tabIndex={-1}>
      <Alert
        severity="success"
        title="Rendez-vous enregistré"
        description={
          <>
            Le {formatLongDay(day)} à {formatTime(interview.start)} (
            {CHANNEL_LABELS[interview.channel].toLowerCase()}) avec {slot.counselor_name}.{" "}
            <Link to={`/agenda?semaine=${mondayOf(day)}&conseiller=${interview.counselor_id}`}>
              Voir l’agenda
            </Link>
          </>
        }
      />
    </div>
  );
}

/** Booking an interview for a person: action, channel, site, then a free slot. */
export function BookingPage() {
  const { id = "" } = useParams();
  const [search] = useSearchParams();
  const personId = /^\d+$/.test(id) ? Number(id) : NaN;
  const person = usePerson(personId);
  const actions = useActions(DEFAULT_POLICY_YEAR);
  const interviewActions = (actions.data ?? []).filter(
    (a) => a.contact_type === "individual_interview",
  );
  const requested = Number(search.get("action"));
  const [actionId, setActionId] = useState<number | null>(
    Number.isSafeInteger(requested) && requested > 0 ? requested : null,
  );
  const effectiveAction = actionId ?? interviewActions[0]?.id ?? null;
  const [channel, setChannel] = useState<Channel>("phone");
  const [siteId, setSiteId] = useState<number | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [booked, setBooked] = useState<{ interview: Interview; slot: Slot } | null>(null);
  const book = useBookInterview();
  const name = person.data ? `${person.data.first_name} ${person.data.last_name}` : null;
  usePageTitle(name ? `Prendre rendez-vous — ${name}` : "Prendre rendez-vous");

  const criteria =
    effectiveAction === null || (channel === "in_person" && siteId === null)
      ? null
      : {
          action_id: effectiveAction,
          channel,
          ...(channel === "in_person" ? { site_id: siteId } : {}),
        };

  function submit() {
    if (!slot || effectiveAction === null) return;
    book.mutate(
      {
        person_id: personId,
        action_id: effectiveAction,
        channel,
        site_id: channel === "in_person" ? siteId : null,
        start: slot.start,
        counselor_id: slot.counselor_id,
      },
      {
        onSuccess: (interview) => setBooked({ interview, slot }),
        onError: () => setSlot(null),
      },
    );
  }

  const conflict = book.error instanceof ApiError && book.error.status === 409;

  return (
    <div className="fr-container fr-py-4w">
      <Breadcrumb
        homeLinkProps={{ to: "/" }}
        segments={[
          { label: "Assurés", linkProps: { to: "/assures" } },
          { label: name ?? "Dossier", linkProps: { to: `/assures/${id}` } },
        ]}
        currentPageLabel="Prendre rendez-vous"
      />
      <h1>Prendre rendez-vous{name ? ` — ${name}` : ""}</h1>
      {person.isError && (
        <Alert
          severity="error"
          className="fr-mb-3w"
          title="Dossier introuvable"
          description="Cet assuré n’existe pas ou ne relève pas de votre caisse."
        />
      )}
      {booked ? (
        <Confirmation interview={booked.interview} slot={booked.slot} />
      ) : (
        <>
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className="fr-col-12 fr-col-md-6">
              <Select
                label="Action"
                hint="Entretiens individuels de la politique de contact"
                nativeSelectProps={{
                  value: effectiveAction === null ? "" : String(effectiveAction),
                  onChange: (e) => {
                    setActionId(Number(e.target.value));
                    setSlot(null);
                  },
                }}
              >
                {effectiveAction !== null &&
                  !interviewActions.some((a) => a.id === effectiveAction) && (
                    <option value={effectiveAction}>Action n° {effectiveAction}</option>
                  )}
                {interviewActions.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.code ? `${a.code} — ` : ""}
                    {a.title}
                  </option>
                ))}
              </Select>
            </div>
            <div className="fr-col-12 fr-col-md-6">
              <RadioButtons
                legend="Canal"
                orientation="horizontal"
                name="channel"
                options={(["in_person", "phone"] as const).map((c) => ({
                  label: CHANNEL_LABELS[c],
                  nativeInputProps: {
                    value: c,
                    checked: channel === c,
                    onChange: () => {
                      setChannel(c);
                      setSlot(null);
                    },
                  },
                }))}
              />
              {channel === "in_person" && (
                <SiteField
                  value={siteId}
                  onChange={(s) => {
                    setSiteId(s);
                    setSlot(null);
                  }}
                />
              )}
            </div>
          </div>
          <h2 className="fr-h4">Créneaux libres</h2>
          {book.isError && (
            <Alert
              severity="error"
              small
              className="fr-mb-2w"
              description={conflict ? SLOT_TAKEN_MESSAGE : errorMessage(book.error)}
            />
          )}
          <SlotPicker
            name="booking-slot"
            criteria={criteria}
            selected={slot}
            onSelect={(s) => {
              setSlot(s);
              if (s) book.reset();
            }}
            initialMonday={mondayOf(parisDay(new Date()))}
          />
          <div className="fr-mt-3w">
            <Button onClick={submit} disabled={!slot || book.isPending || !person.data}>
              {slot
                ? `Confirmer le rendez-vous du ${formatLongDay(parisDay(slot.start))} à ${formatTime(slot.start)}`
                : "Confirmer le rendez-vous"}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
