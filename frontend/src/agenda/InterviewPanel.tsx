import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { ApiError, errorMessage } from "../api/problem";
import type { Interview, Slot } from "../api/types";
import { DescriptionList } from "../components/DescriptionList";
import {
  useCancelInterview,
  useInterviewHistory,
  useRecordOutcome,
  useRescheduleInterview,
  useSites,
} from "../hooks/queries/interviews";
import { usePerson } from "../hooks/queries/persons";
import { useAction } from "../hooks/queries/policy";
import {
  CHANNEL_LABELS,
  EVENT_KIND_LABELS,
  INTERVIEW_STATUS_LABELS,
  SLOT_TAKEN_MESSAGE,
} from "./labels";
import { SlotPicker } from "./SlotPicker";
import { formatLongDay, formatParisDateTime, formatTime, mondayOf, parisDay } from "./time";

export function StatusBadge({ status }: { status: Interview["status"] }) {
  const severity = { booked: "info", done: "success", no_show: "warning", cancelled: "error" } as const;
  return (
    <Badge as="span" small noIcon severity={severity[status]}>
      {INTERVIEW_STATUS_LABELS[status] ?? status}
    </Badge>
  );
}

function Reschedule({ interview, onDone }: { interview: Interview; onDone: (i: Interview) => void }) {
  const [slot, setSlot] = useState<Slot | null>(null);
  const reschedule = useRescheduleInterview(interview.id);
  const conflict = reschedule.error instanceof ApiError && reschedule.error.status === 409;
  return (
    <section aria-labelledby="reporter" className="fr-mt-2w">
      <h3 id="reporter" className="fr-h6">
        Reporter le rendez-vous
      </h3>
      {reschedule.isError && (
        <Alert
          small
          severity="error"
          className="fr-mb-2w"
          description={conflict ? SLOT_TAKEN_MESSAGE : errorMessage(reschedule.error)}
        />
      )}
      <SlotPicker
        name={`reschedule-${interview.id}`}
        criteria={{
          action_id: interview.action_id,
          channel: interview.channel,
          counselor_id: interview.counselor_id,
          ...(interview.site_id !== null ? { site_id: interview.site_id } : {}),
        }}
        initialMonday={mondayOf(parisDay(interview.start))}
        selected={slot}
        onSelect={(s) => {
          setSlot(s);
          if (s) reschedule.reset();
        }}
      />
      <Button
        className="fr-mt-2w"
        disabled={!slot || reschedule.isPending}
        onClick={() =>
          slot &&
          reschedule.mutate(slot.start, {
            onSuccess: onDone,
            onError: () => setSlot(null),
          })
        }
      >
        Confirmer le report
      </Button>
    </section>
  );
}

function Cancel({ interview, onDone }: { interview: Interview; onDone: (i: Interview) => void }) {
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const cancel = useCancelInterview(interview.id);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (reason.trim() === "") {
      setMissing(true);
      return;
    }
    setMissing(false);
    cancel.mutate(reason.trim(), { onSuccess: onDone });
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="annuler" className="fr-mt-2w">
      <h3 id="annuler" className="fr-h6">
        Annuler le rendez-vous
      </h3>
      {cancel.isError && (
        <Alert small severity="error" className="fr-mb-2w" description={errorMessage(cancel.error)} />
      )}
      <Input
        label="Motif de l’annulation"
        textArea
        state={missing ? "error" : "default"}
        stateRelatedMessage={missing ? "Indiquez le motif de l’annulation." : undefined}
        nativeTextAreaProps={{
          value: reason,
          required: true,
          onChange: (e) => setReason(e.target.value),
        }}
      />
      <Button type="submit" disabled={cancel.isPending}>
        Confirmer l’annulation
      </Button>
    </form>
  );
}

/** "user:claire" → "claire"; "invitation:12" → the person, from their personal link. */
export function actorLabel(actor: string): string {
  const invitation = /^invitation:(\d+)$/.exec(actor)?.[1];
  if (invitation) return `la personne, depuis son lien personnel (invitation n° ${invitation})`;
  return actor.replace(/^user:/, "");
}

function History({ interview }: { interview: Interview }) {
  const history = useInterviewHistory(interview.id);
  return (
    <section aria-labelledby="historique" className="fr-mt-3w">
      <h3 id="historique" className="fr-h6">
        Historique
      </h3>
      {history.isPending && <p>Chargement de l’historique…</p>}
      {history.isError && <p>Historique indisponible : {errorMessage(history.error)}</p>}
      {history.data && (
        <ol className="fr-text--sm">
          {history.data.map((event, i) => {
            const reason = typeof event.detail.reason === "string" ? ` — ${event.detail.reason}` : "";
            return (
              <li key={i}>
                {formatParisDateTime(event.at)} : {EVENT_KIND_LABELS[event.kind] ?? event.kind} par{" "}
                {actorLabel(event.actor)}
                {reason}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/** An interview's details and what can be done with it (side panel of the agenda). */
export function InterviewPanel({
  interview,
  onClose,
  onChange,
}: {
  interview: Interview;
  onClose: () => void;
  onChange: (interview: Interview) => void;
}) {
  const [mode, setMode] = useState<"reschedule" | "cancel" | null>(null);
  const person = usePerson(interview.person_id);
  const action = useAction(interview.action_id);
  const outcome = useRecordOutcome(interview.id);
  const site = useSites().data?.find((s) => s.id === interview.site_id);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    headingRef.current?.focus();
    setMode(null);
    setMessage(null);
  }, [interview.id]);

  const started = Date.now() >= new Date(interview.start).getTime();
  const booked = interview.status === "booked";
  const name = person.data ? `${person.data.first_name} ${person.data.last_name}` : `Assuré n° ${interview.person_id}`;

  function done(updated: Interview, text: string) {
    setMode(null);
    setMessage(text);
    onChange(updated);
  }

  return (
    <section
      aria-labelledby="panel-title"
      className="fr-p-3w"
      style={{ border: "1px solid var(--border-default-grey)", background: "var(--background-default-grey)" }}
    >
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "flex-start" }}>
        <h2 id="panel-title" ref={headingRef} tabIndex={-1} className="fr-h5">
          Rendez-vous du {formatLongDay(parisDay(interview.start))} à {formatTime(interview.start)}
        </h2>
        <Button priority="tertiary no outline" iconId="fr-icon-close-line" title="Fermer le détail" onClick={onClose} />
      </div>
      {message && <Alert small severity="success" role="status" className="fr-mb-2w" description={message} />}
      <DescriptionList
        items={[
          ["Assuré", <Link key="p" to={`/assures/${interview.person_id}`}>{name}</Link>],
          ["Action", action.data ? action.data.title : `Action n° ${interview.action_id}`],
          ["Horaire", `${formatTime(interview.start)} – ${formatTime(interview.end)}`],
          ["Canal", CHANNEL_LABELS[interview.channel] ?? interview.channel],
          ...(interview.site_id !== null ? ([["Site", site?.name ?? `Site n° ${interview.site_id}`]] as [string, string][]) : []),
          ["Statut", <StatusBadge key="s" status={interview.status} />],
        ]}
      />
      {booked && (
        <div className="fr-btns-group fr-btns-group--inline-sm">
          <Button priority="secondary" onClick={() => setMode(mode === "reschedule" ? null : "reschedule")} aria-expanded={mode === "reschedule"}>
            Reporter
          </Button>
          <Button priority="secondary" onClick={() => setMode(mode === "cancel" ? null : "cancel")} aria-expanded={mode === "cancel"}>
            Annuler
          </Button>
          <Button
            priority="secondary"
            disabled={!started || outcome.isPending}
            title={started ? undefined : "Possible une fois l’entretien commencé"}
            onClick={() => outcome.mutate("done", { onSuccess: (i) => done(i, "L’entretien est noté comme tenu.") })}
          >
            Tenu
          </Button>
          <Button
            priority="secondary"
            disabled={!started || outcome.isPending}
            title={started ? undefined : "Possible une fois l’entretien commencé"}
            onClick={() => outcome.mutate("no_show", { onSuccess: (i) => done(i, "L’assuré est noté absent.") })}
          >
            Absent
          </Button>
        </div>
      )}
      {interview.status !== "cancelled" && (
        <Button
          className="fr-mt-2w"
          iconId="fr-icon-chat-3-line"
          linkProps={{ to: `/entretiens/${interview.id}` }}
        >
          Mener l’entretien
        </Button>
      )}
      {booked && !started && <p className="fr-text--xs">Tenu et Absent sont possibles une fois l’entretien commencé.</p>}
      {outcome.isError && <Alert small severity="error" description={errorMessage(outcome.error)} />}
      {booked && mode === "reschedule" && (
        <Reschedule
          interview={interview}
          onDone={(i) =>
            done(i, `Rendez-vous reporté au ${formatLongDay(parisDay(i.start))} à ${formatTime(i.start)}.`)
          }
        />
      )}
      {booked && mode === "cancel" && (
        <Cancel interview={interview} onDone={(i) => done(i, "Le rendez-vous est annulé.")} />
      )}
      <History interview={interview} />
    </section>
  );
}
