import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { targetingApi } from "../../api/client";
import { unwrap } from "../../api/problem";

export type CaissesParams = { limit: number; offset: number };

export const caissesKeys = {
  all: ["targeting", "caisses"] as const,
  list: (params: CaissesParams) => [...caissesKeys.all, "list", params] as const,
  detail: (code: string) => [...caissesKeys.all, "detail", code] as const,
};

/** A page of the caisses visible to the signed-in user. */
export function useCaisses(params: CaissesParams) {
  return useQuery({
    queryKey: caissesKeys.list(params),
    queryFn: async ({ signal }) =>
      unwrap(await targetingApi.GET("/caisses", { params: { query: params }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useCaisse(code: string) {
  return useQuery({
    queryKey: caissesKeys.detail(code),
    queryFn: async ({ signal }) =>
      unwrap(
        await targetingApi.GET("/caisses/{code}", { params: { path: { code } }, signal }),
      ),
  });
}
