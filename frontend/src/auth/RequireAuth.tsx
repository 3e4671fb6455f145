import { Navigate, Outlet, useLocation } from "react-router-dom";
import { sessionEndedByLogout, useSession } from "./session";

/** Route guard: unauthenticated users go to the login page, then come back — unless they
 * logged out, when the next user starts from the home page. */
export function RequireAuth() {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    const state = sessionEndedByLogout() ? null : { from: location };
    return <Navigate to="/connexion" replace state={state} />;
  }
  return <Outlet />;
}
