import { Outlet } from "react-router-dom";
import { usePageTitle } from "../layout/usePageTitle";
import { hasFeature, type Feature } from "./roles";
import { useSession } from "./session";

function Forbidden() {
  usePageTitle("Accès non autorisé");
  return (
    <div className="fr-container fr-py-6w">
      <h1>Accès non autorisé</h1>
      <p>Votre profil ne permet pas d’accéder à cette page.</p>
    </div>
  );
}

/** Route guard under <RequireAuth />: the signed-in role must have the feature. */
export function RequireFeature({ feature }: { feature: Feature }) {
  const session = useSession();
  return hasFeature(session?.user.role, feature) ? <Outlet /> : <Forbidden />;
}
