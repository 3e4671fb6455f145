import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useState } from "react";
import { errorMessage } from "../api/problem";
import type { PolicyYear, Role } from "../api/types";
import { formatDate } from "../format";
import { useCarryOver, usePrepareYear, usePublishYear } from "../hooks/queries/policy";

interface Props {
  year: number;
  role: Role | undefined;
  /** The year as the policy knows it; undefined when it has no socle yet. */
  status: PolicyYear | undefined;
  hasNationalActions: boolean;
}

/** The national office prepares next year's socle from this one, then publishes it. */
function Preparation({ year }: { year: number }) {
  const [shift, setShift] = useState(true);
  const prepare = usePrepareYear(year);
  return (
    <section aria-labelledby="preparation" className="fr-mb-4w">
      <h2 id="preparation">Préparer le socle {year}</h2>
      <p>
        Le socle {year - 1} est copié : calendriers décalés d’un an ; vous le modifiez ensuite
        action par action, puis vous choisissez la date à partir de laquelle les caisses le voient.
      </p>
      <Checkbox
        options={[
          {
            label: "Décaler les critères d’âge d’un an",
            hintText: `Par exemple, les assurés nés en 1952 et 1957 deviennent ceux nés en 1953 et 1958.`,
            nativeInputProps: { checked: shift, onChange: (e) => setShift(e.target.checked) },
          },
        ]}
      />
      {prepare.isError && (
        <Alert severity="error" small description={errorMessage(prepare.error)} className="fr-mb-2w" />
      )}
      <Button
        disabled={prepare.isPending}
        onClick={() => prepare.mutate({ from_year: year - 1, shift_age_criteria: shift })}
      >
        Préparer à partir de {year - 1}
      </Button>
    </section>
  );
}

function Publication({ year, status }: { year: number; status: PolicyYear }) {
  const [day, setDay] = useState(status.published_on ?? "");
  const publish = usePublishYear(year);
  return (
    <section aria-labelledby="publication" className="fr-mb-4w">
      <h2 id="publication">Publication du socle {year}</h2>
      <p>
        Préparé à partir de {status.prepared_from}
        {status.criteria_shifted ? ", critères d’âge décalés" : ", critères d’âge inchangés"}.{" "}
        {status.published
          ? `Publié : les caisses le voient depuis le ${formatDate(status.published_on)}.`
          : status.published_on
            ? `Les caisses le verront à partir du ${formatDate(status.published_on)}.`
            : "Pas encore publié : les caisses ne le voient pas."}
      </p>
      <div className="fr-grid-row fr-grid-row--bottom fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label="Visible par les caisses à partir du"
            nativeInputProps={{ type: "date", value: day, onChange: (e) => setDay(e.target.value) }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-8 fr-mb-3w">
          <Button disabled={!day || publish.isPending} onClick={() => publish.mutate(day)}>
            Publier
          </Button>{" "}
          {status.published_on && (
            <Button priority="secondary" disabled={publish.isPending} onClick={() => publish.mutate(null)}>
              Retirer la publication
            </Button>
          )}
        </div>
      </div>
      {publish.isError && <Alert severity="error" small description={errorMessage(publish.error)} />}
    </section>
  );
}

/** A manager carries over the caisse's regional actions of the year before. */
function CarryOverSection({ year }: { year: number }) {
  const carry = useCarryOver(year);
  const result = carry.data;
  return (
    <section aria-labelledby="reconduction" className="fr-mb-4w">
      <h2 id="reconduction">Reconduire les actions régionales de {year - 1}</h2>
      <p>Vos actions régionales de {year - 1} sont copiées en {year}, critères d’âge décalés d’un an.</p>
      {carry.isError && (
        <Alert severity="error" small description={errorMessage(carry.error)} className="fr-mb-2w" />
      )}
      {result && (
        <Alert
          severity="success"
          small
          className="fr-mb-2w"
          description={
            result.created.length === 0 && result.skipped.length === 0
              ? `Aucune action régionale en ${year - 1}.`
              : [
                  result.created.length > 0 &&
                    `Reconduites : ${result.created.map((a) => a.code).join(", ")}.`,
                  result.skipped.length > 0 && `Déjà présentes : ${result.skipped.join(", ")}.`,
                ]
                  .filter(Boolean)
                  .join(" ")
          }
        />
      )}
      <Button
        priority="secondary"
        disabled={carry.isPending}
        onClick={() => carry.mutate({ from_year: year - 1, shift_age_criteria: true })}
      >
        Reconduire mes actions de {year - 1}
      </Button>
    </section>
  );
}

/** The yearly cycle on the policy page: what each role can do with the year shown. */
export function YearCyclePanel({ year, role, status, hasNationalActions }: Props) {
  const national = role === "national" || role === "admin";
  if (national && !hasNationalActions && !status?.prepared_from) return <Preparation year={year} />;
  if (national && status?.prepared_from) return <Publication year={year} status={status} />;
  if (role === "caisse_manager" && status?.published && status.prepared_from) {
    return <CarryOverSection year={year} />;
  }
  return null;
}
