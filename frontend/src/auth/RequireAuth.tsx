import { Navigate, Outlet, useLocation } from "react-router-dom";
import { useSession } from "./session";

/** Route guard: unauthenticated users go to the login page, then come back. */
export function RequireAuth() {
  const session = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/connexion" replace state={{ from: location }} />;
  return <Outlet />;
}
