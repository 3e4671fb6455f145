import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useState } from "react";
import { errorMessage } from "../api/problem";
import type { Slot, SlotQuery } from "../api/types";
import { useSlots } from "../hooks/queries/interviews";
import { addDays, capitalize, formatDay, formatTime, mondayOf, parisDay, today } from "./time";
import { WeekNavigation } from "./WeekNavigation";

export function slotKey(slot: Slot): string {
  return `${slot.start}|${slot.counselor_id}`;
}

/**
 * The free slots of one week, grouped by day, as radio buttons (one per slot and
 * counselor). `criteria` is null while the search is incomplete (e.g. no site yet).
 */
export function SlotPicker({
  criteria,
  selected,
  onSelect,
  initialMonday,
  name,
}: {
  criteria: Omit<SlotQuery, "from" | "to"> | null;
  selected: Slot | null;
  onSelect: (slot: Slot | null) => void;
  initialMonday?: string;
  name: string;
}) {
  const [monday, setMonday] = useState(() => initialMonday ?? mondayOf(today()));
  const slots = useSlots(criteria ? { ...criteria, from: monday, to: addDays(monday, 6) } : null);

  const byDay = new Map<string, Slot[]>();
  for (const slot of slots.data ?? []) {
    const day = parisDay(slot.start);
    byDay.set(day, [...(byDay.get(day) ?? []), slot]);
  }

  return (
    <div>
      <WeekNavigation
        monday={monday}
        label="Semaine des créneaux"
        onChange={(m) => {
          setMonday(m);
          onSelect(null);
        }}
      />
      {criteria === null ? (
        <p>Précisez la recherche pour afficher les créneaux libres.</p>
      ) : slots.isPending ? (
        <p role="status">Recherche des créneaux libres…</p>
      ) : slots.isError ? (
        <Alert
          severity="error"
          small
          description={`Impossible d’afficher les créneaux : ${errorMessage(slots.error)}`}
        />
      ) : byDay.size === 0 ? (
        <p role="status">Aucun créneau libre cette semaine.</p>
      ) : (
        <div
          style={{
            display: "grid",
            gridTemplateColumns: "repeat(auto-fill, minmax(14rem, 1fr))",
            gap: "1rem",
          }}
        >
          {[...byDay].map(([day, daySlots]) => (
            <fieldset key={day} className="fr-fieldset fr-mb-0" style={{ margin: 0 }}>
              <legend className="fr-fieldset__legend fr-text--bold">
                {capitalize(formatDay(day))}
              </legend>
              <div style={{ maxHeight: "18rem", overflowY: "auto", width: "100%" }}>
                {daySlots.map((slot) => {
                  const key = slotKey(slot);
                  const id = `${name}-${key}`.replace(/[^a-zA-Z0-9_-]/g, "-");
                  return (
                    <div key={key} className="fr-radio-group fr-radio-group--sm">
                      <input
                        type="radio"
                        id={id}
                        name={name}
                        checked={selected !== null && slotKey(selected) === key}
                        onChange={() => onSelect(slot)}
                      />
                      <label className="fr-label" htmlFor={id}>
                        {formatTime(slot.start)} – {formatTime(slot.end)}, {slot.counselor_name}
                      </label>
                    </div>
                  );
                })}
              </div>
            </fieldset>
          ))}
        </div>
      )}
    </div>
  );
}
