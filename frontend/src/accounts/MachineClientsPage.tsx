import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { useState, type FormEvent } from "react";
import { useSearchParams } from "react-router-dom";
import { errorMessage } from "../api/problem";
import type { MachineClient, MachineClientSecret, Scope } from "../api/types";
import {
  useMachineClients,
  useRegisterClient,
  useRevokeClient,
  useRotateSecret,
  useUpdateClientScopes,
} from "../hooks/queries/accounts";
import { usePageTitle } from "../layout/usePageTitle";
import { fieldState } from "./fieldState";

export const PAGE_SIZE = 20;
const SCOPE_LABELS: Record<Scope, string> = {
  "contacts:read": "Lire les contacts réalisés",
  "contacts:write": "Signaler des contacts (récence)",
  "interviews:write": "Réserver des entretiens",
  "reports:read": "Lire les bilans",
  "stats:read": "Lire les statistiques",
  "targeting:read": "Lire le ciblage et le registre",
  "targeting:reference": "Lire les référentiels (caisses, politique, listes)",
  "targeting:contact-details": "Lire les coordonnées des assurés (sans NIR ni carrière)",
  "targeting:list-members": "Lire les membres des listes de ciblage",
  "targeting:write": "Alimenter le registre",
};
const SCOPES = Object.keys(SCOPE_LABELS) as Scope[];

function ScopeBoxes({ value, onChange, legend }: { value: Scope[]; onChange: (scopes: Scope[]) => void; legend: string }) {
  return (
    <Checkbox
      legend={legend}
      small
      options={SCOPES.map((scope) => ({
        label: `${SCOPE_LABELS[scope]} (${scope})`,
        nativeInputProps: {
          checked: value.includes(scope),
          onChange: (e) => onChange(e.target.checked ? [...value, scope] : value.filter((s) => s !== scope)),
        },
      }))}
    />
  );
}

/** The secret, shown once: only its hash is kept. */
function SecretShown({ shown }: { shown: MachineClientSecret }) {
  return (
    <Alert
      className="fr-mb-3w"
      severity="warning"
      title={`Secret du client ${shown.client.client_id}`}
      description={
        <>
          Copiez-le maintenant : il ne sera plus jamais affiché. <br />
          <code data-testid="client-secret">{shown.client_secret}</code>
        </>
      }
    />
  );
}

function RegisterForm({ onSecret }: { onSecret: (shown: MachineClientSecret) => void }) {
  const register = useRegisterClient();
  const [clientId, setClientId] = useState("");
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Scope[]>([]);

  function submit(event: FormEvent) {
    event.preventDefault();
    register.mutate(
      { client_id: clientId.trim(), name: name.trim(), scopes },
      {
        onSuccess: (shown) => {
          onSecret(shown);
          setClientId("");
          setName("");
          setScopes([]);
        },
      },
    );
  }

  return (
    <form onSubmit={submit} className="fr-mb-4w">
      <h2 className="fr-h4">Enregistrer un client</h2>
      {register.isError && <Alert className="fr-mb-2w" severity="error" small description={errorMessage(register.error)} />}
      <Input
        label="Identifiant du client"
        hintText="Minuscules, chiffres, « . », « _ » ou « - »"
        {...fieldState(register.error, "client_id")}
        nativeInputProps={{ name: "client_id", required: true, value: clientId, onChange: (e) => setClientId(e.target.value) }}
      />
      <Input
        label="Nom"
        {...fieldState(register.error, "name")}
        nativeInputProps={{ name: "name", required: true, value: name, onChange: (e) => setName(e.target.value) }}
      />
      <ScopeBoxes legend="Portées accordées" value={scopes} onChange={setScopes} />
      <Button type="submit" disabled={register.isPending}>
        Enregistrer
      </Button>
    </form>
  );
}

function ClientActions({ client, onSecret }: { client: MachineClient; onSecret: (shown: MachineClientSecret) => void }) {
  const rotate = useRotateSecret();
  const revoke = useRevokeClient();
  const updateScopes = useUpdateClientScopes();
  const [editing, setEditing] = useState(false);
  const [scopes, setScopes] = useState<Scope[]>(client.scopes as Scope[]);
  if (!client.active) return <>—</>;
  const failed = [rotate, revoke, updateScopes].find((m) => m.isError);
  return (
    <>
      {failed && <p className="fr-error-text">{errorMessage(failed.error)}</p>}
      {editing ? (
        <>
          <ScopeBoxes legend={`Portées de ${client.client_id}`} value={scopes} onChange={setScopes} />
          <Button
            size="small"
            onClick={() => updateScopes.mutate({ id: client.id, scopes }, { onSuccess: () => setEditing(false) })}
          >
            Enregistrer les portées
          </Button>
        </>
      ) : (
        <ul className="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
          <li>
            <Button size="small" priority="tertiary" onClick={() => setEditing(true)}>
              Portées
            </Button>
          </li>
          <li>
            <Button size="small" priority="secondary" onClick={() => rotate.mutate(client.id, { onSuccess: onSecret })}>
              Nouveau secret
            </Button>
          </li>
          <li>
            <Button
              size="small"
              priority="tertiary"
              onClick={() => {
                if (window.confirm(`Révoquer définitivement ${client.client_id} ?`)) revoke.mutate(client.id);
              }}
            >
              Révoquer
            </Button>
          </li>
        </ul>
      )}
    </>
  );
}

/** Machine clients (other RSI systems): register, grant scopes, rotate secrets, revoke. */
export function MachineClientsPage() {
  usePageTitle("Clients machines");
  const [searchParams] = useSearchParams();
  const page = Math.max(1, Number.parseInt(searchParams.get("page") ?? "1", 10) || 1);
  const clients = useMachineClients({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const [shown, setShown] = useState<MachineClientSecret | null>(null);
  const pageCount = clients.data ? Math.ceil(clients.data.total / PAGE_SIZE) : 0;

  return (
    <div className="fr-container fr-py-4w">
      <h1>Clients machines</h1>
      <p>Les systèmes qui appellent la plateforme avec un identifiant et un secret (OAuth 2.0, client credentials).</p>
      {shown && <SecretShown shown={shown} />}
      {clients.isPending && <p role="status">Chargement des clients…</p>}
      {clients.isError && <Alert severity="error" title="Impossible d’afficher les clients" description={errorMessage(clients.error)} />}
      {clients.data && clients.data.items.length > 0 && (
        <Table
          caption={`Clients (${clients.data.total})`}
          headers={["Identifiant", "Nom", "Portées", "État", "Actions"]}
          data={clients.data.items.map((client) => [
            client.client_id,
            client.name,
            client.scopes.join(", ") || "—",
            <Badge key="state" small noIcon severity={client.active ? "success" : "error"}>
              {client.active ? "Actif" : "Révoqué"}
            </Badge>,
            <ClientActions key="actions" client={client} onSecret={setShown} />,
          ])}
        />
      )}
      {pageCount > 1 && <Pagination count={pageCount} defaultPage={page} getPageLinkProps={(n) => ({ to: `?page=${n}` })} />}
      <RegisterForm onSecret={setShown} />
    </div>
  );
}
