import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { reportingApi } from "../../api/client";
import { unwrap } from "../../api/problem";
import type { Qualitative } from "../../api/types";
import { type ExportFormat, fetchedFile } from "../../components/download";

export const reportingKeys = {
  all: ["reporting"] as const,
  bilan: (year: number, caisse: string) => [...reportingKeys.all, "bilan", year, caisse] as const,
  versions: (year: number, caisse: string) =>
    [...reportingKeys.all, "versions", year, caisse] as const,
  national: (year: number) => [...reportingKeys.all, "national", year] as const,
};

const bilanPath = (year: number, caisse: string) => ({ path: { year, caisse_code: caisse } });

/** A caisse's bilan: the live draft, or its submitted version while submitted. */
export function useBilan(year: number, caisse: string | undefined) {
  return useQuery({
    queryKey: reportingKeys.bilan(year, caisse ?? ""),
    queryFn: async ({ signal }) =>
      unwrap(
        await reportingApi.GET("/v1/bilans/{year}/{caisse_code}", {
          params: bilanPath(year, caisse!),
          signal,
        }),
      ),
    enabled: Boolean(caisse),
  });
}

export function useBilanVersions(year: number, caisse: string) {
  return useQuery({
    queryKey: reportingKeys.versions(year, caisse),
    queryFn: async ({ signal }) =>
      unwrap(
        await reportingApi.GET("/v1/bilans/{year}/{caisse_code}/versions", {
          params: bilanPath(year, caisse),
          signal,
        }),
      ),
  });
}

function useBilanChange<Result, Variables>(
  year: number,
  caisse: string,
  mutationFn: (variables: Variables) => Promise<Result>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: reportingKeys.bilan(year, caisse) });
      void queryClient.invalidateQueries({ queryKey: reportingKeys.versions(year, caisse) });
      void queryClient.invalidateQueries({ queryKey: reportingKeys.national(year) });
    },
  });
}

/** Saves the caisse's own sections (a draft only). */
export function useSaveQualitative(year: number, caisse: string) {
  return useBilanChange(year, caisse, async (body: Qualitative) =>
    unwrap(
      await reportingApi.PUT("/v1/bilans/{year}/{caisse_code}/qualitative", {
        params: bilanPath(year, caisse),
        body,
      }),
    ),
  );
}

/** Freezes the bilan as its next version. */
export function useSubmitBilan(year: number, caisse: string) {
  return useBilanChange(year, caisse, async (_: void) =>
    unwrap(
      await reportingApi.POST("/v1/bilans/{year}/{caisse_code}/submit", {
        params: bilanPath(year, caisse),
      }),
    ),
  );
}

/** National office: a submitted bilan becomes a draft again. */
export function useReopenBilan(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ caisse, version, reason }: { caisse: string; version: number; reason: string }) =>
      unwrap(
        await reportingApi.POST("/v1/bilans/{year}/{caisse_code}/reopen", {
          params: bilanPath(year, caisse),
          body: { version, reason },
        }),
      ),
    onSuccess: (_, { caisse }) => {
      void queryClient.invalidateQueries({ queryKey: reportingKeys.national(year) });
      void queryClient.invalidateQueries({ queryKey: reportingKeys.bilan(year, caisse) });
      void queryClient.invalidateQueries({ queryKey: reportingKeys.versions(year, caisse) });
    },
  });
}

/** Every caisse's submission state and the consolidation of the submitted bilans. */
export function useNationalBilan(year: number) {
  return useQuery({
    queryKey: reportingKeys.national(year),
    queryFn: async ({ signal }) =>
      unwrap(
        await reportingApi.GET("/v1/national/{year}", { params: { path: { year } }, signal }),
      ),
  });
}

export function fetchBilanExport(year: number, caisse: string, format: ExportFormat) {
  return fetchedFile(
    reportingApi.GET("/v1/bilans/{year}/{caisse_code}/export.{format}", {
      params: { path: { ...bilanPath(year, caisse).path, format } },
      parseAs: "blob",
    }),
    `bilan-${year}-${caisse}.${format}`,
  );
}

export function fetchBilanPdf(year: number, caisse: string) {
  return fetchedFile(
    reportingApi.GET("/v1/bilans/{year}/{caisse_code}/bilan.pdf", {
      params: bilanPath(year, caisse),
      parseAs: "blob",
    }),
    `bilan-${year}-${caisse}.pdf`,
  );
}

export function fetchNationalExport(year: number, format: ExportFormat) {
  return fetchedFile(
    reportingApi.GET("/v1/national/{year}/export.{format}", {
      params: { path: { year, format } },
      parseAs: "blob",
    }),
    `bilan-national-${year}.${format}`,
  );
}

/** Every caisse's figures computed now from the services, submitted or not. */
export function useNationalLive(year: number, enabled: boolean) {
  return useQuery({
    queryKey: [...reportingKeys.national(year), "live"],
    queryFn: async ({ signal }) =>
      unwrap(
        await reportingApi.GET("/v1/national/{year}/live", { params: { path: { year } }, signal }),
      ),
    enabled,
  });
}
