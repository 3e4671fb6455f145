import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { Job } from "../api/types";
import { JOB_STATUS_LABELS, formatNumber, label } from "../format";
import { ProgressBar } from "./ProgressBar";

/** What a job of either service (targeting, interviews) shows. */
type JobState = Pick<Job, "status" | "percent" | "done" | "total" | "error">;

/** The job's state in a few words, for a table cell: "En attente", "42 %", "Échec". */
export function jobStatusText(job: JobState): string {
  switch (job.status) {
    case "queued":
    case "failed":
      return label(JOB_STATUS_LABELS, job.status);
    case "succeeded":
      return "100 %";
    default:
      return `${Math.round(job.percent)} %`;
  }
}

/**
 * A background job (import, list building, letters, reminders…), whichever service runs it:
 * - queued: waiting for a worker process to take it — a badge and a sentence, no bar (a bar
 *   at 0 % would pretend something is moving); a job waiting for a retry says why;
 * - running: a bar at the job's true percentage, "420 lignes sur 1 000";
 * - succeeded: the bar at 100 %;
 * - failed: an error with the job's own reason (or `failureHint` when it gave none).
 */
export function JobProgress({
  job,
  title,
  unit,
  failureTitle,
  failureHint = "Le traitement n’a pas abouti. Réessayez plus tard.",
}: {
  job: JobState;
  /** What the job does: "Import du fichier". */
  title: string;
  /** What it counts: "lignes". */
  unit: string;
  /** Defaults to "<title> : échec". */
  failureTitle?: string;
  failureHint?: string;
}) {
  if (job.status === "queued") {
    return (
      <div className="fr-mb-3w" role="status">
        <p className="fr-mb-1w fr-text--bold">
          {title}{" "}
          <Badge as="span" small severity="info">
            {label(JOB_STATUS_LABELS, job.status)}
          </Badge>
        </p>
        <p className="fr-text--sm fr-mb-0">
          En attente d’un processus de traitement… Le travail commencera dès qu’un processus
          sera disponible
          {job.total > 0 ? ` (${formatNumber(job.total)} ${unit} à traiter)` : ""}.
        </p>
        {job.error && <p className="fr-text--sm fr-mt-1w fr-mb-0">{job.error}</p>}
      </div>
    );
  }
  if (job.status === "failed") {
    return (
      <Alert
        severity="error"
        className="fr-mb-3w"
        title={failureTitle ?? `${title} : échec`}
        description={job.error || failureHint}
      />
    );
  }
  const percent = job.status === "succeeded" ? 100 : job.percent;
  const detail =
    job.total > 0 ? `${formatNumber(job.done)} ${unit} sur ${formatNumber(job.total)}` : undefined;
  return (
    <ProgressBar
      label={`${title} — ${label(JOB_STATUS_LABELS, job.status)}`}
      percent={percent}
      detail={detail}
    />
  );
}
