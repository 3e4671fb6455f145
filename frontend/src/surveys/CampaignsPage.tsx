import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Link } from "react-router-dom";
import { errorMessage } from "../api/problem";
import type { DrawReport, SurveyCampaign } from "../api/types";
import { hasFeature } from "../auth/roles";
import { useSession } from "../auth/session";
import { formatNumber, plural } from "../format";
import { useActions } from "../hooks/queries/policy";
import { useSurveyCampaigns, useRunDraw } from "../hooks/queries/surveys";
import { usePageTitle } from "../layout/usePageTitle";
import { DEFAULT_POLICY_YEAR } from "../policy/PolicyPage";
import { CampaignForm } from "./CampaignForm";

/** "20 % des contacts, au moins 30 par caisse" */
export function samplingLabel(campaign: SurveyCampaign): string {
  const rule =
    campaign.sample_share !== null
      ? `${Math.round(campaign.sample_share * 1000) / 10} % des contacts`
      : `${plural(campaign.sample_count ?? 0, "personne")} par caisse`;
  return `${rule}, au moins ${formatNumber(campaign.minimum_per_caisse)} par caisse`;
}

export function useActionTitles(): (id: number | null) => string {
  const actions = useActions(DEFAULT_POLICY_YEAR);
  const titles = new Map(actions.data?.map((a) => [a.id, a.title]));
  return (id) => (id === null ? "Entretiens spontanés (hors action)" : titles.get(id) ?? `Action n° ${id}`);
}

/** What a draw did, in one sentence: links issued, messages sent, people left out. */
export function drawSummary(report: DrawReport): string {
  const parts = [
    `${formatNumber(report.events_read)} contact(s) lu(s)`,
    `${formatNumber(report.links_issued)} lien(s) émis`,
    `${formatNumber(report.messages_queued)} email(s) ou SMS envoyé(s)`,
  ];
  if (report.links_without_address > 0) {
    parts.push(`${formatNumber(report.links_without_address)} lien(s) sans email ni mobile (à remettre autrement)`);
  }
  if (report.opted_out > 0) {
    parts.push(`${formatNumber(report.opted_out)} personne(s) opposée(s) au contact, non interrogée(s)`);
  }
  return `Tirage effectué : ${parts.join(", ")}.`;
}

function DrawButton() {
  const draw = useRunDraw();
  return (
    <div className="fr-mb-4w">
      <Button iconId="fr-icon-refresh-line" priority="secondary" disabled={draw.isPending} onClick={() => draw.mutate()}>
        Lancer le tirage maintenant
      </Button>
      <p className="fr-hint-text fr-mt-1w">
        Le tirage a aussi lieu automatiquement : les personnes sont tirées au sort quand leur
        contact est réalisé.
      </p>
      <div aria-live="polite">
        {draw.isSuccess && <Alert small severity="success" description={drawSummary(draw.data)} />}
      </div>
      {draw.isError && <Alert small severity="error" description={errorMessage(draw.error)} />}
    </div>
  );
}

/** Survey campaigns: which action, which questionnaire, which sampling. */
export function SurveyCampaignsPage() {
  usePageTitle("Campagnes d’enquête");
  const role = useSession()?.user.role;
  const campaigns = useSurveyCampaigns();
  const actionTitle = useActionTitles();
  const editor = hasFeature(role, "editSurveys");

  return (
    <div className="fr-container fr-py-4w">
      <h1>Campagnes d’enquête</h1>
      {editor && <DrawButton />}
      {campaigns.isPending && <p role="status">Chargement des campagnes…</p>}
      {campaigns.isError && (
        <Alert severity="error" title="Impossible d’afficher les campagnes" description={errorMessage(campaigns.error)} />
      )}
      {campaigns.data && (
        <div className="fr-table">
          <table>
            <caption>Campagnes ({campaigns.data.length})</caption>
            <thead>
              <tr>
                <th scope="col">Campagne</th>
                <th scope="col">Portée</th>
                <th scope="col">Action</th>
                <th scope="col">Échantillon</th>
                <th scope="col">Statut</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.data.map((campaign) => (
                <tr key={campaign.id}>
                  <td>
                    <Link to={`/enquetes/campagnes/${campaign.id}`}>{campaign.title}</Link>
                  </td>
                  <td>{campaign.caisse_code ? `Caisse ${campaign.caisse_code}` : "Nationale"}</td>
                  <td>{actionTitle(campaign.action_id)}</td>
                  <td>{samplingLabel(campaign)}</td>
                  <td>
                    <Badge as="span" small noIcon severity={campaign.active ? "success" : undefined}>
                      {campaign.active ? "En cours" : "Close"}
                    </Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editor && <CampaignForm />}
    </div>
  );
}
