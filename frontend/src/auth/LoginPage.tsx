import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { ProConnectButton } from "@codegouvfr/react-dsfr/ProConnectButton";
import { useState, type FormEvent } from "react";
import { Link, Navigate, useLocation, type Location } from "react-router-dom";
import { errorMessage } from "../api/problem";
import { useLogin, useResumeSession, useSignInOptions } from "../hooks/queries/auth";
import { usePageTitle } from "../layout/usePageTitle";
import { useSession } from "./session";

const HOME = "/caisses";
/** Identity's route sending the browser to the provider (through the SPA's proxy). */
const PROVIDER_SIGN_IN = "/api/identity/oidc/login";

function redirectTarget(state: unknown): string {
  const from = (state as { from?: Location } | null)?.from;
  return from && from.pathname !== "/connexion" ? `${from.pathname}${from.search}` : HOME;
}

export function LoginPage() {
  usePageTitle("Connexion");
  const session = useSession();
  const location = useLocation();
  const login = useLogin();
  const options = useSignInOptions();
  useResumeSession();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");

  // Already signed in, or just signed in (useLogin starts the session).
  if (session) return <Navigate to={redirectTarget(location.state)} replace />;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    login.mutate({ username: username.trim(), password });
  }

  return (
    <div className="fr-container fr-py-6w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Connexion</h1>
          <p>Connectez-vous avec votre compte de la plateforme de politique de contact.</p>
          {options.data?.oidc_provider && (
            <div className="fr-mb-4w">
              <h2 className="fr-h5">Avec {options.data.oidc_provider}</h2>
              <ProConnectButton url={PROVIDER_SIGN_IN} />
              <p className="fr-hr-or fr-mt-2w">ou</p>
            </div>
          )}
          {login.isError && (
            <Alert
              className="fr-mb-3w"
              severity="error"
              title="Connexion impossible"
              description={errorMessage(login.error)}
            />
          )}
          <form onSubmit={onSubmit}>
            <Input
              label="Identifiant"
              nativeInputProps={{
                name: "username",
                autoComplete: "username",
                required: true,
                value: username,
                onChange: (e) => setUsername(e.target.value),
              }}
            />
            <Input
              label="Mot de passe"
              nativeInputProps={{
                name: "password",
                type: "password",
                autoComplete: "current-password",
                required: true,
                value: password,
                onChange: (e) => setPassword(e.target.value),
              }}
            />
            <p className="fr-mb-3w">
              <Link to="/mot-de-passe/oublie">Mot de passe oublié ?</Link>
            </p>
            <Button type="submit" disabled={login.isPending}>
              Se connecter
            </Button>
          </form>
        </div>
      </div>
    </div>
  );
}
