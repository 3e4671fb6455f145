import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { errorMessage } from "../api/problem";
import { useRequestPasswordReset } from "../hooks/queries/passwords";
import { usePageTitle } from "../layout/usePageTitle";

/** Asks for a reset link by email; the answer never says whether the account exists. */
export function ForgotPasswordPage() {
  usePageTitle("Mot de passe oublié");
  const reset = useRequestPasswordReset();
  const [identifier, setIdentifier] = useState("");

  function submit(event: FormEvent) {
    event.preventDefault();
    reset.mutate(identifier.trim());
  }

  return (
    <div className="fr-container fr-py-6w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Mot de passe oublié</h1>
          {reset.isSuccess ? (
            <Alert severity="info" title="Demande enregistrée" description={reset.data.detail} />
          ) : (
            <>
              <p>Indiquez votre identifiant ou votre adresse email : vous recevrez un lien pour choisir un nouveau mot de passe.</p>
              {reset.isError && <Alert className="fr-mb-3w" severity="error" small description={errorMessage(reset.error)} />}
              <form onSubmit={submit}>
                <Input
                  label="Identifiant ou adresse email"
                  nativeInputProps={{
                    name: "identifier",
                    autoComplete: "username",
                    required: true,
                    value: identifier,
                    onChange: (e) => setIdentifier(e.target.value),
                  }}
                />
                <Button type="submit" disabled={reset.isPending}>
                  Recevoir un lien
                </Button>
              </form>
            </>
          )}
          <p className="fr-mt-3w">
            <Link to="/connexion">Retour à la connexion</Link>
          </p>
        </div>
      </div>
    </div>
  );
}
