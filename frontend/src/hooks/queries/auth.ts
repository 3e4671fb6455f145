import { useMutation, useQuery } from "@tanstack/react-query";
import { identityApi } from "../../api/client";
import { unwrap } from "../../api/problem";
import type { LoginRequest } from "../../api/types";
import { startSession } from "../../auth/session";

export const authKeys = {
  me: ["identity", "me"] as const,
};

/** Logs in and starts the session on success. */
export function useLogin() {
  return useMutation({
    mutationFn: async (credentials: LoginRequest) =>
      unwrap(await identityApi.POST("/auth/login", { body: credentials })),
    onSuccess: (login) => startSession(login),
  });
}

/** The signed-in user as the identity service sees it now. */
export function useMe() {
  return useQuery({
    queryKey: authKeys.me,
    queryFn: async () => unwrap(await identityApi.GET("/auth/me")),
  });
}
