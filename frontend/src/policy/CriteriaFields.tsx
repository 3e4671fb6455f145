import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useId, type ReactNode } from "react";
import { GROUP_LABELS, SEX_LABELS, STATUS_LABELS } from "../format";
import {
  GROUPS,
  SEXES,
  STATUSES,
  type Criterion,
  type CriteriaForm,
  type Tri,
} from "./targetForm";

type Props = {
  value: CriteriaForm;
  onChange: (next: CriteriaForm) => void;
  /** The error of a criterion, if any. */
  error: (criterion: Criterion) => string | undefined;
  disabled?: boolean;
};

function state(message: string | undefined) {
  return message
    ? ({ state: "error", stateRelatedMessage: message } as const)
    : ({ state: "default" } as const);
}

/** Two bounds (years or dates) sharing one legend and one error message. */
function RangeFields({
  legend,
  hint,
  type,
  start,
  end,
  onChange,
  error,
  disabled,
}: {
  legend: string;
  hint?: string;
  type: "year" | "date";
  start: string;
  end: string;
  onChange: (start: string, end: string) => void;
  error?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const messageId = `${id}-message`;
  const input = (bound: "start" | "end", labelText: ReactNode, value: string) => (
    <div className="fr-fieldset__element fr-fieldset__element--inline">
      <div className={`fr-input-group${error ? " fr-input-group--error" : ""}`}>
        <label className="fr-label" htmlFor={`${id}-${bound}`}>
          {labelText}
        </label>
        <input
          id={`${id}-${bound}`}
          className={`fr-input${error ? " fr-input--error" : ""}`}
          type={type === "date" ? "date" : "text"}
          inputMode={type === "year" ? "numeric" : undefined}
          maxLength={type === "year" ? 4 : undefined}
          size={type === "year" ? 6 : undefined}
          value={value}
          disabled={disabled}
          aria-describedby={error ? messageId : undefined}
          onChange={(e) =>
            bound === "start" ? onChange(e.target.value, end) : onChange(start, e.target.value)
          }
        />
      </div>
    </div>
  );
  return (
    <fieldset
      className={`fr-fieldset${error ? " fr-fieldset--error" : ""}`}
      aria-labelledby={`${id}-legend ${messageId}`}
      role={error ? "group" : undefined}
    >
      <legend id={`${id}-legend`} className="fr-fieldset__legend fr-text--regular">
        {legend}
        {hint && <span className="fr-hint-text">{hint}</span>}
      </legend>
      {input("start", type === "year" ? "De (année)" : "Du", start)}
      {input("end", type === "year" ? "À (année)" : "Au", end)}
      <div className="fr-messages-group" id={messageId} aria-live="polite">
        {error && <p className="fr-message fr-message--error">{error}</p>}
      </div>
    </fieldset>
  );
}

function TriSelect({
  label,
  value,
  onChange,
  error,
  disabled,
  yes = "Oui",
  no = "Non",
}: {
  label: string;
  value: Tri;
  onChange: (value: Tri) => void;
  error?: string;
  disabled?: boolean;
  yes?: string;
  no?: string;
}) {
  return (
    <Select
      label={label}
      disabled={disabled}
      {...state(error)}
      nativeSelectProps={{ value, onChange: (e) => onChange(e.target.value as Tri) }}
    >
      <option value="">Indifférent</option>
      <option value="yes">{yes}</option>
      <option value="no">{no}</option>
    </Select>
  );
}

function toggle<T>(values: T[], value: T, on: boolean): T[] {
  return on ? [...values.filter((v) => v !== value), value] : values.filter((v) => v !== value);
}

/** The inputs of one filter (the target's, or a priority group's), with French labels. */
export function CriteriaFields({ value, onChange, error, disabled }: Props) {
  const set = <K extends keyof CriteriaForm>(key: K, next: CriteriaForm[K]) =>
    onChange({ ...value, [key]: next });
  const checkboxes = <T extends string | number>(
    legend: string,
    key: "sexes" | "statuses" | "professional_groups",
    criterion: Criterion,
    options: readonly T[],
    labels: Record<T, string>,
  ) => (
    <Checkbox
      legend={legend}
      orientation="horizontal"
      small
      disabled={disabled}
      {...state(error(criterion))}
      options={options.map((option) => ({
        label: labels[option],
        nativeInputProps: {
          checked: (value[key] as T[]).includes(option),
          onChange: (e) =>
            set(key, toggle(value[key] as T[], option, e.target.checked) as CriteriaForm[typeof key]),
        },
      }))}
    />
  );

  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      <div className="fr-col-12 fr-col-md-6">
        <Input
          label="Années de naissance"
          hintText="Séparées par des virgules, ex. 1952, 1957"
          disabled={disabled}
          {...state(error("birth_years"))}
          nativeInputProps={{
            value: value.birth_years,
            onChange: (e) => set("birth_years", e.target.value),
            autoComplete: "off",
          }}
        />
      </div>
      <div className="fr-col-12 fr-col-md-6">
        <RangeFields
          legend="Nés entre"
          type="year"
          start={value.birth_year_start}
          end={value.birth_year_end}
          error={error("birth_year_range")}
          disabled={disabled}
          onChange={(start, end) => onChange({ ...value, birth_year_start: start, birth_year_end: end })}
        />
      </div>
      <div className="fr-col-12 fr-col-md-6">
        {checkboxes("Statut", "statuses", "statuses", STATUSES, STATUS_LABELS)}
      </div>
      <div className="fr-col-12 fr-col-md-6">
        {checkboxes(
          "Groupe professionnel",
          "professional_groups",
          "professional_groups",
          GROUPS,
          GROUP_LABELS,
        )}
      </div>
      <div className="fr-col-12 fr-col-md-6">
        {checkboxes("Sexe", "sexes", "sexes", SEXES, SEX_LABELS as Record<1 | 2, string>)}
      </div>
      <div className="fr-col-12 fr-col-md-6">
        <TriSelect
          label="Carrière incomplète"
          value={value.incomplete_career}
          onChange={(v) => set("incomplete_career", v)}
          error={error("incomplete_career")}
          disabled={disabled}
        />
      </div>
      <div className="fr-col-12 fr-col-md-6">
        <RangeFields
          legend="Entreprise créée entre"
          type="date"
          start={value.created_start}
          end={value.created_end}
          error={error("created_between")}
          disabled={disabled}
          onChange={(start, end) => onChange({ ...value, created_start: start, created_end: end })}
        />
      </div>
      <div className="fr-col-12 fr-col-md-6">
        <RangeFields
          legend="Affiliés entre"
          type="date"
          start={value.affiliated_start}
          end={value.affiliated_end}
          error={error("affiliated_between")}
          disabled={disabled}
          onChange={(start, end) =>
            onChange({ ...value, affiliated_start: start, affiliated_end: end })
          }
        />
      </div>
      <div className="fr-col-12 fr-col-md-6">
        <Input
          label="Catégories professionnelles"
          hintText="Séparées par des virgules, ex. coiffure, boulangerie"
          disabled={disabled}
          {...state(error("professional_categories"))}
          nativeInputProps={{
            value: value.professional_categories,
            onChange: (e) => set("professional_categories", e.target.value),
            autoComplete: "off",
          }}
        />
      </div>
      <div className="fr-col-12 fr-col-md-6">
        <Input
          label="Codes d’activité (NAF)"
          hintText="4 chiffres et une lettre, séparés par des virgules, ex. 9602A"
          disabled={disabled}
          {...state(error("activity_codes"))}
          nativeInputProps={{
            value: value.activity_codes,
            onChange: (e) => set("activity_codes", e.target.value),
            autoComplete: "off",
          }}
        />
      </div>
      <div className="fr-col-12 fr-col-md-6">
        <TriSelect
          label="Auto-entrepreneur"
          value={value.auto_entrepreneur}
          onChange={(v) => set("auto_entrepreneur", v)}
          error={error("auto_entrepreneur")}
          disabled={disabled}
        />
      </div>
      <div className="fr-col-12 fr-col-md-6">
        <TriSelect
          label="Conjoint collaborateur"
          value={value.conjoint_collaborateur}
          onChange={(v) => set("conjoint_collaborateur", v)}
          error={error("conjoint_collaborateur")}
          disabled={disabled}
        />
      </div>
      <div className="fr-col-12 fr-col-md-6">
        <TriSelect
          label="Travailleur frontalier"
          value={value.cross_border}
          onChange={(v) => set("cross_border", v)}
          error={error("cross_border")}
          disabled={disabled}
        />
      </div>
      <div className="fr-col-12 fr-col-md-6">
        <Input
          label="Caisses"
          hintText="Codes séparés par des virgules, ex. ALPES, BRETAGNE"
          disabled={disabled}
          {...state(error("caisses"))}
          nativeInputProps={{
            value: value.caisses,
            onChange: (e) => set("caisses", e.target.value),
            autoComplete: "off",
          }}
        />
      </div>
    </div>
  );
}
