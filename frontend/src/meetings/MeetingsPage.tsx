import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { Link } from "react-router-dom";
import { errorMessage } from "../api/problem";
import { formatDateTime, formatNumber } from "../format";
import { useMeetings } from "../hooks/queries/meetings";
import { MEETING_KIND_LABELS, MEETING_STATUS_LABELS } from "../interviews/labels";
import { usePageTitle } from "../layout/usePageTitle";

/** The caisse's collective meetings, with their seats and attendance. */
export function MeetingsPage() {
  usePageTitle("Rencontres");
  const meetings = useMeetings();
  return (
    <div className="fr-container fr-py-4w">
      <h1>Rencontres</h1>
      <Button className="fr-mb-3w" iconId="fr-icon-add-line" linkProps={{ to: "/rencontres/nouvelle" }}>
        Nouvelle rencontre
      </Button>
      {meetings.isPending && <p role="status">Chargement des rencontres…</p>}
      {meetings.isError && <Alert severity="error" title="Impossible d’afficher les rencontres" description={errorMessage(meetings.error)} />}
      {meetings.data &&
        (meetings.data.length === 0 ? (
          <p>Aucune rencontre n’est encore organisée.</p>
        ) : (
          <Table
            caption={`Rencontres (${formatNumber(meetings.data.length)})`}
            headers={["Rencontre", "Type", "Début", "Lieu", "Inscrits", "Liste d’attente", "Présents", "Statut"]}
            data={meetings.data.map((m) => [
              <Link key="m" to={`/rencontres/${m.id}`}>
                {m.title}
              </Link>,
              MEETING_KIND_LABELS[m.kind],
              formatDateTime(m.starts_at),
              m.place,
              `${formatNumber(m.registered)} / ${formatNumber(m.capacity)}`,
              formatNumber(m.waitlisted),
              formatNumber(m.attended),
              MEETING_STATUS_LABELS[m.status],
            ])}
          />
        ))}
    </div>
  );
}
