import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { errorMessage } from "../api/problem";
import type { InterviewsJob, TargetList } from "../api/types";
import { today } from "../agenda/time";
import { JobProgress } from "../components/JobProgress";
import { formatNumber } from "../format";
import { contactsKeys } from "../hooks/queries/contacts";
import { isFinished } from "../hooks/queries/jobs";
import { useInterviewsJob, useRecordLetterContacts } from "../hooks/queries/letters";

function plural(count: number, word: string): string {
  return `${formatNumber(count)} ${word}${count > 1 ? "s" : ""}`;
}

/** The job's success, focused when it appears so that it is read out (a failure is an alert). */
function Outcome({ job }: { job: InterviewsJob }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const recorded = Number(job.result?.recorded ?? 0);
  const already = job.done - recorded;
  return (
    <div ref={ref} tabIndex={-1} className="fr-mb-3w">
      <Alert
        severity="success"
        title="Contacts enregistrés"
        description={`${plural(recorded, "contact")} par courrier ${recorded > 1 ? "enregistrés" : "enregistré"}.${
          already > 0 ? ` ${plural(already, "personne")} de la liste l’${already > 1 ? "étaient" : "était"} déjà.` : ""
        }`}
      />
    </div>
  );
}

/**
 * For a letter-only action: records that every person of the list was sent the letter,
 * then follows the job. The service ignores people already recorded from this list.
 */
export function LetterContactsForm({ list }: { list: TargetList }) {
  const queryClient = useQueryClient();
  const record = useRecordLetterContacts();
  const [sentOn, setSentOn] = useState(today);
  const [dateError, setDateError] = useState<string | null>(null);
  const job = useInterviewsJob(record.data?.job.id ?? null);
  const finished = isFinished(job.data);
  const running = record.isPending || (record.isSuccess && !finished && !job.isError);
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: contactsKeys.all });
  }, [finished, queryClient]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing = sentOn === "";
    setDateError(missing ? "Indiquez la date d’envoi des courriers." : null);
    if (!missing) record.mutate({ target_list_id: list.id, sent_on: sentOn });
  }

  return (
    <section aria-labelledby="contacts-courrier" className="fr-mb-6w">
      <h2 id="contacts-courrier">Contacts par courrier</h2>
      <p>
        Une fois le courrier envoyé à toutes les personnes de la liste, enregistrez-le : chacune
        reçoit un contact par courrier dans son historique, compté dans le bilan. Enregistrer
        de nouveau la même liste n’ajoute rien.
      </p>
      <form
        onSubmit={onSubmit}
        aria-label="Contacts par courrier"
        noValidate
        style={{ maxWidth: "36rem" }}
      >
        <Input
          label="Date d’envoi"
          {...(dateError
            ? ({ state: "error", stateRelatedMessage: dateError } as const)
            : ({ state: "default" } as const))}
          nativeInputProps={{
            type: "date",
            required: true,
            value: sentOn,
            onChange: (e) => setSentOn(e.target.value),
          }}
        />
        {record.isError && (
          <Alert
            className="fr-mb-2w"
            severity="error"
            title="Les contacts n’ont pas été enregistrés"
            description={errorMessage(record.error)}
          />
        )}
        <Button type="submit" iconId="fr-icon-mail-line" disabled={running}>
          Enregistrer les contacts
        </Button>
      </form>
      <div className="fr-mt-3w">
        {job.isError && (
          <Alert severity="error" title="Suivi impossible" description={errorMessage(job.error)} />
        )}
        {job.data && (
          <JobProgress
            job={job.data}
            title="Enregistrement des contacts"
            unit="personnes"
            failureTitle="L’enregistrement des contacts a échoué"
          />
        )}
        {job.data?.status === "succeeded" && <Outcome key={job.data.id} job={job.data} />}
      </div>
    </section>
  );
}
