import { useMutation, useQuery } from "@tanstack/react-query";
import { identityApi } from "../../api/client";
import { unwrap } from "../../api/problem";
import type { PasswordChange } from "../../api/types";

/** Whose emailed link it is (404 unknown, 410 spent or expired). The token goes in a body. */
export function usePasswordLink(token: string) {
  return useQuery({
    queryKey: ["identity", "password-link", token],
    queryFn: async () =>
      unwrap(await identityApi.POST("/auth/password-links/inspect", { body: { token } })),
    enabled: token !== "",
    retry: false,
    staleTime: Infinity,
  });
}

export function useRedeemPasswordLink() {
  return useMutation({
    mutationFn: async (body: { token: string; password: string }) =>
      unwrap(await identityApi.POST("/auth/password-links/redeem", { body })),
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: async (identifier: string) =>
      unwrap(await identityApi.POST("/auth/password-reset", { body: { identifier } })),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: async (body: PasswordChange) => {
      unwrap(await identityApi.POST("/auth/password", { body }));
    },
  });
}
