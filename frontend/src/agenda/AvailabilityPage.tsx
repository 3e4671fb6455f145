import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Notice } from "@codegouvfr/react-dsfr/Notice";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState, type FormEvent } from "react";
import { errorMessage } from "../api/problem";
import type { Absence, Channel, Counselor, OpeningPeriod } from "../api/types";
import {
  useAbsences,
  useAddAbsence,
  useCounselors,
  useDeleteAbsence,
  useUpdateAbsence,
  useOpeningHours,
  useSetOpeningHours,
} from "../hooks/queries/interviews";
import { usePageTitle } from "../layout/usePageTitle";
import { CHANNEL_LABELS } from "./labels";
import { SiteField } from "./SiteField";
import { formatParisDateTime, formatTime, parisDay, parisIso, WEEKDAYS } from "./time";

type Row = { key: number; weekday: number; start: string; end: string; channel: Channel; siteId: number | null };

let nextKey = 1;
const newRow = (partial: Partial<Row> = {}): Row => ({
  key: nextKey++,
  weekday: 0,
  start: "09:00",
  end: "12:00",
  channel: "in_person",
  siteId: null,
  ...partial,
});

/** "09:00" → "09:00:00" */
const toTime = (hhmm: string) => (hhmm.length === 5 ? `${hhmm}:00` : hhmm);

function rowError(row: Row): string | null {
  if (!/^\d{2}:\d{2}/.test(row.start) || !/^\d{2}:\d{2}/.test(row.end)) return "Indiquez le début et la fin.";
  if (row.end <= row.start) return "La fin doit suivre le début.";
  if (row.channel === "in_person" && row.siteId === null) return "Choisissez le site d’accueil.";
  return null;
}

export function periodsOf(rows: Row[]): OpeningPeriod[] {
  return rows.map((row) => ({
    weekday: row.weekday,
    starts_at: toTime(row.start),
    ends_at: toTime(row.end),
    channel: row.channel,
    site_id: row.channel === "in_person" ? row.siteId : null,
  }));
}

/** "09:00:00" → "09:00" */
const toHourMinute = (time: string) => time.slice(0, 5);

function rowsOf(periods: OpeningPeriod[]): Row[] {
  return periods.map((period) =>
    newRow({
      weekday: period.weekday,
      start: toHourMinute(period.starts_at),
      end: toHourMinute(period.ends_at),
      channel: period.channel,
      siteId: period.site_id ?? null,
    }),
  );
}

function OpeningHoursEditor({ counselor }: { counselor: Counselor }) {
  const savedPeriods = useOpeningHours(counselor.id);
  const [rows, setRows] = useState<Row[]>([]);
  const [loadedFor, setLoadedFor] = useState<number | null>(null);
  if (savedPeriods.data && loadedFor !== counselor.id) {
    // Start from what is saved, once per counselor (editing then stays local until saved).
    setLoadedFor(counselor.id);
    setRows(rowsOf(savedPeriods.data));
  }
  const [submitted, setSubmitted] = useState(false);
  const [saved, setSaved] = useState(false);
  const save = useSetOpeningHours(counselor.id);
  const errors = rows.map(rowError);

  function update(key: number, changes: Partial<Row>) {
    setSaved(false);
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...changes } : r)));
  }

  function template() {
    const siteId = rows.find((r) => r.siteId !== null)?.siteId ?? null;
    setSaved(false);
    setRows(
      [0, 1, 2, 3, 4].flatMap((weekday) => [
        newRow({ weekday, start: "09:00", end: "12:00", channel: "in_person", siteId }),
        newRow({ weekday, start: "14:00", end: "17:00", channel: "phone" }),
      ]),
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (errors.some(Boolean)) return;
    save.mutate(periodsOf(rows), { onSuccess: () => setSaved(true) });
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="horaires">
      <h2 id="horaires" className="fr-h4 fr-mt-4w">
        Horaires d’ouverture hebdomadaires
      </h2>
      <Notice
        className="fr-mb-2w"
        title="L’enregistrement remplace toutes les plages du conseiller par celles de ce tableau."
      />
      {rows.length === 0 ? (
        <p>Aucune plage saisie.</p>
      ) : (
        <div className="fr-table fr-table--sm">
          <table>
            <caption className="fr-sr-only">Plages d’ouverture de {counselor.full_name}</caption>
            <thead>
              <tr>
                <th scope="col">Jour</th>
                <th scope="col">Début</th>
                <th scope="col">Fin</th>
                <th scope="col">Canal</th>
                <th scope="col">Site</th>
                <th scope="col">
                  <span className="fr-sr-only">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => {
                const n = i + 1;
                const error = submitted ? errors[i] : null;
                return (
                  <tr key={row.key}>
                    <td>
                      <Select
                        label={<span className="fr-sr-only">Jour de la plage {n}</span>}
                        nativeSelectProps={{
                          value: String(row.weekday),
                          onChange: (e) => update(row.key, { weekday: Number(e.target.value) }),
                        }}
                      >
                        {WEEKDAYS.map((d, w) => (
                          <option key={d} value={w}>
                            {d}
                          </option>
                        ))}
                      </Select>
                    </td>
                    <td>
                      <Input
                        label={<span className="fr-sr-only">Début de la plage {n}</span>}
                        nativeInputProps={{ type: "time", value: row.start, onChange: (e) => update(row.key, { start: e.target.value }) }}
                      />
                    </td>
                    <td>
                      <Input
                        label={<span className="fr-sr-only">Fin de la plage {n}</span>}
                        state={error ? "error" : "default"}
                        stateRelatedMessage={error ?? undefined}
                        nativeInputProps={{ type: "time", value: row.end, onChange: (e) => update(row.key, { end: e.target.value }) }}
                      />
                    </td>
                    <td>
                      <Select
                        label={<span className="fr-sr-only">Canal de la plage {n}</span>}
                        nativeSelectProps={{
                          value: row.channel,
                          onChange: (e) => update(row.key, { channel: e.target.value as Channel }),
                        }}
                      >
                        {(["in_person", "phone"] as const).map((c) => (
                          <option key={c} value={c}>
                            {CHANNEL_LABELS[c]}
                          </option>
                        ))}
                      </Select>
                    </td>
                    <td>
                      {row.channel === "in_person" ? (
                        <SiteField
                          label={<span className="fr-sr-only">Site de la plage {n}</span>}
                          value={row.siteId}
                          onChange={(siteId) => update(row.key, { siteId })}
                        />
                      ) : (
                        "—"
                      )}
                    </td>
                    <td>
                      <Button
                        type="button"
                        priority="tertiary"
                        size="small"
                        iconId="fr-icon-delete-line"
                        onClick={() => {
                          setSaved(false);
                          setRows((rs) => rs.filter((r) => r.key !== row.key));
                        }}
                      >
                        Retirer la plage {n}
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ul className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-sm">
        <li>
          <Button type="button" priority="secondary" iconId="fr-icon-add-line" onClick={() => setRows((rs) => [...rs, newRow()])}>
            Ajouter une plage
          </Button>
        </li>
        <li>
          <Button type="button" priority="tertiary" onClick={template}>
            Horaires types (lun.–ven. 9 h–12 h sur place, 14 h–17 h téléphone)
          </Button>
        </li>
        <li>
          <Button type="submit" disabled={save.isPending}>
            Enregistrer les horaires
          </Button>
        </li>
      </ul>
      {submitted && errors.some(Boolean) && (
        <Alert small severity="error" description="Corrigez les plages signalées." />
      )}
      {save.isError && <Alert small severity="error" description={errorMessage(save.error)} />}
      {saved && <Alert small severity="success" role="status" description="Les horaires sont enregistrés." />}
    </form>
  );
}

/** An instant as a datetime-local input shows it, in Paris time ("2026-03-02T09:30"). */
function toLocalInput(iso: string): string {
  return `${parisDay(iso)}T${formatTime(iso)}`;
}

function toIso(local: string) {
  const [day, time] = local.split("T");
  return parisIso(day!, (time ?? "00:00").slice(0, 5));
}

/** Declares an absence, or changes the one given (then "Annuler" leaves it as it was). */
function AbsenceForm({
  counselor,
  editing,
  onDone,
}: {
  counselor: Counselor;
  editing: Absence | null;
  onDone: () => void;
}) {
  const [starts, setStarts] = useState(editing ? toLocalInput(editing.starts) : "");
  const [ends, setEnds] = useState(editing ? toLocalInput(editing.ends) : "");
  const [reason, setReason] = useState(editing?.reason ?? "");
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const add = useAddAbsence(counselor.id);
  const update = useUpdateAbsence(counselor.id);
  const saving = editing ? update : add;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (!starts || !ends) return setError("Indiquez le début et la fin de l’absence.");
    if (ends <= starts) return setError("La fin doit suivre le début.");
    if (!reason.trim()) return setError("Indiquez le motif.");
    setError(null);
    const absence = { starts: toIso(starts), ends: toIso(ends), reason: reason.trim() };
    const done = {
      onSuccess: () => {
        setSaved(true);
        setStarts("");
        setEnds("");
        setReason("");
        onDone();
      },
    };
    if (editing) update.mutate({ id: editing.id, change: absence }, done);
    else add.mutate(absence, done);
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="absence" className="fr-mt-2w">
      <h3 id="absence" className="fr-h5">
        {editing ? "Modifier l’absence" : "Déclarer une absence"}
      </h3>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <Input label="Début" hintText="Heure de Paris" nativeInputProps={{ type: "datetime-local", value: starts, onChange: (e) => setStarts(e.target.value) }} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input label="Fin" hintText="Heure de Paris" nativeInputProps={{ type: "datetime-local", value: ends, onChange: (e) => setEnds(e.target.value) }} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input label="Motif" nativeInputProps={{ value: reason, onChange: (e) => setReason(e.target.value) }} />
        </div>
      </div>
      {error && <Alert small severity="error" className="fr-mb-2w" description={error} />}
      {saving.isError && <Alert small severity="error" className="fr-mb-2w" description={errorMessage(saving.error)} />}
      {saved && <Alert small severity="success" role="status" className="fr-mb-2w" description="L’absence est enregistrée." />}
      <Button type="submit" disabled={saving.isPending}>
        {editing ? "Enregistrer les modifications" : "Enregistrer l’absence"}
      </Button>
      {editing && (
        <Button type="button" priority="secondary" className="fr-ml-2w" onClick={onDone}>
          Annuler
        </Button>
      )}
    </form>
  );
}

/** The counselor's current and coming absences: each can be changed or removed. */
function Absences({ counselor }: { counselor: Counselor }) {
  const absences = useAbsences(counselor.id);
  const remove = useDeleteAbsence(counselor.id);
  const [editing, setEditing] = useState<Absence | null>(null);
  const rows = absences.data ?? [];

  return (
    <section aria-labelledby="absences" className="fr-mt-4w">
      <h2 id="absences" className="fr-h4">
        Absences
      </h2>
      {absences.isPending && <p role="status">Chargement des absences…</p>}
      {absences.isError && <Alert small severity="error" description={errorMessage(absences.error)} />}
      {absences.isSuccess && rows.length === 0 && <p>Aucune absence en cours ni à venir.</p>}
      {rows.length > 0 && (
        <ul aria-label="Absences en cours et à venir">
          {rows.map((absence) => (
            <li key={absence.id} className="fr-mb-1w">
              Du {formatParisDateTime(absence.starts)} au {formatParisDateTime(absence.ends)}
              {absence.reason ? ` — ${absence.reason}` : ""}{" "}
              <Button
                type="button"
                size="small"
                priority="tertiary"
                onClick={() => setEditing(absence)}
                nativeButtonProps={{ "aria-label": `Modifier l’absence du ${formatParisDateTime(absence.starts)}` }}
              >
                Modifier
              </Button>{" "}
              <Button
                type="button"
                size="small"
                priority="tertiary"
                disabled={remove.isPending}
                onClick={() => {
                  if (editing?.id === absence.id) setEditing(null);
                  remove.mutate(absence.id);
                }}
                nativeButtonProps={{ "aria-label": `Supprimer l’absence du ${formatParisDateTime(absence.starts)}` }}
              >
                Supprimer
              </Button>
            </li>
          ))}
        </ul>
      )}
      {remove.isError && <Alert small severity="error" className="fr-mb-2w" description={errorMessage(remove.error)} />}
      <AbsenceForm
        key={editing ? `e-${editing.id}` : "new"}
        counselor={counselor}
        editing={editing}
        onDone={() => setEditing(null)}
      />
    </section>
  );
}

/** Managers: each counselor's weekly opening hours and absences. */
export function AvailabilityPage() {
  usePageTitle("Disponibilités");
  const counselors = useCounselors();
  const [chosen, setChosen] = useState<number | null>(null);
  const list = counselors.data ?? [];
  const current = list.find((c) => c.id === chosen) ?? list[0];

  return (
    <div className="fr-container fr-py-4w">
      <h1>Disponibilités</h1>
      {counselors.isPending && <p role="status">Chargement des conseillers…</p>}
      {counselors.isError && <Alert severity="error" title="Impossible d’afficher les conseillers" description={errorMessage(counselors.error)} />}
      {counselors.isSuccess && list.length === 0 && <p>Aucun conseiller n’est enregistré dans votre caisse.</p>}
      {current && (
        <>
          <div style={{ maxWidth: "24rem" }}>
            <Select
              label="Conseiller"
              nativeSelectProps={{ value: String(current.id), onChange: (e) => setChosen(Number(e.target.value)) }}
            >
              {list.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.full_name}
                </option>
              ))}
            </Select>
          </div>
          <OpeningHoursEditor key={`h-${current.id}`} counselor={current} />
          <Absences key={`a-${current.id}`} counselor={current} />
        </>
      )}
    </div>
  );
}
