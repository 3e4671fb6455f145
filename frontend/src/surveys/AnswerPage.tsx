import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useParams } from "react-router-dom";
import { ApiError, errorMessage } from "../api/problem";
import type { AnswerForm, AnswerValue } from "../api/types";
import { useAnswerForm, useSubmitAnswers } from "../hooks/queries/surveys";
import { usePageTitle } from "../layout/usePageTitle";

type Answers = Record<string, AnswerValue>;
type QuestionToAnswer = AnswerForm["questions"][number];

const SCALE = ["1", "2", "3", "4", "5"];

function isBlank(value: AnswerValue | undefined): boolean {
  return (
    value === undefined ||
    value === null ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === "string" && value.trim() === "")
  );
}

/** One question, as a fieldset whose legend is the question (or a labelled text area). */
function QuestionField({
  question,
  value,
  error,
  onChange,
}: {
  question: QuestionToAnswer;
  value: AnswerValue | undefined;
  error: string | undefined;
  onChange: (value: AnswerValue) => void;
}) {
  const legend = `${question.label}${question.required ? "" : " (facultatif)"}`;
  const state = error ? ("error" as const) : ("default" as const);
  const name = `q-${question.key}`;
  if (question.type === "free_text") {
    return (
      <Input
        label={legend}
        textArea
        state={state}
        stateRelatedMessage={error}
        nativeTextAreaProps={{
          name,
          value: typeof value === "string" ? value : "",
          maxLength: 2000,
          rows: 4,
          onChange: (e) => onChange(e.target.value),
        }}
      />
    );
  }
  if (question.type === "multiple_choice") {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <Checkbox
        legend={legend}
        state={state}
        stateRelatedMessage={error}
        options={question.options.map((option) => ({
          label: option,
          nativeInputProps: {
            name,
            value: option,
            checked: chosen.includes(option),
            onChange: (e) =>
              onChange(
                e.target.checked ? [...chosen, option] : chosen.filter((c) => c !== option),
              ),
          },
        }))}
      />
    );
  }
  const choices: { label: string; value: AnswerValue }[] =
    question.type === "scale_1_5"
      ? SCALE.map((s) => ({ label: s, value: Number(s) }))
      : question.type === "yes_no"
        ? [
            { label: "Oui", value: true },
            { label: "Non", value: false },
          ]
        : question.options.map((o) => ({ label: o, value: o }));
  return (
    <RadioButtons
      legend={legend}
      name={name}
      orientation={question.type === "single_choice" ? "vertical" : "horizontal"}
      state={state}
      stateRelatedMessage={error}
      options={choices.map((choice) => ({
        label: choice.label,
        nativeInputProps: {
          value: String(choice.value),
          checked: value === choice.value,
          onChange: () => onChange(choice.value),
          required: question.required,
        },
      }))}
    />
  );
}

/** French messages for the service's field errors (`answers.<key>`). */
function serverErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.status !== 422) return {};
  return Object.fromEntries(
    error.fieldErrors
      .filter((e) => e.field.startsWith("answers."))
      .map((e) => [e.field.slice("answers.".length), "Cette réponse n’est pas valide."]),
  );
}

function Questionnaire({ token, form }: { token: string; form: AnswerForm }) {
  const [answers, setAnswers] = useState<Answers>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = useSubmitAnswers(token);
  const summary = useRef<HTMLDivElement>(null);
  const thanks = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (submit.isSuccess) thanks.current?.focus();
  }, [submit.isSuccess]);

  if (submit.isSuccess) {
    return (
      <>
        <h2 ref={thanks} tabIndex={-1}>
          Merci pour votre participation
        </h2>
        <p role="status">Vos réponses ont bien été enregistrées.</p>
      </>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const missing = Object.fromEntries(
      form.questions
        .filter((q) => q.required && isBlank(answers[q.key]))
        .map((q) => [q.key, "Veuillez répondre à cette question."]),
    );
    setErrors(missing);
    if (Object.keys(missing).length > 0) {
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    submit.mutate(answers, {
      onError: (error) => {
        setErrors(serverErrors(error));
        requestAnimationFrame(() => summary.current?.focus());
      },
    });
  };
  const errorCount = Object.keys(errors).length;

  return (
    <form onSubmit={onSubmit} noValidate aria-label={form.title}>
      <div ref={summary} tabIndex={-1}>
        {errorCount > 0 && (
          <Alert
            className="fr-mb-3w"
            severity="error"
            title={
              errorCount === 1
                ? "Une question demande votre attention"
                : `${errorCount} questions demandent votre attention`
            }
            description="Les questions concernées sont signalées ci-dessous."
          />
        )}
        {submit.isError && errorCount === 0 && (
          <Alert
            className="fr-mb-3w"
            severity="error"
            title="Vos réponses n’ont pas pu être enregistrées"
            description={errorMessage(submit.error)}
          />
        )}
      </div>
      <p className="fr-hint-text">Sauf mention « facultatif », toutes les questions sont obligatoires.</p>
      {form.questions.map((question) => (
        <QuestionField
          key={question.key}
          question={question}
          value={answers[question.key]}
          error={errors[question.key]}
          onChange={(value) => {
            setAnswers((current) => ({ ...current, [question.key]: value }));
            setErrors(({ [question.key]: _, ...rest }) => rest);
          }}
        />
      ))}
      <Button type="submit" disabled={submit.isPending}>
        Envoyer mes réponses
      </Button>
    </form>
  );
}

/** The insured person's page, reached from a personal link or QR code; no account. */
export function AnswerPage() {
  usePageTitle("Questionnaire de satisfaction");
  const { token = "" } = useParams();
  const form = useAnswerForm(token);
  const gone = form.error instanceof ApiError && [404, 410].includes(form.error.status);

  return (
    <div className="fr-container fr-py-4w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-10 fr-col-lg-8">
          <h1>{form.data?.title ?? "Questionnaire de satisfaction"}</h1>
          {form.isPending && <p role="status">Chargement du questionnaire…</p>}
          {form.isError && (
            <Alert
              severity={gone ? "info" : "error"}
              title={gone ? "Ce questionnaire n’est pas disponible" : "Le questionnaire n’a pas pu être chargé"}
              description={errorMessage(form.error)}
            />
          )}
          {form.data && (
            <>
              <p>{form.data.introduction}</p>
              <Questionnaire token={token} form={form.data} />
            </>
          )}
        </div>
      </div>
    </div>
  );
}

