import type { QuestionResult } from "../api/types";
import { formatNumber } from "../format";
import { answerLabel, formatShare } from "./labels";

/**
 * A question's answers as a horizontal bar chart that is also a real table: screen readers
 * read the counts and shares, the bars (CSS widths) are decoration.
 */
export function DistributionChart({ question }: { question: QuestionResult }) {
  return (
    <div className="fr-table fr-table--no-caption fr-mb-2w">
      <table>
        <caption>Répartition des réponses : {question.label}</caption>
        <thead>
          <tr>
            <th scope="col">Réponse</th>
            <th scope="col">Nombre</th>
            <th scope="col">Part</th>
            <th scope="col" style={{ width: "40%" }}>
              <span className="fr-sr-only">Graphique</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {question.distribution.map((item) => (
            <tr key={item.value}>
              <th scope="row">{answerLabel(question.type, item.value)}</th>
              <td>{formatNumber(item.count)}</td>
              <td>{formatShare(item.share)}</td>
              <td aria-hidden="true">
                <div
                  style={{
                    height: "1rem",
                    width: `${Math.round((item.share ?? 0) * 100)}%`,
                    minWidth: item.count > 0 ? "2px" : 0,
                    background: "var(--background-action-high-blue-france)",
                  }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
