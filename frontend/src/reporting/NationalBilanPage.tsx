import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { ToggleSwitch } from "@codegouvfr/react-dsfr/ToggleSwitch";
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { errorMessage } from "../api/problem";
import type { Consolidation, NationalBilan } from "../api/types";
import { hasFeature } from "../auth/roles";
import { useSession } from "../auth/session";
import { DownloadButton } from "../components/DownloadButton";
import { CONTACT_TYPE_LABELS, formatDate, formatDateTime, label } from "../format";
import {
  fetchNationalExport,
  useNationalBilan,
  useNationalLive,
} from "../hooks/queries/reporting";
import { usePageTitle } from "../layout/usePageTitle";
import { BarChart } from "./BarChart";
import { ReopenBilanForm } from "./ReopenBilanForm";
import {
  DEFAULT_BILAN_YEAR,
  MISSING_LABELS,
  SUBMISSION_LABELS,
  SUBMISSION_SEVERITY,
  formatCount,
  formatRate,
  validYear,
} from "./labels";

function Submissions({ bilan }: { bilan: NationalBilan }) {
  const role = useSession()?.user.role;
  const [reopening, setReopening] = useState<{ caisse: string; name: string; version: number } | null>(null);
  return (
    <section aria-labelledby="transmissions" className="fr-mb-6w">
      <h2 id="transmissions">Transmission des bilans régionaux</h2>
      <p>
        {bilan.counts.submitted} transmis à temps, {bilan.counts.late} en retard, {bilan.counts.missing} manquants,{" "}
        {bilan.counts.pending} en attente — échéance le {formatDate(bilan.deadline)}.
      </p>
      {reopening && (
        <ReopenBilanForm
          key={reopening.caisse}
          year={bilan.year}
          caisse={reopening.caisse}
          name={reopening.name}
          version={reopening.version}
          onClose={() => setReopening(null)}
        />
      )}
      <div className="fr-table fr-table--sm">
        <table>
          <caption className="fr-sr-only">État de transmission par caisse</caption>
          <thead>
            <tr>
              <th scope="col">Caisse</th>
              <th scope="col">État</th>
              <th scope="col">Version</th>
              <th scope="col">Transmis le</th>
              <th scope="col">
                <span className="fr-sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {bilan.submissions.map((s) => (
              <tr key={s.caisse_code} data-caisse={s.caisse_code}>
                <th scope="row">
                  <Link to={`/bilans/${bilan.year}/${s.caisse_code}`}>{s.name ?? s.caisse_code}</Link>
                </th>
                <td>
                  <Badge small noIcon severity={SUBMISSION_SEVERITY[s.state]}>
                    {SUBMISSION_LABELS[s.state]}
                  </Badge>
                  {s.reopened && " (rouvert)"}
                </td>
                <td>{s.version ?? "—"}</td>
                <td>{formatDateTime(s.submitted_at)}</td>
                <td>
                  {s.version !== null && hasFeature(role, "reopenBilan") && (
                    <Button
                      type="button"
                      size="small"
                      priority="tertiary"
                      onClick={() =>
                        setReopening({ caisse: s.caisse_code, name: s.name ?? s.caisse_code, version: s.version! })
                      }
                      nativeButtonProps={{ "aria-label": `Rouvrir le bilan de ${s.name ?? s.caisse_code}` }}
                    >
                      Rouvrir
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Socle({ consolidated, live }: { consolidated: Consolidation; live: boolean }) {
  const socle = consolidated.socle;
  return (
    <section aria-labelledby="socle" className="fr-mb-6w">
      <h2 id="socle">Objectifs du socle et réalisation</h2>
      <p>
        {live
          ? `Chiffres en direct de toutes les caisses (${consolidated.caisses.length}), transmis ou non.`
          : `Consolidation des bilans transmis (${consolidated.caisses.length} caisses).`}
      </p>
      <BarChart
        title="Réalisation nationale par action du socle"
        bars={socle.map((a) => ({
          label: a.title,
          value: a.realisation_rate,
          text: `${formatRate(a.realisation_rate)} (${formatCount(a.realised)} / ${formatCount(a.targeted)})`,
        }))}
      />
      <div className="fr-table fr-table--sm">
        <table>
          <caption className="fr-sr-only">Objectifs et réalisation par action du socle</caption>
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Type</th>
              <th scope="col">Caisses</th>
              <th scope="col">Ciblés</th>
              <th scope="col">Invités</th>
              <th scope="col">Réalisés</th>
              <th scope="col">Réalisation</th>
              <th scope="col">Satisfaits</th>
            </tr>
          </thead>
          <tbody>
            {socle.map((a) => (
              <tr key={a.action_id}>
                <th scope="row">{a.title}</th>
                <td>{label(CONTACT_TYPE_LABELS, a.contact_type)}</td>
                <td>{a.caisses}</td>
                <td>{formatCount(a.targeted)}</td>
                <td>{formatCount(a.invited)}</td>
                <td>{formatCount(a.realised)}</td>
                <td>{formatRate(a.realisation_rate)}</td>
                <td>{formatRate(a.satisfaction?.satisfied_share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Comparison({ consolidated }: { consolidated: Consolidation }) {
  const codes = consolidated.socle.map((a) => a.action_code);
  if (consolidated.comparison.length === 0) return null;
  return (
    <section aria-labelledby="comparaison">
      <h2 id="comparaison">Comparaison des caisses</h2>
      <div className="fr-table fr-table--sm">
        <table>
          <caption className="fr-sr-only">Taux de réalisation par caisse et par action du socle</caption>
          <thead>
            <tr>
              <th scope="col">Caisse</th>
              {codes.map((code) => (
                <th scope="col" key={code}>
                  {code}
                </th>
              ))}
              <th scope="col">Ensemble</th>
              <th scope="col">Actions régionales</th>
            </tr>
          </thead>
          <tbody>
            {consolidated.comparison.map((c) => (
              <tr key={c.caisse_code}>
                <th scope="row">{c.caisse_code}</th>
                {codes.map((code) => (
                  <td key={code}>{formatRate(c.realisation_rates[code])}</td>
                ))}
                <td>{formatRate(c.totals.realisation_rate)}</td>
                <td>{c.regional_actions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The national office's view: who has submitted, the socle consolidated, caisses compared. */
export function NationalBilanPage() {
  const params = useParams();
  const year = validYear(params.year);
  usePageTitle(`Bilan national ${year ?? ""}`);
  const bilan = useNationalBilan(year ?? DEFAULT_BILAN_YEAR);
  const [showLive, setShowLive] = useState(false);
  const live = useNationalLive(year ?? DEFAULT_BILAN_YEAR, showLive);
  const consolidated = showLive ? live.data?.consolidated : bilan.data?.consolidated;
  if (year === null) {
    return (
      <div className="fr-container fr-py-4w">
        <Alert severity="error" title="Année invalide" description="Choisissez une année entre 2000 et 2100." />
      </div>
    );
  }
  return (
    <div className="fr-container fr-py-4w">
      <h1>Bilan national {year}</h1>
      {bilan.isPending && <p role="status">Chargement du bilan national…</p>}
      {bilan.isError && (
        <Alert severity="error" title="Impossible d’afficher le bilan national" description={errorMessage(bilan.error)} />
      )}
      {bilan.data && (
        <>
          <div className="fr-mb-3w">
            <DownloadButton label="Exporter (CSV)" fetchFile={() => fetchNationalExport(year, "csv")} />
            <DownloadButton label="Exporter (Excel)" fetchFile={() => fetchNationalExport(year, "xlsx")} />
          </div>
          <Submissions bilan={bilan.data} />
          <ToggleSwitch
            className="fr-mb-3w"
            label="Chiffres en direct de toutes les caisses"
            helperText="Sinon : la consolidation des bilans transmis (version en vigueur de chacun)."
            checked={showLive}
            onChange={setShowLive}
            inputTitle="Chiffres en direct"
          />
          {showLive && live.isPending && <p role="status">Calcul des chiffres en direct…</p>}
          {showLive && live.isError && (
            <Alert small severity="error" className="fr-mb-2w" description={errorMessage(live.error)} />
          )}
          {showLive && live.data && live.data.missing.length > 0 && (
            <Alert
              small
              severity="warning"
              className="fr-mb-2w"
              description={`Chiffres indisponibles : ${live.data.missing.map((m) => MISSING_LABELS[m] ?? m).join(", ")}.`}
            />
          )}
          {consolidated && (
            <>
              <Socle consolidated={consolidated} live={showLive} />
              <Comparison consolidated={consolidated} />
            </>
          )}
        </>
      )}
    </div>
  );
}
