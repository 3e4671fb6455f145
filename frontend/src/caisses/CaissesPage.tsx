import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { useSearchParams } from "react-router-dom";
import { errorMessage } from "../api/problem";
import type { Caisse } from "../api/types";
import { useCaisses } from "../hooks/queries/caisses";
import { usePageTitle } from "../layout/usePageTitle";

export const PAGE_SIZE = 50;

function caisseRow(caisse: Caisse) {
  return [caisse.code, caisse.name, caisse.region, caisse.overseas ? "Oui" : "Non"];
}

export function CaissesPage() {
  usePageTitle("Caisses régionales");
  const [searchParams] = useSearchParams();
  const page = Math.max(1, Number.parseInt(searchParams.get("page") ?? "1", 10) || 1);
  const caisses = useCaisses({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const pageCount = caisses.data ? Math.ceil(caisses.data.total / PAGE_SIZE) : 0;

  return (
    <div className="fr-container fr-py-4w">
      <h1>Caisses régionales</h1>
      {caisses.isPending && <p role="status">Chargement des caisses…</p>}
      {caisses.isError && (
        <Alert
          severity="error"
          title="Impossible d’afficher les caisses"
          description={errorMessage(caisses.error)}
        />
      )}
      {caisses.data &&
        (caisses.data.items.length === 0 ? (
          <p>Aucune caisse n’est visible avec votre compte.</p>
        ) : (
          <Table
            caption={`Caisses visibles avec votre compte (${caisses.data.total})`}
            headers={["Code", "Nom", "Région", "Outre-mer"]}
            data={caisses.data.items.map(caisseRow)}
            fixed
          />
        ))}
      {pageCount > 1 && (
        <Pagination
          count={pageCount}
          defaultPage={page}
          getPageLinkProps={(n) => ({ to: `?page=${n}` })}
        />
      )}
    </div>
  );
}
