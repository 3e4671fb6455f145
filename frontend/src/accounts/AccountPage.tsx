import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useEffect, useState, type FormEvent } from "react";
import { Link, useLocation, useParams } from "react-router-dom";
import { errorMessage } from "../api/problem";
import type { Account, AccountUpdate, PersonRole } from "../api/types";
import { roleLabel } from "../auth/roles";
import { useSession } from "../auth/session";
import {
  useAccount,
  useAccountAction,
  useCreateCounselorRecord,
  useUpdateAccount,
} from "../hooks/queries/accounts";
import { useCounselors } from "../hooks/queries/interviews";
import { usePageTitle } from "../layout/usePageTitle";
import { fieldState } from "./fieldState";
import { isCaisseRole, managedRoles, STATUS_LABELS, STATUS_SEVERITY } from "./rules";

type Arrival = { invited?: boolean; counselorError?: string | null } | null;

function EditForm({ account }: { account: Account }) {
  const session = useSession();
  const update = useUpdateAccount(account.id);
  const [fullName, setFullName] = useState(account.full_name);
  const [email, setEmail] = useState(account.email ?? "");
  const [role, setRole] = useState<PersonRole>(account.role as PersonRole);
  const [caisse, setCaisse] = useState(account.caisse_code ?? "");
  const roles = session ? managedRoles(session.user.role) : [];
  // Only the admin moves an account between caisses, or in and out of one.
  const editsCaisse = session?.user.role === "admin" && isCaisseRole(role);
  useEffect(() => {
    setFullName(account.full_name);
    setEmail(account.email ?? "");
    setRole(account.role as PersonRole);
    setCaisse(account.caisse_code ?? "");
  }, [account]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const body: AccountUpdate = { full_name: fullName.trim(), email: email.trim(), role };
    if (!isCaisseRole(role)) body.caisse_code = null;
    else if (editsCaisse) body.caisse_code = caisse.trim().toUpperCase();
    update.mutate(body);
  }

  return (
    <form onSubmit={submit} className="fr-mb-4w">
      <h2 className="fr-h4">Modifier</h2>
      {update.isError && (
        <Alert className="fr-mb-2w" severity="error" small description={errorMessage(update.error)} />
      )}
      {update.isSuccess && (
        <Alert className="fr-mb-2w" severity="success" small description="Modifications enregistrées." />
      )}
      <Input
        label="Nom complet"
        {...fieldState(update.error, "full_name")}
        nativeInputProps={{ name: "full_name", required: true, value: fullName, onChange: (e) => setFullName(e.target.value) }}
      />
      <Input
        label="Adresse email professionnelle"
        {...fieldState(update.error, "email")}
        nativeInputProps={{ name: "email", type: "email", required: true, value: email, onChange: (e) => setEmail(e.target.value) }}
      />
      {roles.length > 1 && (
        <Select
          label="Rôle"
          hint="Un changement de rôle s’applique au prochain renouvellement de la session de l’agent."
          {...fieldState(update.error, "role")}
          nativeSelectProps={{ name: "role", value: role, onChange: (e) => setRole(e.target.value as PersonRole) }}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </Select>
      )}
      {editsCaisse && (
        <Input
          label="Code de la caisse"
          {...fieldState(update.error, "caisse_code")}
          nativeInputProps={{ name: "caisse_code", required: true, value: caisse, onChange: (e) => setCaisse(e.target.value) }}
        />
      )}
      <Button type="submit" disabled={update.isPending}>
        Enregistrer
      </Button>
    </form>
  );
}

function StatusActions({ account }: { account: Account }) {
  const deactivate = useAccountAction(account.id, "/accounts/{account_id}/deactivate");
  const reactivate = useAccountAction(account.id, "/accounts/{account_id}/reactivate");
  const invite = useAccountAction(account.id, "/accounts/{account_id}/invitation");
  const failed = [deactivate, reactivate, invite].find((m) => m.isError);
  return (
    <section>
      <h2 className="fr-h4">Accès</h2>
      {failed && <Alert className="fr-mb-2w" severity="error" small description={errorMessage(failed.error)} />}
      {invite.isSuccess && (
        <Alert className="fr-mb-2w" severity="success" small description="Une nouvelle invitation a été envoyée ; le lien précédent ne fonctionne plus." />
      )}
      <ul className="fr-btns-group fr-btns-group--inline">
        {account.status === "invited" && (
          <li>
            <Button priority="secondary" onClick={() => invite.mutate()} disabled={invite.isPending}>
              Renvoyer l’invitation
            </Button>
          </li>
        )}
        <li>
          {account.active ? (
            <Button priority="secondary" iconId="fr-icon-close-circle-line" onClick={() => deactivate.mutate()} disabled={deactivate.isPending}>
              Désactiver le compte
            </Button>
          ) : (
            <Button priority="secondary" onClick={() => reactivate.mutate()} disabled={reactivate.isPending}>
              Réactiver le compte
            </Button>
          )}
        </li>
      </ul>
      <p className="fr-hint-text">
        Un compte désactivé ne peut plus se connecter ; sa session s’arrête au prochain renouvellement. Son agenda et
        son historique restent.
      </p>
    </section>
  );
}

/**
 * A counselor of the manager's own caisse and their record in interviews (same username):
 * without one they have no agenda, so the manager can create it here.
 */
function CounselorRecord({ account }: { account: Account }) {
  const counselors = useCounselors();
  const create = useCreateCounselorRecord();
  if (!counselors.data) return null;
  const record = counselors.data.find((c) => c.username === account.username);
  return (
    <section className="fr-mb-4w">
      <h2 className="fr-h4">Fiche conseiller</h2>
      {record ? (
        <p>Ce compte a sa fiche conseiller : son agenda et ses disponibilités sont dans « Agenda » et « Disponibilités ».</p>
      ) : (
        <>
          <p>Ce compte n’a pas encore de fiche conseiller : sans elle, pas d’agenda ni de rendez-vous.</p>
          {create.isError && <Alert className="fr-mb-2w" severity="error" small description={errorMessage(create.error)} />}
          <Button priority="secondary" onClick={() => create.mutate(account)} disabled={create.isPending}>
            Créer sa fiche conseiller
          </Button>
        </>
      )}
    </section>
  );
}

export function AccountPage() {
  const { id = "" } = useParams();
  const arrival = useLocation().state as Arrival;
  const account = useAccount(id);
  const session = useSession();
  const ownCaisse = session?.user.role === "caisse_manager";
  usePageTitle(account.data ? account.data.full_name : "Compte");

  return (
    <div className="fr-container fr-py-4w">
      <p>
        <Link to="/comptes">← Tous les comptes</Link>
      </p>
      {account.isPending && <p role="status">Chargement du compte…</p>}
      {account.isError && <Alert severity="error" title="Compte introuvable" description={errorMessage(account.error)} />}
      {account.data && (
        <>
          <h1>
            {account.data.full_name}{" "}
            <Badge noIcon severity={STATUS_SEVERITY[account.data.status]}>
              {STATUS_LABELS[account.data.status]}
            </Badge>
          </h1>
          {arrival?.invited && (
            <Alert
              className="fr-mb-3w"
              severity="success"
              title="Invitation envoyée"
              description={`${account.data.email ?? ""} va recevoir un lien pour choisir son mot de passe.`}
            />
          )}
          {arrival?.counselorError && (
            <Alert
              className="fr-mb-3w"
              severity="warning"
              title="Fiche conseiller non créée"
              description={`${arrival.counselorError} Vous pouvez la créer ci-dessous.`}
            />
          )}
          <p>
            Identifiant : <strong>{account.data.username}</strong> — {roleLabel(account.data.role)}
            {account.data.caisse_code ? `, caisse ${account.data.caisse_code}` : ""}
          </p>
          <EditForm account={account.data} />
          {ownCaisse && account.data.role === "counselor" && <CounselorRecord account={account.data} />}
          <StatusActions account={account.data} />
        </>
      )}
    </div>
  );
}
