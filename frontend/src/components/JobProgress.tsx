import type { Job } from "../api/types";
import { JOB_STATUS_LABELS, formatNumber, label } from "../format";
import { ProgressBar } from "./ProgressBar";

/** Progress of a targeting job: "Import en cours — 42 % (420 lignes sur 1 000)". */
export function JobProgress({ job, title, unit }: { job: Job; title: string; unit: string }) {
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
