import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Card } from "@codegouvfr/react-dsfr/Card";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useNavigate, useParams } from "react-router-dom";
import { errorMessage } from "../api/problem";
import { hasFeature } from "../auth/roles";
import { useSession } from "../auth/session";
import type { PolicyAction } from "../api/types";
import { CONTACT_TYPE_LABELS, formatPeriod, label } from "../format";
import { useActions, usePolicyYears } from "../hooks/queries/policy";
import { usePageTitle } from "../layout/usePageTitle";
import { YearCyclePanel } from "./YearCyclePanel";

export const DEFAULT_POLICY_YEAR = 2011;
const YEARS = Array.from({ length: 9 }, (_, i) => 2007 + i);

function ActionCards({ actions }: { actions: PolicyAction[] }) {
  return (
    <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list">
      {actions.map((action) => (
        <li key={action.id} className="fr-col-12 fr-col-md-6">
          <Card
            titleAs="h3"
            title={action.title}
            linkProps={{ to: `/actions/${action.id}` }}
            enlargeLink
            desc={action.target_description}
            start={
              <ul className="fr-badges-group">
                <li>
                  <Badge as="span" small severity="info" noIcon>
                    {label(CONTACT_TYPE_LABELS, action.contact_type)}
                  </Badge>
                </li>
                <li>
                  <Badge as="span" small noIcon>
                    {action.code}
                  </Badge>
                </li>
              </ul>
            }
            detail={`Calendrier : ${formatPeriod(action.calendar_start, action.calendar_end)}`}
            end={action.national ? undefined : <p className="fr-card__detail">Caisse {action.caisse_code}</p>}
          />
        </li>
      ))}
    </ul>
  );
}

/** The year's contact policy: the national socle and the caisse's own actions. */
export function PolicyPage() {
  const { year: yearParam = "" } = useParams();
  const year = /^\d{4}$/.test(yearParam) ? Number(yearParam) : NaN;
  const valid = year >= 2000 && year <= 2100;
  usePageTitle(valid ? `Politique de contact ${year}` : "Politique de contact");
  const navigate = useNavigate();
  const role = useSession()?.user.role;
  const actions = useActions(valid ? year : DEFAULT_POLICY_YEAR);
  const policyYears = usePolicyYears();

  if (!valid) {
    return (
      <div className="fr-container fr-py-4w">
        <h1>Politique de contact</h1>
        <Alert severity="error" title="Année invalide" description="Choisissez une année entre 2000 et 2100." />
      </div>
    );
  }
  const national = actions.data?.filter((a) => a.national) ?? [];
  const regional = actions.data?.filter((a) => !a.national) ?? [];
  const known = policyYears.data?.map((y) => y.year) ?? [];
  const years = [...new Set([...YEARS, ...known, year])].sort();

  return (
    <div className="fr-container fr-py-4w">
      <h1>Politique de contact {year}</h1>
      <div className="fr-grid-row fr-grid-row--bottom fr-grid-row--gutters fr-mb-4w">
        <div className="fr-col-12 fr-col-md-3">
          <Select
            label="Année"
            nativeSelectProps={{
              value: String(year),
              onChange: (e) => navigate(`/politique/${e.target.value}`),
            }}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-3 fr-mb-3w">
          <Button iconId="fr-icon-file-download-line" priority="tertiary" linkProps={{ to: "/kit" }}>
            Kit « Politique de contact »
          </Button>
        </div>
        {hasFeature(role, "editPolicy") && (
          <div className="fr-col-12 fr-col-md-6 fr-mb-3w">
            <Button
              iconId="fr-icon-add-line"
              priority="secondary"
              linkProps={{ to: `/politique/${year}/nouvelle-action` }}
            >
              {role === "caisse_manager" ? "Nouvelle action régionale" : "Nouvelle action du socle"}
            </Button>
          </div>
        )}
      </div>
      {actions.isPending && <p role="status">Chargement des actions…</p>}
      {actions.isError && (
        <Alert
          severity="error"
          title="Impossible d’afficher la politique de contact"
          description={errorMessage(actions.error)}
        />
      )}
      {actions.data && (
        <>
          <YearCyclePanel
            year={year}
            role={role}
            status={policyYears.data?.find((y) => y.year === year)}
            hasNationalActions={national.length > 0}
          />
          <section aria-labelledby="socle" className="fr-mb-6w">
            <h2 id="socle">Socle national ({national.length})</h2>
            <p>Les actions que toutes les caisses régionales doivent mener.</p>
            {national.length === 0 ? (
              <p>Aucune action nationale n’est définie pour {year}.</p>
            ) : (
              <ActionCards actions={national} />
            )}
          </section>
          <section aria-labelledby="regionales">
            <h2 id="regionales">Actions régionales ({regional.length})</h2>
            {regional.length === 0 ? (
              <p>Aucune action régionale pour {year}.</p>
            ) : (
              <ActionCards actions={regional} />
            )}
          </section>
        </>
      )}
    </div>
  );
}
