import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { errorMessage } from "../api/problem";
import type { ResultsQuery } from "../api/types";
import { formatNumber, plural } from "../format";
import { useCaisseComparison } from "../hooks/queries/surveys";
import { formatMean, formatShare } from "./labels";

/** The national office's comparison of the caisses: response rate and overall satisfaction. */
export function CaisseComparisonTable({ query, enabled }: { query: ResultsQuery; enabled: boolean }) {
  const comparison = useCaisseComparison(query, enabled);
  if (comparison.isError) {
    return <Alert small severity="error" description={errorMessage(comparison.error)} />;
  }
  const data = comparison.data;
  if (!data) return null;
  return (
    <section aria-labelledby="comparaison" className="fr-mt-4w">
      <h2 id="comparaison">Comparaison des caisses</h2>
      <p className="fr-text--sm">
        Les notes d’une caisse qui a moins de {plural(data.min_answers, "réponse")} ne sont pas affichées.
      </p>
      <div className="fr-table fr-table--sm">
        <table>
          <caption>Taux de réponse et satisfaction par caisse</caption>
          <thead>
            <tr>
              <th scope="col">Caisse</th>
              <th scope="col">Liens envoyés</th>
              <th scope="col">Réponses</th>
              <th scope="col">Taux de réponse</th>
              <th scope="col">Satisfaction moyenne (sur 5)</th>
              <th scope="col">Satisfaits (4 ou 5)</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((row) => (
              <tr key={row.caisse_code}>
                <th scope="row">{row.caisse_code}</th>
                <td>{formatNumber(row.links_issued)}</td>
                <td>{formatNumber(row.responses)}</td>
                <td>{formatShare(row.response_rate)}</td>
                <td>{row.masked ? "non affichée" : formatMean(row.overall_satisfaction_mean)}</td>
                <td>{row.masked ? "non affiché" : formatShare(row.satisfied_share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
