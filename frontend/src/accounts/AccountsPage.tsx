import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { Link, useSearchParams } from "react-router-dom";
import { errorMessage } from "../api/problem";
import type { Account, PersonRole } from "../api/types";
import { roleLabel } from "../auth/roles";
import { useSession } from "../auth/session";
import { useAccounts } from "../hooks/queries/accounts";
import { useDebouncedValue } from "../hooks/useDebouncedValue";
import { usePageTitle } from "../layout/usePageTitle";
import { managedRoles, STATUS_LABELS, STATUS_SEVERITY } from "./rules";

export const PAGE_SIZE = 20;

function accountRow(account: Account) {
  return [
    <Link key="name" to={`/comptes/${account.id}`}>
      {account.full_name}
    </Link>,
    account.username,
    account.email ?? "—",
    roleLabel(account.role),
    account.caisse_code ?? "—",
    <Badge key="status" small noIcon severity={STATUS_SEVERITY[account.status]}>
      {STATUS_LABELS[account.status]}
    </Badge>,
  ];
}

/** The accounts the signed-in manager administers: search, filter by role, pages. */
export function AccountsPage() {
  usePageTitle("Comptes des agents");
  const session = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const page = Math.max(1, Number.parseInt(searchParams.get("page") ?? "1", 10) || 1);
  const search = searchParams.get("q") ?? "";
  const role = (searchParams.get("role") ?? "") as PersonRole | "";
  const q = useDebouncedValue(search.trim(), 300);
  const accounts = useAccounts({
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
    ...(q ? { q } : {}),
    ...(role ? { role } : {}),
  });
  const pageCount = accounts.data ? Math.ceil(accounts.data.total / PAGE_SIZE) : 0;
  const roles = session ? managedRoles(session.user.role) : [];

  function setFilter(key: "q" | "role", value: string) {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete("page");
    setSearchParams(next, { replace: true });
  }

  const pageLink = (n: number) => {
    const next = new URLSearchParams(searchParams);
    next.set("page", String(n));
    return { to: `?${next.toString()}` };
  };

  return (
    <div className="fr-container fr-py-4w">
      <h1>Comptes des agents</h1>
      <Button linkProps={{ to: "/comptes/nouveau" }} iconId="fr-icon-user-add-line" className="fr-mb-3w">
        Inviter un agent
      </Button>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-8">
          <Input
            label="Rechercher"
            hintText="Nom, identifiant ou adresse email"
            nativeInputProps={{
              type: "search",
              value: search,
              onChange: (e) => setFilter("q", e.target.value),
            }}
          />
        </div>
        {roles.length > 1 && (
          <div className="fr-col-12 fr-col-md-4">
            <Select
              label="Rôle"
              nativeSelectProps={{ value: role, onChange: (e) => setFilter("role", e.target.value) }}
            >
              <option value="">Tous les rôles</option>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {roleLabel(r)}
                </option>
              ))}
            </Select>
          </div>
        )}
      </div>
      {accounts.isPending && <p role="status">Chargement des comptes…</p>}
      {accounts.isError && (
        <Alert severity="error" title="Impossible d’afficher les comptes" description={errorMessage(accounts.error)} />
      )}
      {accounts.data &&
        (accounts.data.items.length === 0 ? (
          <p>Aucun compte ne correspond.</p>
        ) : (
          <Table
            caption={`Comptes (${accounts.data.total})`}
            headers={["Nom", "Identifiant", "Email", "Rôle", "Caisse", "État"]}
            data={accounts.data.items.map(accountRow)}
          />
        ))}
      {pageCount > 1 && <Pagination count={pageCount} defaultPage={page} getPageLinkProps={pageLink} />}
    </div>
  );
}
