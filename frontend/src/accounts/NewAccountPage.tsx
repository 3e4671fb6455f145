import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { errorMessage } from "../api/problem";
import type { PersonRole } from "../api/types";
import { roleLabel } from "../auth/roles";
import { useSession } from "../auth/session";
import { useCreateAccount } from "../hooks/queries/accounts";
import { usePageTitle } from "../layout/usePageTitle";
import { fieldState } from "./fieldState";
import { isCaisseRole, managedRoles } from "./rules";

/** Invites an agent: the account is created and its owner emailed a link to choose a password. */
export function NewAccountPage() {
  usePageTitle("Inviter un agent");
  const session = useSession();
  const navigate = useNavigate();
  const create = useCreateAccount();
  const viewer = session?.user;
  const roles = viewer ? managedRoles(viewer.role) : [];
  const [fullName, setFullName] = useState("");
  const [username, setUsername] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<PersonRole>(roles[0] ?? "counselor");
  const [caisse, setCaisse] = useState("");
  // A counselor of one's own caisse gets their agenda record at once (interviews).
  const ownCaisse = viewer?.role === "caisse_manager";
  const [counselorRecord, setCounselorRecord] = useState(true);
  const askCaisse = isCaisseRole(role) && !ownCaisse;

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      {
        account: {
          full_name: fullName.trim(),
          username: username.trim(),
          email: email.trim(),
          role,
          caisse_code: askCaisse ? caisse.trim().toUpperCase() : null,
        },
        counselorRecord: ownCaisse && role === "counselor" && counselorRecord,
      },
      {
        onSuccess: ({ created, counselorError }) =>
          navigate(`/comptes/${created.id}`, {
            state: {
              invited: true,
              counselorError: counselorError ? errorMessage(counselorError) : null,
            },
          }),
      },
    );
  }

  return (
    <div className="fr-container fr-py-4w">
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8">
          <h1>Inviter un agent</h1>
          <p>
            Le compte est créé aussitôt ; son titulaire reçoit par email un lien à usage unique pour
            choisir son mot de passe.
          </p>
          {create.isError && (
            <Alert
              className="fr-mb-3w"
              severity="error"
              title="Invitation impossible"
              description={errorMessage(create.error)}
            />
          )}
          <form onSubmit={submit}>
            <Input
              label="Nom complet"
              {...fieldState(create.error, "full_name")}
              nativeInputProps={{ name: "full_name", required: true, value: fullName, onChange: (e) => setFullName(e.target.value) }}
            />
            <Input
              label="Identifiant"
              hintText="Lettres, chiffres, « . », « _ » ou « - » (par exemple prenom.nom)"
              {...fieldState(create.error, "username")}
              nativeInputProps={{ name: "username", required: true, value: username, onChange: (e) => setUsername(e.target.value) }}
            />
            <Input
              label="Adresse email professionnelle"
              {...fieldState(create.error, "email")}
              nativeInputProps={{ name: "email", type: "email", required: true, value: email, onChange: (e) => setEmail(e.target.value) }}
            />
            <Select
              label="Rôle"
              {...fieldState(create.error, "role")}
              nativeSelectProps={{ name: "role", value: role, onChange: (e) => setRole(e.target.value as PersonRole) }}
            >
              {roles.map((r) => (
                <option key={r} value={r}>
                  {roleLabel(r)}
                </option>
              ))}
            </Select>
            {askCaisse && (
              <Input
                label="Code de la caisse"
                hintText="Par exemple ALPES"
                {...fieldState(create.error, "caisse_code")}
                nativeInputProps={{ name: "caisse_code", required: true, value: caisse, onChange: (e) => setCaisse(e.target.value) }}
              />
            )}
            {ownCaisse && role === "counselor" && (
              <Checkbox
                options={[
                  {
                    label: "Créer aussi sa fiche conseiller (agenda et disponibilités)",
                    nativeInputProps: {
                      checked: counselorRecord,
                      onChange: (e) => setCounselorRecord(e.target.checked),
                    },
                  },
                ]}
              />
            )}
            <Button type="submit" disabled={create.isPending}>
              Envoyer l’invitation
            </Button>
          </form>
        </div>
      </div>
    </div>
  );
}
