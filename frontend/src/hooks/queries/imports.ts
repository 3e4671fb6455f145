import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { targetingApi } from "../../api/client";
import { unwrap } from "../../api/problem";
import type { ImportMode } from "../../api/types";
import { type DownloadedFile, type ExportFormat, fetchedFile } from "../../components/download";
import { jobsKeys } from "./jobs";

export type ImportErrorsParams = { jobId: string; limit: number; offset: number };

export const importsKeys = {
  all: ["targeting", "imports"] as const,
  errors: (params: ImportErrorsParams) => [...importsKeys.all, "errors", params] as const,
};

/** Uploads a registry CSV; the answer is the import job, to poll. */
export function useStartImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, mode }: { file: File; mode: ImportMode }) =>
      unwrap(
        await targetingApi.POST("/imports", {
          // The contract types the file part as a string (binary); it is a File here.
          body: { file: file as unknown as string, mode },
          bodySerializer: (body) => {
            const form = new FormData();
            form.append("file", body.file as unknown as Blob, file.name);
            form.append("mode", body.mode);
            return form;
          },
        }),
      ),
    onSuccess: (job) => queryClient.setQueryData(jobsKeys.detail(job.id), job),
  });
}

/** A page of the rows an import refused. */
export function useImportErrors(params: ImportErrorsParams, enabled = true) {
  return useQuery({
    queryKey: importsKeys.errors(params),
    queryFn: async ({ signal }) =>
      unwrap(
        await targetingApi.GET("/imports/{job_id}/errors", {
          params: {
            path: { job_id: params.jobId },
            query: { limit: params.limit, offset: params.offset },
          },
          signal,
        }),
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** The whole error report as a CSV or XLSX file. */
export async function fetchImportErrors(
  jobId: string,
  format: ExportFormat,
): Promise<DownloadedFile> {
  return fetchedFile(
    targetingApi.GET("/imports/{job_id}/errors.{format}", {
      params: { path: { job_id: jobId, format } },
      parseAs: "blob",
    }),
    `import-${jobId}-erreurs.${format}`,
  );
}
