import { Table } from "@codegouvfr/react-dsfr/Table";
import { Link } from "react-router-dom";
import { errorMessage } from "../api/problem";
import type { HistoryEntry } from "../api/types";
import { hasFeature } from "../auth/roles";
import { useSession } from "../auth/session";
import { formatDateTime } from "../format";
import { useContactHistory } from "../hooks/queries/contacts";
import {
  CONTACT_CHANNEL_LABELS,
  HISTORY_KIND_LABELS,
  historyStatusLabel,
} from "../interviews/labels";

/** Where an entry of the history leads, for the roles that may open it. */
function referenceLink(entry: HistoryEntry, role: string | undefined) {
  if (entry.kind === "interview" && hasFeature(role, "holdInterviews")) return `/entretiens/${entry.reference}`;
  if (entry.kind === "meeting" && hasFeature(role, "meetings")) return `/rencontres/${entry.reference}`;
  if (entry.kind === "letter" && hasFeature(role, "campaigns")) return `/campagnes/${entry.reference}`;
  return null;
}

/** "Historique des contacts": a person's interviews, meetings and letters, newest first. */
export function ContactHistory({ personId }: { personId: number }) {
  const history = useContactHistory(personId);
  const role = useSession()?.user.role;
  const entries = [...(history.data ?? [])].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <section aria-labelledby="historique-contacts" className="fr-mb-4w">
      <h2 id="historique-contacts" className="fr-h4">
        Historique des contacts
      </h2>
      {history.isPending && <p role="status">Chargement de l’historique…</p>}
      {history.isError && <p>Historique indisponible : {errorMessage(history.error)}</p>}
      {history.data &&
        (entries.length === 0 ? (
          <p>Aucun contact enregistré.</p>
        ) : (
          <Table
            caption="Historique des contacts"
            noCaption
            headers={["Date", "Type", "Objet", "Canal", "Statut"]}
            data={entries.map((entry) => {
              const to = referenceLink(entry, role);
              return [
                formatDateTime(entry.at),
                HISTORY_KIND_LABELS[entry.kind],
                to ? (
                  <Link key="r" to={to}>
                    {entry.title}
                  </Link>
                ) : (
                  entry.title
                ),
                CONTACT_CHANNEL_LABELS[entry.channel] ?? entry.channel,
                historyStatusLabel(entry),
              ];
            })}
          />
        ))}
    </section>
  );
}
