import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router-dom";
import { ApiError, errorMessage } from "../api/problem";
import type { Meeting, MeetingStatus, PersonSearch, PersonSummary, Registration } from "../api/types";
import { DescriptionList } from "../components/DescriptionList";
import { formatDateTime, formatNumber, GROUP_LABELS, STATUS_LABELS } from "../format";
import {
  useCancelRegistration,
  useCheckIn,
  useMeeting,
  useRegisterPerson,
  useRegistrations,
  useUpdateMeeting,
} from "../hooks/queries/meetings";
import { usePersonSearch } from "../hooks/queries/persons";
import { useAction } from "../hooks/queries/policy";
import { MEETING_KIND_LABELS, MEETING_STATUS_LABELS } from "../interviews/labels";
import { usePageTitle } from "../layout/usePageTitle";
import { topicLines } from "./NewMeetingPage";

const STATUSES = Object.keys(MEETING_STATUS_LABELS) as MeetingStatus[];

function registrationError(error: unknown): string {
  if (error instanceof ApiError && error.status === 409) return "Cette personne est déjà inscrite à la rencontre.";
  if (error instanceof ApiError && error.status === 404) return "Cet assuré n’est pas de votre caisse.";
  return errorMessage(error);
}

/** The service refused the person as outside the meeting's target (a reason lets them in). */
function outsideTarget(error: unknown): boolean {
  return error instanceof ApiError && error.fieldErrors.some((e) => e.field === "outside_target_reason");
}

/** A NIR (13 to 15 characters, digits with 2A/2B for Corsica, spaces allowed) or a name. */
export function searchCriteria(text: string): PersonSearch {
  const compact = text.replace(/\s+/g, "").toUpperCase();
  return /^[12][0-9]{4}(2A|2B|[0-9]{2})[0-9]{6,8}$/.test(compact) ? { nir: compact } : { name: text.trim() };
}

/** What the meeting's target looks at, for this person (the service has the last word). */
export function targetNote(meeting: Meeting, person: PersonSummary): string {
  if (meeting.kind === "auto_entrepreneurs")
    return person.auto_entrepreneur ? "auto-entrepreneur" : "pas auto-entrepreneur (hors cible)";
  if (meeting.professional_category)
    return person.professional_category === meeting.professional_category
      ? person.professional_category
      : `${person.professional_category ?? "catégorie inconnue"} (hors cible)`;
  return person.professional_category ?? "catégorie non renseignée";
}

function Register({ meeting }: { meeting: Meeting }) {
  const register = useRegisterPerson(meeting.id);
  const [text, setText] = useState("");
  const [searched, setSearched] = useState<PersonSearch | null>(null);
  // A common last name has a few dozen people in a caisse: all of them, not the first ten.
  const search = usePersonSearch(searched ? { criteria: searched, limit: 50, offset: 0 } : null);
  const [message, setMessage] = useState("");
  const [pending, setPending] = useState<PersonSummary | null>(null);
  const [reason, setReason] = useState("");

  function registered(r: Registration) {
    setMessage(
      r.status === "waitlisted"
        ? `${r.display_name} est sur la liste d’attente (${r.waitlist_position === 1 ? "1re position" : `${r.waitlist_position}e position`}).`
        : `${r.display_name} est inscrit(e).`,
    );
    setPending(null);
    setReason("");
  }
  function registerPerson(person: PersonSummary, outsideReason?: string) {
    setMessage("");
    setPending(person);
    register.mutate({ personId: person.id, outsideTargetReason: outsideReason }, { onSuccess: registered });
  }
  const needsReason = pending !== null && register.isError && outsideTarget(register.error);

  return (
    <section aria-labelledby="inscrire" className="fr-mb-4w">
      <h2 id="inscrire" className="fr-h4">
        Inscrire une personne
      </h2>
      {meeting.registered >= meeting.capacity && (
        <p className="fr-text--sm">La rencontre est complète : les nouvelles inscriptions vont en liste d’attente.</p>
      )}
      {message && <Alert small severity="success" role="status" className="fr-mb-2w" description={message} />}
      {register.isError && !needsReason && (
        <Alert small severity="error" className="fr-mb-2w" description={registrationError(register.error)} />
      )}
      {needsReason && (
        <form
          aria-label="Inscrire hors de la cible"
          className="fr-mb-2w"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim().length >= 3) registerPerson(pending, reason.trim());
          }}
        >
          <Alert small severity="warning" className="fr-mb-2w" description={errorMessage(register.error)} />
          <Input
            label={`Motif de l’inscription de ${pending.first_name} ${pending.last_name} hors de la cible`}
            nativeInputProps={{ value: reason, onChange: (e) => setReason(e.target.value) }}
          />
          <Button type="submit" disabled={register.isPending || reason.trim().length < 3}>
            Inscrire malgré tout
          </Button>
        </form>
      )}
      <form
        aria-label="Rechercher un assuré"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim().length >= 2) setSearched(searchCriteria(text));
        }}
      >
        <Input
          label="Nom ou NIR de l’assuré"
          hintText="Le début du nom de famille, ou le NIR complet"
          nativeInputProps={{ value: text, onChange: (e) => setText(e.target.value) }}
        />
        <Button type="submit" priority="secondary" disabled={text.trim().length < 2}>
          Rechercher
        </Button>
      </form>
      {search.isError && <p className="fr-error-text">{errorMessage(search.error)}</p>}
      {search.data && (
        <ul aria-label="Assurés trouvés" className="fr-mt-2w">
          {search.data.items.length === 0 && <li>Aucun assuré trouvé.</li>}
          {search.data.items.map((p) => (
            <li key={p.id}>
              {p.first_name} {p.last_name}, né(e) en {p.birth_date.slice(0, 4)} — {STATUS_LABELS[p.status]},{" "}
              {GROUP_LABELS[p.professional_group].toLowerCase()}
              {p.city ? ` (${p.city})` : ""} — {targetNote(meeting, p)}{" "}
              <Button
                size="small"
                priority="tertiary"
                disabled={register.isPending}
                onClick={() => registerPerson(p)}
              >
                Inscrire<span className="fr-sr-only"> {p.first_name} {p.last_name}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Registrations({ meeting }: { meeting: Meeting }) {
  const registrations = useRegistrations(meeting.id);
  const checkIn = useCheckIn(meeting.id);
  const cancel = useCancelRegistration(meeting.id);
  const all = registrations.data ?? [];
  const seated = all.filter((r) => r.status === "registered");
  const waiting = all
    .filter((r) => r.status === "waitlisted")
    .sort((a, b) => (a.waitlist_position ?? 0) - (b.waitlist_position ?? 0));
  const cancelButton = (r: Registration) => (
    <Button key="c" size="small" priority="tertiary" disabled={cancel.isPending} onClick={() => cancel.mutate(r.id)}>
      Annuler l’inscription<span className="fr-sr-only"> de {r.display_name}</span>
    </Button>
  );
  const person = (r: Registration) => (
    <Link key="p" to={`/assures/${r.person_id}`}>
      {r.display_name}
    </Link>
  );
  return (
    <section aria-labelledby="inscriptions" className="fr-mb-4w">
      <h2 id="inscriptions" className="fr-h4">
        Inscriptions
      </h2>
      {registrations.isPending && <p role="status">Chargement des inscriptions…</p>}
      {registrations.isError && <Alert small severity="error" description={errorMessage(registrations.error)} />}
      {(checkIn.isError || cancel.isError) && (
        <Alert small severity="error" className="fr-mb-2w" description={errorMessage(checkIn.error ?? cancel.error)} />
      )}
      {registrations.data &&
        (seated.length === 0 ? (
          <p>Personne n’est encore inscrit.</p>
        ) : (
          <Table
            caption={`Inscrits (${formatNumber(seated.length)} sur ${formatNumber(meeting.capacity)} places)`}
            headers={["Assuré", "Inscrit le", "Présence", ""]}
            data={seated.map((r) => [
              person(r),
              formatDateTime(r.registered_at),
              r.checked_in_at ? (
                `Présent (${formatDateTime(r.checked_in_at)})`
              ) : (
                <Button
                  key="in"
                  size="small"
                  iconId="fr-icon-check-line"
                  disabled={checkIn.isPending || meeting.status === "cancelled"}
                  onClick={() => checkIn.mutate(r.id)}
                >
                  Présent<span className="fr-sr-only"> : {r.display_name}</span>
                </Button>
              ),
              r.checked_in_at ? "" : cancelButton(r),
            ])}
          />
        ))}
      {waiting.length > 0 && (
        <Table
          caption={`Liste d’attente (${formatNumber(waiting.length)})`}
          headers={["Position", "Assuré", "Inscrit le", ""]}
          data={waiting.map((r) => [
            String(r.waitlist_position ?? ""),
            person(r),
            formatDateTime(r.registered_at),
            cancelButton(r),
          ])}
        />
      )}
    </section>
  );
}

function Follow({ meeting }: { meeting: Meeting }) {
  const update = useUpdateMeeting(meeting.id);
  const [status, setStatus] = useState<MeetingStatus>(meeting.status);
  const [topics, setTopics] = useState(meeting.topics.join("\n"));
  const [notes, setNotes] = useState(meeting.notes);
  const [capacity, setCapacity] = useState(String(meeting.capacity));
  const badCapacity = !/^\d+$/.test(capacity) || Number(capacity) < 1;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (badCapacity) return;
    update.mutate({ status, topics: topicLines(topics), notes, capacity: Number(capacity) });
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="suivi" className="fr-mb-4w" style={{ maxWidth: "44rem" }}>
      <h2 id="suivi" className="fr-h4">
        Suivi de la rencontre
      </h2>
      <Select
        label="Statut"
        nativeSelectProps={{ value: status, onChange: (e) => setStatus(e.target.value as MeetingStatus) }}
      >
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {MEETING_STATUS_LABELS[s]}
          </option>
        ))}
      </Select>
      <Input
        label="Nombre de places"
        hintText="Plus de places fait entrer les premières personnes de la liste d’attente."
        state={badCapacity ? "error" : "default"}
        stateRelatedMessage={badCapacity ? "Au moins une place." : undefined}
        nativeInputProps={{ type: "number", value: capacity, onChange: (e) => setCapacity(e.target.value) }}
      />
      <Input
        label="Thèmes abordés"
        hintText="Un thème par ligne."
        textArea
        nativeTextAreaProps={{ value: topics, rows: 4, onChange: (e) => setTopics(e.target.value) }}
      />
      <Input label="Notes" textArea nativeTextAreaProps={{ value: notes, rows: 4, onChange: (e) => setNotes(e.target.value) }} />
      {update.isError && <Alert small severity="error" className="fr-mb-2w" description={errorMessage(update.error)} />}
      {update.isSuccess && <Alert small severity="success" role="status" className="fr-mb-2w" description="La rencontre est mise à jour." />}
      <Button type="submit" priority="secondary" disabled={update.isPending}>
        Enregistrer le suivi
      </Button>
    </form>
  );
}

/** A collective meeting: details, registrations with the waiting list, attendance, follow-up. */
export function MeetingPage() {
  const { id = "" } = useParams();
  const meetingId = /^\d+$/.test(id) ? Number(id) : NaN;
  const meeting = useMeeting(meetingId);
  const data = meeting.data;
  const action = useAction(data?.action_id);
  usePageTitle(data ? `Rencontre — ${data.title}` : "Rencontre");
  const notFound =
    !Number.isSafeInteger(meetingId) || (meeting.error instanceof ApiError && meeting.error.status === 404);
  return (
    <div className="fr-container fr-py-4w">
      <Breadcrumb
        homeLinkProps={{ to: "/" }}
        segments={[{ label: "Rencontres", linkProps: { to: "/rencontres" } }]}
        currentPageLabel={data?.title ?? "Rencontre"}
      />
      <h1>{data ? `Rencontre — ${data.title}` : "Rencontre"}</h1>
      {notFound ? (
        <Alert severity="error" title="Rencontre introuvable" description="Cette rencontre n’existe pas ou ne relève pas de votre caisse." />
      ) : meeting.isError ? (
        <Alert severity="error" title="Impossible d’afficher la rencontre" description={errorMessage(meeting.error)} />
      ) : !data ? (
        <p role="status">Chargement de la rencontre…</p>
      ) : (
        <>
          <DescriptionList
            items={[
              ["Action", action.data ? action.data.title : `Action n° ${data.action_id}`],
              ["Type", MEETING_KIND_LABELS[data.kind]],
              ...(data.partner_event ? ([["Événement", data.partner_event]] as [string, string][]) : []),
              ["Lieu", data.place],
              ["Horaires", `du ${formatDateTime(data.starts_at)} au ${formatDateTime(data.ends_at)}`],
              ...(data.professional_category
                ? ([["Catégorie professionnelle", data.professional_category]] as [string, string][])
                : []),
              ["Places", `${formatNumber(data.registered)} inscrits sur ${formatNumber(data.capacity)}`],
              ["Liste d’attente", formatNumber(data.waitlisted)],
              ["Présents", formatNumber(data.attended)],
              ["Statut", MEETING_STATUS_LABELS[data.status]],
              ["Thèmes", data.topics.length > 0 ? data.topics.join("\n") : "—"],
            ]}
          />
          {data.status === "planned" && <Register meeting={data} />}
          <Registrations meeting={data} />
          <Follow key={`${data.id}-${data.capacity}-${data.status}`} meeting={data} />
        </>
      )}
    </div>
  );
}
