import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useState, type FormEvent } from "react";
import { errorMessage } from "../api/problem";
import { fieldState } from "../accounts/fieldState";
import { useChangePassword } from "../hooks/queries/passwords";
import { usePageTitle } from "../layout/usePageTitle";
import { NewPasswordFields } from "./NewPasswordFields";

/** The signed-in person changes their password; the current one is asked first. */
export function ChangePasswordPage() {
  usePageTitle("Changer de mot de passe");
  const change = useChangePassword();
  const [current, setCurrent] = useState("");
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");

  function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== confirmation) return;
    change.mutate(
      { current_password: current, new_password: password },
      {
        onSuccess: () => {
          setCurrent("");
          setPassword("");
          setConfirmation("");
        },
      },
    );
  }

  return (
    <div className="fr-container fr-py-6w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Changer de mot de passe</h1>
          {change.isSuccess && <Alert className="fr-mb-3w" severity="success" small description="Votre mot de passe a été changé." />}
          {change.isError && <Alert className="fr-mb-3w" severity="error" small description={errorMessage(change.error)} />}
          <form onSubmit={submit}>
            <Input
              label="Mot de passe actuel"
              {...fieldState(change.error, "current_password")}
              nativeInputProps={{
                name: "current_password",
                type: "password",
                autoComplete: "current-password",
                required: true,
                value: current,
                onChange: (e) => setCurrent(e.target.value),
              }}
            />
            <NewPasswordFields
              password={password}
              confirmation={confirmation}
              onPassword={setPassword}
              onConfirmation={setConfirmation}
              error={change.error}
              field="new_password"
            />
            <Button type="submit" disabled={change.isPending}>
              Changer le mot de passe
            </Button>
          </form>
        </div>
      </div>
    </div>
  );
}
