import type { SubmissionState } from "../api/types";

export const DEFAULT_BILAN_YEAR = 2011;

export const SUBMISSION_LABELS: Record<SubmissionState, string> = {
  submitted: "Transmis",
  late: "Transmis en retard",
  missing: "Manquant",
  pending: "En attente",
};

export const SUBMISSION_SEVERITY: Record<SubmissionState, "success" | "warning" | "error" | "info"> = {
  submitted: "success",
  late: "warning",
  missing: "error",
  pending: "info",
};

export const MISSING_LABELS: Record<string, string> = {
  targets: "ciblage (volumétrie, actions de l’année)",
  contacts: "contacts (invitations, entretiens, rencontres, courriers)",
  satisfaction: "satisfaction (enquêtes)",
  caisses: "liste des caisses",
};

/** "75 %" (one decimal when needed), "—" when there is no rate. */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return "—";
  return `${new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 }).format(rate * 100)} %`;
}

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : new Intl.NumberFormat("fr-FR").format(value);
}

export function validYear(param: string | undefined): number | null {
  const year = /^\d{4}$/.test(param ?? "") ? Number(param) : NaN;
  return year >= 2000 && year <= 2100 ? year : null;
}
