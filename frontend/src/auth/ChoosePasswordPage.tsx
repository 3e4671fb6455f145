import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useState, type FormEvent } from "react";
import { Link, useLocation } from "react-router-dom";
import { errorMessage } from "../api/problem";
import { usePasswordLink, useRedeemPasswordLink } from "../hooks/queries/passwords";
import { usePageTitle } from "../layout/usePageTitle";
import { NewPasswordFields } from "./NewPasswordFields";

/**
 * The page an invitation or reset email links to: `/mot-de-passe/choisir#<token>`. The
 * token is in the fragment, which the browser never sends to a server.
 */
export function ChoosePasswordPage() {
  usePageTitle("Choisir votre mot de passe");
  const token = useLocation().hash.replace(/^#/, "");
  const link = usePasswordLink(token);
  const redeem = useRedeemPasswordLink();
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");

  function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== confirmation) return;
    redeem.mutate({ token, password });
  }

  return (
    <div className="fr-container fr-py-6w">
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <h1>Choisir votre mot de passe</h1>
          {token === "" && (
            <Alert severity="error" title="Lien incomplet" description="Ouvrez le lien reçu par email, en entier." />
          )}
          {link.isPending && token !== "" && <p role="status">Vérification du lien…</p>}
          {link.isError && (
            <Alert
              severity="error"
              title="Ce lien ne peut plus servir"
              description={
                <>
                  {errorMessage(link.error)} <Link to="/mot-de-passe/oublie">Demander un nouveau lien</Link>
                </>
              }
            />
          )}
          {redeem.isSuccess ? (
            <Alert
              severity="success"
              title="Mot de passe enregistré"
              description={
                <>
                  Vous pouvez maintenant vous connecter avec l’identifiant <strong>{redeem.data.username}</strong>.{" "}
                  <Link to="/connexion">Se connecter</Link>
                </>
              }
            />
          ) : (
            link.data && (
              <>
                <p>
                  Bonjour {link.data.full_name}, choisissez le mot de passe du compte <strong>{link.data.username}</strong>.
                </p>
                {redeem.isError && (
                  <Alert className="fr-mb-3w" severity="error" title="Mot de passe refusé" description={errorMessage(redeem.error)} />
                )}
                <form onSubmit={submit}>
                  <NewPasswordFields
                    password={password}
                    confirmation={confirmation}
                    onPassword={setPassword}
                    onConfirmation={setConfirmation}
                    error={redeem.error}
                    field="password"
                  />
                  <Button type="submit" disabled={redeem.isPending}>
                    Enregistrer le mot de passe
                  </Button>
                </form>
              </>
            )
          )}
        </div>
      </div>
    </div>
  );
}
