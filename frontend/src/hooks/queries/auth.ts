import { useMutation, useQuery } from "@tanstack/react-query";
import { identityApi, publicIdentityApi, renewSession } from "../../api/client";
import { unwrap } from "../../api/problem";
import type { LoginRequest } from "../../api/types";
import { startSession } from "../../auth/session";

export const authKeys = {
  me: ["identity", "me"] as const,
  signInOptions: ["identity", "sign-in-options"] as const,
  resume: ["identity", "resume"] as const,
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

/** Whether an OpenID Connect provider (ProConnect) is offered on the login page. */
export function useSignInOptions() {
  return useQuery({
    queryKey: authKeys.signInOptions,
    queryFn: async () => unwrap(await publicIdentityApi.GET("/auth/sign-in-options")),
    staleTime: Infinity,
  });
}

/**
 * Resumes the session of the refresh cookie, if any: back from the provider's sign-in, or
 * in a new tab. Starts the session on success; nothing to show otherwise.
 */
export function useResumeSession() {
  return useQuery({
    queryKey: authKeys.resume,
    queryFn: async () => (await renewSession()) !== null,
    retry: false,
    gcTime: 0,
  });
}
