import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { targetingApi } from "../../api/client";
import { unwrap } from "../../api/problem";
import type { KitDocumentCreate } from "../../api/types";
import { fetchedFile } from "../../components/download";

export const kitKeys = {
  all: ["targeting", "kit"] as const,
  documents: () => [...kitKeys.all, "documents"] as const,
  news: (since: string) => [...kitKeys.all, "news", since] as const,
};

/** Every document of the national kit, with its current version and adaptations. */
export function useKitDocuments() {
  return useQuery({
    queryKey: kitKeys.documents(),
    queryFn: async ({ signal }) => unwrap(await targetingApi.GET("/kit/documents", { signal })),
  });
}

/** Versions published since an instant (what the caller has not seen yet). */
export function useKitNews(since: string | null) {
  return useQuery({
    queryKey: kitKeys.news(since ?? ""),
    queryFn: async ({ signal }) =>
      unwrap(await targetingApi.GET("/kit/news", { params: { query: { since: since! } }, signal })),
    enabled: since !== null,
  });
}

function useInvalidateKit() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: kitKeys.all });
}

export function useCreateKitDocument() {
  const invalidate = useInvalidateKit();
  return useMutation({
    mutationFn: async (body: KitDocumentCreate) =>
      unwrap(await targetingApi.POST("/kit/documents", { body })),
    onSuccess: invalidate,
  });
}

/** A multipart body: the contract types file parts as strings (binary); they are Files here. */
function formData(fields: Record<string, string | File>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (value instanceof File) form.append(name, value, value.name);
    else form.append(name, value);
  }
  return form;
}

export function usePublishKitVersion(documentId: number) {
  const invalidate = useInvalidateKit();
  return useMutation({
    mutationFn: async ({ file, changes }: { file: File; changes: string }) =>
      unwrap(
        await targetingApi.POST("/kit/documents/{document_id}/versions", {
          params: { path: { document_id: documentId } },
          body: { file: file as unknown as string, changes },
          bodySerializer: () => formData({ file, changes }),
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useUploadAdaptation(documentId: number) {
  const invalidate = useInvalidateKit();
  return useMutation({
    mutationFn: async (file: File) =>
      unwrap(
        await targetingApi.PUT("/kit/documents/{document_id}/adaptation", {
          params: { path: { document_id: documentId } },
          body: { file: file as unknown as string },
          bodySerializer: () => formData({ file }),
        }),
      ),
    onSuccess: invalidate,
  });
}

export function fetchKitVersion(documentId: number, version: number, fallback: string) {
  return fetchedFile(
    targetingApi.GET("/kit/documents/{document_id}/versions/{version}/file", {
      params: { path: { document_id: documentId, version } },
      parseAs: "blob",
    }),
    fallback,
  );
}

export function fetchAdaptation(documentId: number, caisse: string, fallback: string) {
  return fetchedFile(
    targetingApi.GET("/kit/documents/{document_id}/adaptations/{caisse_code}/file", {
      params: { path: { document_id: documentId, caisse_code: caisse } },
      parseAs: "blob",
    }),
    fallback,
  );
}
