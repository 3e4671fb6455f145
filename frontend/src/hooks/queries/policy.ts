import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { targetingApi } from "../../api/client";
import { unwrap } from "../../api/problem";
import type { ActionCreate, ActionUpdate } from "../../api/types";

export const policyKeys = {
  all: ["targeting", "policy"] as const,
  actions: (year: number) => [...policyKeys.all, "year", year] as const,
  action: (id: number) => [...policyKeys.all, "action", id] as const,
};

/** The year's socle (national actions) and the caller's caisse's regional actions. */
export function useActions(year: number) {
  return useQuery({
    queryKey: policyKeys.actions(year),
    queryFn: async ({ signal }) =>
      unwrap(
        await targetingApi.GET("/policy/{year}/actions", { params: { path: { year } }, signal }),
      ),
  });
}

export function useAction(id: number | undefined) {
  return useQuery({
    queryKey: policyKeys.action(id ?? 0),
    queryFn: async ({ signal }) =>
      unwrap(
        await targetingApi.GET("/actions/{action_id}", {
          params: { path: { action_id: id! } },
          signal,
        }),
      ),
    enabled: id !== undefined && Number.isSafeInteger(id) && id > 0,
  });
}

/** Edits an action (e.g. its target definition). */
export function useUpdateAction(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (changes: ActionUpdate) =>
      unwrap(
        await targetingApi.PATCH("/actions/{action_id}", {
          params: { path: { action_id: id } },
          body: changes,
        }),
      ),
    onSuccess: (action) => {
      queryClient.setQueryData(policyKeys.action(id), action);
      void queryClient.invalidateQueries({ queryKey: policyKeys.actions(action.year) });
      void queryClient.invalidateQueries({ queryKey: ["targeting", "targets", "action-volumetry", id] });
    },
  });
}

/** Adds an action: a regional one for a manager, one of the socle for the national office. */
export function useCreateAction(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (action: ActionCreate) =>
      unwrap(
        await targetingApi.POST("/policy/{year}/actions", {
          params: { path: { year } },
          body: action,
        }),
      ),
    onSuccess: (action) => {
      queryClient.setQueryData(policyKeys.action(action.id), action);
      void queryClient.invalidateQueries({ queryKey: policyKeys.actions(year) });
    },
  });
}
