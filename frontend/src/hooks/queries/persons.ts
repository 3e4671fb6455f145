import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { targetingApi } from "../../api/client";
import { unwrap } from "../../api/problem";
import type { PersonSearch } from "../../api/types";

/** Why a counselor opens a file, written to the audit log with each read. */
export const PERSON_READ_PURPOSE = "consultation du dossier";
export const PERSON_SEARCH_PURPOSE = "recherche d'un assuré";

export type PersonSearchParams = { criteria: PersonSearch; limit: number; offset: number };

export const personsKeys = {
  all: ["targeting", "persons"] as const,
  // The criteria (possibly a NIR) stay in memory: the search is a POST, never a URL.
  search: (params: PersonSearchParams) => [...personsKeys.all, "search", params] as const,
  detail: (id: number) => [...personsKeys.all, "detail", id] as const,
};

/** A page of the people matching a NIR (exact) or a last name (prefix); null = no search yet. */
export function usePersonSearch(params: PersonSearchParams | null) {
  return useQuery({
    queryKey: personsKeys.search(params ?? { criteria: {}, limit: 0, offset: 0 }),
    queryFn: async ({ signal }) =>
      unwrap(
        await targetingApi.POST("/persons/search", {
          body: { ...params!.criteria, purpose: PERSON_SEARCH_PURPOSE },
          params: { query: { limit: params!.limit, offset: params!.offset } },
          signal,
        }),
      ),
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });
}

/** A person's whole file (every read is audited with its purpose). */
export function usePerson(id: number) {
  return useQuery({
    queryKey: personsKeys.detail(id),
    queryFn: async ({ signal }) =>
      unwrap(
        await targetingApi.GET("/persons/{person_id}", {
          params: { path: { person_id: id }, query: { purpose: PERSON_READ_PURPOSE } },
          signal,
        }),
      ),
    enabled: Number.isSafeInteger(id) && id > 0,
  });
}

/** Records (or withdraws) the person's objection to being contacted. */
export function useSetOpposition(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (contactOptOut: boolean) =>
      unwrap(
        await targetingApi.PUT("/persons/{person_id}/opposition", {
          params: { path: { person_id: id } },
          body: { contact_opt_out: contactOptOut },
        }),
      ),
    onSuccess: (person) => {
      queryClient.setQueryData(personsKeys.detail(id), person);
      void queryClient.invalidateQueries({ queryKey: [...personsKeys.all, "search"] });
    },
  });
}
