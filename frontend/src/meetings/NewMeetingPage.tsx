import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { ApiError, errorMessage } from "../api/problem";
import type { MeetingKind } from "../api/types";
import { parisIso } from "../agenda/time";
import { useCreateMeeting, useProfessionalCategories } from "../hooks/queries/meetings";
import { useActions } from "../hooks/queries/policy";
import { MEETING_KIND_LABELS } from "../interviews/labels";
import { usePageTitle } from "../layout/usePageTitle";
import { DEFAULT_POLICY_YEAR } from "../policy/PolicyPage";

const KINDS = Object.keys(MEETING_KIND_LABELS) as MeetingKind[];

type Form = {
  action_id: string;
  kind: MeetingKind;
  title: string;
  partner_event: string;
  place: string;
  starts_at: string;
  ends_at: string;
  capacity: string;
  professional_category: string;
  topics: string;
};
type Errors = Partial<Record<keyof Form, string>>;

/** "2026-12-01T09:30" (a Paris wall-clock time from a datetime-local input) → ISO with offset. */
export function parisDateTime(local: string): string {
  const [day = "", time = "00:00"] = local.split("T");
  return parisIso(day, time.slice(0, 5));
}

/** One topic per line, blank lines dropped. */
export function topicLines(text: string): string[] {
  return text
    .split("\n")
    .map((t) => t.trim())
    .filter(Boolean);
}

function check(form: Form): Errors {
  const errors: Errors = {};
  if (!form.action_id) errors.action_id = "Choisissez l’action.";
  if (!form.title.trim()) errors.title = "Donnez un intitulé.";
  if (!form.place.trim()) errors.place = "Indiquez le lieu.";
  if (!form.starts_at) errors.starts_at = "Indiquez le début.";
  if (!form.ends_at) errors.ends_at = "Indiquez la fin.";
  else if (form.starts_at && form.ends_at <= form.starts_at) errors.ends_at = "La fin doit suivre le début.";
  if (!/^\d+$/.test(form.capacity) || Number(form.capacity) < 1) errors.capacity = "Indiquez un nombre de places (au moins 1).";
  if (form.kind === "trade_show") {
    if (!form.partner_event.trim()) errors.partner_event = "Indiquez le salon ou l’événement qui accueille la rencontre.";
    if (!form.professional_category) errors.professional_category = "Choisissez la catégorie professionnelle.";
  }
  return errors;
}

/** A new collective meeting of one of the year's meeting actions. */
export function NewMeetingPage() {
  usePageTitle("Nouvelle rencontre");
  const navigate = useNavigate();
  const actions = useActions(DEFAULT_POLICY_YEAR);
  const categories = useProfessionalCategories();
  const create = useCreateMeeting();
  const [form, setForm] = useState<Form>({
    action_id: "",
    kind: "auto_entrepreneurs",
    title: "",
    partner_event: "",
    place: "",
    starts_at: "",
    ends_at: "",
    capacity: "30",
    professional_category: "",
    topics: "",
  });
  const [errors, setErrors] = useState<Errors>({});
  const set = (key: keyof Form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const meetingActions = (actions.data ?? []).filter((a) => a.contact_type === "collective_meeting");
  // At a trade show, only categories with professional-risk information.
  const shownCategories = (categories.data ?? []).filter(
    (c) => form.kind !== "trade_show" || c.has_risk_information,
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = check(form);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    create.mutate(
      {
        action_id: Number(form.action_id),
        kind: form.kind,
        title: form.title.trim(),
        partner_event: form.partner_event.trim() || null,
        place: form.place.trim(),
        starts_at: parisDateTime(form.starts_at),
        ends_at: parisDateTime(form.ends_at),
        capacity: Number(form.capacity),
        professional_category: form.professional_category || null,
        topics: topicLines(form.topics),
      },
      {
        onSuccess: (meeting) => navigate(`/rencontres/${meeting.id}`),
        onError: (error) => {
          if (!(error instanceof ApiError)) return;
          const fromServer: Errors = {};
          for (const { field, message } of error.fieldErrors) {
            fromServer[field.split(".").pop() as keyof Form] = message;
          }
          setErrors(fromServer);
        },
      },
    );
  }

  const state = (key: keyof Form) =>
    errors[key] ? ({ state: "error", stateRelatedMessage: errors[key] } as const) : ({ state: "default" } as const);
  const input = (key: keyof Form, label: string, type = "text", hintText?: string) => (
    <Input
      label={label}
      hintText={hintText}
      {...state(key)}
      nativeInputProps={{ type, value: form[key], onChange: (e) => set(key)(e.target.value) }}
    />
  );

  return (
    <div className="fr-container fr-py-4w">
      <Breadcrumb
        homeLinkProps={{ to: "/" }}
        segments={[{ label: "Rencontres", linkProps: { to: "/rencontres" } }]}
        currentPageLabel="Nouvelle rencontre"
      />
      <h1>Nouvelle rencontre</h1>
      <form onSubmit={submit} noValidate aria-label="Nouvelle rencontre" style={{ maxWidth: "44rem" }}>
        <Select
          label="Action"
          {...state("action_id")}
          nativeSelectProps={{ value: form.action_id, onChange: (e) => set("action_id")(e.target.value) }}
        >
          <option value="" disabled>
            {actions.isPending ? "Chargement des actions…" : "Choisir une action de rencontre"}
          </option>
          {meetingActions.map((a) => (
            <option key={a.id} value={a.id}>
              {a.code} — {a.title}
            </option>
          ))}
        </Select>
        <RadioButtons
          legend="Type de rencontre"
          name="kind"
          options={KINDS.map((kind) => ({
            label: MEETING_KIND_LABELS[kind],
            nativeInputProps: {
              value: kind,
              checked: form.kind === kind,
              onChange: () => setForm((f) => ({ ...f, kind, professional_category: "" })),
            },
          }))}
        />
        {input("title", "Intitulé")}
        {input("partner_event", form.kind === "trade_show" ? "Salon ou événement" : "Événement partenaire (facultatif)")}
        {input("place", "Lieu")}
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">{input("starts_at", "Début", "datetime-local")}</div>
          <div className="fr-col-12 fr-col-md-6">{input("ends_at", "Fin", "datetime-local")}</div>
        </div>
        {input("capacity", "Nombre de places", "number")}
        <Select
          label={form.kind === "trade_show" ? "Catégorie professionnelle" : "Catégorie professionnelle (facultatif)"}
          hint={form.kind === "trade_show" ? "Seules les catégories disposant d’informations sur les risques professionnels." : undefined}
          {...state("professional_category")}
          nativeSelectProps={{
            value: form.professional_category,
            onChange: (e) => set("professional_category")(e.target.value),
          }}
        >
          <option value="">{form.kind === "trade_show" ? "Choisir une catégorie" : "Toutes catégories"}</option>
          {shownCategories.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </Select>
        <Input
          label="Thèmes abordés"
          hintText="Un thème par ligne."
          textArea
          {...state("topics")}
          nativeTextAreaProps={{ value: form.topics, rows: 4, onChange: (e) => set("topics")(e.target.value) }}
        />
        {create.isError && (
          <Alert small severity="error" className="fr-mb-2w" title="La rencontre n’a pas été créée" description={errorMessage(create.error)} />
        )}
        <Button type="submit" disabled={create.isPending}>
          Créer la rencontre
        </Button>
      </form>
    </div>
  );
}
