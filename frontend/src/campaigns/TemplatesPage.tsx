import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { useState, type FormEvent } from "react";
import { ApiError, errorMessage } from "../api/problem";
import type { LetterTemplate, TemplateWrite } from "../api/types";
import { hasFeature } from "../auth/roles";
import { useSession } from "../auth/session";
import { formatDateTime } from "../format";
import { useLetterTemplates, useMergeFields, useSaveTemplate } from "../hooks/queries/letters";
import { usePageTitle } from "../layout/usePageTitle";

const FIELD_LABELS: Record<string, string> = { subject: "l’objet", body: "le texte", name: "le nom" };

/**
 * The refusal of a template in French: the unknown merge fields it names
 * ("unknown merge field person.foo"), or the service's message.
 */
export function templateErrorText(error: unknown): string {
  if (error instanceof ApiError && error.status === 422) {
    const unknown = error.fieldErrors
      .map(({ field, message }) => ({ field, name: /^unknown merge field (.+)$/.exec(message)?.[1] }))
      .filter((e): e is { field: string; name: string } => e.name !== undefined);
    if (unknown.length > 0) {
      return unknown
        .map(({ field, name }) => `Champ de fusion inconnu dans ${FIELD_LABELS[field] ?? field} : \${${name}}`)
        .join(". ");
    }
    if (error.fieldErrors.some((e) => e.message === "invalid merge field")) {
      return "Un « $ » n’introduit pas un champ de fusion tel que ${person.last_name} (écrivez $$ pour le signe dollar).";
    }
  }
  return errorMessage(error);
}

function MergeFields() {
  const fields = useMergeFields();
  return (
    <section aria-labelledby="champs" className="fr-p-2w" style={{ background: "var(--background-alt-grey)" }}>
      <h3 id="champs" className="fr-h6">
        Champs de fusion
      </h3>
      {fields.isError && <p>{errorMessage(fields.error)}</p>}
      <ul className="fr-text--sm" aria-label="Champs de fusion disponibles">
        {(fields.data ?? []).map((f) => (
          <li key={f.name}>
            <code>{`\${${f.name}}`}</code> : {f.label}
            {f.meeting_only && " (invitations à une rencontre)"}
          </li>
        ))}
      </ul>
    </section>
  );
}

function TemplateEditor({
  template,
  national,
  onDone,
}: {
  template: LetterTemplate | null;
  national: boolean;
  onDone: (message: string) => void;
}) {
  const [fields, setFields] = useState<TemplateWrite>({
    name: template?.name ?? "",
    subject: template?.subject ?? "",
    body: template?.body ?? "",
    national: template ? template.caisse_code === null : national,
  });
  const save = useSaveTemplate(template?.id ?? null);
  const [missing, setMissing] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    const incomplete = [fields.name, fields.subject, fields.body].some((v) => v.trim() === "");
    setMissing(incomplete);
    if (incomplete) return;
    save.mutate(fields, { onSuccess: (t) => onDone(`Le modèle « ${t.name} » est enregistré.`) });
  }

  const text = (key: "name" | "subject", label: string) => (
    <Input
      label={label}
      state={missing && fields[key].trim() === "" ? "error" : "default"}
      stateRelatedMessage={missing && fields[key].trim() === "" ? "Ce champ est obligatoire." : undefined}
      nativeInputProps={{ value: fields[key], onChange: (e) => setFields((f) => ({ ...f, [key]: e.target.value })) }}
    />
  );
  return (
    <form onSubmit={submit} noValidate aria-label={template ? `Modifier le modèle ${template.name}` : "Nouveau modèle"}>
      <h2 className="fr-h4">{template ? `Modifier « ${template.name} »` : "Nouveau modèle"}</h2>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-lg-8">
          {text("name", "Nom du modèle")}
          {text("subject", "Objet du courrier")}
          <Input
            label="Texte du courrier"
            hintText="Les champs de fusion s’écrivent ${person.last_name}."
            textArea
            state={missing && fields.body.trim() === "" ? "error" : "default"}
            stateRelatedMessage={missing && fields.body.trim() === "" ? "Ce champ est obligatoire." : undefined}
            nativeTextAreaProps={{
              value: fields.body,
              rows: 14,
              onChange: (e) => setFields((f) => ({ ...f, body: e.target.value })),
            }}
          />
          {national && (
            <Checkbox
              options={[
                {
                  label: "Modèle national (pour toutes les caisses)",
                  nativeInputProps: { checked: fields.national ?? false, disabled: true, readOnly: true },
                },
              ]}
            />
          )}
          {save.isError && (
            <Alert
              small
              severity="error"
              className="fr-mb-2w"
              title="Le modèle n’a pas été enregistré"
              description={templateErrorText(save.error)}
            />
          )}
          <div className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-sm">
            <Button type="submit" disabled={save.isPending}>
              Enregistrer le modèle
            </Button>
            <Button type="button" priority="secondary" onClick={() => onDone("")}>
              Fermer
            </Button>
          </div>
        </div>
        <div className="fr-col-12 fr-col-lg-4">
          <MergeFields />
        </div>
      </div>
    </form>
  );
}

/** Letter templates: the national ones and the caisse's, and their editor. */
export function TemplatesPage() {
  usePageTitle("Modèles de courrier");
  const role = useSession()?.user.role;
  const canEdit = hasFeature(role, "editLetterTemplates");
  const national = role === "national" || role === "admin";
  const templates = useLetterTemplates();
  const [editing, setEditing] = useState<LetterTemplate | "new" | null>(null);
  const [message, setMessage] = useState("");
  // A caisse edits its own templates; the national office, the national ones.
  const editable = (t: LetterTemplate) => canEdit && (t.caisse_code === null) === national;

  return (
    <div className="fr-container fr-py-4w">
      <h1>Modèles de courrier</h1>
      {message && <Alert small severity="success" role="status" className="fr-mb-2w" description={message} />}
      {templates.isPending && <p role="status">Chargement des modèles…</p>}
      {templates.isError && <Alert severity="error" title="Impossible d’afficher les modèles" description={errorMessage(templates.error)} />}
      {templates.data && (
        <Table
          caption="Modèles disponibles"
          headers={["Nom", "Portée", "Objet", "Modifié le", ""]}
          data={templates.data.map((t) => [
            t.name,
            t.caisse_code ? `Caisse ${t.caisse_code}` : "National",
            t.subject,
            `${formatDateTime(t.updated_at)} par ${t.updated_by.replace(/^user:/, "")}`,
            editable(t) ? (
              <Button key="e" size="small" priority="secondary" onClick={() => { setMessage(""); setEditing(t); }}>
                Modifier<span className="fr-sr-only"> {t.name}</span>
              </Button>
            ) : (
              ""
            ),
          ])}
        />
      )}
      {canEdit && editing === null && (
        <Button iconId="fr-icon-add-line" onClick={() => { setMessage(""); setEditing("new"); }}>
          Nouveau modèle
        </Button>
      )}
      {editing !== null && (
        <TemplateEditor
          key={editing === "new" ? "new" : editing.id}
          template={editing === "new" ? null : editing}
          national={national}
          onDone={(text) => {
            setEditing(null);
            setMessage(text);
          }}
        />
      )}
    </div>
  );
}
