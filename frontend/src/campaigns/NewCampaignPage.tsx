import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState, type FormEvent } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { ApiError, errorMessage } from "../api/problem";
import type { CampaignCreate, CampaignPurpose, CapacityCheck, ContactType, LetterPreview } from "../api/types";
import { formatDateTime, plural } from "../format";
import { useLetterTemplates, usePreviewCampaign, useStartCampaign } from "../hooks/queries/letters";
import { useMeetings } from "../hooks/queries/meetings";
import { useAction } from "../hooks/queries/policy";
import { useTargetList } from "../hooks/queries/targets";
import { PURPOSE_LABELS } from "../interviews/labels";
import { usePageTitle } from "../layout/usePageTitle";
import { useCapacity } from "../hooks/queries/selfservice";
import { capacityText, refusedCapacity } from "./capacity";

const PURPOSES = Object.keys(PURPOSE_LABELS) as CampaignPurpose[];
const PHONE = /^[0-9 +().-]{4,30}$/;

/** What the letters of an action are for, by default. */
export function defaultPurpose(contactType: ContactType | undefined): CampaignPurpose {
  if (contactType === "collective_meeting") return "meeting";
  if (contactType === "letter") return "information";
  return "interview";
}

type Errors = Partial<Record<"template_id" | "meeting_id" | "contact_phone" | "reply_by", string>>;

/** French messages for the fields the service refused. */
function serverErrors(error: unknown): Errors {
  if (!(error instanceof ApiError)) return {};
  const errors: Errors = {};
  for (const { field, message } of error.fieldErrors) {
    const name = field.split(".").pop() as keyof Errors;
    if (["template_id", "meeting_id", "contact_phone", "reply_by"].includes(name)) {
      errors[name] = message;
    }
  }
  return errors;
}

/** "Lancer un envoi de courriers" on a target list: template, purpose, phone, reply date. */
export function NewCampaignPage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const list = useTargetList(id);
  const action = useAction(list.data?.action_id);
  const templates = useLetterTemplates();
  const meetings = useMeetings();
  const start = useStartCampaign();
  const preview = usePreviewCampaign();
  usePageTitle("Lancer un envoi de courriers");

  const [templateId, setTemplateId] = useState("");
  const [purpose, setPurpose] = useState<CampaignPurpose | null>(null);
  const [meetingId, setMeetingId] = useState("");
  const [phone, setPhone] = useState("");
  const [replyBy, setReplyBy] = useState("");
  const [capacityCheck, setCapacityCheck] = useState<Exclude<CapacityCheck, "off">>("refuse");
  const [errors, setErrors] = useState<Errors>({});
  const chosenPurpose = purpose ?? defaultPurpose(action.data?.contact_type);
  const interviews = chosenPurpose === "interview";
  const capacity = useCapacity(id, interviews && list.data?.status === "ready");
  const refused = refusedCapacity(start.error);

  function request(): CampaignCreate | null {
    const found: Errors = {};
    if (templateId === "") found.template_id = "Choisissez un modèle de courrier.";
    if (chosenPurpose === "meeting" && meetingId === "") found.meeting_id = "Choisissez la rencontre.";
    if (!PHONE.test(phone.trim())) {
      found.contact_phone = "Indiquez un numéro de téléphone (chiffres, espaces, +, points ou tirets).";
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return null;
    return {
      target_list_id: id,
      template_id: Number(templateId),
      purpose: chosenPurpose,
      meeting_id: chosenPurpose === "meeting" ? Number(meetingId) : null,
      contact_phone: phone.trim(),
      reply_by: replyBy || null,
      capacity_check: interviews ? capacityCheck : "off",
    };
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = request();
    if (body === null) return;
    start.mutate(body, {
      onSuccess: (campaign) => navigate(`/campagnes/${campaign.id}`),
      onError: (error) => setErrors(serverErrors(error)),
    });
  }

  function showPreview() {
    const body = request();
    if (body !== null) preview.mutate(body, { onError: (error) => setErrors(serverErrors(error)) });
  }

  const state = (field: keyof Errors) =>
    errors[field]
      ? ({ state: "error", stateRelatedMessage: errors[field] } as const)
      : ({ state: "default" } as const);

  return (
    <div className="fr-container fr-py-4w">
      <Breadcrumb
        homeLinkProps={{ to: "/" }}
        segments={[{ label: "Liste de ciblage", linkProps: { to: `/listes/${id}` } }]}
        currentPageLabel="Envoi de courriers"
      />
      <h1>Lancer un envoi de courriers</h1>
      {list.isError && <Alert severity="error" title="Liste introuvable" description={errorMessage(list.error)} />}
      {list.data && (
        <p>
          {action.data ? <>Action : <strong>{action.data.title}</strong>. </> : null}
          Liste du {formatDateTime(list.data.created_at)} : {plural(list.data.size, "personne")}, un
          courrier chacune.
        </p>
      )}
      {list.data && list.data.status !== "ready" && (
        <Alert severity="warning" small description="La liste n’est pas encore prête : attendez la fin de sa constitution." />
      )}
      <form onSubmit={submit} noValidate aria-label="Envoi de courriers" style={{ maxWidth: "40rem" }}>
        <Select
          label="Modèle de courrier"
          {...state("template_id")}
          nativeSelectProps={{ value: templateId, onChange: (e) => setTemplateId(e.target.value) }}
        >
          <option value="" disabled>
            {templates.isPending ? "Chargement des modèles…" : "Choisir un modèle"}
          </option>
          {(templates.data ?? []).map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} {t.caisse_code ? `(caisse ${t.caisse_code})` : "(national)"}
            </option>
          ))}
        </Select>
        <RadioButtons
          legend="Objet du courrier"
          name="purpose"
          options={PURPOSES.map((p) => ({
            label: PURPOSE_LABELS[p],
            nativeInputProps: { value: p, checked: chosenPurpose === p, onChange: () => setPurpose(p) },
          }))}
        />
        {chosenPurpose === "meeting" && (
          <Select
            label="Rencontre"
            {...state("meeting_id")}
            nativeSelectProps={{ value: meetingId, onChange: (e) => setMeetingId(e.target.value) }}
          >
            <option value="" disabled>
              {meetings.isPending ? "Chargement des rencontres…" : "Choisir une rencontre"}
            </option>
            {(meetings.data ?? [])
              .filter((m) => m.status === "planned")
              .map((m) => (
                <option key={m.id} value={m.id}>
                  {m.title} — {formatDateTime(m.starts_at)}, {m.place}
                </option>
              ))}
          </Select>
        )}
        <Input
          label="Téléphone pour prendre rendez-vous"
          hintText="Imprimé sur le courrier, ex. 04 79 00 00 00"
          {...state("contact_phone")}
          nativeInputProps={{ value: phone, type: "tel", onChange: (e) => setPhone(e.target.value) }}
        />
        <Input
          label="Date limite de réponse (facultatif)"
          {...state("reply_by")}
          nativeInputProps={{ value: replyBy, type: "date", onChange: (e) => setReplyBy(e.target.value) }}
        />
        {interviews && (
          <section aria-labelledby="capacite" className="fr-mb-3w">
            <h2 id="capacite" className="fr-h5">
              Créneaux pour recevoir les personnes
            </h2>
            <div aria-live="polite">
              {capacity.isPending && <p>Calcul des créneaux libres…</p>}
              {capacity.isError && (
                <p>Les créneaux libres n’ont pas pu être comptés : {errorMessage(capacity.error)}</p>
              )}
              {capacity.data && (
                <Alert
                  small
                  severity={capacity.data.enough ? "info" : "warning"}
                  className="fr-mb-2w"
                  description={`${capacityText(capacity.data)}.${
                    capacity.data.enough ? "" : " Les créneaux ne suffiront pas."
                  }`}
                />
              )}
            </div>
            <RadioButtons
              legend="Si les créneaux manquent"
              name="capacity_check"
              options={[
                {
                  label: "Refuser si les créneaux manquent",
                  nativeInputProps: {
                    value: "refuse",
                    checked: capacityCheck === "refuse",
                    onChange: () => setCapacityCheck("refuse"),
                  },
                },
                {
                  label: "Envoyer avec un avertissement",
                  nativeInputProps: {
                    value: "warn",
                    checked: capacityCheck === "warn",
                    onChange: () => setCapacityCheck("warn"),
                  },
                },
              ]}
            />
          </section>
        )}
        {refused ? (
          <Alert
            small
            severity="error"
            className="fr-mb-2w"
            title="L’envoi n’a pas été lancé : les créneaux manquent"
            description={`${capacityText(refused)}. Ajoutez des disponibilités, réduisez la liste ou choisissez « Envoyer avec un avertissement ».`}
          />
        ) : start.isError && (
          <Alert
            small
            severity="error"
            className="fr-mb-2w"
            title="L’envoi n’a pas été lancé"
            description={errorMessage(start.error)}
          />
        )}
        {preview.data && <LetterPreviewPanel preview={preview.data} />}
        {preview.isError && (
          <Alert small severity="error" className="fr-mb-2w" description={errorMessage(preview.error)} />
        )}
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
          <li>
            <Button
              type="button"
              priority="secondary"
              onClick={showPreview}
              disabled={preview.isPending || list.data?.status !== "ready"}
            >
              Prévisualiser un courrier
            </Button>
          </li>
          <li>
            <Button type="submit" disabled={start.isPending || list.data?.status !== "ready"}>
              Lancer l’envoi
            </Button>
          </li>
        </ul>
      </form>
    </div>
  );
}

/** The first person's letter before launching, with a warning for the fields left empty. */
function LetterPreviewPanel({ preview }: { preview: LetterPreview }) {
  return (
    <section aria-labelledby="apercu" className="fr-mb-3w">
      <h2 id="apercu" className="fr-h5">
        Aperçu du courrier de la première personne de la liste
      </h2>
      {preview.empty_fields.length > 0 && (
        <Alert
          small
          severity="warning"
          className="fr-mb-2w"
          description={`Champs vides dans ce courrier : ${preview.empty_fields.map((f) => f.label).join(", ")}. Complétez le formulaire, ou placez la phrase dans un bloc conditionnel [[ … ]] du modèle.`}
        />
      )}
      <div className="fr-p-2w" style={{ border: "1px solid var(--border-default-grey)", whiteSpace: "pre-line" }}>
        <p className="fr-mb-1w">{preview.recipient.join("\n")}</p>
        <p className="fr-text--bold fr-mb-1w">Objet : {preview.subject}</p>
        <p className="fr-mb-0">{preview.body}</p>
      </div>
    </section>
  );
}
