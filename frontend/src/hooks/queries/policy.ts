import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { targetingApi } from "../../api/client";
import { unwrap } from "../../api/problem";
import type { ActionCreate, ActionUpdate, CarryOver, YearPreparation } from "../../api/types";

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

/** The years of the policy (caisses: those whose socle is published), newest first. */
export function usePolicyYears() {
  return useQuery({
    queryKey: [...policyKeys.all, "years"] as const,
    queryFn: async ({ signal }) => unwrap(await targetingApi.GET("/policy/years", { signal })),
  });
}

function useInvalidatePolicy() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: policyKeys.all });
}

/** The national office prepares ``year``'s socle from an earlier year's. */
export function usePrepareYear(year: number) {
  const invalidate = useInvalidatePolicy();
  return useMutation({
    mutationFn: async (body: YearPreparation) =>
      unwrap(
        await targetingApi.POST("/policy/{year}/preparation", { params: { path: { year } }, body }),
      ),
    onSuccess: invalidate,
  });
}

/** Sets (or withdraws, with null) the date from which caisses see a prepared socle. */
export function usePublishYear(year: number) {
  const invalidate = useInvalidatePolicy();
  return useMutation({
    mutationFn: async (publishedOn: string | null) =>
      unwrap(
        await targetingApi.PUT("/policy/{year}/publication", {
          params: { path: { year } },
          body: { published_on: publishedOn },
        }),
      ),
    onSuccess: invalidate,
  });
}

/** A manager carries over the caisse's regional actions of an earlier year. */
export function useCarryOver(year: number) {
  const invalidate = useInvalidatePolicy();
  return useMutation({
    mutationFn: async (body: CarryOver) =>
      unwrap(
        await targetingApi.POST("/policy/{year}/carry-over", { params: { path: { year } }, body }),
      ),
    onSuccess: invalidate,
  });
}
