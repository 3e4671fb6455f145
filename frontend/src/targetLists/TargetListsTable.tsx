import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { Link } from "react-router-dom";
import { errorMessage } from "../api/problem";
import type { TargetList } from "../api/types";
import { LIST_STATUS_LABELS, formatDateTime, formatNumber, label, plural } from "../format";
import { useTargetLists } from "../hooks/queries/targets";

export function ListStatusBadge({ status }: { status: string }) {
  const severity = status === "ready" ? "success" : status === "failed" ? "error" : "info";
  return (
    <Badge as="span" small severity={severity} noIcon={status === "building"}>
      {label(LIST_STATUS_LABELS, status)}
    </Badge>
  );
}

/** "Liste complète", "500 personnes (graine 1)", "10 % (graine 1)". */
export function samplingText(sampling: TargetList["sampling"]): string {
  if (!sampling) return "Liste complète";
  if (sampling.size) return `${plural(sampling.size, "personne")} (graine ${sampling.seed ?? 1})`;
  if (sampling.share) {
    const percent = Math.round(sampling.share * 1000) / 10;
    return `${percent.toLocaleString("fr-FR")} % (graine ${sampling.seed ?? 1})`;
  }
  return "Liste complète";
}

/** The lists already built for an action (most recent first), with their counts. */
export function TargetListsTable({ actionId }: { actionId: number }) {
  const lists = useTargetLists({ actionId, limit: 50, offset: 0 });
  return (
    <section aria-labelledby="listes" className="fr-mb-6w">
      <h2 id="listes">Listes constituées</h2>
      {lists.isPending && <p role="status">Chargement des listes…</p>}
      {lists.isError && (
        <Alert
          severity="error"
          title="Impossible d’afficher les listes"
          description={errorMessage(lists.error)}
        />
      )}
      {lists.data &&
        (lists.data.items.length === 0 ? (
          <p>Aucune liste n’a encore été constituée pour cette action.</p>
        ) : (
          <Table
            caption={`Listes de l’action (${formatNumber(lists.data.total)})`}
            headers={[
              "Liste",
              "Caisse",
              "Statut",
              "Ciblés",
              "Exclus (opposition)",
              "Exclus (contact récent)",
              "Taille",
              "Échantillon",
            ]}
            data={lists.data.items.map((list) => [
              <Link key="link" to={`/listes/${list.id}`}>
                Liste du {formatDateTime(list.created_at)}
              </Link>,
              list.caisse_code,
              <ListStatusBadge key="status" status={list.status} />,
              formatNumber(list.matched),
              formatNumber(list.excluded_opt_out),
              formatNumber(list.excluded_recent_contact),
              formatNumber(list.size),
              samplingText(list.sampling),
            ])}
          />
        ))}
    </section>
  );
}
