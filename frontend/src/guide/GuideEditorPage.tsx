import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { useState, type FormEvent } from "react";
import { ApiError, errorMessage } from "../api/problem";
import type { GuideDraftWrite, GuideVersion, GuideVersionSummary } from "../api/types";
import { formatDateTime } from "../format";
import {
  useCreateGuideDraft,
  useGuideVersion,
  useGuideVersions,
  usePublishGuide,
  useSaveGuideSections,
} from "../hooks/queries/guide";
import { usePageTitle } from "../layout/usePageTitle";

const STATUS_LABELS: Record<GuideVersionSummary["status"], string> = {
  draft: "Brouillon",
  published: "En vigueur",
  retired: "Retirée",
};

type SectionForm = { key: string; title: string; content: string; condition: string };

function toForm(version: GuideVersion): SectionForm[] {
  return version.sections.map((s) => ({
    key: s.key,
    title: s.title,
    content: s.content,
    condition: JSON.stringify(s.condition, null, 2),
  }));
}

/** The sections as the API takes them, or the index of the first condition that is not JSON. */
export function toDraft(sections: SectionForm[]): GuideDraftWrite | { badJson: number } {
  const parsed: GuideDraftWrite["sections"] = [];
  for (const [index, s] of sections.entries()) {
    try {
      parsed.push({ key: s.key.trim(), title: s.title.trim(), content: s.content, condition: JSON.parse(s.condition) });
    } catch {
      return { badJson: index };
    }
  }
  return { sections: parsed };
}

type SectionField = "key" | "title" | "content" | "condition";
const SECTION_FIELDS: SectionField[] = ["key", "title", "content", "condition"];
/** Messages per field, shown at most: a condition refused by every shape gives many. */
const MAX_MESSAGES = 4;

/**
 * Where the API's field errors point: "sections.2.condition.…" → section 2's condition.
 * The messages are deduplicated (a condition matches one of several shapes, each refusing).
 */
export function sectionErrors(error: unknown): Map<string, string[]> {
  const errors = new Map<string, string[]>();
  if (!(error instanceof ApiError)) return errors;
  for (const { field, message } of error.fieldErrors) {
    const match = /^sections\.(\d+)\.?([a-z_]*)/.exec(field);
    if (!match) continue;
    const part = SECTION_FIELDS.find((f) => f === match[2]) ?? "condition";
    const at = `${match[1]}.${part}`;
    const messages = errors.get(at) ?? [];
    if (!messages.includes(message) && messages.length < MAX_MESSAGES) messages.push(message);
    errors.set(at, messages);
  }
  return errors;
}

function DraftEditor({ version }: { version: GuideVersion }) {
  const [sections, setSections] = useState<SectionForm[]>(() => toForm(version));
  const [badJson, setBadJson] = useState<number | null>(null);
  const save = useSaveGuideSections(version.number);
  const publish = usePublishGuide(version.number);
  const errors = sectionErrors(save.error);
  const edit = (index: number, key: keyof SectionForm, value: string) =>
    setSections((all) => all.map((s, i) => (i === index ? { ...s, [key]: value } : s)));

  function submit(event: FormEvent) {
    event.preventDefault();
    const draft = toDraft(sections);
    if ("badJson" in draft) {
      setBadJson(draft.badJson);
      return;
    }
    setBadJson(null);
    save.mutate(draft);
  }

  return (
    <form onSubmit={submit} noValidate aria-label={`Brouillon de la version ${version.number}`}>
      <h2 className="fr-h4">Brouillon — version {version.number}</h2>
      <p className="fr-text--sm">
        La condition dit quand une section est proposée, par exemple{" "}
        <code>{`{"always": true}`}</code>, <code>{`{"field": "auto_entrepreneur", "equals": true}`}</code>,{" "}
        <code>{`{"field": "age", "min": 45}`}</code>, combinées par <code>all</code>, <code>any</code>, <code>not</code>.
      </p>
      {sections.map((s, index) => {
        const problems = (field: SectionField) => errors.get(`${index}.${field}`) ?? [];
        const state = (field: SectionField) =>
          problems(field).length > 0
            ? ({ state: "error", stateRelatedMessage: problems(field).join(" ; ") } as const)
            : ({ state: "default" } as const);
        return (
          <fieldset key={index} className="fr-fieldset fr-p-2w fr-mb-2w" style={{ border: "1px solid var(--border-default-grey)" }}>
            <legend className="fr-fieldset__legend">
              Section {index + 1} : {s.title || "sans titre"}
            </legend>
            <div className="fr-col-12">
              <Input
                label="Identifiant"
                hintText="Minuscules, chiffres et « _ »"
                {...state("key")}
                nativeInputProps={{ value: s.key, onChange: (e) => edit(index, "key", e.target.value) }}
              />
              <Input
                label="Titre"
                {...state("title")}
                nativeInputProps={{ value: s.title, onChange: (e) => edit(index, "title", e.target.value) }}
              />
              <Input
                label="Contenu"
                textArea
                {...state("content")}
                nativeTextAreaProps={{ value: s.content, rows: 4, onChange: (e) => edit(index, "content", e.target.value) }}
              />
              <Input
                label="Condition (JSON)"
                textArea
                {...(badJson === index
                  ? ({ state: "error", stateRelatedMessage: "Ce n’est pas du JSON valide." } as const)
                  : state("condition"))}
                nativeTextAreaProps={{
                  value: s.condition,
                  rows: 3,
                  style: { fontFamily: "monospace" },
                  onChange: (e) => edit(index, "condition", e.target.value),
                }}
              />
              <Button
                type="button"
                size="small"
                priority="tertiary"
                iconId="fr-icon-delete-line"
                disabled={sections.length === 1}
                onClick={() => setSections((all) => all.filter((_, i) => i !== index))}
              >
                Retirer la section
              </Button>
            </div>
          </fieldset>
        );
      })}
      <Button
        type="button"
        priority="secondary"
        iconId="fr-icon-add-line"
        className="fr-mb-3w"
        onClick={() =>
          setSections((all) => [...all, { key: "", title: "", content: "", condition: '{"always": true}' }])
        }
      >
        Ajouter une section
      </Button>
      {save.isError && (
        <Alert small severity="error" className="fr-mb-2w" title="Le brouillon n’a pas été enregistré" description={errorMessage(save.error)} />
      )}
      {save.isSuccess && !publish.isSuccess && (
        <Alert small severity="success" role="status" className="fr-mb-2w" description="Brouillon enregistré." />
      )}
      {publish.isError && <Alert small severity="error" className="fr-mb-2w" description={errorMessage(publish.error)} />}
      <div className="fr-btns-group fr-btns-group--inline-sm">
        <Button type="submit" disabled={save.isPending}>
          Enregistrer le brouillon
        </Button>
        <Button
          type="button"
          priority="secondary"
          disabled={publish.isPending || save.isPending}
          onClick={() => publish.mutate()}
        >
          Publier cette version
        </Button>
      </div>
    </form>
  );
}

function ReadOnlyVersion({ version }: { version: GuideVersion }) {
  return (
    <section aria-label={`Version ${version.number}`}>
      <h2 className="fr-h4">
        Version {version.number} ({STATUS_LABELS[version.status]})
      </h2>
      {version.sections.map((s) => (
        <div key={s.key} className="fr-mb-3w">
          <h3 className="fr-h6 fr-mb-1w">{s.title}</h3>
          <p className="fr-text--sm fr-mb-1w" style={{ whiteSpace: "pre-line" }}>{s.content}</p>
          <code className="fr-text--xs">{JSON.stringify(s.condition)}</code>
        </div>
      ))}
    </section>
  );
}

/** The national office's interview guide: its versions, one draft at a time, publishing. */
export function GuideEditorPage() {
  usePageTitle("Trame d’entretien");
  const versions = useGuideVersions();
  const createDraft = useCreateGuideDraft();
  const [chosen, setChosen] = useState<number | null>(null);
  const draft = versions.data?.find((v) => v.status === "draft");
  const shown = chosen ?? draft?.number ?? versions.data?.find((v) => v.status === "published")?.number ?? null;
  const version = useGuideVersion(shown);

  return (
    <div className="fr-container fr-py-4w">
      <h1>Trame d’entretien</h1>
      <p>
        La trame « à tiroirs » propose à chaque entretien les sections qui correspondent au profil de
        l’assuré. Une version publiée ne change plus : les modifications se font dans un brouillon.
      </p>
      {versions.isError && <Alert severity="error" title="Impossible d’afficher les versions" description={errorMessage(versions.error)} />}
      {versions.data && (
        <Table
          caption="Versions de la trame"
          headers={["Version", "Statut", "Créée", "Publiée", ""]}
          data={versions.data.map((v) => [
            String(v.number),
            <Badge key="s" as="span" small noIcon severity={v.status === "published" ? "success" : v.status === "draft" ? "info" : undefined}>
              {STATUS_LABELS[v.status]}
            </Badge>,
            `${formatDateTime(v.created_at)} par ${v.created_by.replace(/^user:/, "")}`,
            formatDateTime(v.published_at),
            <Button key="o" size="small" priority="tertiary" onClick={() => setChosen(v.number)} disabled={v.number === shown}>
              Afficher<span className="fr-sr-only"> la version {v.number}</span>
            </Button>,
          ])}
        />
      )}
      {versions.data && !draft && (
        <>
          {createDraft.isError && <Alert small severity="error" className="fr-mb-2w" description={errorMessage(createDraft.error)} />}
          <Button
            className="fr-mb-3w"
            iconId="fr-icon-edit-line"
            disabled={createDraft.isPending}
            onClick={() => createDraft.mutate(undefined, { onSuccess: (v) => setChosen(v.number) })}
          >
            Créer un brouillon
          </Button>
        </>
      )}
      {version.isError && <Alert small severity="error" description={errorMessage(version.error)} />}
      {version.data &&
        (version.data.status === "draft" ? (
          <DraftEditor key={version.data.number} version={version.data} />
        ) : (
          <ReadOnlyVersion version={version.data} />
        ))}
    </div>
  );
}
