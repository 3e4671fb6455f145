import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Tabs } from "@codegouvfr/react-dsfr/Tabs";
import { useMemo, useState, type FormEvent } from "react";
import { Link, useParams } from "react-router-dom";
import { ApiError, errorMessage } from "../api/problem";
import type {
  FollowUp,
  Interview,
  InterviewRecord,
  ProposedSection,
} from "../api/types";
import { StatusBadge } from "../agenda/InterviewPanel";
import { CHANNEL_LABELS } from "../agenda/labels";
import { formatLongDay, formatTime, parisDay } from "../agenda/time";
import { DescriptionList } from "../components/DescriptionList";
import { formatDateTime } from "../format";
import {
  useInterview,
  useInterviewGuide,
  useInterviewRecord,
  useRecordInterview,
} from "../hooks/queries/guide";
import { usePerson } from "../hooks/queries/persons";
import { useAction } from "../hooks/queries/policy";
import { usePageTitle } from "../layout/usePageTitle";
import { FOLLOW_UP_LABELS } from "./labels";

const FOLLOW_UPS = Object.keys(FOLLOW_UP_LABELS) as FollowUp[];

/** The sections that apply to the person first, each group in the guide's order. */
export function orderedSections(sections: ProposedSection[]): ProposedSection[] {
  return [...sections.filter((s) => s.applies), ...sections.filter((s) => !s.applies)];
}

function toggle<T>(values: T[], value: T, on: boolean): T[] {
  return on ? (values.includes(value) ? values : [...values, value]) : values.filter((v) => v !== value);
}

function GuideTabs({
  sections,
  covered,
  onCover,
  disabled,
}: {
  sections: ProposedSection[];
  covered: string[];
  onCover: (key: string, on: boolean) => void;
  disabled: boolean;
}) {
  const [selected, setSelected] = useState(sections[0]?.key ?? "");
  const section = sections.find((s) => s.key === selected) ?? sections[0];
  if (!section) return <p>La trame ne comporte aucune section.</p>;
  return (
    <Tabs
      label="Sections de la trame d’entretien"
      selectedTabId={section.key}
      onTabChange={setSelected}
      tabs={sections.map((s) => ({
        tabId: s.key,
        label: `${s.title}${covered.includes(s.key) ? " ✓" : ""}`,
        iconId: s.applies ? "fr-icon-star-fill" : undefined,
      }))}
    >
      <h3 className="fr-h5">{section.title}</h3>
      {section.applies ? (
        <Badge as="span" severity="new" small className="fr-mb-2w">
          Proposée pour cet assuré
        </Badge>
      ) : (
        <Badge as="span" small noIcon className="fr-mb-2w">
          Non proposée pour ce profil
        </Badge>
      )}
      <p style={{ whiteSpace: "pre-line" }}>{section.content}</p>
      <Checkbox
        options={[
          {
            label: "Abordé",
            hintText: "La section a été abordée pendant l’entretien.",
            nativeInputProps: {
              name: `covered-${section.key}`,
              checked: covered.includes(section.key),
              disabled,
              onChange: (e) => onCover(section.key, e.target.checked),
            },
          },
        ]}
      />
    </Tabs>
  );
}

function RecordForm({
  interview,
  sections,
  record,
}: {
  interview: Interview;
  sections: ProposedSection[];
  record: InterviewRecord | null;
}) {
  const recorded = interview.status === "done" || interview.status === "no_show";
  const [outcome, setOutcome] = useState<"done" | "no_show" | null>(
    recorded ? (interview.status as "done" | "no_show") : null,
  );
  const [covered, setCovered] = useState<string[]>(record?.sections_covered ?? []);
  const [followUps, setFollowUps] = useState<FollowUp[]>(record?.follow_ups ?? []);
  const [notes, setNotes] = useState(record?.notes ?? "");
  const [missingOutcome, setMissingOutcome] = useState(false);
  const save = useRecordInterview(interview.id);
  const started = Date.now() >= new Date(interview.start).getTime();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (outcome === null) {
      setMissingOutcome(true);
      return;
    }
    setMissingOutcome(false);
    save.mutate({
      outcome,
      sections_covered: outcome === "done" ? covered : [],
      follow_ups: outcome === "done" ? followUps : [],
      notes: notes.trim(),
    });
  }

  const held = outcome !== "no_show";
  return (
    <form onSubmit={submit} noValidate aria-label="Compte rendu de l’entretien">
      <section aria-labelledby="trame" className="fr-mb-4w">
        <h2 id="trame" className="fr-h4">
          Trame d’entretien
        </h2>
        <p className="fr-text--sm">
          Les sections marquées d’une étoile sont proposées pour cet assuré ; elles sont présentées en
          premier. Cochez « Abordé » pour chaque section traitée.
        </p>
        <GuideTabs
          sections={sections}
          covered={covered}
          onCover={(key, on) => setCovered((c) => toggle(c, key, on))}
          disabled={!held}
        />
        <p className="fr-mt-2w" role="status">
          Sections abordées : {covered.length} sur {sections.length}
        </p>
      </section>
      <section aria-labelledby="issue" className="fr-mb-4w">
        <h2 id="issue" className="fr-h4">
          Issue de l’entretien
        </h2>
        {!started && (
          <Alert
            small
            severity="info"
            className="fr-mb-2w"
            description={`L’issue pourra être enregistrée une fois l’entretien commencé (${formatTime(interview.start)}).`}
          />
        )}
        <RadioButtons
          legend="L’entretien a-t-il eu lieu ?"
          name="outcome"
          orientation="horizontal"
          state={missingOutcome ? "error" : "default"}
          stateRelatedMessage={missingOutcome ? "Indiquez si l’entretien a eu lieu." : undefined}
          options={(
            [
              ["done", "Entretien tenu"],
              ["no_show", "Assuré absent"],
            ] as const
          ).map(([value, text]) => ({
            label: text,
            nativeInputProps: {
              value,
              checked: outcome === value,
              // The outcome of a recorded interview never changes.
              disabled: recorded && interview.status !== value,
              onChange: () => setOutcome(value),
            },
          }))}
        />
        {held && (
          <Checkbox
            legend="Suites à donner"
            options={FOLLOW_UPS.map((followUp) => ({
              label: FOLLOW_UP_LABELS[followUp],
              nativeInputProps: {
                name: "follow_ups",
                value: followUp,
                checked: followUps.includes(followUp),
                onChange: (e) => setFollowUps((f) => toggle(f, followUp, e.target.checked)),
              },
            }))}
          />
        )}
        <Input
          label="Notes"
          hintText="Ce que le conseiller retient de l’entretien (visible des conseillers de la caisse)."
          textArea
          nativeTextAreaProps={{ value: notes, rows: 4, onChange: (e) => setNotes(e.target.value) }}
        />
      </section>
      {save.isError && (
        <Alert
          small
          severity="error"
          className="fr-mb-2w"
          title="Le compte rendu n’a pas été enregistré"
          description={errorMessage(save.error)}
        />
      )}
      {save.isSuccess && (
        <Alert
          small
          severity="success"
          role="status"
          className="fr-mb-2w"
          description={`Compte rendu enregistré le ${formatDateTime(save.data.recorded_at)}.`}
        />
      )}
      <Button type="submit" disabled={!started || save.isPending}>
        Enregistrer le compte rendu
      </Button>
    </form>
  );
}

/** Holding an interview: the modular guide, the sections covered, the outcome and follow-ups. */
export function InterviewPage() {
  const { id = "" } = useParams();
  const interview = useInterview(id);
  const data = interview.data;
  const person = usePerson(data?.person_id ?? 0);
  const action = useAction(data?.action_id);
  const guide = useInterviewGuide(id);
  const record = useInterviewRecord(id);
  const name = person.data
    ? `${person.data.first_name} ${person.data.last_name}`
    : data
      ? `Assuré n° ${data.person_id}`
      : "";
  usePageTitle(name ? `Entretien — ${name}` : "Entretien");
  const sections = useMemo(() => orderedSections(guide.data?.sections ?? []), [guide.data]);

  const notFound = interview.error instanceof ApiError && [404, 422].includes(interview.error.status);
  return (
    <div className="fr-container fr-py-4w">
      <Breadcrumb
        homeLinkProps={{ to: "/" }}
        segments={[{ label: "Agenda", linkProps: { to: "/agenda" } }]}
        currentPageLabel="Entretien"
      />
      <h1>{name ? `Entretien — ${name}` : "Entretien"}</h1>
      {interview.isPending && <p role="status">Chargement de l’entretien…</p>}
      {interview.isError && (
        <Alert
          severity="error"
          title={notFound ? "Entretien introuvable" : "Impossible d’afficher l’entretien"}
          description={
            notFound
              ? "Cet entretien n’existe pas ou ne relève pas de votre caisse."
              : errorMessage(interview.error)
          }
        />
      )}
      {data && (
        <>
          <DescriptionList
            items={[
              ["Assuré", <Link key="p" to={`/assures/${data.person_id}`}>{name}</Link>],
              ["Action", action.data ? action.data.title : `Action n° ${data.action_id}`],
              [
                "Rendez-vous",
                `${formatLongDay(parisDay(data.start))}, ${formatTime(data.start)} – ${formatTime(data.end)}`,
              ],
              ["Canal", CHANNEL_LABELS[data.channel] ?? data.channel],
              ["Statut", <StatusBadge key="s" status={data.status} />],
            ]}
          />
          {data.status === "cancelled" ? (
            <Alert
              severity="warning"
              title="Rendez-vous annulé"
              description="Un entretien annulé n’a pas de compte rendu."
            />
          ) : guide.isError ? (
            <Alert
              severity="error"
              title="Trame indisponible"
              description={
                guide.error instanceof ApiError && guide.error.status === 409
                  ? "Aucune trame d’entretien n’est publiée : la Caisse nationale doit en publier une."
                  : errorMessage(guide.error)
              }
            />
          ) : guide.isPending || record.isPending ? (
            <p role="status">Chargement de la trame…</p>
          ) : (
            <RecordForm
              interview={data}
              sections={sections}
              record={record.data ?? null}
            />
          )}
        </>
      )}
    </div>
  );
}
