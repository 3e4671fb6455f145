import { Link } from "react-router-dom";
import { usePageTitle } from "./usePageTitle";

export function NotFoundPage() {
  usePageTitle("Page non trouvée");
  return (
    <div className="fr-container fr-py-6w">
      <h1>Page non trouvée</h1>
      <p>La page que vous cherchez n’existe pas ou a été déplacée.</p>
      <Link className="fr-link" to="/">
        Retour à l’accueil
      </Link>
    </div>
  );
}
