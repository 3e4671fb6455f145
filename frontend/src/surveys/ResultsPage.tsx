import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { errorMessage } from "../api/problem";
import type { ResultsQuery } from "../api/types";
import { useSession } from "../auth/session";
import { DownloadButton } from "../components/DownloadButton";
import { formatNumber, plural } from "../format";
import { useCaisses } from "../hooks/queries/caisses";
import { useActions } from "../hooks/queries/policy";
import { fetchAnswers, useSurveyComments, useSurveyResults } from "../hooks/queries/surveys";
import { CaisseComparisonTable } from "./CaisseComparisonTable";
import { usePageTitle } from "../layout/usePageTitle";
import { DEFAULT_POLICY_YEAR } from "../policy/PolicyPage";
import { DistributionChart } from "./DistributionChart";
import { CHANNEL_LABELS, formatMean, formatShare } from "./labels";

const YEARS = Array.from({ length: 9 }, (_, i) => 2007 + i);
const SPONTANEOUS = "spontaneous";

/** Satisfaction results: per question, filtered by year, action, caisse and channel. */
export function ResultsPage() {
  usePageTitle("Résultats des enquêtes");
  const user = useSession()?.user;
  const caisseBound = Boolean(user?.caisse_code);
  const [year, setYear] = useState(DEFAULT_POLICY_YEAR);
  const [actionId, setActionId] = useState("");
  const [caisse, setCaisse] = useState("");
  const [channel, setChannel] = useState("");
  const [nationalOnly, setNationalOnly] = useState(!caisseBound);
  const [searchParams] = useSearchParams();
  const campaignId = Number(searchParams.get("campagne")) || undefined;
  const actions = useActions(year);
  const caisses = useCaisses({ limit: 100, offset: 0 });

  const yearActions = actions.data?.map((a) => a.id) ?? [];
  const spontaneous = actionId === SPONTANEOUS;
  const query: ResultsQuery = {
    action_id: campaignId || spontaneous ? [] : actionId ? [Number(actionId)] : yearActions,
    ...(spontaneous && !campaignId && { spontaneous: true }),
    ...(campaignId && { campaign_id: campaignId }),
    ...(caisse && { caisse_code: caisse }),
    ...(channel && { channel: channel as ResultsQuery["channel"] }),
    ...(nationalOnly && { national_only: true }),
  };
  const ready =
    campaignId !== undefined || spontaneous || (actions.isSuccess && yearActions.length > 0);
  const results = useSurveyResults(query, ready);
  const comments = useSurveyComments(query, ready);
  const data = results.data;

  return (
    <div className="fr-container fr-py-4w">
      <h1>Résultats des enquêtes de satisfaction</h1>
      {campaignId && (
        <p>
          Résultats de la campagne n° {campaignId}.{" "}
          <Link to="/enquetes/resultats">Voir toutes les campagnes</Link>
        </p>
      )}
      <form aria-label="Filtres" className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-3w" onSubmit={(e) => e.preventDefault()}>
        <div className="fr-col-12 fr-col-md-2">
          <Select
            label="Année"
            nativeSelectProps={{
              value: String(year),
              onChange: (e) => {
                setYear(Number(e.target.value));
                setActionId("");
              },
            }}
          >
            {YEARS.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select
            label="Action"
            nativeSelectProps={{ value: actionId, onChange: (e) => setActionId(e.target.value) }}
          >
            <option value="">Toutes les actions de {year}</option>
            {actions.data?.map((action) => (
              <option key={action.id} value={action.id}>
                {action.title}
              </option>
            ))}
            <option value={SPONTANEOUS}>Entretiens spontanés (hors action)</option>
          </Select>
        </div>
        {!caisseBound && (
          <div className="fr-col-12 fr-col-md-2">
            <Select
              label="Caisse"
              nativeSelectProps={{ value: caisse, onChange: (e) => setCaisse(e.target.value) }}
            >
              <option value="">Toutes</option>
              {caisses.data?.items.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </Select>
          </div>
        )}
        <div className="fr-col-12 fr-col-md-2">
          <Select
            label="Canal"
            nativeSelectProps={{ value: channel, onChange: (e) => setChannel(e.target.value) }}
          >
            <option value="">Tous</option>
            {Object.entries(CHANNEL_LABELS).map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-2">
          <Checkbox
            small
            options={[
              {
                label: "Questions nationales seulement",
                nativeInputProps: {
                  checked: nationalOnly,
                  onChange: (e) => setNationalOnly(e.target.checked),
                },
              },
            ]}
          />
        </div>
      </form>
      {!campaignId && actions.isSuccess && yearActions.length === 0 && (
        <p>Aucune action n’est définie pour {year}.</p>
      )}
      {results.isPending && ready && <p role="status">Chargement des résultats…</p>}
      {results.isError && (
        <Alert severity="error" title="Impossible d’afficher les résultats" description={errorMessage(results.error)} />
      )}
      {data && (
        <>
          <section aria-labelledby="participation" className="fr-mb-4w">
            <h2 id="participation">Participation</h2>
            <dl className="fr-grid-row fr-grid-row--gutters" aria-live="polite">
              <div className="fr-col-4">
                <dt>Liens envoyés</dt>
                <dd className="fr-h3" data-testid="links-issued">{formatNumber(data.links_issued)}</dd>
              </div>
              <div className="fr-col-4">
                <dt>Réponses</dt>
                <dd className="fr-h3" data-testid="responses">{formatNumber(data.responses)}</dd>
              </div>
              <div className="fr-col-4">
                <dt>Taux de réponse</dt>
                <dd className="fr-h3">{formatShare(data.response_rate)}</dd>
              </div>
            </dl>
            <DownloadButton label="Exporter les réponses (CSV)" fetchFile={() => fetchAnswers(query, "csv")} />
            <DownloadButton label="Exporter les réponses (Excel)" fetchFile={() => fetchAnswers(query, "xlsx")} />
          </section>
          <section aria-labelledby="questions" className="fr-mb-4w">
            <h2 id="questions">Réponses par question</h2>
            {data.questions
              .filter((q) => q.type !== "free_text")
              .map((question) => (
                <section key={`${question.key}-${question.national}`} aria-label={question.label} className="fr-mb-3w">
                  <h3 className="fr-h6 fr-mb-1w">
                    {question.label}
                    {!question.national && " (question régionale)"}
                  </h3>
                  <p className="fr-mb-1w">
                    {plural(question.answered, "réponse")}
                    {question.type === "scale_1_5" && !question.masked && ` — moyenne ${formatMean(question.mean)} / 5`}
                  </p>
                  {question.masked ? (
                    <p className="fr-text--sm">
                      Résultat non affiché : moins de {plural(data.min_answers, "réponse")}, il pourrait révéler la
                      réponse d’une personne.
                    </p>
                  ) : (
                    <DistributionChart question={question} />
                  )}
                </section>
              ))}
          </section>
          <section aria-labelledby="comments">
            <h2 id="comments">Commentaires ({formatNumber(comments.data?.total ?? 0)})</h2>
            <p className="fr-text--sm">
              Les commentaires sont affichés sans date ni canal, et seulement pour une question qui a reçu au moins{" "}
              {plural(data.min_answers, "réponse")}.
            </p>
            {comments.data?.items.length === 0 && <p>Aucun commentaire à afficher.</p>}
            <ul>
              {comments.data?.items.map((comment, index) => (
                <li key={index} className="fr-mb-2w">
                  <blockquote className="fr-mb-0">« {comment.text} »</blockquote>
                  <p className="fr-text--sm fr-mb-0">
                    {comment.question_label} — caisse {comment.caisse_code}
                  </p>
                </li>
              ))}
            </ul>
          </section>
          {!caisseBound && !caisse && <CaisseComparisonTable query={query} enabled={ready} />}
        </>
      )}
    </div>
  );
}
