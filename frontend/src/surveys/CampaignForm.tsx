import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { errorMessage } from "../api/problem";
import { useSession } from "../auth/session";
import { useActions } from "../hooks/queries/policy";
import { useCreateSurveyCampaign, useQuestionnaireVersions } from "../hooks/queries/surveys";
import { DEFAULT_POLICY_YEAR } from "../policy/PolicyPage";

const SPONTANEOUS = "spontaneous";

/** Sets up a campaign: the action, the published questionnaire, the sampling rule. */
export function CampaignForm() {
  const actions = useActions(DEFAULT_POLICY_YEAR);
  const versions = useQuestionnaireVersions();
  const create = useCreateSurveyCampaign();
  const navigate = useNavigate();
  const caisse = useSession()?.user.caisse_code ?? null;
  // A caisse surveys with the national model or its regional version; the national office
  // with the national model.
  const published =
    versions.data?.filter(
      (v) => v.status === "published" && (v.caisse_code === null || v.caisse_code === caisse),
    ) ?? [];
  const [title, setTitle] = useState("");
  const [action, setAction] = useState("");
  const [versionId, setVersionId] = useState("");
  const [rule, setRule] = useState<"share" | "count">("share");
  const [share, setShare] = useState("20");
  const [count, setCount] = useState("100");
  const [minimum, setMinimum] = useState("30");
  const chosenVersion = versionId || String(published[0]?.id ?? "");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        title: title.trim(),
        action_id: action === SPONTANEOUS ? null : Number(action),
        questionnaire_version_id: Number(chosenVersion),
        sample_share: rule === "share" ? Number(share) / 100 : null,
        sample_count: rule === "count" ? Number(count) : null,
        minimum_per_caisse: Number(minimum),
      },
      { onSuccess: (campaign) => navigate(`/enquetes/campagnes/${campaign.id}`) },
    );
  };

  return (
    <form onSubmit={submit} aria-label="Nouvelle campagne">
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend fr-h4">Nouvelle campagne</legend>
        <div className="fr-fieldset__element">
          <Input
            label="Titre"
            nativeInputProps={{ value: title, required: true, maxLength: 200, onChange: (e) => setTitle(e.target.value) }}
          />
        </div>
        <div className="fr-fieldset__element">
          <Select
            label={`Action enquêtée (${DEFAULT_POLICY_YEAR})`}
            nativeSelectProps={{ value: action, required: true, onChange: (e) => setAction(e.target.value) }}
          >
            <option value="" disabled>
              Choisir une action
            </option>
            {actions.data?.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
            <option value={SPONTANEOUS}>Entretiens spontanés (hors action)</option>
          </Select>
        </div>
        <div className="fr-fieldset__element">
          <Select
            label="Questionnaire (version publiée)"
            nativeSelectProps={{ value: chosenVersion, required: true, onChange: (e) => setVersionId(e.target.value) }}
          >
            {published.map((v) => (
              <option key={v.id} value={v.id}>
                {v.caisse_code ? `Régional ${v.caisse_code}` : "National"} — version {v.number}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-fieldset__element">
          <RadioButtons
            legend="Règle d’échantillonnage"
            name="sampling-rule"
            options={[
              {
                label: "Une part des contacts réalisés",
                nativeInputProps: { checked: rule === "share", onChange: () => setRule("share") },
              },
              {
                label: "Un nombre de personnes par caisse",
                nativeInputProps: { checked: rule === "count", onChange: () => setRule("count") },
              },
            ]}
          />
        </div>
        <div className="fr-fieldset__element">
          {rule === "share" ? (
            <Input
              label="Part des contacts enquêtés (%)"
              nativeInputProps={{ type: "number", min: 1, max: 100, step: "any", required: true, value: share, onChange: (e) => setShare(e.target.value) }}
            />
          ) : (
            <Input
              label="Personnes enquêtées par caisse"
              nativeInputProps={{ type: "number", min: 1, required: true, value: count, onChange: (e) => setCount(e.target.value) }}
            />
          )}
        </div>
        <div className="fr-fieldset__element">
          <Input
            label="Minimum de personnes enquêtées par caisse"
            hintText="Atteint quel que soit l’échantillon, pour que chaque cible soit analysée."
            nativeInputProps={{ type: "number", min: 0, required: true, value: minimum, onChange: (e) => setMinimum(e.target.value) }}
          />
        </div>
        {create.isError && (
          <Alert className="fr-mb-2w" small severity="error" description={errorMessage(create.error)} />
        )}
        <div className="fr-fieldset__element">
          <Button type="submit" disabled={create.isPending}>
            Créer la campagne
          </Button>
        </div>
      </fieldset>
    </form>
  );
}
