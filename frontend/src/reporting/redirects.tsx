import { Navigate } from "react-router-dom";
import { useSession } from "../auth/session";
import { DEFAULT_BILAN_YEAR } from "./labels";

/** "Bilan" in the menu: one's own caisse's bilan of the default year. */
export function OwnBilanRedirect() {
  const caisse = useSession()?.user.caisse_code;
  return <Navigate to={caisse ? `/bilans/${DEFAULT_BILAN_YEAR}/${caisse}` : "/bilan-national"} replace />;
}

export function NationalBilanRedirect() {
  return <Navigate to={`/bilan-national/${DEFAULT_BILAN_YEAR}`} replace />;
}
