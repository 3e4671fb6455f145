/**
 * The target editor's form model: a target definition (filter + priority groups) as the
 * strings and lists the inputs hold, converted both ways, plus the mapping of the
 * services' field errors (`definition.filter.birth_years.0`) onto the right input.
 */
import type {
  PersonStatus,
  PriorityGroup,
  ProfessionalGroup,
  TargetDefinition,
  TargetFilter,
} from "../api/types";
import { GROUP_LABELS, STATUS_LABELS, SEX_LABELS, formatShortDate, label } from "../format";

/** A yes/no criterion, or no condition at all. */
export type Tri = "" | "yes" | "no";

export type CriteriaForm = {
  birth_years: string;
  birth_year_start: string;
  birth_year_end: string;
  sexes: (1 | 2)[];
  statuses: PersonStatus[];
  professional_groups: ProfessionalGroup[];
  auto_entrepreneur: Tri;
  created_start: string;
  created_end: string;
  affiliated_start: string;
  affiliated_end: string;
  professional_categories: string;
  activity_codes: string;
  incomplete_career: Tri;
  caisses: string;
  cross_border: Tri;
  conjoint_collaborateur: Tri;
};

export type PriorityForm = { label: string; criteria: CriteriaForm };
export type DefinitionForm = { filter: CriteriaForm; priorities: PriorityForm[] };

/** The filter's criteria, by their names in the contract. */
export const CRITERIA = [
  "birth_years",
  "birth_year_range",
  "sexes",
  "statuses",
  "professional_groups",
  "auto_entrepreneur",
  "created_between",
  "affiliated_between",
  "professional_categories",
  "activity_codes",
  "incomplete_career",
  "caisses",
  "cross_border",
  "conjoint_collaborateur",
] as const;
export type Criterion = (typeof CRITERIA)[number];

export const MAX_PRIORITIES = 10;
export const STATUSES: PersonStatus[] = ["active", "retired", "struck_off"];
export const GROUPS: ProfessionalGroup[] = ["artisan", "commercant", "liberal"];
export const SEXES: (1 | 2)[] = [1, 2];
const BOOLEAN_CRITERIA = [
  "auto_entrepreneur",
  "incomplete_career",
  "cross_border",
  "conjoint_collaborateur",
] as const;

/**
 * Where an error shows: `filter:<criterion>`, `priorities.<i>:<criterion>`,
 * `priorities.<i>:label` or `priorities.<i>:criteria` (the group as a whole).
 */
export type ErrorKey = string;
export type FormErrors = Record<ErrorKey, string>;

export function errorKey(scope: string, name: string): ErrorKey {
  return `${scope}:${name}`;
}

export function emptyCriteria(): CriteriaForm {
  return {
    birth_years: "",
    birth_year_start: "",
    birth_year_end: "",
    sexes: [],
    statuses: [],
    professional_groups: [],
    auto_entrepreneur: "",
    created_start: "",
    created_end: "",
    affiliated_start: "",
    affiliated_end: "",
    professional_categories: "",
    activity_codes: "",
    incomplete_career: "",
    caisses: "",
    cross_border: "",
    conjoint_collaborateur: "",
  };
}

// ---------------------------------------------------------------- reading a saved filter

type Json = Record<string, unknown>;

function asObject(value: unknown): Json {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function asText(value: unknown): string {
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

function asTri(value: unknown): Tri {
  return value === true ? "yes" : value === false ? "no" : "";
}

function only<T>(values: unknown[], allowed: readonly T[]): T[] {
  return values.filter((v): v is T => (allowed as readonly unknown[]).includes(v));
}

/** A stored filter (the contract leaves it open on output) as form values. */
export function criteriaFromFilter(raw: unknown): CriteriaForm {
  const f = asObject(raw);
  const years = asObject(f.birth_year_range);
  const created = asObject(f.created_between);
  const affiliated = asObject(f.affiliated_between);
  return {
    birth_years: asList(f.birth_years).map(asText).join(", "),
    birth_year_start: asText(years.start),
    birth_year_end: asText(years.end),
    sexes: only(asList(f.sexes), SEXES),
    statuses: only(asList(f.statuses), STATUSES),
    professional_groups: only(asList(f.professional_groups), GROUPS),
    auto_entrepreneur: asTri(f.auto_entrepreneur),
    created_start: asText(created.start),
    created_end: asText(created.end),
    affiliated_start: asText(affiliated.start),
    affiliated_end: asText(affiliated.end),
    professional_categories: asList(f.professional_categories).map(asText).join(", "),
    activity_codes: asList(f.activity_codes).map(asText).join(", "),
    incomplete_career: asTri(f.incomplete_career),
    caisses: asList(f.caisses).map(asText).join(", "),
    cross_border: asTri(f.cross_border),
    conjoint_collaborateur: asTri(f.conjoint_collaborateur),
  };
}

export function formFromDefinition(raw: unknown): DefinitionForm {
  const definition = asObject(raw);
  return {
    filter: criteriaFromFilter(definition.filter),
    priorities: asList(definition.priorities).map((group) => {
      const g = asObject(group);
      return { label: asText(g.label), criteria: criteriaFromFilter(g.criteria) };
    }),
  };
}

// ---------------------------------------------------------------- building a definition

function words(text: string, separators: RegExp): string[] {
  return text
    .split(separators)
    .map((w) => w.trim())
    .filter((w) => w !== "");
}

const YEAR = /^\d{4}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function range<T>(
  start: string,
  end: string,
  pattern: RegExp,
  convert: (text: string) => T,
  what: string,
): { value?: { start: T; end: T }; error?: string } {
  const [s, e] = [start.trim(), end.trim()];
  if (s === "" && e === "") return {};
  if (s === "" || e === "") return { error: `Indiquez ${what} de début et de fin.` };
  if (!pattern.test(s) || !pattern.test(e)) return { error: `Indiquez ${what} valides.` };
  return { value: { start: convert(s), end: convert(e) } };
}

/** Form values as a filter, with the errors found before asking the service. */
export function filterFromCriteria(form: CriteriaForm): {
  filter: TargetFilter;
  errors: Partial<Record<Criterion, string>>;
} {
  const filter: TargetFilter = {};
  const errors: Partial<Record<Criterion, string>> = {};

  const years = words(form.birth_years, /[\s,;]+/);
  if (years.length > 0) {
    const wrong = years.filter((y) => !YEAR.test(y));
    if (wrong.length > 0) {
      errors.birth_years = `Années invalides : ${wrong.map((w) => `« ${w} »`).join(", ")}. Indiquez des années sur 4 chiffres, séparées par des virgules.`;
    } else {
      filter.birth_years = [...new Set(years.map(Number))];
    }
  }
  const yearRange = range(form.birth_year_start, form.birth_year_end, YEAR, Number, "les années");
  if (yearRange.error) errors.birth_year_range = yearRange.error;
  else if (yearRange.value) filter.birth_year_range = yearRange.value;

  if (form.sexes.length > 0) filter.sexes = SEXES.filter((s) => form.sexes.includes(s));
  if (form.statuses.length > 0) filter.statuses = STATUSES.filter((s) => form.statuses.includes(s));
  if (form.professional_groups.length > 0) {
    filter.professional_groups = GROUPS.filter((g) => form.professional_groups.includes(g));
  }

  const created = range(form.created_start, form.created_end, DATE, String, "les dates");
  if (created.error) errors.created_between = created.error;
  else if (created.value) filter.created_between = created.value;
  const affiliated = range(form.affiliated_start, form.affiliated_end, DATE, String, "les dates");
  if (affiliated.error) errors.affiliated_between = affiliated.error;
  else if (affiliated.value) filter.affiliated_between = affiliated.value;

  const categories = words(form.professional_categories, /[,;]+/);
  if (categories.length > 0) filter.professional_categories = categories;
  const activities = words(form.activity_codes, /[\s,;]+/).map((c) => c.toUpperCase());
  if (activities.length > 0) filter.activity_codes = activities;
  const caisses = words(form.caisses, /[\s,;]+/).map((c) => c.toUpperCase());
  if (caisses.length > 0) filter.caisses = caisses;

  for (const name of BOOLEAN_CRITERIA) {
    if (form[name] !== "") filter[name] = form[name] === "yes";
  }
  return { filter, errors };
}

/**
 * The form as a definition, and the errors (by ErrorKey) that keep it from being sent.
 * A priority group without any criterion yet (just added) is left out of the definition
 * rather than blocking the counts; `pending` says so, and it keeps the target from being
 * saved. `groupIndex` maps the groups sent back to the form's (for the service's errors).
 */
export function definitionFromForm(form: DefinitionForm): {
  definition: TargetDefinition;
  errors: FormErrors;
  pending: FormErrors;
  groupIndex: number[];
} {
  const errors: FormErrors = {};
  const pending: FormErrors = {};
  const main = filterFromCriteria(form.filter);
  for (const [name, message] of Object.entries(main.errors)) errors[errorKey("filter", name)] = message;

  const priorities: PriorityGroup[] = [];
  const groupIndex: number[] = [];
  form.priorities.forEach((group, index) => {
    const scope = `priorities.${index}`;
    const criteria = filterFromCriteria(group.criteria);
    for (const [name, message] of Object.entries(criteria.errors)) {
      errors[errorKey(scope, name)] = message;
    }
    if (group.label.trim() === "") errors[errorKey(scope, "label")] = "Donnez un libellé au groupe.";
    if (Object.keys(criteria.filter).length === 0 && Object.keys(criteria.errors).length === 0) {
      pending[errorKey(scope, "criteria")] =
        "Choisissez au moins un critère : le groupe n’est pas compté tant qu’il n’en a pas.";
      return;
    }
    priorities.push({ label: group.label.trim(), criteria: criteria.filter });
    groupIndex.push(index);
  });
  return { definition: { filter: main.filter, priorities }, errors, pending, groupIndex };
}

/** JSON with sorted keys: equal definitions give equal strings (query keys, comparisons). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Json).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

// ---------------------------------------------------------------- the services' errors

const MESSAGES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/greater than or equal to (\S+)/, (m) => `La valeur doit être supérieure ou égale à ${m[1]}.`],
  [/less than or equal to (\S+)/, (m) => `La valeur doit être inférieure ou égale à ${m[1]}.`],
  [/greater than (\S+)/, (m) => `La valeur doit être supérieure à ${m[1]}.`],
  [/less than (\S+)/, (m) => `La valeur doit être inférieure à ${m[1]}.`],
  [/start must not be after end/, () => "Le début doit précéder la fin."],
  [/needs at least one criterion/, () => "Choisissez au moins un critère pour ce groupe."],
  [/should have at least 1 character|Field required/, () => "Ce champ est obligatoire."],
  [/should have at most (\d+) items?/, (m) => `${m[1]} valeurs au plus.`],
  [/should have at most (\d+) characters?/, (m) => `${m[1]} caractères au plus.`],
  [/valid date/, () => "Date invalide."],
  [/Extra inputs are not permitted/, () => "Critère inconnu du service."],
];

/** The service's (English, pydantic) message in French when it is a known one. */
export function frenchMessage(message: string, criterion?: string): string {
  if (criterion === "activity_codes" && /pattern/.test(message)) {
    return "Code NAF attendu : 4 chiffres suivis d’une lettre (ex. 9602A).";
  }
  for (const [pattern, french] of MESSAGES) {
    const match = pattern.exec(message);
    if (match) return french(match);
  }
  return message;
}

/**
 * Places the service's field errors on the form: `definition.filter.birth_years.0` goes
 * to `filter:birth_years` (prefixed with the offending value), `…priorities.1.label` to
 * `priorities.1:label`. Errors that fit no input come back in `other`.
 */
export function placeApiErrors(
  errors: { field: string; message: string }[],
  prefix: string,
  sent: TargetDefinition | undefined,
  groupIndex?: number[],
): { placed: FormErrors; other: string[] } {
  const placed: FormErrors = {};
  const other: string[] = [];
  const add = (key: ErrorKey, message: string) => {
    placed[key] = placed[key] ? `${placed[key]} ${message}` : message;
  };
  for (const { field, message } of errors) {
    if (!field.startsWith(prefix)) {
      other.push(message);
      continue;
    }
    const path = field.slice(prefix.length).split(".");
    let scope: string;
    let rest: string[];
    let filter: Json | undefined;
    if (path[0] === "filter") {
      scope = "filter";
      rest = path.slice(1);
      filter = sent?.filter as Json | undefined;
    } else if (path[0] === "priorities" && /^\d+$/.test(path[1] ?? "")) {
      const index = Number(path[1]);
      scope = `priorities.${groupIndex?.[index] ?? index}`;
      if (path[2] === "label") {
        add(errorKey(scope, "label"), frenchMessage(message));
        continue;
      }
      if (path[2] !== "criteria" || path.length === 3) {
        add(errorKey(scope, "criteria"), frenchMessage(message));
        continue;
      }
      rest = path.slice(3);
      filter = sent?.priorities?.[index]?.criteria as Json | undefined;
    } else {
      other.push(frenchMessage(message));
      continue;
    }
    const criterion = rest[0];
    if (!criterion || !(CRITERIA as readonly string[]).includes(criterion)) {
      other.push(frenchMessage(message));
      continue;
    }
    const item = rest[1] !== undefined && /^\d+$/.test(rest[1]) ? Number(rest[1]) : undefined;
    const value = item !== undefined ? asList(filter?.[criterion])[item] : undefined;
    const french = frenchMessage(message, criterion);
    add(errorKey(scope, criterion), value !== undefined ? `« ${String(value)} » : ${french}` : french);
  }
  return { placed, other };
}

// ---------------------------------------------------------------- reading a definition aloud

const TRI_TEXT: Record<(typeof BOOLEAN_CRITERIA)[number], [string, string]> = {
  auto_entrepreneur: ["Auto-entrepreneurs", "Hors auto-entrepreneurs"],
  incomplete_career: ["Carrière incomplète", "Carrière complète"],
  cross_border: ["Travailleurs frontaliers", "Hors travailleurs frontaliers"],
  conjoint_collaborateur: ["Conjoints collaborateurs", "Hors conjoints collaborateurs"],
};

/** The criteria of a filter in French, one line each ("Années de naissance : 1952, 1957"). */
export function describeFilter(raw: unknown): string[] {
  const f = criteriaFromFilter(raw);
  const lines: string[] = [];
  if (f.birth_years) lines.push(`Années de naissance : ${f.birth_years}`);
  if (f.birth_year_start) lines.push(`Nés de ${f.birth_year_start} à ${f.birth_year_end}`);
  if (f.sexes.length) lines.push(`Sexe : ${f.sexes.map((s) => label(SEX_LABELS, s)).join(", ")}`);
  if (f.statuses.length) {
    lines.push(`Statut : ${f.statuses.map((s) => label(STATUS_LABELS, s)).join(", ")}`);
  }
  if (f.professional_groups.length) {
    lines.push(
      `Groupe professionnel : ${f.professional_groups.map((g) => label(GROUP_LABELS, g)).join(", ")}`,
    );
  }
  if (f.created_start) {
    lines.push(`Entreprise créée du ${formatShortDate(f.created_start)} au ${formatShortDate(f.created_end)}`);
  }
  if (f.affiliated_start) {
    lines.push(`Affiliés du ${formatShortDate(f.affiliated_start)} au ${formatShortDate(f.affiliated_end)}`);
  }
  if (f.professional_categories) lines.push(`Catégories professionnelles : ${f.professional_categories}`);
  if (f.activity_codes) lines.push(`Codes d’activité (NAF) : ${f.activity_codes}`);
  if (f.caisses) lines.push(`Caisses : ${f.caisses}`);
  for (const name of BOOLEAN_CRITERIA) {
    if (f[name] !== "") lines.push(TRI_TEXT[name][f[name] === "yes" ? 0 : 1]);
  }
  return lines;
}
