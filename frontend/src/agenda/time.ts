/**
 * Europe/Paris wall-clock helpers. Interviews are stored in UTC; counselors and the
 * people they see live in Paris time, whatever the browser's time zone.
 * Calendar days are "YYYY-MM-DD" strings (no time zone can shift them).
 */
export const TIME_ZONE = "Europe/Paris";

const partsFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});
const timeFormat = new Intl.DateTimeFormat("fr-FR", {
  timeZone: TIME_ZONE,
  hour: "2-digit",
  minute: "2-digit",
});
const dayFormat = new Intl.DateTimeFormat("fr-FR", {
  weekday: "long",
  day: "numeric",
  month: "long",
  timeZone: "UTC",
});
const longDayFormat = new Intl.DateTimeFormat("fr-FR", {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
const dateTimeFormat = new Intl.DateTimeFormat("fr-FR", {
  timeZone: TIME_ZONE,
  dateStyle: "short",
  timeStyle: "short",
});

function parisParts(date: Date) {
  const parts: Record<string, number> = {};
  for (const p of partsFormat.formatToParts(date)) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return parts as Record<"year" | "month" | "day" | "hour" | "minute" | "second", number>;
}

const pad = (n: number, size = 2) => String(Math.abs(n)).padStart(size, "0");

/** The Paris calendar day of an instant. */
export function parisDay(date: Date | string): string {
  const p = parisParts(new Date(date));
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** "09:30" in Paris time. */
export function formatTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

/** "25/11/2026 09:30" in Paris time. */
export function formatParisDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** "lundi 2 mars" */
export function formatDay(day: string): string {
  return dayFormat.format(new Date(`${day}T00:00:00Z`));
}

/** "lundi 2 mars 2026" */
export function formatLongDay(day: string): string {
  return longDayFormat.format(new Date(`${day}T00:00:00Z`));
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Monday of the day's week. */
export function mondayOf(day: string): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // 0 = Monday
  return addDays(day, -weekday);
}

export function isDay(value: string | null | undefined): value is string {
  return !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
}

/** Minutes east of UTC of Paris time at an instant (60 in winter, 120 in summer). */
function parisOffsetMinutes(instant: number): number {
  const p = parisParts(new Date(instant));
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * ISO 8601 with Paris offset of a Paris wall-clock time: ("2026-03-02", "09:00") →
 * "2026-03-02T09:00:00+01:00".
 */
export function parisIso(day: string, time = "00:00"): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let offset = parisOffsetMinutes(wall - 60 * 60_000);
  offset = parisOffsetMinutes(wall - offset * 60_000);
  const sign = offset >= 0 ? "+" : "-";
  return `${day}T${pad(hh)}:${pad(mm)}:00${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** Today in Paris. */
export function today(): string {
  return parisDay(new Date());
}

/** "semaine du 2 au 8 mars 2026" */
export function weekLabel(monday: string): string {
  return `Semaine du ${formatDay(monday)} au ${formatLongDay(addDays(monday, 6))}`;
}

export const WEEKDAYS = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"];

/** "lundi 2 mars" → "Lundi 2 mars" */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
