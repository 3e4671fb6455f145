import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { ToggleSwitch } from "@codegouvfr/react-dsfr/ToggleSwitch";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { ApiError, errorMessage } from "../api/problem";
import type { Campaign, CampaignMessage, Invitation, InvitationStatus, InvitationUpdate } from "../api/types";
import { DescriptionList } from "../components/DescriptionList";
import { DownloadButton } from "../components/DownloadButton";
import { JobProgress } from "../components/JobProgress";
import { FailedMessages, messageCountsText } from "../components/OutboxMessages";
import { formatDate, formatDateTime, formatNumber, plural } from "../format";
import { isFinished } from "../hooks/queries/jobs";
import {
  INVITATIONS_PAGE_SIZE,
  MESSAGES_PAGE_SIZE,
  fetchCampaignLetters,
  fetchCampaignVolumes,
  fetchCampaignReminders,
  fetchInvitationLetter,
  lettersKeys,
  useCampaign,
  useCampaignMessages,
  useCloseCampaign,
  useInterviewsJob,
  useInvitations,
  useSendReminders,
  useUpdateInvitation,
} from "../hooks/queries/letters";
import { useAction } from "../hooks/queries/policy";
import { INVITATION_STATUS_LABELS, PURPOSE_LABELS } from "../interviews/labels";
import { usePageTitle } from "../layout/usePageTitle";
import { today } from "../agenda/time";
import { capacityText } from "./capacity";

const STATUSES = Object.keys(INVITATION_STATUS_LABELS) as InvitationStatus[];
type SettableStatus = NonNullable<InvitationUpdate["status"]>;
/** What can be set by hand ("booked" and what follows come from the interview). */
const SETTABLE: SettableStatus[] = ["sent", "declined", "no_answer", "returned"];
/** Statuses a person may still be moved from by hand (the link opened but nothing booked). */
const CHANGEABLE: InvitationStatus[] = [...SETTABLE, "opened"];

/** Tiles: how many invitations stand at each step of the funnel. */
export function CampaignCounts({ campaign }: { campaign: Campaign }) {
  return (
    <ul
      className="fr-grid-row fr-grid-row--gutters fr-raw-list fr-mb-4w"
      aria-label="Réponses aux courriers"
    >
      {STATUSES.map((status) => (
        <li key={status} className="fr-col-6 fr-col-sm-4 fr-col-md-3 fr-col-lg-2">
          <div className="fr-p-2w" style={{ background: "var(--background-alt-blue-france)", height: "100%" }}>
            <p className="fr-text--sm fr-mb-1v">{INVITATION_STATUS_LABELS[status]}</p>
            <p className="fr-h4 fr-mb-0">{formatNumber(campaign.counts[status])}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}

function StatusChange({ campaignId, invitation }: { campaignId: string; invitation: Invitation }) {
  const update = useUpdateInvitation(campaignId);
  if (!CHANGEABLE.includes(invitation.status)) {
    return (
      <Badge as="span" small severity={invitation.status === "expired" ? "warning" : "success"} noIcon>
        {INVITATION_STATUS_LABELS[invitation.status]}
      </Badge>
    );
  }
  const id = `status-${invitation.id}`;
  return (
    <div>
      <label className="fr-sr-only" htmlFor={id}>
        Statut du courrier de {invitation.name}
      </label>
      <select
        id={id}
        className="fr-select"
        value={invitation.status}
        disabled={update.isPending}
        onChange={(e) => update.mutate({ id: invitation.id, status: e.target.value as SettableStatus })}
      >
        {invitation.status === "opened" && (
          <option value="opened" disabled>
            {INVITATION_STATUS_LABELS.opened}
          </option>
        )}
        {SETTABLE.map((status) => (
          <option key={status} value={status}>
            {INVITATION_STATUS_LABELS[status]}
          </option>
        ))}
      </select>
      {update.isError && (
        <p className="fr-error-text" role="alert">
          {errorMessage(update.error)}
        </p>
      )}
    </div>
  );
}

/** Reminders (letters, emails, SMS) on or off for one person. */
function RemindersToggle({ campaignId, invitation }: { campaignId: string; invitation: Invitation }) {
  const update = useUpdateInvitation(campaignId);
  return (
    <div>
      <ToggleSwitch
        label={
          <>
            {`${invitation.reminders} envoyée${invitation.reminders > 1 ? "s" : ""}`}
            <span className="fr-sr-only">, relances pour {invitation.name}</span>
          </>
        }
        inputTitle={`Relances pour ${invitation.name}`}
        checked={invitation.reminders_enabled}
        disabled={update.isPending}
        labelPosition="right"
        onChange={(checked) => update.mutate({ id: invitation.id, reminders_enabled: checked })}
      />
      {update.isError && (
        <p className="fr-error-text" role="alert">
          {errorMessage(update.error)}
        </p>
      )}
    </div>
  );
}

/**
 * Emails and SMS carrying the personal links and the reminders: sent, waiting for the
 * provider, or given up on (with whom, why and after how many attempts).
 */
function Messages({ campaign }: { campaign: Campaign }) {
  const { pending, sent, failed } = campaign.messages;
  const [offset, setOffset] = useState(0);
  const failures = useCampaignMessages(campaign.id, "failed", offset, failed > 0);
  if (pending === 0 && sent === 0 && failed === 0) return null;
  return (
    <section aria-labelledby="messages" className="fr-mb-4w">
      <h2 id="messages" className="fr-h4">
        Emails et SMS
      </h2>
      <p role="status">{messageCountsText(campaign.messages)}</p>
      {pending > 0 && (
        <Alert
          small
          severity="info"
          description="Les messages en attente d’envoi partent dès que le service d’envoi (email, SMS) répond à nouveau : de nouveaux essais sont faits automatiquement."
        />
      )}
      {failed > 0 && (
        <FailedMessages
          messages={failures.data?.items}
          total={failures.data?.total ?? failed}
          error={failures.error}
          recipient={(message: CampaignMessage) => (
            <Link to={`/assures/${message.person_id}`}>{message.name}</Link>
          )}
          offset={offset}
          pageSize={MESSAGES_PAGE_SIZE}
          onOffsetChange={setOffset}
        />
      )}
    </section>
  );
}

function Invitations({ campaign }: { campaign: Campaign }) {
  const [afterRanks, setAfterRanks] = useState<number[]>([0]);
  const afterRank = afterRanks[afterRanks.length - 1]!;
  const page = useInvitations(campaign.id, afterRank, campaign.letters > 0);
  const items = page.data ?? [];
  const full = items.length === INVITATIONS_PAGE_SIZE;
  return (
    <section aria-labelledby="invitations" className="fr-mb-4w">
      <h2 id="invitations" className="fr-h4">
        Courriers envoyés
      </h2>
      {page.isPending && campaign.letters > 0 && <p role="status">Chargement des courriers…</p>}
      {page.isError && <Alert small severity="error" description={errorMessage(page.error)} />}
      {items.length > 0 && (
        <>
          <Table
            caption={`Courriers, rangs ${items[0]!.rank} à ${items[items.length - 1]!.rank}`}
            headers={["Rang", "Destinataire", "Statut", "Relances", "Courrier"]}
            data={items.map((invitation) => [
              String(invitation.rank),
              <Link key="p" to={`/assures/${invitation.person_id}`}>
                {invitation.name}
              </Link>,
              <StatusChange key="s" campaignId={campaign.id} invitation={invitation} />,
              <RemindersToggle key="r" campaignId={campaign.id} invitation={invitation} />,
              <DownloadButton
                key="pdf"
                label={`PDF — ${invitation.name}`}
                priority="tertiary"
                fetchFile={() => fetchInvitationLetter(invitation.id)}
              />,
            ])}
          />
          <div className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-sm">
            <Button
              priority="secondary"
              disabled={afterRanks.length === 1}
              onClick={() => setAfterRanks((r) => r.slice(0, -1))}
            >
              Page précédente
            </Button>
            <Button
              priority="secondary"
              disabled={!full}
              onClick={() => setAfterRanks((r) => [...r, items[items.length - 1]!.rank])}
            >
              Page suivante
            </Button>
          </div>
        </>
      )}
    </section>
  );
}

function Reminders({ campaign }: { campaign: Campaign }) {
  const queryClient = useQueryClient();
  const send = useSendReminders(campaign.id);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useInterviewsJob(jobId);
  const finished = isFinished(job.data);
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: lettersKeys.campaign(campaign.id) });
  }, [finished, campaign.id, queryClient]);
  const waiting = campaign.counts.sent;
  return (
    <section aria-labelledby="relances" className="fr-mb-4w">
      <h2 id="relances" className="fr-h4">
        Relances
      </h2>
      <p>
        {waiting > 0
          ? `${plural(waiting, "personne")} ${waiting > 1 ? "n’ont" : "n’a"} pas encore répondu.`
          : "Toutes les personnes ont répondu ou sont sans réponse."}
      </p>
      {job.data && (
        <JobProgress
          job={job.data}
          title="Rédaction des relances"
          unit="courriers"
          failureTitle="Les relances ont échoué"
        />
      )}
      {send.isError && <Alert small severity="error" className="fr-mb-2w" description={errorMessage(send.error)} />}
      <div className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-sm">
        <Button
          priority="secondary"
          iconId="fr-icon-mail-line"
          disabled={waiting === 0 || send.isPending || (jobId !== null && !finished)}
          onClick={() => send.mutate(undefined, { onSuccess: (j) => setJobId(j.id) })}
        >
          Envoyer une relance
        </Button>
        {campaign.has_reminders && (
          <DownloadButton
            label="Télécharger les relances (PDF)"
            fetchFile={() => fetchCampaignReminders(campaign.id)}
          />
        )}
      </div>
    </section>
  );
}

/** A letter campaign: its job's progress, its answers, its letters, reminders and closing. */
export function CampaignPage() {
  const { id = "" } = useParams();
  const campaign = useCampaign(id);
  const data = campaign.data;
  const action = useAction(data?.action_id);
  const close = useCloseCampaign(id);
  // The subject may hold merge fields: the campaign is named by its date.
  const name = data ? `Campagne du ${formatDateTime(data.created_at)}` : "Campagne de courriers";
  usePageTitle(name);
  const writing = data !== undefined && !isFinished(data.job);
  // People may answer until the reply date (included): no closing before.
  const answering = data?.reply_by != null && data.reply_by >= today();
  const withoutAddress = Number(data?.job.result?.without_address ?? 0);
  const notFound = campaign.error instanceof ApiError && [404, 422].includes(campaign.error.status);

  return (
    <div className="fr-container fr-py-4w">
      <Breadcrumb
        homeLinkProps={{ to: "/" }}
        segments={[{ label: "Campagnes", linkProps: { to: "/campagnes" } }]}
        currentPageLabel={name}
      />
      <h1>{name}</h1>
      {campaign.isPending && <p role="status">Chargement de la campagne…</p>}
      {campaign.isError && (
        <Alert
          severity="error"
          title={notFound ? "Campagne introuvable" : "Impossible d’afficher la campagne"}
          description={
            notFound ? "Cette campagne n’existe pas ou ne relève pas de votre caisse." : errorMessage(campaign.error)
          }
        />
      )}
      {data && (
        <>
          <DescriptionList
            items={[
              ["Action", action.data ? action.data.title : `Action n° ${data.action_id}`],
              ["Objet", PURPOSE_LABELS[data.purpose]],
              ["Objet du courrier", data.subject],
              ["Liste de ciblage", <Link key="l" to={`/listes/${data.target_list_id}`}>Voir la liste</Link>],
              ["Courriers", formatNumber(data.letters)],
              ["Réponse attendue avant le", formatDate(data.reply_by)],
              ["Lancée le", `${formatDateTime(data.created_at)} par ${data.created_by.replace(/^user:/, "")}`],
            ]}
          />
          <JobProgress
            job={data.job}
            title="Rédaction des courriers"
            unit="courriers"
            failureTitle="La rédaction des courriers a échoué"
            failureHint="Lancez un nouvel envoi depuis la liste."
          />
          {withoutAddress > 0 && (
            <Alert
              small
              severity="warning"
              className="fr-mb-3w"
              description={
                withoutAddress > 1
                  ? `${plural(withoutAddress, "personne")} de la liste n’ont pas d’adresse : elles n’ont pas reçu de courrier.`
                  : "1 personne de la liste n’a pas d’adresse : elle n’a pas reçu de courrier."
              }
            />
          )}
          {data.capacity_warning && (
            <Alert
              small
              severity="warning"
              className="fr-mb-3w"
              title="Envoyée malgré le manque de créneaux"
              description={`${capacityText(data.capacity_warning)}. Ajoutez des disponibilités pour recevoir tout le monde.`}
            />
          )}
          <CampaignCounts campaign={data} />
          <Messages campaign={data} />
          {data.has_batch && data.volumes === 1 && (
            <div className="fr-mb-4w">
              <DownloadButton
                label="Télécharger tous les courriers (PDF)"
                priority="primary"
                fetchFile={() => fetchCampaignLetters(data.id)}
              />
            </div>
          )}
          {data.has_batch && data.volumes > 1 && (
            <div className="fr-mb-4w">
              <p>Les courriers sont répartis en {data.volumes} volumes.</p>
              <DownloadButton
                label={`Télécharger les ${data.volumes} volumes (ZIP)`}
                priority="primary"
                fetchFile={() => fetchCampaignVolumes(data.id)}
              />
              <ul className="fr-mt-2w">
                {Array.from({ length: data.volumes }, (_, index) => index + 1).map((volume) => (
                  <li key={volume}>
                    <DownloadButton
                      label={`Volume ${volume} (PDF)`}
                      fetchFile={() => fetchCampaignLetters(data.id, volume)}
                    />
                  </li>
                ))}
              </ul>
            </div>
          )}
          {!writing && data.job.status === "succeeded" && (
            <>
              <Invitations campaign={data} />
              <Reminders campaign={data} />
              <section aria-labelledby="cloture" className="fr-mb-4w">
                <h2 id="cloture" className="fr-h4">
                  Clôture
                </h2>
                <p>
                  À la clôture, les personnes qui n’ont pas répondu sont notées « sans réponse ».
                  {answering && ` Possible après le ${formatDate(data.reply_by)}.`}
                </p>
                {close.isError && (
                  <Alert small severity="error" className="fr-mb-2w" description={errorMessage(close.error)} />
                )}
                {close.isSuccess && (
                  <Alert small severity="success" role="status" className="fr-mb-2w" description="La campagne est clôturée." />
                )}
                <Button
                  priority="secondary"
                  disabled={close.isPending || answering || data.counts.sent === 0}
                  onClick={() => close.mutate()}
                >
                  Clôturer la campagne
                </Button>
              </section>
            </>
          )}
        </>
      )}
    </div>
  );
}
