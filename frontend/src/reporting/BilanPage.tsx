import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useState, type FormEvent } from "react";
import { useParams } from "react-router-dom";
import { errorMessage } from "../api/problem";
import type { BilanDocument, Qualitative } from "../api/types";
import { hasFeature } from "../auth/roles";
import { useSession } from "../auth/session";
import { DownloadButton } from "../components/DownloadButton";
import { CONTACT_TYPE_LABELS, formatDate, formatDateTime, label, plural } from "../format";
import {
  fetchBilanExport,
  fetchBilanPdf,
  useBilan,
  useBilanVersions,
  useSaveQualitative,
  useSubmitBilan,
} from "../hooks/queries/reporting";
import { usePageTitle } from "../layout/usePageTitle";
import { BarChart } from "./BarChart";
import { ReopenBilanForm } from "./ReopenBilanForm";
import { DEFAULT_BILAN_YEAR, MISSING_LABELS, formatCount, formatRate, validYear } from "./labels";

const SECTIONS: { key: keyof Qualitative; title: string; hint: string }[] = [
  { key: "difficulties", title: "Difficultés rencontrées", hint: "Freins, moyens, calendrier…" },
  { key: "local_actions", title: "Actions locales", hint: "Initiatives propres à la caisse." },
  { key: "priorities", title: "Priorités pour l’année suivante", hint: "Objectifs et axes de travail." },
];

function Charts({ bilan }: { bilan: BilanDocument }) {
  const channels = new Map<string, number>();
  for (const action of bilan.actions) {
    for (const c of action.channels ?? []) channels.set(c.channel, (channels.get(c.channel) ?? 0) + c.held);
  }
  const channelMax = Math.max(1, ...channels.values());
  const channelLabels: Record<string, string> = { in_person: "En présentiel", phone: "Par téléphone" };
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-4">
        <BarChart
          title="Réalisation par rapport à la cible"
          bars={bilan.actions.map((a) => ({
            label: a.action_code,
            value: a.realisation_rate,
            text: `${formatRate(a.realisation_rate)} (${formatCount(a.realised)} / ${formatCount(a.targeted)})`,
          }))}
        />
      </div>
      <div className="fr-col-12 fr-col-md-4">
        <BarChart
          title="Entretiens tenus par canal"
          max={channelMax}
          bars={[...channels].map(([channel, held]) => ({
            label: channelLabels[channel] ?? channel,
            value: held,
            text: formatCount(held),
          }))}
        />
      </div>
      <div className="fr-col-12 fr-col-md-4">
        <BarChart
          title="Satisfaction (part de satisfaits)"
          bars={bilan.actions
            .filter((a) => a.satisfaction)
            .map((a) => ({
              label: a.action_code,
              value: a.satisfaction!.satisfied_share,
              text: `${formatRate(a.satisfaction!.satisfied_share)} — ${plural(a.satisfaction!.responses, "réponse")}`,
            }))}
        />
      </div>
    </div>
  );
}

function FiguresTable({ bilan }: { bilan: BilanDocument }) {
  const t = bilan.totals;
  return (
    <div className="fr-table fr-table--sm fr-table--bordered">
      <table>
        <caption>Chiffres par action</caption>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Type</th>
            <th scope="col">Ciblés</th>
            <th scope="col">En liste</th>
            <th scope="col">Invités</th>
            <th scope="col">Réservés</th>
            <th scope="col">Tenus</th>
            <th scope="col">Absents</th>
            <th scope="col">Réunions (présents)</th>
            <th scope="col">Courriers</th>
            <th scope="col">Réalisation</th>
            <th scope="col">Taux de réponse</th>
            <th scope="col">Satisfaction moyenne</th>
          </tr>
        </thead>
        <tbody>
          {bilan.actions.map((a) => (
            <tr key={a.action_id}>
              <th scope="row">
                {a.title} {!a.national && <Badge small noIcon>régionale</Badge>}
              </th>
              <td>{label(CONTACT_TYPE_LABELS, a.contact_type)}</td>
              <td>{formatCount(a.targeted)}</td>
              <td>{formatCount(a.listed)}</td>
              <td>{formatCount(a.invited)}</td>
              <td>{formatCount(a.booked)}</td>
              <td>{formatCount(a.held)}</td>
              <td>{formatCount(a.no_show)}</td>
              <td>
                {formatCount(a.meetings_held)} ({formatCount(a.meeting_attendance)})
              </td>
              <td>{formatCount(a.letters_sent)}</td>
              <td>{formatRate(a.realisation_rate)}</td>
              <td>{formatRate(a.satisfaction?.response_rate)}</td>
              <td>{a.satisfaction?.overall_satisfaction_mean?.toFixed(1).replace(".", ",") ?? "—"}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">Total</th>
            <td />
            <td>{formatCount(t.targeted)}</td>
            <td />
            <td>{formatCount(t.invited)}</td>
            <td>{formatCount(t.booked)}</td>
            <td>{formatCount(t.held)}</td>
            <td>{formatCount(t.no_show)}</td>
            <td>
              {formatCount(t.meetings_held)} ({formatCount(t.meeting_attendance)})
            </td>
            <td>{formatCount(t.letters_sent)}</td>
            <td>{formatRate(t.realisation_rate)}</td>
            <td>{formatRate(t.satisfaction?.response_rate)}</td>
            <td>{t.satisfaction?.overall_satisfaction_mean?.toFixed(1).replace(".", ",") ?? "—"}</td>
          </tr>
        </tbody>
      </table>
      <p className="fr-text--xs">
        Réalisation : entretiens tenus / ciblés pour les entretiens ; présents / ciblés pour les
        rencontres ; courriers envoyés / ciblés pour les courriers.
      </p>
    </div>
  );
}

function QualitativeEditor({
  bilan,
  editable,
  save,
}: {
  bilan: BilanDocument;
  editable: boolean;
  /** Owned by the page, so its outcome survives the editor's remount on new saved text. */
  save: ReturnType<typeof useSaveQualitative>;
}) {
  const [text, setText] = useState<Qualitative>(bilan.qualitative);

  if (!editable) {
    return (
      <>
        {SECTIONS.map((s) => (
          <div key={s.key} className="fr-mb-3w">
            <h3 className="fr-h6">{s.title}</h3>
            <p style={{ whiteSpace: "pre-wrap" }}>{bilan.qualitative[s.key] || "—"}</p>
          </div>
        ))}
      </>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(text);
  };
  return (
    <form onSubmit={submit} noValidate>
      {SECTIONS.map((s) => (
        <Input
          key={s.key}
          label={s.title}
          hintText={s.hint}
          textArea
          nativeTextAreaProps={{
            value: text[s.key],
            rows: 4,
            maxLength: 20000,
            onChange: (e) => setText({ ...text, [s.key]: e.target.value }),
          }}
        />
      ))}
      {save.isError && <Alert small severity="error" className="fr-mb-2w" description={errorMessage(save.error)} />}
      {save.isSuccess && (
        <p role="status" className="fr-text--sm">
          Textes enregistrés.
        </p>
      )}
      <Button type="submit" priority="secondary" disabled={save.isPending}>
        Enregistrer les textes
      </Button>
    </form>
  );
}

function SubmitPanel({ bilan }: { bilan: BilanDocument }) {
  const submit = useSubmitBilan(bilan.year, bilan.caisse_code);
  const [confirming, setConfirming] = useState(false);
  const incomplete = bilan.missing.length > 0;
  return (
    <section aria-labelledby="transmission" className="fr-mt-4w">
      <h2 id="transmission">Transmission à la Caisse nationale</h2>
      <p>
        Échéance : <strong>{formatDate(bilan.deadline)}</strong>.{" "}
        {bilan.late && "La date limite est dépassée : le bilan sera signalé comme transmis en retard."}
      </p>
      {incomplete && (
        <Alert small severity="warning" className="fr-mb-2w" description="Des chiffres manquent : le bilan ne peut pas être transmis." />
      )}
      {submit.isError && <Alert small severity="error" className="fr-mb-2w" description={errorMessage(submit.error)} />}
      {confirming ? (
        <div className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline">
          <p>Le bilan transmis sera figé ; seule la Caisse nationale peut le rouvrir.</p>
          <Button type="button" onClick={() => submit.mutate()} disabled={submit.isPending}>
            Confirmer la transmission
          </Button>
          <Button type="button" priority="secondary" onClick={() => setConfirming(false)}>
            Annuler
          </Button>
        </div>
      ) : (
        <Button type="button" disabled={incomplete} onClick={() => setConfirming(true)}>
          Transmettre le bilan
        </Button>
      )}
    </section>
  );
}

/** Tells the caisse that the national office reopened its bilan, and why. */
function ReopenedNotice({ year, caisse }: { year: number; caisse: string }) {
  const versions = useBilanVersions(year, caisse);
  const last = versions.data?.items.at(-1);
  if (!last?.reopened_at) return null;
  return (
    <Alert
      severity="warning"
      className="fr-mb-3w"
      title={`Bilan rouvert par la Caisse nationale le ${formatDateTime(last.reopened_at)}`}
      description={`Motif : ${last.reopen_reason ?? "non précisé"}. Complétez le bilan puis transmettez-le de nouveau.`}
    />
  );
}

function Versions({ year, caisse }: { year: number; caisse: string }) {
  const versions = useBilanVersions(year, caisse);
  if (!versions.data || versions.data.items.length === 0) return null;
  return (
    <section aria-labelledby="versions" className="fr-mt-4w">
      <h2 id="versions">Versions transmises</h2>
      <ul>
        {versions.data.items.map((v) => (
          <li key={v.version}>
            Version {v.version} transmise le {formatDateTime(v.submitted_at)}
            {v.late && " (en retard)"}
            {v.reopened_at && `, rouverte le ${formatDateTime(v.reopened_at)}`}
            {v.reopen_reason && ` — motif : « ${v.reopen_reason} »`}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A caisse's bilan: dashboard, figures, the caisse's own text, transmission. */
export function BilanPage() {
  const params = useParams();
  const year = validYear(params.year);
  const caisse = params.caisse ?? "";
  usePageTitle(`Bilan régional ${year ?? ""} — ${caisse}`);
  const role = useSession()?.user.role;
  const bilan = useBilan(year ?? DEFAULT_BILAN_YEAR, year ? caisse : undefined);
  const [reopening, setReopening] = useState(false);
  const save = useSaveQualitative(year ?? DEFAULT_BILAN_YEAR, caisse);

  if (year === null) {
    return (
      <div className="fr-container fr-py-4w">
        <Alert severity="error" title="Année invalide" description="Choisissez une année entre 2000 et 2100." />
      </div>
    );
  }
  const data = bilan.data;
  const editable = data?.status === "draft" && hasFeature(role, "editBilan");
  return (
    <div className="fr-container fr-py-4w">
      <h1>
        Bilan régional {year} — caisse {caisse}
      </h1>
      {bilan.isPending && <p role="status">Chargement du bilan…</p>}
      {bilan.isError && <Alert severity="error" title="Impossible d’afficher le bilan" description={errorMessage(bilan.error)} />}
      {data && (
        <>
          <ul className="fr-badges-group fr-mb-2w">
            <li>
              <Badge severity={data.status === "submitted" ? "success" : "info"} noIcon>
                {data.status === "submitted" ? `Transmis — version ${data.version}` : "Brouillon"}
              </Badge>
            </li>
            {data.late && (
              <li>
                <Badge severity="warning">{data.status === "submitted" ? "Transmis en retard" : "En retard"}</Badge>
              </li>
            )}
          </ul>
          <p>
            Échéance : {formatDate(data.deadline)}
            {data.submitted_at && ` — transmis le ${formatDateTime(data.submitted_at)} par ${data.submitted_by}`}
          </p>
          {data.missing.length > 0 && (
            <Alert
              severity="warning"
              className="fr-mb-3w"
              title="Chiffres incomplets"
              description={`Indisponibles pour le moment : ${data.missing.map((m) => MISSING_LABELS[m] ?? m).join(", ")}.`}
            />
          )}
          <div className="fr-mb-3w" style={{ display: "flex", flexWrap: "wrap", gap: "1rem" }}>
            <DownloadButton label="Exporter (CSV)" fetchFile={() => fetchBilanExport(year, caisse, "csv")} />
            <DownloadButton label="Exporter (Excel)" fetchFile={() => fetchBilanExport(year, caisse, "xlsx")} />
            <DownloadButton label="Version imprimable (PDF)" fetchFile={() => fetchBilanPdf(year, caisse)} />
            {data.status === "submitted" && hasFeature(role, "reopenBilan") && (
              <Button type="button" priority="tertiary" onClick={() => setReopening(true)} disabled={reopening}>
                Rouvrir le bilan
              </Button>
            )}
          </div>
          {reopening && data.status === "submitted" && data.version !== null && (
            <ReopenBilanForm
              year={year}
              caisse={caisse}
              name={`la caisse ${caisse}`}
              version={data.version}
              onClose={() => setReopening(false)}
            />
          )}
          {data.status === "draft" && <ReopenedNotice year={year} caisse={caisse} />}
          <section aria-labelledby="tableau-de-bord" className="fr-mb-4w">
            <h2 id="tableau-de-bord">Tableau de bord</h2>
            <Charts bilan={data} />
            <FiguresTable bilan={data} />
          </section>
          <section aria-labelledby="textes">
            <h2 id="textes">Analyse de la caisse</h2>
            {/* Keyed by the saved text: a refetch with the same text keeps what is being typed. */}
            <QualitativeEditor
              key={JSON.stringify(data.qualitative)}
              bilan={data}
              editable={editable}
              save={save}
            />
          </section>
          {editable && <SubmitPanel bilan={data} />}
          <Versions year={year} caisse={caisse} />
        </>
      )}
    </div>
  );
}
