import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { ApiError, errorMessage } from "../api/problem";
import type { PersonSearch, PersonSummary } from "../api/types";
import { useSession } from "../auth/session";
import { GROUP_LABELS, STATUS_LABELS, formatNumber, formatShortDate, label } from "../format";
import { useCaisses } from "../hooks/queries/caisses";
import { usePersonSearch } from "../hooks/queries/persons";
import { usePageTitle } from "../layout/usePageTitle";
import { recallSearch, rememberSearch } from "./searchMemory";

export const SEARCH_PAGE_SIZE = 50;

function personRow(person: PersonSummary) {
  return [
    <Link key="name" to={`/assures/${person.id}`}>
      {person.last_name}
    </Link>,
    person.first_name,
    formatShortDate(person.birth_date),
    [person.postcode, person.city].filter(Boolean).join(" ") || "—",
    person.caisse_code,
    label(GROUP_LABELS, person.professional_group),
    label(STATUS_LABELS, person.status),
  ];
}

/** Admin only: which caisse to search (the others are bound to their own). */
function CaisseFilter({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  const caisses = useCaisses({ limit: 100, offset: 0 });
  return (
    <Select
      label="Caisse"
      nativeSelectProps={{ value, onChange: (e) => onChange(e.target.value) }}
    >
      <option value="">Toutes les caisses</option>
      {caisses.data?.items.map((caisse) => (
        <option key={caisse.code} value={caisse.code}>
          {caisse.name} ({caisse.code})
        </option>
      ))}
    </Select>
  );
}

export function PersonSearchPage() {
  usePageTitle("Rechercher un assuré");
  const session = useSession();
  const [remembered] = useState(recallSearch);
  const [nir, setNir] = useState(remembered?.criteria.nir ?? "");
  const [name, setName] = useState(remembered?.criteria.name ?? "");
  const [caisse, setCaisse] = useState(remembered?.criteria.caisse_code ?? "");
  const [formError, setFormError] = useState<string | null>(null);
  const [search, setSearch] = useState(remembered);

  const results = usePersonSearch(
    search
      ? {
          criteria: search.criteria,
          limit: SEARCH_PAGE_SIZE,
          offset: (search.page - 1) * SEARCH_PAGE_SIZE,
        }
      : null,
  );
  const fieldErrors = results.error instanceof ApiError ? results.error.fieldErrors : [];
  const fieldError = (field: string) => fieldErrors.find((e) => e.field === field)?.message;

  function go(criteria: PersonSearch, page: number) {
    const next = { criteria, page };
    rememberSearch(next);
    setSearch(next);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const criteria: PersonSearch = {};
    const compactNir = nir.replace(/\s+/g, "").toUpperCase();
    if (compactNir) criteria.nir = compactNir;
    if (name.trim()) criteria.name = name.trim();
    if (caisse) criteria.caisse_code = caisse;
    if (!criteria.nir && !criteria.name) {
      setFormError("Indiquez un NIR ou un nom.");
      return;
    }
    if (criteria.name && criteria.name.length < 2) {
      setFormError("Indiquez au moins 2 caractères du nom.");
      return;
    }
    setFormError(null);
    go(criteria, 1);
  }

  const data = results.data;
  const pageCount = data ? Math.ceil(data.total / SEARCH_PAGE_SIZE) : 0;
  const page = search?.page ?? 1;

  return (
    <div className="fr-container fr-py-4w">
      <h1>Rechercher un assuré</h1>
      <p>
        Recherchez une personne de votre caisse par son NIR (numéro de sécurité sociale) ou par
        le début de son nom. Chaque recherche et chaque consultation de dossier sont tracées.
      </p>
      <form onSubmit={onSubmit} className="fr-mb-4w" aria-label="Recherche d’assurés" noValidate>
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-4">
            <Input
              label="NIR"
              hintText="15 caractères, clé comprise ; les espaces sont ignorés"
              state={fieldError("nir") ? "error" : "default"}
              stateRelatedMessage={fieldError("nir")}
              nativeInputProps={{
                name: "nir",
                autoComplete: "off",
                inputMode: "text",
                maxLength: 30,
                value: nir,
                onChange: (e) => setNir(e.target.value),
              }}
            />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <Input
              label="Nom"
              hintText="Début du nom de famille (2 caractères au moins)"
              state={fieldError("name") ? "error" : "default"}
              stateRelatedMessage={fieldError("name")}
              nativeInputProps={{
                name: "name",
                autoComplete: "off",
                maxLength: 100,
                value: name,
                onChange: (e) => setName(e.target.value),
              }}
            />
          </div>
          {session?.user.role === "admin" && (
            <div className="fr-col-12 fr-col-md-4">
              <CaisseFilter value={caisse} onChange={setCaisse} />
            </div>
          )}
        </div>
        {formError && (
          <Alert className="fr-mb-2w" small severity="error" description={formError} />
        )}
        <Button type="submit" iconId="fr-icon-search-line" disabled={results.isFetching}>
          Rechercher
        </Button>
      </form>

      {search && results.isPending && <p role="status">Recherche en cours…</p>}
      {results.isError && (
        <Alert
          severity="error"
          title="La recherche a échoué"
          description={errorMessage(results.error)}
        />
      )}
      {data && !results.isError && (
        <section aria-labelledby="resultats">
          <h2 id="resultats">Résultats</h2>
          {data.items.length === 0 ? (
            <p role="status">Aucun assuré ne correspond à cette recherche.</p>
          ) : (
            <>
              <Table
                caption={`${formatNumber(data.total)} assuré${data.total > 1 ? "s" : ""} trouvé${data.total > 1 ? "s" : ""}`}
                headers={[
                  "Nom",
                  "Prénom",
                  "Date de naissance",
                  "Commune",
                  "Caisse",
                  "Groupe professionnel",
                  "Statut",
                ]}
                data={data.items.map(personRow)}
              />
              {pageCount > 1 && (
                <nav aria-label="Pages de résultats" className="fr-btns-group fr-btns-group--icon-left fr-btns-group--inline-sm">
                  <Button
                    priority="secondary"
                    iconId="fr-icon-arrow-left-s-line"
                    disabled={page <= 1}
                    onClick={() => search && go(search.criteria, page - 1)}
                  >
                    Résultats précédents
                  </Button>
                  <span className="fr-mx-2w fr-mt-1w">
                    Page {page} sur {pageCount}
                  </span>
                  <Button
                    priority="secondary"
                    iconId="fr-icon-arrow-right-s-line"
                    iconPosition="right"
                    disabled={page >= pageCount}
                    onClick={() => search && go(search.criteria, page + 1)}
                  >
                    Résultats suivants
                  </Button>
                </nav>
              )}
            </>
          )}
        </section>
      )}
    </div>
  );
}
