import type { CapacityFigures } from "../api/types";
import { ApiError } from "../api/problem";
import { formatDate, formatNumber, plural } from "../format";
import { parisDay } from "../agenda/time";

/** "450 personnes, environ 90 rendez-vous attendus, 60 créneaux libres jusqu’au 20 décembre 2026" */
export function capacityText(figures: CapacityFigures): string {
  const rate = Math.round(figures.booking_rate * 100);
  return (
    `${plural(figures.people, "personne")}, environ ${formatNumber(figures.expected_bookings)} ` +
    `rendez-vous attendus (${rate} % de prise de rendez-vous), ` +
    `${plural(figures.free_slots, "créneau libre", "créneaux libres")} jusqu’au ${formatDate(parisDay(figures.window_end))}`
  );
}

function isFigures(value: unknown): value is CapacityFigures {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return ["people", "expected_bookings", "free_slots", "booking_rate"].every((k) => typeof v[k] === "number")
    && typeof v.window_end === "string";
}

/** The figures of a refusal for lack of free slots (422 with `capacity`), if it is one. */
export function refusedCapacity(error: unknown): CapacityFigures | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  const capacity = (error.problem as Record<string, unknown> | null)?.capacity;
  return isFigures(capacity) ? capacity : null;
}
