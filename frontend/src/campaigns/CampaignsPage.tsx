import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { Link } from "react-router-dom";
import { errorMessage } from "../api/problem";
import { jobStatusText } from "../components/JobProgress";
import { formatDateTime, formatNumber } from "../format";
import { useCampaigns } from "../hooks/queries/letters";
import { PURPOSE_LABELS } from "../interviews/labels";
import { usePageTitle } from "../layout/usePageTitle";

/** The caisse's letter campaigns, newest first, with where their answers stand. */
export function CampaignsPage() {
  usePageTitle("Campagnes de courriers");
  const campaigns = useCampaigns();
  return (
    <div className="fr-container fr-py-4w">
      <h1>Campagnes de courriers</h1>
      <p>
        Une campagne s’envoie depuis une liste de ciblage (« Lancer un envoi de courriers »). Les
        modèles se trouvent dans <Link to="/courriers/modeles">les modèles de courrier</Link>.
      </p>
      {campaigns.isPending && <p role="status">Chargement des campagnes…</p>}
      {campaigns.isError && <Alert severity="error" title="Impossible d’afficher les campagnes" description={errorMessage(campaigns.error)} />}
      {campaigns.data &&
        (campaigns.data.length === 0 ? (
          <p>Aucune campagne n’a encore été lancée.</p>
        ) : (
          <Table
            caption={`Campagnes (${formatNumber(campaigns.data.length)})`}
            headers={["Campagne", "Objet", "Objet du courrier", "Courriers", "Rédaction", "Rendez-vous pris", "Refus", "Sans réponse", "Retour NPAI"]}
            data={campaigns.data.map((c) => [
              <Link key="c" to={`/campagnes/${c.id}`}>
                Campagne du {formatDateTime(c.created_at)}
              </Link>,
              PURPOSE_LABELS[c.purpose],
              c.subject,
              formatNumber(c.letters),
              jobStatusText(c.job),
              // Everyone who booked, whatever became of the interview since.
              formatNumber(c.counts.booked + c.counts.held + c.counts.no_show + c.counts.excused),
              formatNumber(c.counts.declined),
              formatNumber(c.counts.no_answer),
              formatNumber(c.counts.returned),
            ])}
          />
        ))}
    </div>
  );
}
