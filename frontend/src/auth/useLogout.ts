import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { clearSession } from "./session";

/** Ends the session, drops every cached answer and goes back to the login page. */
export function useLogout(): () => void {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return () => {
    clearSession({ byLogout: true });
    queryClient.clear();
    navigate("/connexion", { replace: true });
  };
}
