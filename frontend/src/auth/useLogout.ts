import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { publicIdentityApi } from "../api/client";
import { clearSession } from "./session";

/** Ends the session (revoked by identity, its cookie cleared), drops every cached answer
 * and goes back to the login page. */
export function useLogout(): () => void {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return () => {
    publicIdentityApi.POST("/auth/logout").catch(() => undefined);
    clearSession({ byLogout: true });
    queryClient.clear();
    navigate("/connexion", { replace: true });
  };
}
