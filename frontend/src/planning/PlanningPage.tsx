import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { useSearchParams } from "react-router-dom";
import { ApiError, errorMessage } from "../api/problem";
import type { CapacityAlert, PlanningRow } from "../api/types";
import { capacityText } from "../campaigns/capacity";
import { formatDate, formatNumber } from "../format";
import { useCapacityAlerts, usePlanning } from "../hooks/queries/selfservice";
import { DEFAULT_POLICY_YEAR } from "../policy/PolicyPage";
import { usePageTitle } from "../layout/usePageTitle";
import { parisDay } from "../agenda/time";

const YEARS = Array.from({ length: 2031 - 2010 }, (_, i) => 2010 + i);
const hours = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

/** "−12,5 h" (negative: hours missing). */
export function formatHours(value: number): string {
  return `${hours.format(value).replace("-", "−")} h`;
}

function windowText(row: PlanningRow): string {
  if (row.window_start === null || row.window_end === null) return "Fenêtre passée";
  return `du ${formatDate(parisDay(row.window_start))} au ${formatDate(parisDay(row.window_end))}`;
}

function Gap({ value }: { value: number }) {
  if (value >= 0) return <>{formatHours(value)}</>;
  return (
    <strong style={{ color: "var(--text-default-error)" }}>
      {formatHours(value)}
      <span className="fr-sr-only"> (heures manquantes)</span>
    </strong>
  );
}

function Alerts({ alerts, titles }: { alerts: CapacityAlert[]; titles: Map<number, string> }) {
  if (alerts.length === 0) {
    return <p>Aucune alerte : les créneaux libres suffisent pour les invitations en cours.</p>;
  }
  return (
    <ul aria-label="Alertes de capacité">
      {alerts.map((a) => (
        <li key={`${a.caisse_code}-${a.action_id}`}>
          <Alert
            small
            severity="warning"
            className="fr-mb-2w"
            description={`${titles.get(a.action_id) ?? `Action n° ${a.action_id}`} (caisse ${a.caisse_code}) : ${capacityText(a)}.`}
          />
        </li>
      ))}
    </ul>
  );
}

/** For managers: counselor hours needed against available per interview action, and alerts. */
export function PlanningPage() {
  usePageTitle("Planification");
  const [params, setParams] = useSearchParams();
  const year = Number(params.get("annee") ?? DEFAULT_POLICY_YEAR);
  const planning = usePlanning(year);
  const alerts = useCapacityAlerts();
  const rows = planning.data ?? [];
  const titles = new Map(rows.map((r) => [r.action_id, `${r.code} — ${r.title}`]));
  const noPolicy = planning.error instanceof ApiError && planning.error.status === 404;

  return (
    <div className="fr-container fr-py-4w">
      <h1>Planification</h1>
      <p>
        Avant d’inviter : les heures d’entretien nécessaires pour chaque action, face aux heures d’ouverture
        des conseillers dans la fenêtre de l’action (moins les absences et jours fériés).
      </p>
      <section aria-labelledby="alertes" className="fr-mb-4w">
        <h2 id="alertes" className="fr-h4">
          Alertes de capacité
        </h2>
        <p className="fr-text--sm">
          Vérifiées chaque jour : actions dont les invitations en attente dépassent les créneaux libres à venir.
        </p>
        {alerts.isPending && <p role="status">Chargement des alertes…</p>}
        {alerts.isError && <Alert small severity="error" description={errorMessage(alerts.error)} />}
        {alerts.data && <Alerts alerts={alerts.data} titles={titles} />}
      </section>
      <section aria-labelledby="besoins">
        <h2 id="besoins" className="fr-h4">
          Heures nécessaires et disponibles
        </h2>
        <div style={{ maxWidth: "12rem" }}>
          <Select
            label="Année"
            nativeSelectProps={{
              value: String(year),
              onChange: (e) => setParams({ annee: e.target.value }, { replace: true }),
            }}
          >
            {YEARS.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
        </div>
        <p className="fr-text--sm">
          Seules les heures à venir sont comptées : une fenêtre déjà passée n’a aucune heure disponible (c’est le
          cas de la politique {DEFAULT_POLICY_YEAR}, la politique de démonstration).
        </p>
        {planning.isPending && <p role="status">Calcul des heures…</p>}
        {planning.isError && (
          <Alert
            severity={noPolicy ? "info" : "error"}
            small
            description={noPolicy ? `Aucune politique de contact pour ${year}.` : errorMessage(planning.error)}
          />
        )}
        {planning.data && rows.length === 0 && <p>Aucune action d’entretien individuel en {year}.</p>}
        {rows.length > 0 && (
          <Table
            caption={`Actions d’entretien ${year}`}
            headers={[
              "Action",
              "Fenêtre à venir",
              "Personnes ciblées",
              "Minutes par entretien",
              "Heures nécessaires",
              "Heures disponibles",
              "Écart",
            ]}
            data={rows.map((row) => [
              `${row.code} — ${row.title}`,
              windowText(row),
              formatNumber(row.targeted),
              formatNumber(row.minutes_per_interview),
              formatHours(row.hours_needed),
              formatHours(row.hours_available),
              <Gap key="gap" value={row.gap_hours} />,
            ])}
          />
        )}
      </section>
    </div>
  );
}
