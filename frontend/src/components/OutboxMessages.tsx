import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import type { ReactNode } from "react";
import { errorMessage } from "../api/problem";
import type { MessageCounts, MessageStatus, OutboxMessage } from "../api/types";
import { formatDateTime, formatNumber } from "../format";

export const MESSAGE_CHANNEL_LABELS: Record<OutboxMessage["channel"], string> = {
  email: "Email",
  sms: "SMS",
};

const STATUS_BADGES: Record<MessageStatus, { label: string; severity: "info" | "success" | "error" }> = {
  pending: { label: "En attente d’envoi", severity: "info" },
  sent: { label: "Envoyé", severity: "success" },
  failed: { label: "Échec définitif", severity: "error" },
};

export function MessageStatusBadge({ status }: { status: MessageStatus }) {
  const { label, severity } = STATUS_BADGES[status];
  return (
    <Badge as="span" small noIcon severity={severity}>
      {label}
    </Badge>
  );
}

function plural(count: number, one: string, many: string): string {
  return `${formatNumber(count)} ${count > 1 ? many : one}`;
}

/** "300 envoyés, 12 en attente d’envoi, 2 en échec définitif." */
export function messageCountsText({ sent, pending, failed }: MessageCounts): string {
  const parts = [plural(sent, "envoyé", "envoyés")];
  if (pending > 0) parts.push(`${formatNumber(pending)} en attente d’envoi`);
  if (failed > 0) parts.push(`${formatNumber(failed)} en échec définitif`);
  return `${parts.join(", ")}.`;
}

/**
 * The messages the outbox gave up on (refused for good, or too many times): whom each was
 * for, the channel, the attempts and the provider's reason, by pages.
 */
export function FailedMessages<T extends OutboxMessage>({
  messages,
  total,
  error,
  recipient,
  offset,
  pageSize,
  onOffsetChange,
}: {
  messages: T[] | undefined;
  total: number;
  error?: unknown;
  /** Whom the message was for (a link to the person). */
  recipient: (message: T) => ReactNode;
  offset: number;
  pageSize: number;
  onOffsetChange: (offset: number) => void;
}) {
  return (
    <div className="fr-mt-2w">
      <Alert
        small
        severity="warning"
        className="fr-mb-2w"
        description={`${
          total > 1
            ? `${formatNumber(total)} messages n’ont pas pu être envoyés et ne seront plus réessayés`
            : "Un message n’a pas pu être envoyé et ne sera plus réessayé"
        } : joignez ces personnes autrement (courrier, téléphone).`}
      />
      {error !== undefined && error !== null && (
        <Alert small severity="error" className="fr-mb-2w" description={errorMessage(error)} />
      )}
      {messages && messages.length > 0 && (
        <>
          <Table
            caption={`Messages en échec définitif, ${offset + 1} à ${offset + messages.length} sur ${formatNumber(total)}`}
            headers={["Destinataire", "Canal", "Statut", "Tentatives", "Motif", "Date de l’échec"]}
            data={messages.map((message) => [
              recipient(message),
              MESSAGE_CHANNEL_LABELS[message.channel],
              <MessageStatusBadge key="s" status={message.status} />,
              plural(message.attempts, "tentative", "tentatives"),
              message.last_error ?? "Refusé par le fournisseur",
              formatDateTime(message.failed_at),
            ])}
          />
          {total > pageSize && (
            <div className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-sm">
              <Button
                priority="tertiary"
                disabled={offset === 0}
                onClick={() => onOffsetChange(Math.max(0, offset - pageSize))}
              >
                Précédents
              </Button>
              <Button
                priority="tertiary"
                disabled={offset + pageSize >= total}
                onClick={() => onOffsetChange(offset + pageSize)}
              >
                Suivants
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
