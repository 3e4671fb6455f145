import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { identityApi, interviewsApi } from "../../api/client";
import { unwrap } from "../../api/problem";
import { interviewsKeys } from "./interviews";
import type { AccountCreate, AccountsQuery, AccountUpdate, MachineClientCreate, Scope } from "../../api/types";

export const accountKeys = {
  all: ["identity", "accounts"] as const,
  list: (query: AccountsQuery) => [...accountKeys.all, "list", query] as const,
  detail: (id: string) => [...accountKeys.all, "detail", id] as const,
};

export const clientKeys = {
  all: ["identity", "machine-clients"] as const,
  list: (query: { limit: number; offset: number }) => [...clientKeys.all, "list", query] as const,
};

/** A page of the accounts the signed-in user manages. */
export function useAccounts(query: AccountsQuery) {
  return useQuery({
    queryKey: accountKeys.list(query),
    queryFn: async ({ signal }) =>
      unwrap(await identityApi.GET("/accounts", { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useAccount(id: string) {
  return useQuery({
    queryKey: accountKeys.detail(id),
    queryFn: async ({ signal }) =>
      unwrap(
        await identityApi.GET("/accounts/{account_id}", {
          params: { path: { account_id: id } },
          signal,
        }),
      ),
  });
}

/**
 * Creates the account (identity emails the invitation) and, for a counselor when asked, its
 * counselor record in interviews under the same username: each service writes its own.
 */
export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ account, counselorRecord }: { account: AccountCreate; counselorRecord: boolean }) => {
      const created = unwrap(await identityApi.POST("/accounts", { body: account }));
      let counselorError: unknown = null;
      if (counselorRecord) {
        try {
          await createCounselorRecord(created);
        } catch (error) {
          counselorError = error;
        }
      }
      return { created, counselorError };
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: interviewsKeys.counselors() });
      return queryClient.invalidateQueries({ queryKey: accountKeys.all });
    },
  });
}

async function createCounselorRecord(account: { username: string; full_name: string }) {
  return unwrap(
    await interviewsApi.POST("/counselors", {
      body: { username: account.username, full_name: account.full_name },
    }),
  );
}

/** The counselor record (interviews) of an account of the manager's own caisse. */
export function useCreateCounselorRecord() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCounselorRecord,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: interviewsKeys.counselors() }),
  });
}

export function useUpdateAccount(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: AccountUpdate) =>
      unwrap(
        await identityApi.PATCH("/accounts/{account_id}", {
          params: { path: { account_id: id } },
          body,
        }),
      ),
    onSuccess: (account) => {
      queryClient.setQueryData(accountKeys.detail(id), account);
      return queryClient.invalidateQueries({ queryKey: [...accountKeys.all, "list"] });
    },
  });
}

type AccountAction = "/accounts/{account_id}/deactivate" | "/accounts/{account_id}/reactivate" | "/accounts/{account_id}/invitation";

/** Deactivate, reactivate, or send the invitation again. */
export function useAccountAction(id: string, action: AccountAction) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(await identityApi.POST(action, { params: { path: { account_id: id } } })),
    onSuccess: (account) => {
      queryClient.setQueryData(accountKeys.detail(id), account);
      return queryClient.invalidateQueries({ queryKey: [...accountKeys.all, "list"] });
    },
  });
}

export function useMachineClients(query: { limit: number; offset: number }) {
  return useQuery({
    queryKey: clientKeys.list(query),
    queryFn: async ({ signal }) =>
      unwrap(await identityApi.GET("/machine-clients", { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useRegisterClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: MachineClientCreate) =>
      unwrap(await identityApi.POST("/machine-clients", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientKeys.all }),
  });
}

export function useUpdateClientScopes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, scopes }: { id: string; scopes: Scope[] }) =>
      unwrap(
        await identityApi.PATCH("/machine-clients/{client_id}", {
          params: { path: { client_id: id } },
          body: { scopes },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientKeys.all }),
  });
}

export function useRotateSecret() {
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(
        await identityApi.POST("/machine-clients/{client_id}/secret", {
          params: { path: { client_id: id } },
        }),
      ),
  });
}

export function useRevokeClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(
        await identityApi.POST("/machine-clients/{client_id}/revoke", {
          params: { path: { client_id: id } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientKeys.all }),
  });
}
