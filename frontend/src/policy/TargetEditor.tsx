import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { memo, useCallback, useEffect, useMemo, useReducer, useRef, useState, type Dispatch } from "react";
import { ApiError, errorMessage } from "../api/problem";
import type { PolicyAction, TargetDefinition, Volumetry } from "../api/types";
import { formatNumber } from "../format";
import { useUpdateAction } from "../hooks/queries/policy";
import { useActionVolumetry, useDefinitionVolumetry } from "../hooks/queries/targets";
import { useDebouncedValue } from "../hooks/useDebouncedValue";
import { CriteriaFields } from "./CriteriaFields";
import {
  MAX_PRIORITIES,
  canonicalJson,
  definitionFromForm,
  emptyCriteria,
  formFromDefinition,
  placeApiErrors,
  type CriteriaForm,
  type DefinitionForm,
  type FormErrors,
  type PriorityForm,
} from "./targetForm";
import { VolumetryTable } from "./VolumetryTable";

/** Counts refresh this long after the last change of a criterion. */
export const VOLUMETRY_DEBOUNCE_MS = 400;

function savedKeyOf(action: PolicyAction): string {
  return canonicalJson(definitionFromForm(formFromDefinition(action.target_definition)).definition);
}

function move<T>(items: T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

type Edit =
  | { type: "filter"; filter: CriteriaForm }
  | { type: "group"; index: number; group: PriorityForm }
  | { type: "move"; from: number; to: number }
  | { type: "remove"; index: number }
  | { type: "add" }
  | { type: "reset"; form: DefinitionForm };

function reduce(form: DefinitionForm, edit: Edit): DefinitionForm {
  const { priorities } = form;
  switch (edit.type) {
    case "filter":
      return { ...form, filter: edit.filter };
    case "group":
      return { ...form, priorities: priorities.map((g, i) => (i === edit.index ? edit.group : g)) };
    case "move":
      return { ...form, priorities: move(priorities, edit.from, edit.to) };
    case "remove":
      return { ...form, priorities: priorities.filter((_, i) => i !== edit.index) };
    case "add":
      return {
        ...form,
        priorities: [
          ...priorities,
          { label: `Groupe ${priorities.length + 1}`, criteria: emptyCriteria() },
        ],
      };
    case "reset":
      return edit.form;
  }
}

/** The errors of one scope (`filter`, `priorities.0`…), by criterion or `label`/`criteria`. */
function scopeErrors(errors: FormErrors, scope: string): Record<string, string> {
  const prefix = `${scope}:`;
  return Object.fromEntries(
    Object.entries(errors)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, message]) => [key.slice(prefix.length), message]),
  );
}

/** Keeps the previous object while its content is the same, so memoised children skip. */
function useStable<T>(value: T): T {
  const ref = useRef(value);
  const key = canonicalJson(value);
  const keyRef = useRef(key);
  if (key !== keyRef.current) {
    keyRef.current = key;
    ref.current = value;
  }
  return ref.current;
}

const FilterFields = memo(function FilterFields({
  filter,
  errors,
  dispatch,
}: {
  filter: CriteriaForm;
  errors: Record<string, string>;
  dispatch: Dispatch<Edit>;
}) {
  const onChange = useCallback((next: CriteriaForm) => dispatch({ type: "filter", filter: next }), [dispatch]);
  const error = useCallback((name: string) => errors[name], [errors]);
  return <CriteriaFields value={filter} onChange={onChange} error={error} />;
});

const PriorityGroupFields = memo(function PriorityGroupFields({
  group,
  index,
  count,
  errors,
  note,
  dispatch,
}: {
  group: PriorityForm;
  index: number;
  count: number;
  errors: Record<string, string>;
  /** Why the group is not counted yet, if it is not. */
  note?: string;
  dispatch: Dispatch<Edit>;
}) {
  const onCriteria = useCallback(
    (criteria: CriteriaForm) => dispatch({ type: "group", index, group: { ...group, criteria } }),
    [dispatch, index, group],
  );
  const error = useCallback((name: string) => errors[name], [errors]);
  const label = group.label.trim();
  return (
    <fieldset
      className="fr-fieldset fr-p-2w fr-mb-3w"
      style={{ border: "1px solid var(--border-default-grey)" }}
      aria-labelledby={`priorite-${index}`}
    >
      <legend id={`priorite-${index}`} className="fr-fieldset__legend fr-h6 fr-mb-1w">
        Priorité {index + 1}
        {label ? ` : ${label}` : ""}
      </legend>
      <div className="fr-fieldset__content" style={{ width: "100%" }}>
        <Input
          label="Libellé du groupe"
          state={errors.label ? "error" : "default"}
          stateRelatedMessage={errors.label}
          nativeInputProps={{
            value: group.label,
            maxLength: 100,
            onChange: (e) => dispatch({ type: "group", index, group: { ...group, label: e.target.value } }),
          }}
        />
        <CriteriaFields value={group.criteria} onChange={onCriteria} error={error} />
        {errors.criteria && <p className="fr-message fr-message--error fr-mb-2w">{errors.criteria}</p>}
        {note && <p className="fr-message fr-message--info fr-mb-2w">{note}</p>}
        <div className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-sm fr-btns-group--icon-left">
          <Button
            type="button"
            priority="tertiary"
            iconId="fr-icon-arrow-up-line"
            disabled={index === 0}
            onClick={() => dispatch({ type: "move", from: index, to: index - 1 })}
            title={`Monter le groupe ${index + 1}`}
          >
            Monter
          </Button>
          <Button
            type="button"
            priority="tertiary"
            iconId="fr-icon-arrow-down-line"
            disabled={index === count - 1}
            onClick={() => dispatch({ type: "move", from: index, to: index + 1 })}
            title={`Descendre le groupe ${index + 1}`}
          >
            Descendre
          </Button>
          <Button
            type="button"
            priority="tertiary"
            iconId="fr-icon-delete-line"
            onClick={() => dispatch({ type: "remove", index })}
            title={`Supprimer le groupe ${index + 1}`}
          >
            Supprimer
          </Button>
        </div>
      </div>
    </fieldset>
  );
});

/**
 * The action's target as a form (filter + ordered priority groups) and its counts per
 * caisse, recomputed by the service shortly after each change. Who may edit the action
 * can save the target; others use the editor as a simulation.
 */
export function TargetEditor({ action, canSave }: { action: PolicyAction; canSave: boolean }) {
  const savedKey = useMemo(() => savedKeyOf(action), [action]);
  const [form, dispatch] = useReducer(reduce, action.target_definition, formFromDefinition);
  const { definition, errors: localErrors, pending, groupIndex } = useMemo(
    () => definitionFromForm(form),
    [form],
  );
  const currentKey = Object.keys(localErrors).length === 0 ? canonicalJson(definition) : null;
  const debouncedKey = useDebouncedValue(currentKey, VOLUMETRY_DEBOUNCE_MS);
  const isSaved = debouncedKey === savedKey;

  const savedVolumetry = useActionVolumetry(action.id, isSaved);
  const draftVolumetry = useDefinitionVolumetry(isSaved ? null : debouncedKey);
  const current = isSaved ? savedVolumetry : draftVolumetry;

  // Keep the last good counts on screen while the next ones are computed or if they fail.
  const [shown, setShown] = useState<Volumetry | undefined>(undefined);
  useEffect(() => {
    if (current.data && !current.isPlaceholderData) setShown(current.data);
  }, [current.data, current.isPlaceholderData]);

  const update = useUpdateAction(action.id);
  const [savedNotice, setSavedNotice] = useState(false);

  const sentDefinition = useMemo(
    () => (debouncedKey ? (JSON.parse(debouncedKey) as TargetDefinition) : undefined),
    [debouncedKey],
  );
  const apiErrors = useMemo(() => {
    const fromCount =
      !isSaved && draftVolumetry.error instanceof ApiError && draftVolumetry.error.status === 422
        ? placeApiErrors(draftVolumetry.error.fieldErrors, "definition.", sentDefinition, groupIndex)
        : { placed: {}, other: [] };
    const fromSave =
      update.error instanceof ApiError && update.error.status === 422
        ? placeApiErrors(update.error.fieldErrors, "target_definition.", definition, groupIndex)
        : { placed: {}, other: [] };
    return {
      placed: { ...fromCount.placed, ...fromSave.placed } as FormErrors,
      other: [...fromCount.other, ...fromSave.other],
    };
  }, [isSaved, draftVolumetry.error, update.error, sentDefinition, definition, groupIndex]);

  const errors = useStable<FormErrors>({ ...apiErrors.placed, ...localErrors });
  const filterErrors = useMemo(() => scopeErrors(errors, "filter"), [errors]);
  const groupCount = form.priorities.length;
  const notes = useStable(pending);
  const groupErrors = useMemo(
    () => Array.from({ length: groupCount }, (_, i) => scopeErrors(errors, `priorities.${i}`)),
    [errors, groupCount],
  );
  const groupNotes = useMemo(
    () => Array.from({ length: groupCount }, (_, i) => scopeErrors(notes, `priorities.${i}`).criteria),
    [notes, groupCount],
  );
  const computing = currentKey !== debouncedKey || current.isFetching;
  const countFailure =
    current.isError && !(current.error instanceof ApiError && current.error.status === 422)
      ? errorMessage(current.error)
      : null;
  const dirty = currentKey !== savedKey;
  const hasErrors = Object.keys(errors).length > 0;
  const incomplete = Object.keys(pending).length > 0;

  // Any edit makes the last save's notice and errors obsolete.
  const resetUpdate = update.reset;
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    setSavedNotice(false);
    resetUpdate();
  }, [form, resetUpdate]);

  function save() {
    update.mutate(
      { target_definition: definition },
      { onSuccess: () => setSavedNotice(true) },
    );
  }

  const priorities = form.priorities;
  return (
    <section aria-labelledby="ciblage" className="fr-mb-6w">
      <h2 id="ciblage">Ciblage et volumétrie</h2>
      <p>
        {canSave
          ? "Modifiez les critères : les volumes par caisse se mettent à jour. Enregistrez la cible pour l’appliquer aux prochaines listes."
          : "Modifiez les critères pour simuler les volumes par caisse. La cible enregistrée de l’action n’est pas modifiée."}
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-7">
          <form
            aria-label="Critères de ciblage"
            onSubmit={(e) => {
              e.preventDefault();
              if (canSave && dirty && !hasErrors && !incomplete) save();
            }}
            noValidate
          >
            <fieldset className="fr-fieldset" aria-labelledby="population">
              <legend id="population" className="fr-fieldset__legend">
                <span className="fr-h5">Population ciblée</span>
                <span className="fr-hint-text">
                  Tous les critères renseignés doivent être remplis (ET) ; dans une liste, une
                  seule valeur suffit (OU).
                </span>
              </legend>
              <div className="fr-fieldset__content" style={{ width: "100%" }}>
                <FilterFields filter={form.filter} errors={filterErrors} dispatch={dispatch} />
              </div>
            </fieldset>

            <h3 className="fr-h5">Ordre de priorité</h3>
            <p className="fr-text--sm">
              Les personnes sont contactées groupe par groupe, dans cet ordre ; celles qui ne
              relèvent d’aucun groupe viennent en dernier (« Autres »).
            </p>
            {priorities.length === 0 && <p>Aucun groupe de priorité.</p>}
            {priorities.map((group, index) => (
              <PriorityGroupFields
                key={index}
                group={group}
                index={index}
                count={priorities.length}
                errors={groupErrors[index]!}
                note={groupNotes[index]}
                dispatch={dispatch}
              />
            ))}
            <div className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-md fr-btns-group--icon-left fr-mt-2w">
              <Button
                type="button"
                priority="secondary"
                iconId="fr-icon-add-line"
                disabled={priorities.length >= MAX_PRIORITIES}
                onClick={() => dispatch({ type: "add" })}
              >
                Ajouter un groupe de priorité
              </Button>
              <Button
                type="button"
                priority="tertiary"
                iconId="fr-icon-refresh-line"
                disabled={!dirty && !hasErrors && !incomplete}
                onClick={() =>
                  dispatch({ type: "reset", form: formFromDefinition(action.target_definition) })
                }
              >
                Revenir à la cible enregistrée
              </Button>
              {canSave && (
                <Button
                  type="submit"
                  iconId="fr-icon-save-line"
                  disabled={!dirty || hasErrors || incomplete || update.isPending}
                >
                  Enregistrer la cible
                </Button>
              )}
            </div>
            {apiErrors.other.length > 0 && (
              <Alert
                className="fr-mt-2w"
                severity="error"
                title="Cible invalide"
                description={apiErrors.other.join(" ")}
              />
            )}
            {update.isError && !(update.error instanceof ApiError && update.error.status === 422) && (
              <Alert
                className="fr-mt-2w"
                severity="error"
                title="Enregistrement impossible"
                description={errorMessage(update.error)}
              />
            )}
            {savedNotice && (
              <Alert
                className="fr-mt-2w"
                small
                role="status"
                severity="success"
                description="La cible de l’action est enregistrée."
              />
            )}
          </form>
        </div>
        <div className="fr-col-12 fr-col-lg-5">
          <div style={{ position: "sticky", top: "1rem" }}>
            <h3 className="fr-h5">Volumes</h3>
            <p role="status" aria-live="polite" className="fr-text--sm">
              {hasErrors
                ? "Corrigez les critères signalés pour mettre à jour les volumes."
                : computing
                  ? "Mise à jour des volumes…"
                  : shown
                    ? `${formatNumber(shown.total_matched)} personne${shown.total_matched > 1 ? "s" : ""} ciblée${shown.total_matched > 1 ? "s" : ""}${dirty ? " (simulation)" : ""}.`
                    : ""}
            </p>
            {countFailure && (
              <Alert
                className="fr-mb-2w"
                severity="error"
                title="Volumes indisponibles"
                description={countFailure}
              />
            )}
            {shown ? (
              <VolumetryTable volumetry={shown} stale={computing || hasErrors} />
            ) : (
              !countFailure && <p>Calcul des volumes…</p>
            )}
          </div>
        </div>
      </div>
    </section>
  );
}
