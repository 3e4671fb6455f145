import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Link, useNavigate } from "react-router-dom";
import { errorMessage } from "../api/problem";
import { hasFeature } from "../auth/roles";
import { useSession } from "../auth/session";
import { formatShortDate } from "../format";
import { useCreateDraft, useQuestionnaireVersions } from "../hooks/queries/surveys";
import { usePageTitle } from "../layout/usePageTitle";
import { VERSION_STATUS_LABELS } from "./labels";

const STATUS_SEVERITY = { draft: "new", published: "success", retired: undefined } as const;

/** The versions of the national model and of the caisse's regional questions. */
export function QuestionnairesPage() {
  usePageTitle("Questionnaires");
  const user = useSession()?.user;
  const versions = useQuestionnaireVersions();
  const createDraft = useCreateDraft();
  const navigate = useNavigate();
  const regional = Boolean(user?.caisse_code);

  return (
    <div className="fr-container fr-py-4w">
      <h1>Questionnaires de satisfaction</h1>
      <p>
        Le modèle national est défini par la Caisse nationale ; chaque caisse peut y ajouter des
        questions régionales, posées après les questions nationales. Une version publiée ne change
        plus : pour la modifier, créez une nouvelle version.
      </p>
      {hasFeature(user?.role, "editSurveys") && (
        <div className="fr-mb-3w">
          <Button
            iconId="fr-icon-add-line"
            priority="secondary"
            disabled={createDraft.isPending}
            onClick={() =>
              createDraft.mutate(undefined, {
                onSuccess: (draft) => navigate(`/enquetes/questionnaires/${draft.id}`),
              })
            }
          >
            {regional ? "Nouvelle version des questions régionales" : "Nouvelle version du modèle national"}
          </Button>
          {createDraft.isError && (
            <Alert className="fr-mt-2w" small severity="error" description={errorMessage(createDraft.error)} />
          )}
        </div>
      )}
      {versions.isPending && <p role="status">Chargement des questionnaires…</p>}
      {versions.isError && (
        <Alert severity="error" title="Impossible d’afficher les questionnaires" description={errorMessage(versions.error)} />
      )}
      {versions.data && (
        <div className="fr-table">
          <table>
            <caption>Versions des questionnaires</caption>
            <thead>
              <tr>
                <th scope="col">Modèle</th>
                <th scope="col">Version</th>
                <th scope="col">Titre</th>
                <th scope="col">Statut</th>
                <th scope="col">Publiée le</th>
              </tr>
            </thead>
            <tbody>
              {versions.data.map((version) => (
                <tr key={version.id}>
                  <td>{version.caisse_code ? `Régional (${version.caisse_code})` : "National"}</td>
                  <td>
                    <Link to={`/enquetes/questionnaires/${version.id}`}>Version {version.number}</Link>
                  </td>
                  <td>{version.title}</td>
                  <td>
                    <Badge as="span" small noIcon severity={STATUS_SEVERITY[version.status]}>
                      {VERSION_STATUS_LABELS[version.status]}
                    </Badge>
                  </td>
                  <td>{formatShortDate(version.published_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
