import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { ApiError, errorMessage } from "../api/problem";
import type { PolicyAction, TargetListCreate } from "../api/types";
import { useSession } from "../auth/session";
import { JobProgress } from "../components/JobProgress";
import { formatNumber, plural } from "../format";
import { useCaisses } from "../hooks/queries/caisses";
import { isFinished, useJob } from "../hooks/queries/jobs";
import { targetsKeys, useMaterialiseList, useTargetList } from "../hooks/queries/targets";

type SamplingMode = "all" | "size" | "share";

function StartedList({ listId, jobId }: { listId: string; jobId: string }) {
  const queryClient = useQueryClient();
  const job = useJob(jobId);
  const list = useTargetList(listId);
  const finished = isFinished(job.data);
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: targetsKeys.lists() });
  }, [finished, queryClient]);

  if (job.isError) {
    return (
      <Alert severity="error" title="Suivi impossible" description={errorMessage(job.error)} />
    );
  }
  if (!job.data) return <p role="status">Constitution de la liste…</p>;
  return (
    <div className="fr-mt-3w">
      <JobProgress
        job={job.data}
        title="Constitution de la liste"
        unit="personnes"
        failureTitle="La constitution de la liste a échoué"
        failureHint="Réessayez plus tard."
      />
      {job.data.status === "succeeded" && (
        <Alert
          severity="success"
          role="status"
          title="Liste constituée"
          description={
            <>
              {list.data && list.data.status === "ready"
                ? `${formatNumber(list.data.size)} personne${list.data.size > 1 ? "s" : ""} retenue${list.data.size > 1 ? "s" : ""}. `
                : ""}
              <Link to={`/listes/${listId}`}>Ouvrir la liste</Link>
            </>
          }
        />
      )}
    </div>
  );
}

/**
 * Freezes the action's saved target into a list for one caisse (the manager's own; the
 * administrator chooses), optionally a reproducible sample, then follows the job.
 */
export function MaterialiseForm({ action }: { action: PolicyAction }) {
  const session = useSession();
  const chooseCaisse = session?.user.role === "admin";
  const caisses = useCaisses({ limit: 100, offset: 0 });
  const [caisse, setCaisse] = useState("");
  const [mode, setMode] = useState<SamplingMode>("all");
  const [size, setSize] = useState("");
  const [share, setShare] = useState("");
  const [seed, setSeed] = useState("1");
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const materialise = useMaterialiseList(action.id);
  const started = materialise.data;

  const apiErrors =
    materialise.error instanceof ApiError ? materialise.error.fieldErrors : [];
  const apiError = (...fields: string[]) =>
    apiErrors.find((e) => fields.includes(e.field))?.message;
  const error = (name: string, ...fields: string[]) => localErrors[name] ?? apiError(...fields);
  const stateOf = (message: string | undefined) =>
    message ? ({ state: "error", stateRelatedMessage: message } as const) : ({ state: "default" } as const);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    const seedValue = Number(seed);
    if (!/^\d+$/.test(seed.trim()) || seedValue > 2147483647) {
      errors.seed = "Indiquez un nombre entier positif.";
    }
    const body: TargetListCreate = { seed: seedValue };
    if (chooseCaisse) {
      if (!caisse) errors.caisse = "Choisissez la caisse de la liste.";
      body.caisse_code = caisse;
    }
    if (mode === "size") {
      const n = Number(size);
      if (!/^\d+$/.test(size.trim()) || n < 1) errors.size = "Indiquez un nombre de personnes (1 au moins).";
      body.sampling = { size: n, seed: seedValue };
    } else if (mode === "share") {
      const percent = Number(share.replace(",", "."));
      if (!Number.isFinite(percent) || percent <= 0 || percent > 100 || share.trim() === "") {
        errors.share = "Indiquez une proportion entre 0 et 100 %.";
      }
      body.sampling = { share: percent / 100, seed: seedValue };
    }
    setLocalErrors(errors);
    if (Object.keys(errors).length === 0) materialise.mutate(body);
  }

  const otherError =
    materialise.isError &&
    (!(materialise.error instanceof ApiError) || materialise.error.fieldErrors.length === 0)
      ? errorMessage(materialise.error)
      : null;

  return (
    <section aria-labelledby="constituer" className="fr-mb-6w">
      <h2 id="constituer">Constituer la liste</h2>
      <p>
        La liste fige les personnes qui répondent à la <strong>cible enregistrée</strong> de
        l’action, dans l’ordre de priorité, sans les personnes opposées au contact ni celles
        contactées depuis moins de {plural(action.recency_window_days, "jour")}.
      </p>
      <form
        onSubmit={onSubmit}
        aria-label="Constituer la liste"
        noValidate
        style={{ maxWidth: "36rem" }}
      >
        {chooseCaisse && (
          <Select
            label="Caisse"
            {...stateOf(error("caisse", "caisse_code"))}
            nativeSelectProps={{
              value: caisse,
              required: true,
              onChange: (e) => setCaisse(e.target.value),
            }}
          >
            <option value="" disabled>
              Choisir une caisse
            </option>
            {caisses.data?.items.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name} ({c.code})
              </option>
            ))}
          </Select>
        )}
        <RadioButtons
          legend="Échantillonnage"
          name="sampling"
          options={[
            { value: "all" as const, label: "Toute la population ciblée" },
            { value: "size" as const, label: "Un nombre de personnes" },
            { value: "share" as const, label: "Une proportion de la population" },
          ].map((option) => ({
            label: option.label,
            nativeInputProps: {
              value: option.value,
              checked: mode === option.value,
              onChange: () => setMode(option.value),
            },
          }))}
        />
        {mode === "size" && (
          <Input
            label="Nombre de personnes"
            hintText="Les groupes les plus prioritaires sont servis en premier, au hasard dans un groupe."
            {...stateOf(error("size", "sampling.size", "sampling"))}
            nativeInputProps={{
              value: size,
              inputMode: "numeric",
              onChange: (e) => setSize(e.target.value),
            }}
          />
        )}
        {mode === "share" && (
          <Input
            label="Proportion (%)"
            hintText="Par exemple 10 pour une personne sur dix."
            {...stateOf(error("share", "sampling.share", "sampling"))}
            nativeInputProps={{
              value: share,
              inputMode: "decimal",
              onChange: (e) => setShare(e.target.value),
            }}
          />
        )}
        <Input
          label="Graine du tirage"
          hintText="Avec la même graine, une nouvelle constitution donne le même ordre et le même échantillon."
          {...stateOf(error("seed", "seed", "sampling.seed"))}
          nativeInputProps={{
            value: seed,
            inputMode: "numeric",
            onChange: (e) => setSeed(e.target.value),
          }}
        />
        {otherError && (
          <Alert
            className="fr-mb-2w"
            severity="error"
            title="La liste n’a pas pu être constituée"
            description={otherError}
          />
        )}
        <Button
          type="submit"
          iconId="fr-icon-list-ordered"
          disabled={materialise.isPending}
        >
          Constituer la liste
        </Button>
      </form>
      {started && <StartedList key={started.job.id} listId={started.list.id} jobId={started.job.id} />}
    </section>
  );
}
