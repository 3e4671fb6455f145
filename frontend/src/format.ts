/** French formatting of dates, numbers and the registry's codes. */
import type {
  ContactType,
  ImportMode,
  JobStatus,
  PersonStatus,
  ProfessionalGroup,
} from "./api/types";

const numberFormat = new Intl.NumberFormat("fr-FR");
const dateFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "UTC" });
const shortDateFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat("fr-FR", {
  dateStyle: "short",
  timeStyle: "short",
  timeZone: "Europe/Paris",
  hourCycle: "h23",
});

/** "100 000" (French grouping; the separator is a narrow no-break space). */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

function parseDate(iso: string): Date {
  // A date-only string is a calendar day: read and shown in UTC so no time zone shifts it.
  return new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
}

/** "1er juillet 2011", "2 juillet 2011" (French writes the first of the month "1er"). */
export function formatDate(iso: string | null | undefined): string {
  return iso ? dateFormat.format(parseDate(iso)).replace(/^1 /, "1er ") : "—";
}

/** "01/07/2011" */
export function formatShortDate(iso: string | null | undefined): string {
  return iso ? shortDateFormat.format(parseDate(iso)) : "—";
}

/** "25/11/2026 18:48", Paris time on the 24-hour clock, wherever the browser is. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTimeFormat.format(new Date(iso)) : "—";
}

/** "du 1er juillet 2011 au 31 mars 2012" */
export function formatPeriod(start: string, end: string): string {
  return `du ${formatDate(start)} au ${formatDate(end)}`;
}

/** "1 52 07 38 123 001 72": the NIR's usual groups (sex, year, month, place, order, key). */
export function formatNir(nir: string): string {
  const compact = nir.replace(/\s+/g, "");
  if (compact.length !== 15) return nir;
  return [1, 2, 2, 2, 3, 3, 2]
    .reduce<{ parts: string[]; at: number }>(
      ({ parts, at }, size) => ({ parts: [...parts, compact.slice(at, at + size)], at: at + size }),
      { parts: [], at: 0 },
    )
    .parts.join(" ");
}

/**
 * "0 jour", "1 réponse", "2 réponses": French takes the singular for 0 and 1. The count is
 * grouped the French way ("1 200 réponses").
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatNumber(count)} ${Math.abs(count) < 2 ? singular : pluralForm}`;
}

export function yesNo(value: boolean): string {
  return value ? "Oui" : "Non";
}

export const SEX_LABELS: Record<number, string> = { 1: "Homme", 2: "Femme" };

export const STATUS_LABELS: Record<PersonStatus, string> = {
  active: "Actif",
  retired: "Retraité",
  struck_off: "Radié",
};

export const GROUP_LABELS: Record<ProfessionalGroup, string> = {
  artisan: "Artisan",
  commercant: "Commerçant",
  liberal: "Profession libérale",
};

export const CONTACT_TYPE_LABELS: Record<ContactType, string> = {
  individual_interview: "Entretien individuel",
  letter: "Courrier",
  collective_meeting: "Rencontre collective",
};

export const JOB_STATUS_LABELS: Record<JobStatus, string> = {
  queued: "En attente",
  running: "En cours",
  succeeded: "Terminé",
  failed: "Échec",
};

export const IMPORT_MODE_LABELS: Record<ImportMode, string> = {
  all_or_nothing: "Tout ou rien",
  keep_valid: "Garder les lignes valides",
};

export const LIST_STATUS_LABELS: Record<string, string> = {
  building: "En cours de constitution",
  ready: "Prête",
  failed: "Échec",
};

/** A label from a table, or the code itself when the backend has a newer value. */
export function label<K extends string | number>(labels: Record<K, string>, code: K): string {
  return labels[code] ?? String(code);
}
