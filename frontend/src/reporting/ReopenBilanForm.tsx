import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { type FormEvent, useId, useState } from "react";
import { ApiError, errorMessage } from "../api/problem";
import { useReopenBilan } from "../hooks/queries/reporting";

const MIN_REASON = 10;

/**
 * Reopening a submitted bilan is deliberate: the national office says why (the reason is shown
 * to the caisse's managers) and confirms the version it saw.
 */
export function ReopenBilanForm({
  year,
  caisse,
  name,
  version,
  onClose,
}: {
  year: number;
  caisse: string;
  name: string;
  version: number;
  onClose: () => void;
}) {
  const reopen = useReopenBilan(year);
  const [reason, setReason] = useState("");
  const [tooShort, setTooShort] = useState(false);
  const titleId = useId();
  const fieldError =
    reopen.error instanceof ApiError ? reopen.error.fieldErrors.find((e) => e.field === "reason")?.message : undefined;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reason.trim().length < MIN_REASON) {
      setTooShort(true);
      return;
    }
    setTooShort(false);
    reopen.mutate({ caisse, version, reason: reason.trim() }, { onSuccess: onClose });
  }

  const message = tooShort ? `Expliquez le motif en ${MIN_REASON} caractères au moins.` : fieldError;
  return (
    <form onSubmit={onSubmit} aria-labelledby={titleId} className="fr-mb-3w" noValidate>
      <h3 id={titleId} className="fr-h6">
        Rouvrir le bilan de {name} (version {version})
      </h3>
      <p>
        Le bilan redevient un brouillon : il sort de la consolidation nationale jusqu’à sa nouvelle transmission. Le motif
        est communiqué aux responsables de la caisse.
      </p>
      <Input
        label="Motif de la réouverture"
        hintText="Ce qu’il faut corriger ou compléter (10 caractères au moins)"
        textArea
        state={message ? "error" : "default"}
        stateRelatedMessage={message}
        nativeTextAreaProps={{
          name: "reason",
          maxLength: 1000,
          rows: 3,
          value: reason,
          onChange: (e) => setReason(e.target.value),
        }}
      />
      {reopen.isError && !fieldError && (
        <Alert small severity="error" className="fr-mb-2w" description={errorMessage(reopen.error)} />
      )}
      <div className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline">
        <Button type="submit" disabled={reopen.isPending}>
          Confirmer la réouverture
        </Button>
        <Button type="button" priority="secondary" onClick={onClose}>
          Annuler
        </Button>
      </div>
    </form>
  );
}
