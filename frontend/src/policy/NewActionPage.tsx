import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { useState, type FormEvent } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { ApiError, errorMessage } from "../api/problem";
import type { ActionCreate, ContactType } from "../api/types";
import { useSession } from "../auth/session";
import { CONTACT_TYPE_LABELS } from "../format";
import { useCreateAction } from "../hooks/queries/policy";
import { usePageTitle } from "../layout/usePageTitle";
import { frenchMessage } from "./targetForm";

type Fields = {
  code: string;
  title: string;
  contact_type: ContactType;
  target_description: string;
  specific_objective: string;
  content: string;
  calendar_start: string;
  calendar_end: string;
  modalities: string;
  tools: string;
  recency_window_days: string;
  interview_minutes: string;
  buffer_minutes: string;
  booking_link_days: string;
  change_notice_hours: string;
  reminder_after_days: string;
};

const CONTACT_TYPES: ContactType[] = ["individual_interview", "letter", "collective_meeting"];

/**
 * A new action of the year: a caisse manager's is regional (its caisse), the national
 * office's joins the socle. The target starts as the whole population; it is refined on
 * the action's page, with the counts.
 */
export function NewActionPage() {
  const { year: yearParam = "" } = useParams();
  const year = Number(yearParam);
  const session = useSession();
  const regional = session?.user.role === "caisse_manager";
  const heading = regional ? `Nouvelle action régionale ${year}` : `Nouvelle action du socle ${year}`;
  usePageTitle(heading);
  const navigate = useNavigate();
  const create = useCreateAction(year);
  const [fields, setFields] = useState<Fields>({
    code: "",
    title: "",
    contact_type: "individual_interview",
    target_description: "",
    specific_objective: "",
    content: "",
    calendar_start: `${year}-01-01`,
    calendar_end: `${year}-12-31`,
    modalities: "",
    tools: "",
    recency_window_days: "365",
    interview_minutes: "45",
    buffer_minutes: "15",
    booking_link_days: "10",
    change_notice_hours: "24",
    reminder_after_days: "5",
  });
  const [reminders, setReminders] = useState(true);
  const [localErrors, setLocalErrors] = useState<Partial<Record<keyof Fields, string>>>({});

  if (!(Number.isInteger(year) && year >= 2000 && year <= 2100)) {
    return (
      <div className="fr-container fr-py-4w">
        <h1>Nouvelle action</h1>
        <Alert severity="error" title="Année invalide" description="Choisissez une année entre 2000 et 2100." />
      </div>
    );
  }

  const apiErrors = create.error instanceof ApiError ? create.error.fieldErrors : [];
  const conflict = create.error instanceof ApiError && create.error.status === 409;
  function error(name: keyof Fields): string | undefined {
    if (localErrors[name]) return localErrors[name];
    if (name === "code" && conflict) return `Une action de ${year} porte déjà ce code.`;
    const found = apiErrors.find((e) => e.field === name || e.field.startsWith(`${name}.`));
    return found ? frenchMessage(found.message) : undefined;
  }
  const state = (name: keyof Fields) => {
    const message = error(name);
    return message
      ? ({ state: "error", stateRelatedMessage: message } as const)
      : ({ state: "default" } as const);
  };
  const set = (name: keyof Fields) => (value: string) => setFields((f) => ({ ...f, [name]: value }));
  const text = (name: keyof Fields, label: string, hint?: string, area = false) =>
    area ? (
      <Input
        label={label}
        hintText={hint}
        textArea
        {...state(name)}
        nativeTextAreaProps={{
          value: fields[name],
          rows: 3,
          onChange: (e) => set(name)(e.target.value),
        }}
      />
    ) : (
      <Input
        label={label}
        hintText={hint}
        {...state(name)}
        nativeInputProps={{ value: fields[name], onChange: (e) => set(name)(e.target.value) }}
      />
    );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: Partial<Record<keyof Fields, string>> = {};
    const code = fields.code.trim().toUpperCase();
    if (!/^[A-Z0-9_-]{1,40}$/.test(code)) {
      errors.code = "Lettres majuscules, chiffres, « - » ou « _ » (40 au plus).";
    }
    for (const name of ["title", "target_description", "specific_objective", "content", "modalities", "tools"] as const) {
      if (fields[name].trim() === "") errors[name] = "Ce champ est obligatoire.";
    }
    if (!fields.calendar_start) errors.calendar_start = "Indiquez la date de début.";
    if (!fields.calendar_end) errors.calendar_end = "Indiquez la date de fin.";
    if (fields.calendar_start && fields.calendar_end && fields.calendar_start > fields.calendar_end) {
      errors.calendar_end = "La fin doit suivre le début.";
    }
    if (!/^\d+$/.test(fields.recency_window_days.trim())) {
      errors.recency_window_days = "Indiquez un nombre de jours.";
    }
    const minutes = fields.interview_minutes.trim();
    if (minutes !== "" && !/^\d+$/.test(minutes)) errors.interview_minutes = "Indiquez un nombre de minutes.";
    const buffer = fields.buffer_minutes.trim();
    if (!/^\d+$/.test(buffer)) errors.buffer_minutes = "Indiquez un nombre de minutes (0 si aucun).";
    const whole = (name: keyof Fields, min: number, max: number, unit: string) => {
      const value = Number(fields[name].trim());
      if (!/^\d+$/.test(fields[name].trim()) || value < min || value > max) {
        errors[name] = `Indiquez un nombre de ${unit} entre ${min} et ${max}.`;
      }
    };
    whole("booking_link_days", 1, 90, "jours");
    whole("change_notice_hours", 0, 336, "heures");
    if (reminders) whole("reminder_after_days", 1, 60, "jours");
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) return;

    const action: ActionCreate = {
      code,
      title: fields.title.trim(),
      contact_type: fields.contact_type,
      target_description: fields.target_description.trim(),
      specific_objective: fields.specific_objective.trim(),
      content: fields.content.trim(),
      calendar_start: fields.calendar_start,
      calendar_end: fields.calendar_end,
      modalities: fields.modalities.trim(),
      tools: fields.tools.trim(),
      recency_window_days: Number(fields.recency_window_days),
      interview_minutes: minutes === "" ? null : Number(minutes),
      buffer_minutes: Number(buffer),
      booking_link_days: Number(fields.booking_link_days),
      change_notice_hours: Number(fields.change_notice_hours),
      reminder_after_days: reminders ? Number(fields.reminder_after_days) : null,
      target_definition: { filter: {}, priorities: [] },
    };
    create.mutate(action, { onSuccess: (created) => navigate(`/actions/${created.id}`) });
  }

  const otherError =
    create.isError && !conflict && apiErrors.length === 0 ? errorMessage(create.error) : null;

  return (
    <div className="fr-container fr-py-4w">
      <Breadcrumb
        homeLinkProps={{ to: "/" }}
        segments={[{ label: `Politique de contact ${year}`, linkProps: { to: `/politique/${year}` } }]}
        currentPageLabel="Nouvelle action"
      />
      <h1>{heading}</h1>
      <p>
        {regional
          ? `L’action s’ajoute au socle national pour votre caisse (${session?.user.caisse_code}).`
          : "L’action rejoint le socle que toutes les caisses doivent mener."}{" "}
        Sa cible se définit ensuite sur la page de l’action, avec les volumes.
      </p>
      <form onSubmit={onSubmit} aria-label="Nouvelle action" noValidate style={{ maxWidth: "48rem" }}>
        {text("code", "Code", "Lettres majuscules, chiffres, « - » ou « _ », ex. SALON_ARTISANAT")}
        {text("title", "Intitulé")}
        <RadioButtons
          legend="Type de contact"
          name="contact_type"
          orientation="horizontal"
          options={CONTACT_TYPES.map((type) => ({
            label: CONTACT_TYPE_LABELS[type],
            nativeInputProps: {
              value: type,
              checked: fields.contact_type === type,
              onChange: () => setFields((f) => ({ ...f, contact_type: type })),
            },
          }))}
        />
        {text("target_description", "Public cible", "La cible, décrite en quelques mots.", true)}
        {text("specific_objective", "Objectif spécifique", undefined, true)}
        {text("content", "Contenu", undefined, true)}
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">
            <Input
              label="Début du calendrier"
              {...state("calendar_start")}
              nativeInputProps={{
                type: "date",
                value: fields.calendar_start,
                onChange: (e) => set("calendar_start")(e.target.value),
              }}
            />
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <Input
              label="Fin du calendrier"
              {...state("calendar_end")}
              nativeInputProps={{
                type: "date",
                value: fields.calendar_end,
                onChange: (e) => set("calendar_end")(e.target.value),
              }}
            />
          </div>
        </div>
        {text("modalities", "Modalités", "Ex. entretiens physiques ou téléphoniques.", true)}
        {text("tools", "Outils", "Ex. trame d’entretien, courriers, supports de communication.", true)}
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">
            {text(
              "recency_window_days",
              "Délai sans nouveau contact (jours)",
              "Les personnes contactées depuis moins longtemps sont écartées des listes (0 : aucune).",
            )}
          </div>
          <div className="fr-col-12 fr-col-md-6">
            {text("interview_minutes", "Durée d’un entretien (minutes)", "De 10 à 240 ; vide si sans objet.")}
            {text("buffer_minutes", "Battement après chaque entretien (minutes)", "De 0 à 120 : temps gardé libre entre deux entretiens.")}
          </div>
        </div>
        {fields.contact_type === "individual_interview" && (
          <fieldset className="fr-fieldset" aria-labelledby="lien-personnel">
            <legend id="lien-personnel" className="fr-fieldset__legend">
              Rendez-vous pris par les personnes (lien personnel)
            </legend>
            <div className="fr-fieldset__element">
              {text(
                "booking_link_days",
                "Durée de validité du lien (jours)",
                "De 1 à 90 : après, le lien ne permet plus de prendre rendez-vous.",
              )}
            </div>
            <div className="fr-fieldset__element">
              {text(
                "change_notice_hours",
                "Délai de modification (heures)",
                "De 0 à 336 : jusqu’à combien d’heures avant l’entretien la personne peut le déplacer ou l’annuler.",
              )}
            </div>
            <div className="fr-fieldset__element">
              <Checkbox
                options={[
                  {
                    label: "Pas de relance",
                    hintText: "Aucun rappel aux personnes qui n’ont pas pris rendez-vous.",
                    nativeInputProps: { checked: !reminders, onChange: (e) => setReminders(!e.target.checked) },
                  },
                ]}
              />
              {reminders &&
                text(
                  "reminder_after_days",
                  "Relance après (jours)",
                  "De 1 à 60 : rappel à qui n’a pas pris rendez-vous après ce nombre de jours.",
                )}
            </div>
          </fieldset>
        )}
        {otherError && (
          <Alert
            className="fr-mb-2w"
            severity="error"
            title="L’action n’a pas pu être créée"
            description={otherError}
          />
        )}
        <Button type="submit" iconId="fr-icon-add-line" disabled={create.isPending}>
          Créer l’action
        </Button>
      </form>
    </div>
  );
}
