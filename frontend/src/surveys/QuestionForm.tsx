import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState, type FormEvent } from "react";
import { errorMessage } from "../api/problem";
import type { QuestionFields, QuestionType } from "../api/types";
import { QUESTION_TYPE_LABELS } from "./labels";

const WITH_OPTIONS: QuestionType[] = ["single_choice", "multiple_choice"];

/** Adds or edits a question of a draft; choices are typed one per line. */
export function QuestionForm({
  title,
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  title: string;
  initial?: QuestionFields;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (fields: QuestionFields, reset: () => void) => void;
  onCancel?: () => void;
}) {
  const [type, setType] = useState<QuestionType>(initial?.type ?? "scale_1_5");
  const [label, setLabel] = useState(initial?.label ?? "");
  const [required, setRequired] = useState(initial?.required ?? true);
  const [options, setOptions] = useState((initial?.options ?? []).join("\n"));
  const hasOptions = WITH_OPTIONS.includes(type);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(
      {
        type,
        label: label.trim(),
        required,
        options: hasOptions ? options.split("\n").map((o) => o.trim()).filter(Boolean) : [],
      },
      () => {
        setLabel("");
        setOptions("");
      },
    );
  };

  return (
    <form onSubmit={submit} aria-label={title} className="fr-mb-4w">
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend fr-h6">{title}</legend>
        <div className="fr-fieldset__element">
          <Select
            label="Type de question"
            nativeSelectProps={{ value: type, onChange: (e) => setType(e.target.value as QuestionType) }}
          >
            {Object.entries(QUESTION_TYPE_LABELS).map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-fieldset__element">
          <Input
            label="Intitulé de la question"
            nativeInputProps={{ value: label, required: true, maxLength: 500, onChange: (e) => setLabel(e.target.value) }}
          />
        </div>
        {hasOptions && (
          <div className="fr-fieldset__element">
            <Input
              label="Choix proposés"
              hintText="Un choix par ligne, au moins deux."
              textArea
              nativeTextAreaProps={{ value: options, rows: 4, onChange: (e) => setOptions(e.target.value) }}
            />
          </div>
        )}
        <div className="fr-fieldset__element">
          <Checkbox
            options={[
              {
                label: "Réponse obligatoire",
                nativeInputProps: { checked: required, onChange: (e) => setRequired(e.target.checked) },
              },
            ]}
          />
        </div>
        {Boolean(error) && (
          <Alert className="fr-mb-2w" small severity="error" description={errorMessage(error)} />
        )}
        <div className="fr-fieldset__element">
          <Button type="submit" disabled={pending}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button type="button" priority="tertiary" className="fr-ml-2w" onClick={onCancel}>
              Annuler
            </Button>
          )}
        </div>
      </fieldset>
    </form>
  );
}
