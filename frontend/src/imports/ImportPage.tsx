import { Alert, type AlertProps } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { Upload } from "@codegouvfr/react-dsfr/Upload";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router-dom";
import { errorMessage } from "../api/problem";
import type { ImportMode, ImportResult, Job } from "../api/types";
import { DownloadButton } from "../components/DownloadButton";
import { JobProgress } from "../components/JobProgress";
import { IMPORT_MODE_LABELS, formatNumber } from "../format";
import { fetchImportErrors, useImportErrors, useStartImport } from "../hooks/queries/imports";
import { isFinished, useJob } from "../hooks/queries/jobs";
import { usePageTitle } from "../layout/usePageTitle";

export const ERRORS_PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const MODES: { value: ImportMode; hint: string }[] = [
  {
    value: "all_or_nothing",
    hint: "Une seule ligne en erreur et aucune ligne n’est enregistrée.",
  },
  {
    value: "keep_valid",
    hint: "Les lignes valides sont enregistrées, les lignes en erreur sont signalées.",
  },
];

function plural(count: number, one: string, many: string): string {
  return `${formatNumber(count)} ${count > 1 ? many : one}`;
}

/** The result of a finished import job, read defensively (the contract leaves it open). */
function importResult(job: Job): Partial<ImportResult> {
  return (job.result ?? {}) as Partial<ImportResult>;
}

function summary(result: Partial<ImportResult>): {
  severity: AlertProps.Severity;
  title: string;
  text: string;
} {
  const rows = result.rows ?? 0;
  const rejected = result.rejected ?? 0;
  if (result.written === false) {
    return {
      severity: "error",
      title: "Import refusé : aucune ligne enregistrée",
      text: `En mode « Tout ou rien », ${plural(rejected, "ligne en erreur bloque", "lignes en erreur bloquent")} l’import des ${plural(rows, "ligne", "lignes")} du fichier. Corrigez le fichier puis relancez l’import.`,
    };
  }
  const written = `${plural(result.inserted ?? 0, "assuré ajouté", "assurés ajoutés")}, ${plural(result.updated ?? 0, "mis à jour", "mis à jour")}, ${plural(result.unchanged ?? 0, "inchangé", "inchangés")}`;
  if (rejected > 0) {
    return {
      severity: "warning",
      title: "Import terminé avec des erreurs",
      text: `${written} ; ${plural(rejected, "ligne refusée", "lignes refusées")} (voir le rapport d’erreurs).`,
    };
  }
  return { severity: "success", title: "Import terminé", text: `${written}.` };
}

function ImportSummary({ job }: { job: Job }) {
  const result = importResult(job);
  const { severity, title, text } = summary(result);
  return (
    <section aria-labelledby="bilan-import" className="fr-mb-4w">
      <h2 id="bilan-import">Bilan de l’import</h2>
      <Alert severity={severity} title={title} description={text} className="fr-mb-3w" role="status" />
      <Table
        caption="Décompte des lignes"
        headers={["Lignes lues", "Valides", "Refusées", "Ajoutées", "Mises à jour", "Inchangées"]}
        data={[
          [result.rows, result.valid, result.rejected, result.inserted, result.updated, result.unchanged].map(
            (n) => formatNumber(n ?? 0),
          ),
        ]}
      />
      {result.message && (
        <p className="fr-text--sm">
          {result.message}
        </p>
      )}
    </section>
  );
}

function ErrorReport({ jobId, page }: { jobId: string; page: number }) {
  const errors = useImportErrors({
    jobId,
    limit: ERRORS_PAGE_SIZE,
    offset: (page - 1) * ERRORS_PAGE_SIZE,
  });
  const pageCount = errors.data ? Math.ceil(errors.data.total / ERRORS_PAGE_SIZE) : 0;
  return (
    <section aria-labelledby="rapport-erreurs">
      <h2 id="rapport-erreurs">Rapport d’erreurs</h2>
      {errors.isPending && <p role="status">Chargement du rapport d’erreurs…</p>}
      {errors.isError && (
        <Alert
          severity="error"
          title="Impossible d’afficher le rapport d’erreurs"
          description={errorMessage(errors.error)}
        />
      )}
      {errors.data && (
        <>
          <div className="fr-mb-2w">
            <DownloadButton
              label="Télécharger le rapport (CSV)"
              fetchFile={() => fetchImportErrors(jobId, "csv")}
            />
            <DownloadButton
              label="Télécharger le rapport (Excel)"
              fetchFile={() => fetchImportErrors(jobId, "xlsx")}
            />
          </div>
          <Table
            caption={`Lignes refusées (${formatNumber(errors.data.total)})`}
            headers={["Ligne", "Champ", "Message"]}
            data={errors.data.items.map((e) => [String(e.line), e.field, e.message])}
          />
          {pageCount > 1 && (
            <Pagination
              count={pageCount}
              defaultPage={page}
              getPageLinkProps={(n) => ({ to: `?job=${jobId}&page=${n}` })}
            />
          )}
        </>
      )}
    </section>
  );
}

function JobFollowUp({ jobId, page }: { jobId: string; page: number }) {
  const job = useJob(jobId);
  if (job.isPending) return <p role="status">Chargement de l’import…</p>;
  if (job.isError) {
    return (
      <Alert severity="error" title="Impossible de suivre l’import" description={errorMessage(job.error)} />
    );
  }
  const data = job.data;
  return (
    <>
      <JobProgress
        job={data}
        title="Import du fichier"
        unit="lignes"
        failureTitle="L’import a échoué"
        failureHint="Le fichier n’a pas pu être traité."
      />
      {data.status === "succeeded" && (
        <>
          <ImportSummary job={data} />
          {(importResult(data).rejected ?? 0) > 0 && <ErrorReport jobId={jobId} page={page} />}
        </>
      )}
    </>
  );
}

export function ImportPage() {
  usePageTitle("Import des assurés");
  const [searchParams, setSearchParams] = useSearchParams();
  const jobParam = searchParams.get("job");
  const jobId = jobParam && UUID.test(jobParam) ? jobParam : null;
  const page = Math.max(1, Number.parseInt(searchParams.get("page") ?? "1", 10) || 1);
  const job = useJob(jobId);
  const running = jobId !== null && !isFinished(job.data) && !job.isError;

  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>("all_or_nothing");
  const [fileError, setFileError] = useState<string | null>(null);
  const start = useStartImport();
  const fileInput = useRef<HTMLInputElement>(null);
  const followUp = useRef<HTMLHeadingElement>(null);
  const justStarted = useRef(false);

  // After a start, move the focus to the follow-up so its progress is read out.
  useEffect(() => {
    if (jobId && justStarted.current) {
      justStarted.current = false;
      followUp.current?.focus();
    }
  }, [jobId]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) {
      setFileError("Choisissez un fichier CSV ou un classeur Excel.");
      return;
    }
    setFileError(null);
    start.mutate(
      { file, mode },
      {
        onSuccess: (started) => {
          justStarted.current = true;
          setSearchParams({ job: started.id });
          setFile(null);
          if (fileInput.current) fileInput.current.value = "";
        },
      },
    );
  }

  return (
    <div className="fr-container fr-py-4w">
      <h1>Import des assurés</h1>
      <p>
        Importez un fichier CSV ou un classeur Excel (.xlsx) au format d’échange du référentiel
        (une ligne d’en-tête, séparateur virgule ou point-virgule, encodage UTF-8 ou Windows-1252,
        dates au format AAAA-MM-JJ ou JJ/MM/AAAA). Les assurés sont ajoutés ou mis à jour selon
        leur NIR.
      </p>
      <form
        onSubmit={onSubmit}
        className="fr-mb-4w"
        aria-label="Nouvel import"
        noValidate
        style={{ maxWidth: "48rem" }}
      >
        <Upload
          className="fr-mb-3w"
          label="Fichier CSV des assurés (ou classeur Excel .xlsx)"
          hint="Colonnes obligatoires : nir, last_name, first_name, sex, birth_date, caisse_code, professional_group, status, validated_quarters, required_quarters."
          state={fileError ? "error" : "default"}
          stateRelatedMessage={fileError ?? undefined}
          nativeInputProps={{
            ref: fileInput,
            name: "file",
            accept:
              ".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            onChange: (e) => setFile(e.target.files?.[0] ?? null),
          }}
        />
        <RadioButtons
          legend="Mode d’import"
          name="mode"
          options={MODES.map(({ value, hint }) => ({
            label: IMPORT_MODE_LABELS[value],
            hintText: hint,
            nativeInputProps: {
              value,
              checked: mode === value,
              onChange: () => setMode(value),
            },
          }))}
        />
        {start.isError && (
          <Alert
            className="fr-mb-2w"
            severity="error"
            title="L’import n’a pas pu démarrer"
            description={errorMessage(start.error)}
          />
        )}
        <Button type="submit" iconId="fr-icon-upload-2-line" disabled={start.isPending || running}>
          Lancer l’import
        </Button>
      </form>
      {jobId && (
        <section aria-labelledby="suivi-import">
          <h2 id="suivi-import" ref={followUp} tabIndex={-1}>
            Suivi de l’import
          </h2>
          <JobFollowUp jobId={jobId} page={page} />
        </section>
      )}
    </div>
  );
}
