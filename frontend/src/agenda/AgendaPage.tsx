import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { errorMessage } from "../api/problem";
import type { AgendaEntry, Counselor, Interview, OpeningPeriod } from "../api/types";
import { useSession } from "../auth/session";
import {
  useAgenda,
  useAgendaFeed,
  useChangeAgendaFeed,
  useCounselors,
  useOpeningHours,
} from "../hooks/queries/interviews";
import { usePageTitle } from "../layout/usePageTitle";
import { InterviewPanel, StatusBadge } from "./InterviewPanel";
import { CHANNEL_LABELS } from "./labels";
import { addDays, capitalize, formatDay, formatLongDay, formatTime, isDay, mondayOf, parisDay, parisIso, today } from "./time";
import { WeekNavigation } from "./WeekNavigation";

/** "Anne Arnaud", or the file number while the registry cannot say. */
export function personLabel(entry: AgendaEntry): string {
  const name = [entry.person_first_name, entry.person_last_name].filter(Boolean).join(" ");
  return name || `Assuré n° ${entry.person_id}`;
}

/** The week's days shown: Monday to Friday, and any other day the counselor receives on
 * (opening hours) or has an interview. */
export function agendaDays(monday: string, periods: OpeningPeriod[], interviews: AgendaEntry[]): string[] {
  const worked = new Set(periods.map((p) => p.weekday));
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i)).filter(
    (d, i) => i < 5 || worked.has(i) || interviews.some((it) => parisDay(it.start) === d),
  );
}

function InterviewButton({
  interview,
  selected,
  onOpen,
}: {
  interview: AgendaEntry;
  selected: boolean;
  onOpen: () => void;
}) {
  const cancelled = interview.status === "cancelled";
  return (
    <button
      type="button"
      onClick={onOpen}
      aria-pressed={selected}
      className="fr-p-1w fr-mb-1w"
      style={{
        display: "block",
        width: "100%",
        textAlign: "left",
        border: "1px solid var(--border-default-blue-france)",
        borderLeftWidth: "4px",
        background: selected ? "var(--background-action-low-blue-france)" : "var(--background-default-grey)",
        textDecoration: cancelled ? "line-through" : undefined,
      }}
    >
      <span className="fr-text--bold">
        {formatTime(interview.start)} – {formatTime(interview.end)}
      </span>
      <br />
      <span className="fr-text--sm">
        {CHANNEL_LABELS[interview.channel]} · {personLabel(interview)}
      </span>{" "}
      <StatusBadge status={interview.status} />
    </button>
  );
}

function byStart(a: AgendaEntry, b: AgendaEntry) {
  return a.start.localeCompare(b.start);
}

/** Counselors see their own agenda; managers pick a counselor. */
export function useCounselorChoice(requested: number | null) {
  const session = useSession();
  const counselors = useCounselors();
  const list = counselors.data ?? [];
  const isCounselor = session?.user.role === "counselor";
  let current: Counselor | undefined;
  if (isCounselor) current = list.find((c) => c.username === session?.user.username);
  else current = list.find((c) => c.id === requested) ?? list.find((c) => c.active) ?? list[0];
  return { counselors, list, current, isCounselor };
}

/** The address a calendar application (Outlook, Thunderbird, a phone) subscribes to. */
function CalendarSubscription({ counselor }: { counselor: Counselor }) {
  const feed = useAgendaFeed(counselor.id);
  const change = useChangeAgendaFeed(counselor.id);
  const [copied, setCopied] = useState(false);
  const url = feed.data?.url ?? null;

  return (
    <section aria-labelledby="abonnement" className="fr-mt-4w">
      <h2 id="abonnement" className="fr-h4">
        Abonnement à l’agenda
      </h2>
      <p className="fr-text--sm">
        Votre logiciel d’agenda peut afficher ces rendez-vous (horaires, lieu, canal, sans les noms des assurés). Cette
        adresse est personnelle : ne la transmettez pas. La renouveler rend l’ancienne inutilisable.
      </p>
      {feed.isError && <Alert small severity="error" description={errorMessage(feed.error)} />}
      {change.isError && <Alert small severity="error" className="fr-mb-2w" description={errorMessage(change.error)} />}
      {feed.isSuccess && url === null && <p>Aucune adresse d’abonnement n’est active.</p>}
      {url !== null && (
        <p>
          <label className="fr-label" htmlFor="adresse-agenda">
            Adresse d’abonnement (iCalendar)
          </label>
          <input id="adresse-agenda" className="fr-input" readOnly value={url} onFocus={(e) => e.target.select()} />
        </p>
      )}
      <div className="fr-btns-group fr-btns-group--inline-md">
        {url !== null && (
          <Button
            type="button"
            priority="secondary"
            onClick={() => {
              void navigator.clipboard?.writeText(url).then(() => setCopied(true));
            }}
          >
            Copier l’adresse
          </Button>
        )}
        <Button
          type="button"
          priority={url === null ? "primary" : "secondary"}
          disabled={change.isPending}
          onClick={() => {
            setCopied(false);
            change.mutate("renew");
          }}
        >
          {url === null ? "Créer une adresse d’abonnement" : "Renouveler l’adresse"}
        </Button>
        {url !== null && (
          <Button
            type="button"
            priority="tertiary"
            disabled={change.isPending}
            onClick={() => {
              setCopied(false);
              change.mutate("revoke");
            }}
          >
            Révoquer l’adresse
          </Button>
        )}
      </div>
      {copied && <p role="status">Adresse copiée.</p>}
    </section>
  );
}

export function AgendaPage() {
  usePageTitle("Agenda");
  const [params, setParams] = useSearchParams();
  const week = params.get("semaine");
  const monday = isDay(week) ? mondayOf(week) : mondayOf(today());
  const requested = Number(params.get("conseiller")) || null;
  const { counselors, list, current, isCounselor } = useCounselorChoice(requested);
  const [selected, setSelected] = useState<Interview | null>(null);
  const openingHours = useOpeningHours(current?.id ?? 0, current !== undefined);

  const weekAgenda = useAgenda(current?.id, parisIso(monday), parisIso(addDays(monday, 7)));
  const day = today();
  const todayAgenda = useAgenda(current?.id, parisIso(day), parisIso(addDays(day, 1)));

  function setParam(key: string, value: string) {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true });
  }

  const interviews = [...(weekAgenda.data ?? [])].sort(byStart);
  const days = agendaDays(monday, openingHours.data ?? [], interviews);
  // The open interview, as its latest change returned it.
  const open = selected;

  return (
    <div className="fr-container--fluid fr-px-4w fr-py-4w">
      <h1>Agenda{current ? ` — ${current.full_name}` : ""}</h1>
      {counselors.isPending && <p role="status">Chargement des conseillers…</p>}
      {counselors.isError && (
        <Alert severity="error" title="Impossible d’afficher l’agenda" description={errorMessage(counselors.error)} />
      )}
      {counselors.isSuccess && !current && (
        <Alert
          severity="info"
          title="Aucun agenda"
          description={
            isCounselor
              ? "Votre compte n’est pas encore enregistré comme conseiller de la caisse. Demandez-le à votre responsable."
              : "Aucun conseiller n’est enregistré dans votre caisse."
          }
        />
      )}
      {!isCounselor && list.length > 0 && (
        <div style={{ maxWidth: "24rem" }}>
          <Select
            label="Conseiller"
            nativeSelectProps={{
              value: current ? String(current.id) : "",
              onChange: (e) => {
                setSelected(null);
                setParam("conseiller", e.target.value);
              },
            }}
          >
            {list.map((c) => (
              <option key={c.id} value={c.id}>
                {c.full_name}
                {c.active ? "" : " (inactif)"}
              </option>
            ))}
          </Select>
        </div>
      )}
      {current && (
        <>
          <section aria-labelledby="aujourdhui" className="fr-mb-4w">
            <h2 id="aujourdhui" className="fr-h4">
              Aujourd’hui, {formatLongDay(day)}
            </h2>
            {todayAgenda.isPending ? (
              <p>Chargement…</p>
            ) : todayAgenda.isError ? (
              <p>Rendez-vous du jour indisponibles : {errorMessage(todayAgenda.error)}</p>
            ) : (todayAgenda.data ?? []).length === 0 ? (
              <p>Aucun rendez-vous aujourd’hui.</p>
            ) : (
              <ul aria-label="Rendez-vous du jour">
                {[...todayAgenda.data!].sort(byStart).map((it) => (
                  <li key={it.id}>
                    <button type="button" className="fr-link" onClick={() => setSelected(it)}>
                      {formatTime(it.start)} – {formatTime(it.end)}, {CHANNEL_LABELS[it.channel].toLowerCase()}, {personLabel(it)}
                    </button>{" "}
                    <StatusBadge status={it.status} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <p>
            <Link to="/suivis" className="fr-link fr-icon-arrow-right-line fr-link--icon-right">
              Suivis à faire
            </Link>
          </p>
          <h2 className="fr-h4">Semaine</h2>
          <WeekNavigation monday={monday} onChange={(m) => setParam("semaine", m)} />
          {weekAgenda.isError && (
            <Alert severity="error" small description={errorMessage(weekAgenda.error)} />
          )}
          {weekAgenda.isPending && <p role="status">Chargement de la semaine…</p>}
          <div className="fr-grid-row fr-grid-row--gutters">
            <div className={open ? "fr-col-12 fr-col-lg-7" : "fr-col-12"}>
              <div
                style={{
                  display: "grid",
                  gridTemplateColumns: `repeat(${days.length}, minmax(8rem, 1fr))`,
                  gap: "0.5rem",
                  overflowX: "auto",
                }}
              >
                {days.map((d) => {
                  const ofDay = interviews.filter((it) => parisDay(it.start) === d);
                  const headingId = `jour-${d}`;
                  return (
                    <section
                      key={d}
                      aria-labelledby={headingId}
                      style={{
                        background: d === day ? "var(--background-alt-blue-france)" : undefined,
                        padding: "0.5rem",
                      }}
                    >
                      <h3 id={headingId} className="fr-text--md fr-text--bold fr-mb-1w">
                        {capitalize(formatDay(d))}
                      </h3>
                      {ofDay.length === 0 ? (
                        <p className="fr-text--sm">Aucun rendez-vous</p>
                      ) : (
                        <ul className="fr-raw-list">
                          {ofDay.map((it) => (
                            <li key={it.id}>
                              <InterviewButton interview={it} selected={open?.id === it.id} onOpen={() => setSelected(it)} />
                            </li>
                          ))}
                        </ul>
                      )}
                    </section>
                  );
                })}
              </div>
            </div>
            {open && (
              <div className="fr-col-12 fr-col-lg-5">
                <InterviewPanel interview={open} onClose={() => setSelected(null)} onChange={setSelected} />
              </div>
            )}
          </div>
          <CalendarSubscription counselor={current} />
        </>
      )}
    </div>
  );
}
