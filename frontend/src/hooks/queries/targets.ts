import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { targetingApi } from "../../api/client";
import { unwrap } from "../../api/problem";
import type { TargetDefinition, TargetListCreate } from "../../api/types";
import { type DownloadedFile, type ExportFormat, fetchedFile } from "../../components/download";
import { jobsKeys } from "./jobs";

/** Members shown per page of a target list. */
export const MEMBERS_PAGE_SIZE = 200;
const LIST_POLL_MS = 1000;

export type TargetListsParams = { actionId?: number; limit: number; offset: number };

export const targetsKeys = {
  all: ["targeting", "targets"] as const,
  actionVolumetry: (actionId: number) => [...targetsKeys.all, "action-volumetry", actionId] as const,
  // Keyed by the definition's canonical JSON, so equal definitions share one answer.
  volumetry: (definitionKey: string) => [...targetsKeys.all, "volumetry", definitionKey] as const,
  lists: () => [...targetsKeys.all, "lists"] as const,
  listPage: (params: TargetListsParams) => [...targetsKeys.lists(), "page", params] as const,
  list: (id: string) => [...targetsKeys.lists(), "detail", id] as const,
  members: (id: string, afterRank: number, limit: number) =>
    [...targetsKeys.all, "members", id, afterRank, limit] as const,
};

/** Counts of an action's saved target, per caisse and priority group. */
export function useActionVolumetry(actionId: number, enabled: boolean) {
  return useQuery({
    queryKey: targetsKeys.actionVolumetry(actionId),
    queryFn: async ({ signal }) =>
      unwrap(
        await targetingApi.GET("/actions/{action_id}/volumetry", {
          params: { path: { action_id: actionId } },
          signal,
        }),
      ),
    enabled,
  });
}

/**
 * Counts of a definition being edited. `definitionKey` is its canonical JSON (or null
 * for no request); the previous answer stays shown while the next one is computed.
 */
export function useDefinitionVolumetry(definitionKey: string | null) {
  return useQuery({
    queryKey: targetsKeys.volumetry(definitionKey ?? ""),
    queryFn: async ({ signal }) =>
      unwrap(
        await targetingApi.POST("/volumetry", {
          body: { definition: JSON.parse(definitionKey!) as TargetDefinition },
          signal,
        }),
      ),
    enabled: definitionKey !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** The target lists of the caller's scope, optionally of one action; polled while one builds. */
export function useTargetLists(params: TargetListsParams) {
  return useQuery({
    queryKey: targetsKeys.listPage(params),
    queryFn: async ({ signal }) =>
      unwrap(
        await targetingApi.GET("/target-lists", {
          params: {
            query: { action_id: params.actionId, limit: params.limit, offset: params.offset },
          },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      query.state.data?.items.some((list) => list.status === "building") ? LIST_POLL_MS : false,
  });
}

export function useTargetList(id: string) {
  return useQuery({
    queryKey: targetsKeys.list(id),
    queryFn: async ({ signal }) =>
      unwrap(
        await targetingApi.GET("/target-lists/{list_id}", {
          params: { path: { list_id: id } },
          signal,
        }),
      ),
    refetchInterval: (query) => (query.state.data?.status === "building" ? LIST_POLL_MS : false),
  });
}

async function fetchMembers(id: string, afterRank: number, limit: number, signal?: AbortSignal) {
  return unwrap(
    await targetingApi.GET("/target-lists/{list_id}/members", {
      params: { path: { list_id: id }, query: { after_rank: afterRank, limit } },
      signal,
    }),
  );
}

/** One page of a list's members, by rank (keyset: the ranks after `afterRank`). */
export function useListMembers(id: string, afterRank: number, enabled: boolean) {
  return useQuery({
    queryKey: targetsKeys.members(id, afterRank, MEMBERS_PAGE_SIZE),
    queryFn: ({ signal }) => fetchMembers(id, afterRank, MEMBERS_PAGE_SIZE, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Fetches the next page ahead of time so "Page suivante" answers at once. */
export function usePrefetchMembers() {
  const queryClient = useQueryClient();
  return useCallback(
    (id: string, afterRank: number) =>
      queryClient.prefetchQuery({
        queryKey: targetsKeys.members(id, afterRank, MEMBERS_PAGE_SIZE),
        queryFn: ({ signal }) => fetchMembers(id, afterRank, MEMBERS_PAGE_SIZE, signal),
        staleTime: 30_000,
      }),
    [queryClient],
  );
}

/** Starts freezing an action's target into a list; answers the list and its job. */
export function useMaterialiseList(actionId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: TargetListCreate) =>
      unwrap(
        await targetingApi.POST("/actions/{action_id}/target-lists", {
          params: { path: { action_id: actionId } },
          body,
        }),
      ),
    onSuccess: ({ list, job }) => {
      queryClient.setQueryData(jobsKeys.detail(job.id), job);
      queryClient.setQueryData(targetsKeys.list(list.id), list);
      void queryClient.invalidateQueries({ queryKey: targetsKeys.lists() });
    },
  });
}

/** The whole list as CSV or XLSX (no NIR). */
export async function fetchListExport(
  id: string,
  format: ExportFormat,
): Promise<DownloadedFile> {
  return fetchedFile(
    targetingApi.GET("/target-lists/{list_id}/export.{format}", {
      params: { path: { list_id: id, format } },
      parseAs: "blob",
    }),
    `liste-${id}.${format}`,
  );
}
