import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { errorMessage } from "../api/problem";
import type { IssuedLink, SurveyLink, SurveyMessage } from "../api/types";
import { hasFeature } from "../auth/roles";
import { useSession } from "../auth/session";
import { FailedMessages, messageCountsText } from "../components/OutboxMessages";
import { formatNumber, formatShortDate } from "../format";
import {
  LINKS_PAGE_SIZE,
  SURVEY_MESSAGES_PAGE_SIZE,
  useSurveyCampaign,
  useSurveyCampaignLinks,
  useCloseSurveyCampaign,
  useReissueLink,
  useSurveyCampaignMessages,
} from "../hooks/queries/surveys";
import { usePageTitle } from "../layout/usePageTitle";
import { samplingLabel, useActionTitles } from "./CampaignsPage";
import { CHANNEL_LABELS } from "./labels";

const REASONS: Record<string, string> = {
  sampled: "Tiré au sort",
  minimum: "Minimum de la caisse",
  staff: "Remis par la caisse",
};

function linkStatus(link: SurveyLink): string {
  if (link.answered) return "Répondu";
  return new Date(link.expires_at) < new Date() ? "Expiré" : "En attente";
}

/** The personal link just issued: its address and QR code, to hand over or print. */
function IssuedLinkPanel({ issued }: { issued: IssuedLink }) {
  return (
    <section aria-labelledby="issued-link" className="fr-p-3w fr-mb-3w fr-background-alt--blue-france">
      <h2 id="issued-link" className="fr-h5">
        Lien personnel de la personne n° {issued.link.person_id}
      </h2>
      <p>
        Ce lien n’est affiché qu’une fois ; le lien précédent de cette personne ne fonctionne
        plus. Il expire le {formatShortDate(issued.link.expires_at)}.
      </p>
      <p>
        <a href={issued.url} data-testid="answer-url">
          {issued.url}
        </a>
      </p>
      <img
        alt={`QR code du lien personnel de la personne n° ${issued.link.person_id}`}
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(issued.qr_svg)}`}
        width={180}
        height={180}
      />
      <div className="fr-mt-2w">
        <Button priority="secondary" iconId="fr-icon-printer-line" onClick={() => window.print()}>
          Imprimer
        </Button>
      </div>
    </section>
  );
}

function LinksTable({ campaignId }: { campaignId: number }) {
  const [offset, setOffset] = useState(0);
  const links = useSurveyCampaignLinks(campaignId, offset, true);
  const reissue = useReissueLink();
  const data = links.data;
  return (
    <section aria-labelledby="links">
      <h2 id="links">Personnes tirées au sort</h2>
      {reissue.data && <IssuedLinkPanel issued={reissue.data} />}
      {reissue.isError && <Alert small severity="error" description={errorMessage(reissue.error)} />}
      {links.isError && <Alert small severity="error" description={errorMessage(links.error)} />}
      {data && data.total === 0 && <p>Personne n’a encore été tiré au sort pour cette campagne.</p>}
      {data && data.total > 0 && (
        <>
          <div className="fr-table">
            <table>
              <caption>
                Liens {offset + 1} à {offset + data.items.length} sur {formatNumber(data.total)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Personne</th>
                  <th scope="col">Caisse</th>
                  <th scope="col">Contact</th>
                  <th scope="col">Motif</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Lien</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((link) => (
                  <tr key={link.id}>
                    <td>
                      <Link to={`/assures/${link.person_id}`}>n° {link.person_id}</Link>
                    </td>
                    <td>{link.caisse_code}</td>
                    <td>
                      {formatShortDate(link.occurred_at)}
                      {link.channel && ` — ${CHANNEL_LABELS[link.channel] ?? link.channel}`}
                    </td>
                    <td>{REASONS[link.reason] ?? link.reason}</td>
                    <td>{linkStatus(link)}</td>
                    <td>
                      {!link.answered && (
                        <Button
                          size="small"
                          priority="secondary"
                          disabled={reissue.isPending}
                          onClick={() => reissue.mutate(link.id)}
                        >
                          Obtenir le lien<span className="fr-sr-only"> de la personne n° {link.person_id}</span>
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-sm">
            <Button priority="tertiary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - LINKS_PAGE_SIZE))}>
              Précédents
            </Button>
            <Button
              priority="tertiary"
              disabled={offset + LINKS_PAGE_SIZE >= data.total}
              onClick={() => setOffset(offset + LINKS_PAGE_SIZE)}
            >
              Suivants
            </Button>
          </div>
        </>
      )}
    </section>
  );
}

/** The emails and SMS carrying the links in the caller's caisse, and those given up on. */
function Messages({ campaignId }: { campaignId: number }) {
  const [offset, setOffset] = useState(0);
  const failures = useSurveyCampaignMessages(campaignId, "failed", offset, true);
  const counts = failures.data?.counts;
  if (failures.isError) {
    return <Alert small severity="error" className="fr-mb-3w" description={errorMessage(failures.error)} />;
  }
  if (!counts || counts.pending + counts.sent + counts.failed === 0) return null;
  return (
    <section aria-labelledby="messages" className="fr-mb-4w">
      <h2 id="messages">Emails et SMS</h2>
      <p role="status">{messageCountsText(counts)}</p>
      {counts.failed > 0 && (
        <FailedMessages
          messages={failures.data?.items}
          total={failures.data?.total ?? counts.failed}
          recipient={(message: SurveyMessage) => (
            <>
              <Link to={`/assures/${message.person_id}`}>n° {message.person_id}</Link> ({message.caisse_code})
            </>
          )}
          offset={offset}
          pageSize={SURVEY_MESSAGES_PAGE_SIZE}
          onOffsetChange={setOffset}
        />
      )}
    </section>
  );
}

/** A campaign: its set-up and, for the caisse's staff, who was drawn and their links. */
export function SurveyCampaignPage() {
  const { id = "" } = useParams();
  const campaignId = Number(id);
  const campaign = useSurveyCampaign(campaignId);
  const user = useSession()?.user;
  const close = useCloseSurveyCampaign(campaignId);
  const actionTitle = useActionTitles();
  const data = campaign.data;
  usePageTitle(data ? `Campagne ${data.title}` : "Campagne d’enquête");
  const owner = data !== undefined && (data.caisse_code ?? null) === (user?.caisse_code ?? null);

  return (
    <div className="fr-container fr-py-4w">
      <p>
        <Link to="/enquetes/campagnes">Toutes les campagnes</Link>
      </p>
      {campaign.isPending && <p role="status">Chargement…</p>}
      {campaign.isError && (
        <Alert severity="error" title="Campagne introuvable" description={errorMessage(campaign.error)} />
      )}
      {data && (
        <>
          <h1>Campagne « {data.title} »</h1>
          <dl>
            <dt>Action</dt>
            <dd>{actionTitle(data.action_id)}</dd>
            <dt>Portée</dt>
            <dd>{data.caisse_code ? `Caisse ${data.caisse_code}` : "Nationale (toutes les caisses)"}</dd>
            <dt>Échantillon</dt>
            <dd>{samplingLabel(data)}</dd>
            <dt>Questionnaire</dt>
            <dd>
              <Link to={`/enquetes/questionnaires/${data.questionnaire_version_id}`}>Voir le questionnaire</Link>
            </dd>
            <dt>Statut</dt>
            <dd>{data.active ? "En cours" : "Close"}</dd>
          </dl>
          <p>
            <Link to={`/enquetes/resultats?campagne=${data.id}`}>Résultats de l’enquête</Link>
          </p>
          {data.active && owner && hasFeature(user?.role, "editSurveys") && (
            <Button priority="tertiary" className="fr-mb-3w" onClick={() => close.mutate()} disabled={close.isPending}>
              Clore la campagne
            </Button>
          )}
          {hasFeature(user?.role, "surveyLinks") && (
            <>
              <Messages campaignId={campaignId} />
              <LinksTable campaignId={campaignId} />
            </>
          )}
        </>
      )}
    </div>
  );
}
