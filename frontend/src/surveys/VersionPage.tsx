import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { errorMessage } from "../api/problem";
import type { Question } from "../api/types";
import { hasFeature } from "../auth/roles";
import { useSession } from "../auth/session";
import {
  useAddQuestion,
  useDeleteQuestion,
  usePublishVersion,
  useQuestionnaireVersion,
  useReplaceQuestion,
} from "../hooks/queries/surveys";
import { usePageTitle } from "../layout/usePageTitle";
import { QuestionForm } from "./QuestionForm";
import { QUESTION_TYPE_LABELS, VERSION_STATUS_LABELS } from "./labels";

function QuestionItem({
  question,
  editable,
  versionId,
}: {
  question: Question;
  editable: boolean;
  versionId: number;
}) {
  const [editing, setEditing] = useState(false);
  const replace = useReplaceQuestion(versionId);
  const remove = useDeleteQuestion(versionId);
  if (editing) {
    return (
      <QuestionForm
        title={`Modifier la question ${question.position}`}
        initial={question}
        submitLabel="Enregistrer"
        pending={replace.isPending}
        error={replace.error}
        onSubmit={(fields) =>
          replace.mutate({ id: question.id, fields }, { onSuccess: () => setEditing(false) })
        }
        onCancel={() => setEditing(false)}
      />
    );
  }
  return (
    <>
      <p className="fr-mb-1w">
        <strong>{question.label}</strong>
      </p>
      <p className="fr-text--sm fr-mb-1w">
        {QUESTION_TYPE_LABELS[question.type]} — {question.required ? "obligatoire" : "facultative"}
        {question.options.length > 0 && ` — choix : ${question.options.join(", ")}`} — clé{" "}
        <code>{question.key}</code>
        {question.national ? "" : " — question régionale"}
      </p>
      {editable && (
        <ul className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-sm fr-btns-group--sm">
          <li>
            <Button priority="secondary" size="small" onClick={() => setEditing(true)}>
              Modifier<span className="fr-sr-only"> la question {question.position}</span>
            </Button>
          </li>
          <li>
            <Button
              priority="tertiary"
              size="small"
              disabled={remove.isPending}
              onClick={() => remove.mutate(question.id)}
            >
              Supprimer<span className="fr-sr-only"> la question {question.position}</span>
            </Button>
          </li>
        </ul>
      )}
    </>
  );
}

/** A questionnaire version: its questions, and for a draft its editor. */
export function VersionPage() {
  const { id = "" } = useParams();
  const versionId = Number(id);
  const version = useQuestionnaireVersion(versionId);
  const user = useSession()?.user;
  const add = useAddQuestion(versionId);
  const publish = usePublishVersion(versionId);
  const data = version.data;
  usePageTitle(data ? `${data.title} — version ${data.number}` : "Questionnaire");

  const owner = data !== undefined && (data.caisse_code ?? null) === (user?.caisse_code ?? null);
  const editable =
    data?.status === "draft" && owner && hasFeature(user?.role, "editSurveys");

  return (
    <div className="fr-container fr-py-4w">
      <p>
        <Link to="/enquetes/questionnaires">Tous les questionnaires</Link>
      </p>
      {version.isPending && <p role="status">Chargement…</p>}
      {version.isError && (
        <Alert severity="error" title="Questionnaire introuvable" description={errorMessage(version.error)} />
      )}
      {data && (
        <>
          <h1>
            {data.title} — version {data.number}
          </h1>
          <p>
            <Badge as="span" noIcon severity={data.status === "published" ? "success" : data.status === "draft" ? "new" : undefined}>
              {VERSION_STATUS_LABELS[data.status]}
            </Badge>{" "}
            {data.caisse_code ? `Questions régionales de la caisse ${data.caisse_code}` : "Modèle national"}
          </p>
          {data.introduction && <p>{data.introduction}</p>}
          <h2>Questions ({data.questions.length})</h2>
          <ol aria-label="Questions">
            {data.questions.map((question) => (
              <li key={question.id} className="fr-mb-2w">
                <QuestionItem
                  question={question}
                  versionId={versionId}
                  editable={Boolean(editable) && (question.national === !data.caisse_code)}
                />
              </li>
            ))}
          </ol>
          {editable && (
            <>
              <QuestionForm
                title="Ajouter une question"
                submitLabel="Ajouter la question"
                pending={add.isPending}
                error={add.error}
                onSubmit={(fields, reset) => add.mutate(fields, { onSuccess: reset })}
              />
              <Button iconId="fr-icon-check-line" disabled={publish.isPending} onClick={() => publish.mutate()}>
                Publier cette version
              </Button>
              {publish.isError && (
                <Alert className="fr-mt-2w" small severity="error" description={errorMessage(publish.error)} />
              )}
            </>
          )}
        </>
      )}
    </div>
  );
}
